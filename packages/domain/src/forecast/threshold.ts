/**
 * Threshold milestones ("40 states ratify"): progress is the count of qualifying acts over the
 * threshold, and the pace of recent acts says when the threshold is reached if it holds.
 *
 * Pace: the acts dated in the last `windowDays` days (up to today) per day. If acts keep arriving
 * at that rate as a Poisson process, the time to the k acts still needed is Gamma(k, rate): its
 * median is the "likely" date and its 10th / 90th percentiles the optimistic / pessimistic ones
 * (Wilson–Hilferty's approximation of the chi-square quantile, within a day or two for k ≥ 1
 * at campaign paces). That range is what the odds simulation draws from for this milestone.
 */
import { addDays } from '../dates.ts';
import type { RangeEstimate } from './simulate.ts';

export const DEFAULT_PACE_WINDOW_DAYS = 180;

export interface ThresholdPace {
  count: number;
  threshold: number;
  /** count / threshold, as a whole percentage capped at 100. */
  progress: number;
  /** The day the threshold was met (the threshold-th act), when it has been. */
  reachedOn: string | null;
  /** Acts per 30 days over the window. */
  perMonth: number;
  /** When the threshold is reached if the pace holds (the median); null when reached or no pace. */
  projected: string | null;
  /** The range for the odds simulation; null when reached or without a pace. */
  range: RangeEstimate | null;
}

/** z-scores of the 10th, 50th and 90th percentiles of the standard normal. */
const Z10 = -1.2815515655446004;
const Z90 = 1.2815515655446004;

/** Quantile of Gamma(shape k, rate λ) at the standard normal score z (Wilson–Hilferty). */
export function gammaQuantile(k: number, rate: number, z: number): number {
  const nu = 2 * k; // Gamma(k, λ) = χ²(2k) / (2λ)
  const c = 2 / (9 * nu);
  const chi = nu * Math.pow(Math.max(0, 1 - c + z * Math.sqrt(c)), 3);
  return chi / (2 * rate);
}

/** Progress and pace of a threshold milestone from the dates of its qualifying acts. */
export function thresholdPace(actDates: readonly string[], threshold: number, today: string, windowDays = DEFAULT_PACE_WINDOW_DAYS): ThresholdPace {
  const dates = actDates.filter((d) => d <= today).sort();
  const count = dates.length;
  const progress = threshold > 0 ? Math.min(100, Math.floor((count / threshold) * 100)) : 100;
  const reachedOn = count >= threshold && threshold > 0 ? dates[threshold - 1]! : null;
  const since = addDays(today, -windowDays);
  const recent = dates.filter((d) => d > since).length;
  const rate = recent / windowDays;
  const perMonth = Math.round(rate * 30 * 10) / 10;
  if (reachedOn || rate === 0) return { count, threshold, progress, reachedOn, perMonth, projected: null, range: null };
  const needed = threshold - count;
  const day = (z: number) => addDays(today, Math.max(1, Math.ceil(gammaQuantile(needed, rate, z))));
  const range = { optimistic: day(Z10), likely: day(0), pessimistic: day(Z90) };
  return { count, threshold, progress, reachedOn, perMonth, projected: range.likely, range };
}
