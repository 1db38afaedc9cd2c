import { formatDate } from '../../lib/dates.ts';
import { BAR_H } from './TimelineBar.tsx';
import { barStart, LANE_H, ROW_H, type TimelineModel } from './timelineModel.ts';

const MAX_ARROWS = 400;

interface Props {
  model: TimelineModel;
  /** The rendered rows (virtualized): arrows with an end among them are drawn. */
  first: number;
  last: number;
  x: (iso: string) => number;
  dayPx: number;
  labelW: number;
  chartW: number;
  lines: number[];
  today: string;
  goalDate: string | null;
}

/** The grid lines, the today and goal lines, and the dependency arrows (late ones red and dashed) behind the bars. */
export function TimelineArrows({ model, first, last, x, dayPx, labelW, chartW, lines, today, goalDate }: Props) {
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
    arrows.push({ key: `${e.from.id}>${e.to.id}`, d, late: e.late, label: `${e.from.title} → ${e.to.title}${e.late ? ' (late)' : ''}` });
    top = Math.min(top, y1, y2);
    bottom = Math.max(bottom, y1, y2);
    if (arrows.length >= MAX_ARROWS) break;
  }
  const svgTop = arrows.length ? top - ROW_H : 0;
  const svgH = arrows.length ? bottom - top + 2 * ROW_H : 0;
  const todayX = x(today);
  const goalX = goalDate ? x(goalDate) : null;

  return (
    <>
      <div aria-hidden className="pointer-events-none absolute inset-y-0" style={{ left: labelW, width: chartW }}>
        {lines.map((lx) => (
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
              data-edge={a.key}
              data-late={a.late ? 'true' : 'false'}
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
    </>
  );
}
