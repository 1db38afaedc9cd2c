import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { daysBetween, plural } from '@coalition/domain';
import { Crosshair, Flag, GanttChart } from 'lucide-react';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { Alert, EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useCoalition, useCoalitionToday, useRole } from '../../lib/coalition.tsx';
import { cn } from '../../lib/cn.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneRefs } from './refs.ts';
import { TimelineArrows } from './TimelineArrows.tsx';
import { HEADER_H, TimelineAxis, timelineTicks } from './TimelineAxis.tsx';
import { TimelineBar, type BarEditing } from './TimelineBar.tsx';
import { editStatusNote, TimelineEditStatus, TimelineKeyHint } from './TimelineEditStatus.tsx';
import { withForecastRange } from './forecastRange.ts';
import { ForecastLegendItem, ForecastWhisker, useTimelineForecast } from './TimelineForecast.tsx';
import { TimelineLabelResizer, useLabelWidth } from './TimelineLabelResizer.tsx';
import { TimelineLegend } from './TimelineLegend.tsx';
import { buildTimelineModel, datesPatch, fitDayPx, LANE_H, ROW_H, withDates } from './timelineModel.ts';
import type { Zoom } from './useMilestoneFilters.ts';
import { useTimelineDrag } from './useTimelineDrag.ts';
import { useTimelineSave } from './useTimelineSave.tsx';
import { TrackDot } from '../../components/Badge.tsx';
import { useBaselineGhosts } from './baselineChoice.ts';
import { BaselineControls } from './BaselineControls.tsx';
import { BaselineLegendItem, TimelineBaseline } from './TimelineBaseline.tsx';

const DAY_PX: Record<Zoom, number> = { month: 4, quarter: 1.6, year: 0.5 };
const ZOOM_LABEL: Record<Zoom, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };

