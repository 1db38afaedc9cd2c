/**
 * The forecast on the timeline (forecast.get): under each open milestone whose finish is
 * uncertain, a thin whisker from its P50 to its P95 finish with a tick at P80, titled in words
 * (the same sentence as the dashboard's odds), and its legend entry.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import { forecastLabel, type MilestoneForecast } from './forecastRange.ts';
import { ROW_H } from './timelineModel.ts';


/** The forecast of each uncertain open milestone, by id (empty until it has loaded, or if it fails: the timeline does not wait for it). */
export function useTimelineForecast(coalitionId: string): Map<string, MilestoneForecast> {
  const trpc = useTRPC();
  const q = useQuery(trpc.forecast.get.queryOptions({ coalitionId }));
  return useMemo(() => new Map((q.data?.milestones ?? []).map((m) => [m.id, m])), [q.data]);
}

const WHISKER_H = 7;
const INK = 'var(--color-slate-800)';

/**
 * The whisker in a milestone's row, below its bar: P50 to P95 (the end of each day, as a bar
 * ends with its due day), a taller tick at P80. Clipped to the chart, with an open end when P95
 * lies beyond it.
 */
export function ForecastWhisker({ f, x, dayPx, chartW, title }: { f: MilestoneForecast; x: (iso: string) => number; dayPx: number; chartW: number; title: string }) {
  const at = (iso: string) => Math.min(chartW - 1, Math.max(0, x(iso) + dayPx));
  const x50 = at(f.p50);
  const x80 = at(f.p80);
  const x95 = at(f.p95);
  const beyond = x(f.p95) + dayPx > chartW - 1;
  const label = `${title}. ${forecastLabel(f)}`;
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-forecast={f.id}
      className="absolute z-[1]"
      // The palette variable (not a bg utility, whose 400+ fills stay dark): dark ink in light, light in dark.
      style={{ left: x50 - 1, width: Math.max(3, x95 - x50 + 2), top: ROW_H - WHISKER_H - 1, height: WHISKER_H, color: INK }}
    >
      <span aria-hidden className="absolute inset-x-0 top-1/2 h-[1.5px] -translate-y-1/2 bg-current" />
      <span aria-hidden className="absolute inset-y-[1.5px] left-0 w-[1.5px] bg-current" />
      {!beyond && <span aria-hidden className="absolute inset-y-[1.5px] right-0 w-[1.5px] bg-current" />}
      <span aria-hidden data-p80 className="absolute inset-y-0 w-[2.5px] -translate-x-1/2 rounded-full bg-current" style={{ left: x80 - x50 + 1 }} />
    </span>
  );
}

/** The legend entry (when the timeline draws any forecast). */
export function ForecastLegendItem() {
  return (
    <li className="flex items-center gap-1.5">
      <span aria-hidden className="relative h-[7px] w-8" style={{ color: INK }}>
        <span className="absolute inset-x-0 top-1/2 h-[1.5px] -translate-y-1/2 bg-current" />
        <span className="absolute inset-y-[1.5px] left-0 w-[1.5px] bg-current" />
        <span className="absolute inset-y-[1.5px] right-0 w-[1.5px] bg-current" />
        <span className="absolute inset-y-0 left-[60%] w-[2.5px] rounded-full bg-current" />
      </span>
      Forecast: as likely as not by the left end (P50), 80% by the tick, 95% by the right end
    </li>
  );
}
