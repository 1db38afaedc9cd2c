import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MilestoneStatus } from '@coalition/domain';
import { AlertTriangle, Ban, Check, Crosshair, Flag, GanttChart } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Link } from 'wouter';
import { TrackDot } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useCoalition, useRole } from '../../lib/coalition.tsx';
import { cn } from '../../lib/cn.ts';
import { daysBetween, plural } from '@coalition/domain';
import { useCoalitionToday } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { labelOf } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneRefs } from './refs.ts';
import { addMonths, barStart, buildTimelineModel, LANE_H, ROW_H, type TimelineMilestone } from './timelineModel.ts';
import type { Zoom } from './useMilestoneFilters.ts';


const DAY_PX: Record<Zoom, number> = { month: 4, quarter: 1.6, year: 0.5 };
const ZOOM_LABEL: Record<Zoom, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };
const HEADER_H = 80;
const BAR_H = 18;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_ARROWS = 400;

const STATUS_ICON: Partial<Record<MilestoneStatus, typeof Check>> = { done: Check, at_risk: AlertTriangle, blocked: Ban };

/** The coloured, patterned bar of one milestone (status in text and icon, progress as a fill). */
function barStyle(m: TimelineMilestone, color: string): CSSProperties {
  switch (m.status) {
    case 'done':
      return { backgroundColor: color, borderColor: color };
    case 'blocked':
      return {
        borderColor: 'var(--color-red-700)',
        backgroundColor: `${color}33`,
        backgroundImage: `repeating-linear-gradient(135deg, transparent 0 4px, rgba(185,28,28,0.35) 4px 6px)`,
      };
    case 'at_risk':
      return { borderColor: 'var(--color-amber-700)', backgroundColor: `${color}33`, borderStyle: 'solid' };
    case 'dropped':
      return { borderColor: 'var(--color-slate-400)', backgroundColor: 'var(--color-slate-100)', borderStyle: 'dashed' };
    default:
      return { borderColor: color, backgroundColor: `${color}2e` };
  }
}