export default function MilestoneTimeline({ coalitionId, zoom, onZoom, onCreate }: { coalitionId: string; zoom: Zoom; onZoom: (z: Zoom) => void; onCreate: () => void }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.milestone.timeline.queryOptions({ coalitionId }));
  const coalition = useCoalition();
  const refs = useMilestoneRefs(coalitionId);
  const { canEdit } = useRole(coalitionId);
  const today = useCoalitionToday(coalitionId);
  const goalDate = coalition.data?.goalDate ?? null;
  const hintId = useId();
  const forecast = useTimelineForecast(coalitionId);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scrollEl, setScrollEl] = useState<HTMLDivElement | null>(null);
  const [boxW, setBoxW] = useState(0);
  const attachScroll = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    if (el) setBoxW(el.clientWidth);
    setScrollEl(el);
  }, []);
  useLayoutEffect(() => {
    if (!scrollEl) return;
    const ro = new ResizeObserver(() => setBoxW(scrollEl.clientWidth));
    ro.observe(scrollEl);
    return () => ro.disconnect();
  }, [scrollEl]);
  const narrow = boxW > 0 && boxW < 640;
  const label = useLabelWidth(boxW, narrow);
  const labelW = label.width;

  // The saved plan: lanes (tracks by position, then coalition-wide), milestones by due date.
  // …drawn far enough to the right for the forecast's whiskers (`withForecastRange`).
  const base = useMemo(() => {
    const data = timeline.data;
    if (!data) return null;
    return withForecastRange(buildTimelineModel(data, refs.tracks, today, goalDate), forecast, (range) => buildTimelineModel(data, refs.tracks, today, goalDate, range));
  }, [timeline.data, refs.tracks, today, goalDate, forecast]);
  // A short plan is stretched over the width there is; a long one scrolls at the zoom's scale.
  const dayPx = base ? fitDayPx(DAY_PX[zoom], daysBetween(base.start, base.end), boxW - labelW) : DAY_PX[zoom];

  const save = useTimelineSave(coalitionId);
  const ghosts = useBaselineGhosts(coalitionId);
  const drag = useTimelineDrag({
    enabled: canEdit,
    milestones: timeline.data?.milestones ?? [],
    dayPx,
    range: base ? { start: base.start, end: base.end } : null,
    commit: (m, dates) => save.save({ milestoneId: m.id, title: m.title, version: m.version, patch: datesPatch(m, dates), before: { startDate: m.startDate, dueDate: m.dueDate } }),
  });
  const preview = drag.preview;
  // While a bar is changed, the whole chart (arrows, lateness, counts) shows the plan as it would be.
  const model = useMemo(
    () => (preview && timeline.data ? buildTimelineModel(withDates(timeline.data, preview.id, preview.dates), refs.tracks, today, goalDate, preview.range) : base),
    [preview, base, timeline.data, refs.tracks, today, goalDate],
  );

  const x = (iso: string) => (model ? daysBetween(model.start, iso) * dayPx : 0);
  const chartW = model ? daysBetween(model.start, model.end) * dayPx : 0;

  // The range stays put during a drag (pinned), so the ticks do not change with every move.
  const rangeStart = model?.start ?? '';
  const rangeEnd = model?.end ?? '';
  const ticks = useMemo(
    () => (rangeStart ? timelineTicks({ start: rangeStart, end: rangeEnd }, zoom, dayPx) : { years: [], minor: [], lines: [] }),
    [rangeStart, rangeEnd, zoom, dayPx],
  );

  const virtualizer = useVirtualizer({
    count: model?.rows.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (model?.rows[i]?.kind === 'lane' ? LANE_H : ROW_H),
    overscan: 10,
    scrollPaddingStart: HEADER_H,
    paddingStart: 0,
  });
  useEffect(() => virtualizer.measure(), [base, virtualizer]);

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

  const editingOf = (id: string): BarEditing | null =>
    canEdit
      ? {
          keyEdge: drag.keyEdgeOf(id),
          previewing: preview?.id === id,
          hintId,
          onPointerDown: drag.onPointerDown,
          onKeyDown: drag.onKeyDown,
          onBlur: drag.onBlur,
          onClick: drag.onClick,
        }
      : null;
  const forecastOf = (id: string, title: string) => {
    const f = forecast.get(id);
    return f && <ForecastWhisker f={f} x={x} dayPx={dayPx} chartW={chartW} title={title} />;
  };
  const keyEdgeRow = drag.keyEdge ? model.rows[model.rowIndex.get(drag.keyEdge.id) ?? -1] : undefined;
  const editNote = editStatusNote(preview, model, drag.keyEdge && keyEdgeRow?.kind === 'ms' ? { title: keyEdgeRow.m.title, edge: drag.keyEdge.edge } : null);

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
          <BaselineControls coalitionId={coalitionId} className="contents" />
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

      {canEdit && (
        // What is being changed shows in the hint's place (same grid cell): in view above the chart, nothing below it moves.
        <div className="grid [&>*]:col-start-1 [&>*]:row-start-1">
          <TimelineKeyHint id={hintId} hidden={!!editNote} />
          <TimelineEditStatus note={editNote} />
        </div>
      )}
      {save.failure && (
        <Alert
          tone="error"
          action={
            <Button size="sm" variant="secondary" onClick={save.dismissFailure}>
              Dismiss
            </Button>
          }
        >
          {save.failure}
        </Alert>
      )}

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
        // As tall as the rows need (plus room for the editing note at its foot), within the viewport.
        style={{ height: `min(clamp(22rem, calc(100dvh - 17rem), 60rem), ${HEADER_H + model.totalHeight + 24}px)`, minHeight: '12rem' }}
      >
        <div className="relative" data-grid-width={Math.round(labelW + chartW)} style={{ width: labelW + chartW, minWidth: '100%' }}>
          <TimelineAxis ticks={ticks} labelW={labelW} chartW={chartW} todayX={x(today)} goalX={goalDate ? x(goalDate) : null} goalDate={goalDate}>
            <TimelineLabelResizer width={labelW} min={label.min} max={label.max} onChange={label.set} />
          </TimelineAxis>

          {/* Body */}
          <div className="relative" style={{ height: model.totalHeight }}>
            <TimelineArrows model={model} first={first} last={last} x={x} dayPx={dayPx} labelW={labelW} chartW={chartW} lines={ticks.lines} today={today} goalDate={goalDate} />
            <TimelineBaseline model={model} first={first} last={last} x={x} dayPx={dayPx} labelW={labelW} chartW={chartW} dates={ghosts.dates} />

            <ul aria-label="Milestones by track" className="contents">
              {items.map((v) => {
                const row = model.rows[v.index]!;
                const style = { height: v.size, transform: `translateY(${v.start}px)`, width: labelW + chartW };
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
                return (
                  <TimelineBar
                    key={v.key}
                    row={row}
                    style={style}
                    labelW={labelW}
                    chartW={chartW}
                    dayPx={dayPx}
                    x={x}
                    href={paths.milestone(coalitionId, row.m.id)}
                    editing={editingOf(row.m.id)}
                    overlay={forecastOf(row.m.id, row.m.title)}
                  />
                );
              })}
            </ul>
          </div>
        </div>
      </div>

      <TimelineLegend lateCount={model.lateCount} goalDate={goalDate}>
        <BaselineLegendItem baseline={ghosts.baseline} />
        {forecast.size > 0 && <ForecastLegendItem />}
      </TimelineLegend>
      {save.dialog}
    </div>
  );
}
