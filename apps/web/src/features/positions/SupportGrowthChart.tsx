/**
 * The snowball of support: champion + supportive partners on the goal at the end of each week,
 * state actors (bottom) and non-state actors (on top) stacked, as a plain SVG laid out in its
 * container's pixels (no chart library: the public page reuses it). Colours are the theme's
 * variables, so it reads in dark mode; the numbers are in a table under it.
 */
import { plural } from '@coalition/domain';
import { useMemo } from 'react';
import { formatDate, formatMonth } from '../../lib/dates.ts';
import { useElementWidth } from '../../lib/useElementWidth.ts';

export interface SupportGrowthPoint {
  /** Monday of the week. */
  week: string;
  state: number;
  nonState: number;
}

const STATE = 'var(--color-indigo-600)';
const NON_STATE = 'var(--color-teal-600)';
const HEIGHT = 220;
const MARGIN = { top: 10, right: 12, bottom: 26, left: 32 };


/** Whole-number ticks from 0 to at least `max`, about `count` of them. */
function integerTicks(max: number, count = 4): number[] {
  const top = Math.max(1, max);
  const step = Math.max(1, Math.ceil(top / count));
  const ticks: number[] = [];
  for (let v = 0; v <= top + step - 1; v += step) ticks.push(v);
  return ticks;
}

/**
 * The x axis labels: the first week of each month, named by its month ("Sept"; with the year on the
 * first label and in January), thinned so no two overlap and none leaves the plot on the right.
 */
function monthTicks(points: readonly SupportGrowthPoint[], x: (i: number) => number, right: number): { i: number; text: string; anchor: 'start' | 'middle' }[] {
  const out: { i: number; text: string; anchor: 'start' | 'middle' }[] = [];
  let lastRight = -Infinity;
  points.forEach((p, i) => {
    const month = p.week.slice(0, 7);
    if (i > 0 && points[i - 1]!.week.slice(0, 7) === month) return;
    const [name = '', year = ''] = formatMonth(p.week).split(' ');
    const text = out.length === 0 || month.endsWith('-01') ? `${name} ${year}` : name;
    const width = text.length * 6.5;
    const anchor = out.length === 0 ? 'start' : 'middle';
    const left = anchor === 'start' ? x(i) : x(i) - width / 2;
    if (left < lastRight + 10 || left + width > right) return;
    out.push({ i, text, anchor });
    lastRight = left + width;
  });
  return out;
}

