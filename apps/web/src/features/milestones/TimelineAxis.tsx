import { daysBetween } from '@coalition/domain';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { addMonths, flagSide, type TimelineModel } from './timelineModel.ts';
import type { Zoom } from './useMilestoneFilters.ts';

export const HEADER_H = 80;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Ticks {
  years: Array<{ x: number; w: number; label: string }>;
  minor: Array<{ x: number; w: number; label: string }>;
  lines: number[];
}

/** Year bands, then months (month zoom) or quarters, and where the grid lines go. */
export function timelineTicks(model: Pick<TimelineModel, 'start' | 'end'>, zoom: Zoom, dayPx: number): Ticks {
  const years: Ticks['years'] = [];
  const minor: Ticks['minor'] = [];
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
}

/** Width of a flag label in px (11px semibold text and its padding), to decide which side of its line it fits. */
const flagWidth = (text: string) => Math.ceil(text.length * 6.6) + 14;

/** A label on a vertical line (the goal, today): right of the line, or left of it where the chart ends. */
function FlagLabel({ x, chartW, text, className, top, testId }: { x: number; chartW: number; text: string; className: string; top: number; testId: string }) {
  const side = flagSide(x, flagWidth(text), chartW);
  return (
    <span
      data-flag={testId}
      data-side={side}
      className={cn('absolute whitespace-nowrap px-1.5 text-[11px] font-semibold leading-4 text-white', side === 'right' ? 'rounded-r' : 'rounded-l', className)}
      style={side === 'right' ? { left: x, top } : { right: chartW - x, top }}
    >
      {text}
    </span>
  );
}

/** The sticky header: the title column's heading (with its resizer as `children`), years, months or quarters, the goal and today. */
export function TimelineAxis({
  ticks,
  labelW,
  chartW,
  todayX,
  goalX,
  goalDate,
  children,
}: {
  ticks: Ticks;
  labelW: number;
  chartW: number;
  todayX: number;
  goalX: number | null;
  goalDate: string | null;
  children?: ReactNode;
}) {
  return (
    <div className="sticky top-0 z-30 flex border-b border-slate-200 bg-white" style={{ height: HEADER_H }}>
      <div className="sticky left-0 z-40 flex shrink-0 items-end border-r border-slate-200 bg-white px-3 pb-1.5 text-xs font-medium text-slate-500" style={{ width: labelW }}>
        Track · milestone
        {children}
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
          {goalX !== null && goalDate && <FlagLabel testId="goal" x={goalX} chartW={chartW} top={2} text={`Goal: ${formatDate(goalDate)}`} className="bg-violet-700" />}
          <FlagLabel testId="today" x={todayX} chartW={chartW} top={19} text="Today" className="bg-sky-700" />
        </div>
      </div>
    </div>
  );
}