export default function MilestoneTimeline({ coalitionId, zoom, onZoom, onCreate }: { coalitionId: string; zoom: Zoom; onZoom: (z: Zoom) => void; onCreate: () => void }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.milestone.timeline.queryOptions({ coalitionId }));
  const coalition = useCoalition();
  const refs = useMilestoneRefs(coalitionId);
  const { canEdit } = useRole(coalitionId);
  const today = useCoalitionToday(coalitionId);
  const goalDate = coalition.data?.goalDate ?? null;

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scrollEl, setScrollEl] = useState<HTMLDivElement | null>(null);
  const attachScroll = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    if (el) setNarrow(el.clientWidth < 640);
    setScrollEl(el);
  }, []);
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    if (!scrollEl) return;
    const ro = new ResizeObserver(([e]) => setNarrow((e?.contentRect.width ?? 1000) < 640));
    ro.observe(scrollEl);
    return () => ro.disconnect();
  }, [scrollEl]);
  const labelW = narrow ? 112 : 232;
  const dayPx = DAY_PX[zoom];

  // Rows: one lane header per track (by position), then the coalition-wide lane; milestones by due date.
  const model = useMemo(
    () => (timeline.data ? buildTimelineModel(timeline.data, refs.tracks, today, goalDate) : null),
    [timeline.data, refs.tracks, today, goalDate],
  );

  const x = (iso: string) => (model ? daysBetween(model.start, iso) * dayPx : 0);
  const chartW = model ? daysBetween(model.start, model.end) * dayPx : 0;

  const virtualizer = useVirtualizer({
    count: model?.rows.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (model?.rows[i]?.kind === 'lane' ? LANE_H : ROW_H),
    overscan: 10,
    scrollPaddingStart: HEADER_H,
    paddingStart: 0,
  });
  useEffect(() => virtualizer.measure(), [model, virtualizer]);

  // Jump to a date (keeps it a third of the way in); first load lands on today.
  const scrollToDate = (iso: string, behavior: ScrollBehavior = 'smooth', at = 1 / 3) => {
    const el = scrollRef.current;
    if (!el || !model) return;
    el.scrollTo({ left: Math.max(0, x(iso) - (el.clientWidth - labelW) * at), behavior });
  };
  const landed = useRef(false);
  useEffect(() => {
    if (!model || !scrollEl || landed.current) return;
    landed.current = true;
    // Today when the plan spans it; otherwise the goal; otherwise where the plan starts.
    const within = (d: string) => d >= model.first && d <= model.last;
    if (within(today)) {
      scrollToDate(today, 'auto');
      // …and down to the first milestone still ahead, so the view shows bars rather than history.
      const i = model.rows.findIndex((r) => r.kind === 'ms' && r.m.dueDate >= today);
      if (i > 2 && scrollRef.current) scrollRef.current.scrollTop = model.offsets[i - 1]! - ROW_H;
    }
    // The tracks converge on the goal: show the run-up to it.
    else if (goalDate && goalDate >= model.first) scrollToDate(goalDate, 'auto', 0.8);
    else scrollToDate(model.first, 'auto', 0.05);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- lands once, when the model and the scroll box first exist
  }, [model, scrollEl]);
  // Zooming keeps the date at the centre of the view where it was.
  const centreRef = useRef<{ zoom: Zoom; day: number } | null>(null);
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    centreRef.current = { zoom, day: (el.scrollLeft + (el.clientWidth - labelW) / 2) / dayPx };
  };
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const c = centreRef.current;
    if (!el || !c || c.zoom === zoom) return;
    el.scrollLeft = Math.max(0, c.day * dayPx - (el.clientWidth - labelW) / 2);
    centreRef.current = { zoom, day: c.day };
  }, [zoom, dayPx, labelW]);

  const ticks = useMemo(() => {
    if (!model) return { years: [], minor: [], lines: [] as number[] };
    const years: Array<{ x: number; w: number; label: string }> = [];
    const minor: Array<{ x: number; w: number; label: string }> = [];
    const lines: number[] = [];
    const px = (iso: string) => daysBetween(model.start, iso) * dayPx;
    for (let m = model.start; m < model.end; m = addMonths(m, 1)) {
      const next = addMonths(m, 1);
      const month = Number(m.slice(5, 7)) - 1;
      if (month === 0 || m === model.start) {
        const yearEnd = `${Number(m.slice(0, 4)) + 1}-01-01`;
        const stop = yearEnd < model.end ? yearEnd : model.end;
        years.push({ x: px(m), w: px(stop) - px(m), label: m.slice(0, 4) });
      }
      if (zoom === 'month') {
        minor.push({ x: px(m), w: px(next) - px(m), label: MONTHS[month]! });
        lines.push(px(m));
      } else if (month % 3 === 0 || m === model.start) {
        const qEnd = addMonths(m, 3 - (month % 3));
        const stop = qEnd < model.end ? qEnd : model.end;
        minor.push({ x: px(m), w: px(stop) - px(m), label: `Q${Math.floor(month / 3) + 1}` });
        lines.push(px(m));
      } else if (zoom === 'quarter') {
        lines.push(px(m));
      }
    }
    return { years, minor, lines };
  }, [model, zoom, dayPx]);

  if (timeline.isPending || refs.isPending) return <LoadingState label="Loading the timeline…" rows={8} />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (!model || model.count === 0) {
    return (
      <EmptyState
        icon={<GanttChart aria-hidden />}
        title="Nothing on the timeline yet"
        description="Milestones appear here as bars, grouped by track, with their dependencies and the goal date."
        action={
          canEdit ? (
            <Button variant="primary" onClick={onCreate}>
              Add a milestone
            </Button>
          ) : undefined
        }
      />
    );
  }

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  // Arrows with at least one end among the rendered rows, in a box just tall enough for them.
  const yMid = (i: number) => model.offsets[i]! + (model.rows[i]!.kind === 'lane' ? LANE_H : ROW_H) / 2;
  const arrows: Array<{ key: string; d: string; late: boolean; label: string }> = [];
  let top = Infinity;
  let bottom = -Infinity;
  for (const e of model.edges) {
    const i1 = model.rowIndex.get(e.from.id);
    const i2 = model.rowIndex.get(e.to.id);
    if (i1 === undefined || i2 === undefined) continue;
    if ((i1 < first || i1 > last) && (i2 < first || i2 > last)) continue;
    const x1 = x(e.from.dueDate) + dayPx;
    const y1 = yMid(i1);
    const x2 = x(barStart(e.to));
    const y2 = yMid(i2);
    let d: string;
    if (x2 - x1 >= 16) {
      const dx = Math.min(40, (x2 - x1) / 2);
      d = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
    } else {
      // The bars overlap in time: drop straight into the dependent bar's top (or bottom) edge.
      const x2end = x(e.to.dueDate) + dayPx;
      const down = y2 > y1;
      const edge = y2 + (down ? -BAR_H / 2 : BAR_H / 2);
      const xa = Math.min(Math.max(x1 + 8, x2 + 6), x2end - 3);
      if (xa >= x1) d = `M${x1},${y1} H${xa} V${edge}`;
      else {
        // The dependent ends before the prerequisite does: loop back between the rows.
        const between = y2 + (down ? -ROW_H / 2 : ROW_H / 2);
        d = `M${x1},${y1} h6 V${between} H${xa} V${edge}`;
      }
    }
    arrows.push({ key: `${e.from.id}>${e.to.id}`, d, late: e.late, label: `${e.from.title} → ${e.to.title}` });
    top = Math.min(top, y1, y2);
    bottom = Math.max(bottom, y1, y2);
    if (arrows.length >= MAX_ARROWS) break;
  }
  const svgTop = arrows.length ? top - ROW_H : 0;
  const svgH = arrows.length ? bottom - top + 2 * ROW_H : 0;

  const todayX = x(today);
  const goalX = goalDate ? x(goalDate) : null;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Zoom" className="inline-flex rounded-md bg-slate-100 p-0.5">
          {(['month', 'quarter', 'year'] as Zoom[]).map((z) => (
            <button
              key={z}
              type="button"
              aria-pressed={zoom === z}
              onClick={() => onZoom(z)}
              className={cn(
                'rounded px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600',
                zoom === z ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {ZOOM_LABEL[z]}
            </button>
          ))}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" icon={<Crosshair aria-hidden className="size-4" />} onClick={() => scrollToDate(today)}>
            Today
          </Button>
          {goalDate && (
            <Button size="sm" variant="secondary" icon={<Flag aria-hidden className="size-4" />} onClick={() => scrollToDate(goalDate, 'smooth', 0.8)}>
              Goal
            </Button>
          )}
        </div>
      </div>

      <p className="sr-only" aria-live="polite">
        {plural(model.count, 'milestone')} in {plural(model.laneCount, 'lane')}; {plural(model.edges.length, 'dependency', 'dependencies')}, {model.lateCount} of them late.
      </p>

      <div
        ref={attachScroll}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label="Milestone timeline (scroll in both directions)"
        className="relative overflow-auto rounded-xl border border-slate-200 bg-white shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        style={{ height: 'clamp(22rem, calc(100dvh - 17rem), 60rem)' }}
      >
        <div className="relative" style={{ width: labelW + chartW, minWidth: '100%' }}>
          {/* Axis */}
          <div className="sticky top-0 z-30 flex border-b border-slate-200 bg-white" style={{ height: HEADER_H }}>
            <div className="sticky left-0 z-40 flex shrink-0 items-end border-r border-slate-200 bg-white px-3 pb-1.5 text-xs font-medium text-slate-500" style={{ width: labelW }}>
              Track · milestone
            </div>
            <div className="relative shrink-0" style={{ width: chartW }} aria-hidden>
              {ticks.years.map((t) => (
                <div key={`y${t.x}`} className="absolute top-0 h-[22px] border-l border-slate-300 px-1.5 text-xs font-semibold leading-[22px] text-slate-800" style={{ left: t.x, width: t.w }}>
                  <span className="sticky" style={{ left: labelW + 6 }}>
                    {t.label}
                  </span>
                </div>
              ))}
              {ticks.minor.map((t) => (
                <div key={`m${t.x}`} className="absolute top-[22px] h-[22px] overflow-hidden border-l border-slate-200 px-1 text-[11px] leading-[22px] text-slate-600" style={{ left: t.x, width: t.w }}>
                  {t.label}
                </div>
              ))}
              <div className="absolute inset-x-0 top-[44px] h-[36px] border-t border-slate-100">
                {goalX !== null && goalDate && (
                  <span className="absolute top-[2px] whitespace-nowrap rounded-r bg-violet-700 px-1.5 text-[11px] font-semibold leading-4 text-white" style={{ left: goalX }}>
                    Goal: {formatDate(goalDate)}
                  </span>
                )}
                <span className="absolute top-[19px] whitespace-nowrap rounded-r bg-sky-700 px-1.5 text-[11px] font-semibold leading-4 text-white" style={{ left: todayX }}>
                  Today
                </span>
              </div>
            </div>
          </div>

          {/* Body */}
          <div className="relative" style={{ height: model.totalHeight }}>
            <div aria-hidden className="pointer-events-none absolute inset-y-0" style={{ left: labelW, width: chartW }}>
              {ticks.lines.map((lx) => (
                <div key={lx} className="absolute inset-y-0 w-px bg-slate-100" style={{ left: lx }} />
              ))}
              <div className="absolute inset-y-0 z-[6] w-0.5 bg-sky-500/80" style={{ left: todayX }} title={`Today, ${formatDate(today)}`} />
              {goalX !== null && <div className="absolute inset-y-0 z-[6] w-0.5 bg-violet-600" style={{ left: goalX }} title={`Goal: ${goalDate ? formatDate(goalDate) : ''}`} />}
            </div>

            {arrows.length > 0 && (
              <svg aria-hidden className="pointer-events-none absolute z-[5]" style={{ left: labelW, top: svgTop, width: chartW, height: svgH }} viewBox={`0 ${svgTop} ${chartW} ${svgH}`}>
                <defs>
                  <marker id="tl-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L8,4 L0,8 z" fill="var(--chart-muted)" />
                  </marker>
                  <marker id="tl-arrow-late" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L8,4 L0,8 z" fill="var(--chart-late)" />
                  </marker>
                </defs>
                {arrows.map((a) => (
                  <path
                    key={a.key}
                    d={a.d}
                    fill="none"
                    stroke={a.late ? 'var(--chart-late)' : 'var(--chart-muted)'}
                    strokeWidth={a.late ? 1.75 : 1.25}
                    strokeDasharray={a.late ? '5 3' : undefined}
                    markerEnd={a.late ? 'url(#tl-arrow-late)' : 'url(#tl-arrow)'}
                    opacity={a.late ? 1 : 0.8}
                  >
                    <title>{a.label}</title>
                  </path>
                ))}
              </svg>
            )}

            <ul aria-label="Milestones by track" className="contents">
              {items.map((v) => {
                const row = model.rows[v.index]!;
                const style: CSSProperties = { height: v.size, transform: `translateY(${v.start}px)`, width: labelW + chartW };
                if (row.kind === 'lane') {
                  return (
                    <li key={v.key} className="absolute left-0 top-0 z-10 flex border-y border-slate-200" style={{ ...style, backgroundColor: `${row.color}14` }}>
                      <div className="sticky left-0 z-20 flex shrink-0 items-center gap-2 border-r border-slate-200 bg-slate-50 px-3" style={{ width: labelW, boxShadow: `inset 3px 0 0 ${row.color}` }}>
                        <TrackDot color={row.color} />
                        <span className="truncate text-xs font-semibold text-slate-900" title={row.name}>
                          {row.name}
                        </span>
                        <span className="ml-auto hidden shrink-0 text-[11px] text-slate-500 sm:inline">
                          {row.done}/{row.count}
                          <span className="sr-only"> done</span>
                        </span>
                      </div>
                    </li>
                  );
                }
                const m = row.m;
                const s = barStart(m);
                const left = x(s);
                const width = Math.max(6, x(m.dueDate) + dayPx - left);
                const Icon = STATUS_ICON[m.status];
                const statusText = labelOf('milestoneStatus', m.status);
                const { late, due } = row;
                const overdue = due.kind === 'overdue';
                const label = `${m.title}: ${statusText}, ${m.progress}% done, ${m.startDate ? `from ${formatDate(m.startDate)} ` : ''}due ${formatDate(m.dueDate)}${overdue ? `, ${due.text}` : ''}${late ? ', a dependency finishes late' : ''}`;
                const href = paths.milestone(coalitionId, m.id);
                return (
                  <li key={v.key} className="absolute left-0 top-0 z-10 flex" style={style}>
                    <div className="sticky left-0 z-20 flex shrink-0 items-center border-r border-slate-200 bg-white pl-3 pr-2 sm:pl-5" style={{ width: labelW }}>
                      <Link href={href} tabIndex={-1} aria-hidden className="truncate text-xs text-slate-700 hover:text-indigo-700 hover:underline" title={m.title}>
                        {m.title}
                      </Link>
                    </div>
                    <div className="relative shrink-0" style={{ width: chartW }}>
                      <Link
                        href={href}
                        aria-label={label}
                        title={label}
                        className={cn(
                          'absolute flex items-center overflow-hidden rounded border-[1.5px] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 hover:brightness-95',
                          m.status === 'dropped' && 'opacity-70',
                        )}
                        style={{ left, width, top: (ROW_H - BAR_H) / 2, height: BAR_H, ...barStyle(m, row.color) }}
                      >
                        {m.status !== 'done' && m.progress > 0 && (
                          <span aria-hidden className="absolute inset-y-0 left-0" style={{ width: `${m.progress}%`, backgroundColor: row.color, opacity: 0.85 }} />
                        )}
                        {m.status === 'done' && width >= 16 && <Check aria-hidden className="relative mx-auto size-3.5 text-white drop-shadow" strokeWidth={3} />}
                      </Link>
                      <span
                        aria-hidden
                        className={cn(
                          'pointer-events-none absolute flex items-center gap-1 whitespace-nowrap text-[11px] font-medium',
                          m.status === 'blocked' ? 'text-red-700' : m.status === 'at_risk' ? 'text-amber-800' : m.status === 'done' ? 'text-emerald-800' : 'text-slate-500',
                          m.status === 'dropped' && 'line-through',
                        )}
                        style={{ left: left + width + 5, top: 0, height: ROW_H }}
                      >
                        {Icon && <Icon className="size-3.5" strokeWidth={2.5} />}
                        {m.status === 'planned' ? `${m.progress ? `${m.progress}%` : ''}` : `${statusText}${m.status !== 'done' && m.progress ? ` · ${m.progress}%` : ''}`}
                        {overdue && <span className="text-red-700">· {due.text}</span>}
                        {late && <span className="text-red-700">· late dependency</span>}
                      </span>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      </div>

      <Legend lateCount={model.lateCount} goalDate={goalDate} />
    </div>
  );
}

function Legend({ lateCount, goalDate }: { lateCount: number; goalDate: string | null }) {
  const sample = '#4f46e5';
  return (
    <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700">
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="relative h-3 w-8 overflow-hidden rounded-sm border-[1.5px]" style={{ borderColor: sample, backgroundColor: `${sample}2e` }}>
          <span className="absolute inset-y-0 left-0 w-1/2" style={{ backgroundColor: sample, opacity: 0.85 }} />
        </span>
        Planned / in progress (fill = progress)
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="flex h-3 w-8 items-center justify-center rounded-sm" style={{ backgroundColor: sample }}>
          <Check className="size-2.5 text-white" strokeWidth={3} />
        </span>
        Done
      </li>
      <li className="flex items-center gap-1.5 text-amber-800">
        <AlertTriangle aria-hidden className="size-3.5" /> At risk
      </li>
      <li className="flex items-center gap-1.5 text-red-700">
        <span aria-hidden className="h-3 w-8 rounded-sm border-[1.5px] border-red-700" style={{ backgroundImage: 'repeating-linear-gradient(135deg, transparent 0 4px, rgba(185,28,28,0.35) 4px 6px)' }} />
        <Ban aria-hidden className="size-3.5" /> Blocked
      </li>
      <li className="flex items-center gap-1.5">
        <svg aria-hidden width="30" height="10">
          <path d="M1,5 H24" stroke="var(--chart-muted)" strokeWidth="1.5" />
          <path d="M23,1 L29,5 L23,9 z" fill="var(--chart-muted)" />
        </svg>
        Dependency
      </li>
      <li className="flex items-center gap-1.5 text-red-700">
        <svg aria-hidden width="30" height="10">
          <path d="M1,5 H24" stroke="var(--chart-late)" strokeWidth="1.75" strokeDasharray="5 3" />
          <path d="M23,1 L29,5 L23,9 z" fill="var(--chart-late)" />
        </svg>
        Late dependency: finishes after the dependent is due ({lateCount})
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden className="h-3.5 w-0.5 bg-sky-500" /> Today
      </li>
      {goalDate && (
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-3.5 w-0.5 bg-violet-600" /> Goal date ({formatDate(goalDate)})
        </li>
      )}
    </ul>
  );
}