export function SupportGrowthChart({ points, title = 'Support growth' }: { points: readonly SupportGrowthPoint[]; title?: string }) {
  const [ref, width] = useElementWidth(600);
  const last = points.at(-1);
  const first = points[0];
  const layout = useMemo(() => {
    const plotW = Math.max(80, width - MARGIN.left - MARGIN.right);
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const max = Math.max(1, ...points.map((p) => p.state + p.nonState));
    const ticks = integerTicks(max);
    const top = ticks.at(-1)!;
    // Each week is a step from its start to the next week's start; the last one is drawn a week wide.
    const n = Math.max(1, points.length);
    const x = (i: number) => MARGIN.left + (i / n) * plotW;
    const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
    const step = (value: (p: SupportGrowthPoint) => number) =>
      points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(value(p)).toFixed(1)}H${x(i + 1).toFixed(1)}`).join('');
    const area = (upper: (p: SupportGrowthPoint) => number, lower: (p: SupportGrowthPoint) => number) => {
      if (points.length === 0) return '';
      const upperEdge = step(upper);
      const back = [...points]
        .map((p, i) => ({ p, i }))
        .reverse()
        .map(({ p, i }) => `L${x(i + 1).toFixed(1)} ${y(lower(p)).toFixed(1)}H${x(i).toFixed(1)}`)
        .join('');
      return `${upperEdge}${back}Z`;
    };
    return {
      plotW,
      plotH,
      ticks,
      x,
      y,
      stateArea: area((p) => p.state, () => 0),
      nonStateArea: area((p) => p.state + p.nonState, (p) => p.state),
      stateLine: step((p) => p.state),
      totalLine: step((p) => p.state + p.nonState),
      months: monthTicks(points, x, MARGIN.left + plotW + MARGIN.right),
    };
  }, [points, width]);

  const summary = last
    ? `${plural(last.state + last.nonState, 'partner')} supportive or champion in the week of ${formatDate(last.week)}: ${last.state} state, ${last.nonState} non-state${first ? `; ${first.state + first.nonState} in the week of ${formatDate(first.week)}` : ''}.`
    : 'No position recorded yet.';

  return (
    <figure className="w-full" data-testid="support-growth-chart">
      <figcaption className="sr-only">
        {title}: {summary}
      </figcaption>
      <div ref={ref} className="w-full">
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} className="block h-auto w-full" aria-hidden>
          {layout.ticks.map((t) => (
            <g key={t}>
              <line x1={MARGIN.left} x2={MARGIN.left + layout.plotW} y1={layout.y(t)} y2={layout.y(t)} stroke="var(--chart-grid)" strokeDasharray={t === 0 ? undefined : '3 3'} />
              <text x={MARGIN.left - 6} y={layout.y(t) + 4} textAnchor="end" fontSize={11} fill="var(--chart-tick)">
                {t}
              </text>
            </g>
          ))}
          <path d={layout.stateArea} fill={STATE} fillOpacity={0.22} />
          <path d={layout.nonStateArea} fill={NON_STATE} fillOpacity={0.18} />
          <path d={layout.stateLine} fill="none" stroke={STATE} strokeWidth={2} />
          <path d={layout.totalLine} fill="none" stroke={NON_STATE} strokeWidth={2} strokeDasharray="6 3" />
          <line x1={MARGIN.left} x2={MARGIN.left + layout.plotW} y1={layout.y(0)} y2={layout.y(0)} stroke="var(--chart-axis)" />
          {layout.months.map((m) => (
            <text key={m.i} x={layout.x(m.i)} y={HEIGHT - 8} fontSize={11} fill="var(--chart-tick)" textAnchor={m.anchor}>
              {m.text}
            </text>
          ))}
        </svg>
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-700">
        <li className="flex items-center gap-1.5">
          <svg aria-hidden viewBox="0 0 16 8" className="h-2 w-4">
            <line x1="0" x2="16" y1="4" y2="4" stroke={STATE} strokeWidth={2} />
          </svg>
          State actors{last ? ` (${last.state})` : ''}
        </li>
        <li className="flex items-center gap-1.5">
          <svg aria-hidden viewBox="0 0 16 8" className="h-2 w-4">
            <line x1="0" x2="16" y1="4" y2="4" stroke={NON_STATE} strokeWidth={2} strokeDasharray="5 2" />
          </svg>
          Non-state actors, on top{last ? ` (${last.nonState})` : ''}
        </li>
      </ul>
      {points.length > 0 && (
        <details className="mt-2 text-xs text-slate-700">
          <summary className="cursor-pointer text-slate-600">The numbers by week</summary>
          <div className="mt-1 max-h-48 overflow-auto">
            <table className="w-full text-left tabular-nums">
              <caption className="sr-only">{title} by week</caption>
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className="py-0.5 pr-3 font-medium">Week of</th>
                  <th scope="col" className="py-0.5 pr-3 font-medium">State</th>
                  <th scope="col" className="py-0.5 pr-3 font-medium">Non-state</th>
                  <th scope="col" className="py-0.5 font-medium">Total</th>
                </tr>
              </thead>
              <tbody>
                {[...points].reverse().map((p) => (
                  <tr key={p.week} className="border-t border-slate-100">
                    <th scope="row" className="py-0.5 pr-3 font-normal">{formatDate(p.week)}</th>
                    <td className="py-0.5 pr-3">{p.state}</td>
                    <td className="py-0.5 pr-3">{p.nonState}</td>
                    <td className="py-0.5">{p.state + p.nonState}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
