/**
 * The odds of reaching the goal, from the forecast's data as of `today`: the ranges
 * (`forecastEstimates`: a milestone's own three dates, or its threshold's pace) and the seeded
 * simulation (`forecastPlan`). Only @coalition/domain's functions: the numbers are the domain's.
 */
import { forecastEstimates, forecastPlan, isOpenStatus, type ForecastOptions } from '@coalition/domain';
import type { ForecastData } from './read.ts';

/** Runs per forecast: a few thousand, as the issue asks; percentiles then move by a day or so between seeds. */
export const FORECAST_RUNS = 2000;
/** Fixed: the same plan gives the same odds (until it changes). */
export const FORECAST_SEED = 1;

export function computeForecast(data: ForecastData, today: string, options: ForecastOptions = {}) {
  const estimates = forecastEstimates(data.milestones, data.acts, today);
  const f = forecastPlan(data.milestones, data.dependencies, estimates, today, data.goalDate, { runs: FORECAST_RUNS, seed: FORECAST_SEED, topDrivers: 5, ...options });
  const byId = new Map(data.milestones.map((m) => [m.id, m]));
  let open = 0;
  for (const m of data.milestones) if (isOpenStatus(m.status)) open++;
  let fromPace = 0;
  for (const e of estimates.values()) if (e.source === 'pace') fromPace++;
  return {
    today,
    goalDate: f.goalDate,
    runs: f.runs,
    seed: f.seed,
    /** Open milestones (the ones the forecast is about) and how many of them carry a range. */
    openCount: open,
    estimatedCount: estimates.size,
    /** …of which from a threshold's pace. */
    fromPaceCount: fromPace,
    /** When the whole plan is ready (P50/P80/P95); null for an empty plan. */
    ready: f.ready,
    probabilityByGoal: f.probabilityByGoal,
    /** Open milestones most often on the late path, most often first (criticality: share of runs). */
    lateDrivers: f.lateDrivers,
    /**
     * Per open milestone whose finish is uncertain (its own range, or one it waits for), by id:
     * P50/P80/P95, the share of runs in which it is reached by its due date and in which it sits
     * on the late path, and where its own range comes from (null: none of its own). Every other
     * open milestone finishes as planned in every run.
     */
    milestones: f.milestones
      .filter((m) => {
        const row = byId.get(m.id)!;
        return isOpenStatus(row.status) && (m.p50 !== m.p95 || estimates.has(m.id));
      })
      .map((m) => ({ id: m.id, p50: m.p50, p80: m.p80, p95: m.p95, onTime: m.onTime, criticality: m.criticality, source: estimates.get(m.id)?.source ?? null })),
    /** Days per percentile bucket (1: exact days; wider only for a plan of extreme ranges). */
    resolutionDays: f.resolutionDays,
  };
}

export type PlanForecast = ReturnType<typeof computeForecast>;
