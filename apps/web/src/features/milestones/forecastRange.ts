/** The forecast's pure parts on the timeline: the range the chart needs, and the whisker's words. */
import { formatLikelihood, likelihoodSentence } from '../../lib/odds.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { addMonths, monthStart, type TimelineModel } from './timelineModel.ts';

export type MilestoneForecast = RouterOutputs['forecast']['get']['milestones'][number];

/**
 * The model, rebuilt over a range that reaches past the latest P95 (padded like the plan's own
 * range) when a whisker would otherwise run off the chart's end.
 */
export function withForecastRange(model: TimelineModel, forecast: ReadonlyMap<string, MilestoneForecast>, rebuild: (range: { start: string; end: string }) => TimelineModel): TimelineModel {
  let last = '';
  for (const f of forecast.values()) if (f.p95 > last) last = f.p95;
  const end = last ? addMonths(monthStart(last), 2) : '';
  return end > model.end ? rebuild({ start: model.start, end }) : model;
}

/** "Forecast: 50% likely by 12 Mar 2029, 80% likely by …, 95% likely by …; on the late path in 40% of runs." */
export function forecastLabel(f: MilestoneForecast): string {
  const levels = `${likelihoodSentence(0.5, f.p50)}, ${likelihoodSentence(0.8, f.p80)}, ${likelihoodSentence(0.95, f.p95)}`;
  const source = f.source === 'pace' ? ' (range from the pace of its acts)' : f.source === null ? ' (moved by what it waits for)' : '';
  const late = f.criticality > 0 ? `; on the late path in ${formatLikelihood(f.criticality)} of runs` : '';
  return `Forecast${source}: ${levels}${late}`;
}

