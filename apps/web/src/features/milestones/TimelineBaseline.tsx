/**
 * The baseline on the timeline: under each bar, a faint dashed strip from the baseline's start to
 * its due date (a milestone newer than the baseline has none), so a moved bar shows how far it
 * went; and its legend entry. A layer of its own behind the rows, drawn for the rendered rows only.
 */
import { formatDate } from '../../lib/dates.ts';
import { BAR_H } from './TimelineBar.tsx';
import { barStart, ROW_H, type TimelineModel } from './timelineModel.ts';
import { savedOn, type BaselineDate } from './baselineChoice.ts';

/** The strip sits just below the bar, inside its row. */
const GHOST_TOP = (ROW_H - BAR_H) / 2 + BAR_H + 1;
const GHOST_H = 5;

interface Props {
  model: TimelineModel;
  /** The rendered rows (virtualized). */
  first: number;
  last: number;
  x: (iso: string) => number;
  dayPx: number;
  labelW: number;
  chartW: number;
  dates: ReadonlyMap<string, BaselineDate> | null;
}

export function TimelineBaseline({ model, first, last, x, dayPx, labelW, chartW, dates }: Props) {
  if (!dates || dates.size === 0) return null;
  const ghosts: Array<{ id: string; left: number; width: number; top: number; title: string }> = [];
  for (let i = Math.max(0, first); i <= last; i++) {
    const row = model.rows[i];
    if (row?.kind !== 'ms') continue;
    const d = dates.get(row.m.id);
    if (!d) continue;
    const left = x(barStart(d));
    ghosts.push({
      id: row.m.id,
      left,
      width: Math.max(6, x(d.dueDate) + dayPx - left),
      top: model.offsets[i]! + GHOST_TOP,
      title: `Baseline: ${d.startDate ? `${formatDate(d.startDate)} – ` : ''}due ${formatDate(d.dueDate)}`,
    });
  }
  return (
    <div aria-hidden className="pointer-events-none absolute inset-y-0 z-[5] overflow-hidden" style={{ left: labelW, width: chartW }}>
      {ghosts.map((g) => (
        <div
          key={g.id}
          data-ghost={g.id}
          title={g.title}
          className="absolute rounded-sm border border-dashed border-slate-500 bg-slate-400/25"
          style={{ left: g.left, width: g.width, top: g.top, height: GHOST_H }}
        />
      ))}
    </div>
  );
}

/** The legend's entry for the ghost strips. */
export function BaselineLegendItem({ baseline }: { baseline: { name: string; createdAt: number } | null }) {
  if (!baseline) return null;
  return (
    <li className="flex items-center gap-1.5">
      <span aria-hidden className="flex h-3 w-8 flex-col justify-end">
        <span className="h-1.5 w-full rounded-sm border border-dashed border-slate-500 bg-slate-400/25" />
      </span>
      Baseline “{baseline.name}” ({savedOn(baseline.createdAt)}): its dates under each bar
    </li>
  );
}
