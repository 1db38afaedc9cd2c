/**
 * The odds of reaching the goal: a seeded Monte Carlo over the dependency graph.
 *
 * Model (the critical path's rules, with ranges where the plan has them):
 *  - An open milestone with a ranged estimate (optimistic ≤ likely ≤ pessimistic finish) finishes,
 *    before its dependencies, on a day drawn from the triangular distribution over that range
 *    (the three-point estimate's usual reading; its CDF has a closed form, so the tests can check
 *    the percentiles exactly), never before today. Without an estimate it finishes on its planned
 *    day, exactly as the critical path schedules it (`schedulePlan`'s own finish).
 *  - A dependency constrains the finish: EF = max(own finish, EF of everything it waits for).
 *  - A done milestone is history (its completion day); dropped ones are ignored.
 *  - The plan is ready when its last counted milestone is (the critical path's projected finish).
 *    The probability of being ready by the goal date is the share of runs in which it is.
 *  - In each run the *late path* is traced back from the milestone that finishes last through,
 *    at each step, the dependency that set its finish (when one did). A milestone's criticality
 *    is the share of runs in which it sits on that path: the ones to reframe first.
 *
 * With no estimates every run is the critical path's forward pass: P50 = P80 = P95 = its
 * earliest finish (a test holds the two to that).
 *
 * Runs on typed arrays: per run, one pass in topological order. Percentiles come from a
 * histogram per milestone whose range is known before sampling (EF is monotone in every own
 * finish, so all-optimistic and all-pessimistic passes bound it); a plan whose ranges would
 * need too many buckets counts in buckets of a few days and reports the bucket's last day.
 */
import { fromDayNumber, toDayNumber } from '../dates.ts';
import { schedulePlan } from '../planning/criticalPath.ts';
import type { PlanDependency, PlanMilestone } from '../planning/types.ts';
import { seededRandom } from './random.ts';

/** A three-point estimate of when an open milestone will be reached (ISO dates). */
export interface RangeEstimate {
  optimistic: string;
  likely: string;
  pessimistic: string;
}

export interface ForecastOptions {
  /** Number of runs (default 2,000). */
  runs?: number;
  /** Seed of the generator (default 1): the same plan and seed give the same forecast. */
  seed?: number;
  /** How many late-path milestones to name (default 5). */
  topDrivers?: number;
}

export interface MilestoneForecast {
  id: string;
  p50: string;
  p80: string;
  p95: string;
  /** Share of runs in which it is reached by its due date. */
  onTime: number;
  /** Share of runs in which it sits on the late path. */
  criticality: number;
}

export interface Forecast {
  runs: number;
  seed: number;
  goalDate: string;
  /** When the whole plan is ready; null for an empty plan. */
  ready: { p50: string; p80: string; p95: string } | null;
  /** Share of runs in which the plan is ready by the goal date (1 for an empty plan). */
  probabilityByGoal: number;
  milestones: MilestoneForecast[];
  /** Open milestones most often on the late path, most often first (criticality > 0 only). */
  lateDrivers: { id: string; title: string; criticality: number }[];
  /** Days per histogram bucket (1: the percentiles are exact days). */
  resolutionDays: number;
}

export const DEFAULT_RUNS = 2000;
/** Histogram cells for all milestones together: beyond this, buckets widen. */
const MAX_CELLS = 4_000_000;

/** The quantile levels reported. */
const LEVELS = [0.5, 0.8, 0.95] as const;

export function forecastPlan(
  milestones: readonly PlanMilestone[],
  dependencies: readonly PlanDependency[],
  estimates: ReadonlyMap<string, RangeEstimate>,
  today: string,
  goalDate: string,
  options: ForecastOptions = {},
): Forecast {
  const runs = Math.max(1, Math.floor(options.runs ?? DEFAULT_RUNS));
  const seed = options.seed ?? 1;
  const s = schedulePlan(milestones, dependencies, today);
  const n = s.active.length;
  const goalN = toDayNumber(goalDate);

  // Estimates as day numbers (open milestones only; a done one is history).
  const lo = new Float64Array(n);
  const mode = new Float64Array(n);
  const hi = new Float64Array(n);
  const ranged = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = s.active[i]!;
    const e = estimates.get(m.id);
    if (!e || s.done[i]) continue;
    ranged[i] = 1;
    lo[i] = toDayNumber(e.optimistic);
    mode[i] = toDayNumber(e.likely);
    hi[i] = toDayNumber(e.pessimistic);
  }

  const { order, own, done, pred, predStart, due, waitedFor } = s;
  const todayN = s.today;
  // Only milestones with a range, or waiting (transitively) for one, vary between runs: the
  // rest keep the critical path's finish, computed once. `uncertain` lists the varying ones in
  // topological order.
  const varies = new Uint8Array(n);
  const uncertainList: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    let v = ranged[i]!;
    for (let e = predStart[i]!; !v && e < predStart[i + 1]!; e++) v = varies[pred[e]!]!;
    if (v && !done[i]) {
      varies[i] = 1;
      uncertainList.push(i);
    }
  }
  const uncertain = Int32Array.from(uncertainList);

  const ef = new Int32Array(n);
  const driver = new Int32Array(n);
  /** One forward pass over `list` (topological); a ranged milestone's own finish is `sample(i)`, never before today. */
  const pass = (list: Int32Array, sample: (i: number) => number) => {
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      let f = done[i] ? own[i]! : ranged[i] ? Math.max(sample(i), todayN) : own[i]!;
      let d = -1;
      for (let e = predStart[i]!; e < predStart[i + 1]!; e++) {
        const p = pred[e]!;
        const pf = ef[p]!;
        if (pf > f || (pf === f && d < 0)) {
          f = pf;
          d = p;
        }
      }
      ef[i] = f;
      driver[i] = done[i] ? -1 : d;
    }
  };

  // Bounds of every milestone's finish (EF is monotone in each own finish), hence the histograms.
  pass(order, (i) => Math.round(lo[i]!));
  const low = ef.slice();
  pass(uncertain, (i) => Math.round(hi[i]!));
  const high = ef.slice();
  pass(uncertain, (i) => Math.round(lo[i]!)); // back to the fixed part's values everywhere
  let cells = 0;
  for (let i = 0; i < n; i++) cells += high[i]! - low[i]! + 1;
  const width = Math.max(1, Math.ceil(cells / MAX_CELLS));
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = offset[i]! + Math.floor((high[i]! - low[i]!) / width) + 1;
  const hist = new Uint32Array(offset[n]!);

  const onTime = new Uint32Array(n);
  const critical = new Uint32Array(n);
  // The fixed milestones: counted once for all runs; the last of them to finish (ties: one
  // nothing waits for, e.g. the summit, as the critical path does).
  const later = (i: number, end: number) => end < 0 || ef[i]! > ef[end]! || (ef[i] === ef[end] && waitedFor[end] === 1 && waitedFor[i] === 0);
  let fixedEnd = -1;
  for (let i = 0; i < n; i++) {
    if (varies[i]) continue;
    hist[offset[i]!]! += runs;
    if (ef[i]! <= due[i]!) onTime[i]! += runs;
    if (later(i, fixedEnd)) fixedEnd = i;
  }
  const ready = new Int32Array(n === 0 ? 0 : runs);
  let readyByGoal = 0;
  const random = seededRandom(seed);
  // The triangular inverse CDF's constants per milestone (see `triangularAt`).
  const split = new Float64Array(n);
  const below = new Float64Array(n);
  const above = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const span = hi[i]! - lo[i]!;
    split[i] = span > 0 ? (mode[i]! - lo[i]!) / span : 2;
    below[i] = span * (mode[i]! - lo[i]!);
    above[i] = span * (hi[i]! - mode[i]!);
  }

  // The runs: the hot loop, on typed arrays only (the forward pass, the histogram and the
  // last-to-finish in one sweep of the varying milestones).
  for (let r = 0; r < runs; r++) {
    let end = fixedEnd;
    for (let k = 0; k < uncertain.length; k++) {
      const i = uncertain[k]!;
      let f: number;
      if (ranged[i]) {
        const u = random();
        const x = u < split[i]! ? lo[i]! + Math.sqrt(u * below[i]!) : hi[i]! - Math.sqrt((1 - u) * above[i]!);
        f = Math.round(x);
        if (f < todayN) f = todayN;
      } else f = own[i]!;
      let d = -1;
      for (let e = predStart[i]!; e < predStart[i + 1]!; e++) {
        const p = pred[e]!;
        const pf = ef[p]!;
        if (pf > f || (pf === f && d < 0)) {
          f = pf;
          d = p;
        }
      }
      ef[i] = f;
      driver[i] = d;
      hist[offset[i]! + ((f - low[i]!) / width | 0)]!++;
      if (f <= due[i]!) onTime[i]!++;
      if (end < 0 || f > ef[end]! || (f === ef[end] && waitedFor[end] === 1 && waitedFor[i] === 0)) end = i;
    }
    if (end < 0) continue;
    ready[r] = ef[end]!;
    if (ef[end]! <= goalN) readyByGoal++;
    for (let cur = end, steps = 0; cur >= 0 && steps < n; cur = driver[cur]!, steps++) critical[cur]!++;
  }

  const quantile = (i: number, level: number): number => {
    const need = Math.ceil(level * runs);
    let seen = 0;
    for (let b = offset[i]!; b < offset[i + 1]!; b++) {
      seen += hist[b]!;
      if (seen >= need) return Math.min(high[i]!, low[i]! + (b - offset[i]! + 1) * width - 1);
    }
    return high[i]!;
  };

  const result: MilestoneForecast[] = [];
  for (let i = 0; i < n; i++) {
    const [p50, p80, p95] = LEVELS.map((level) => fromDayNumber(quantile(i, level))) as [string, string, string];
    result.push({ id: s.active[i]!.id, p50, p80, p95, onTime: onTime[i]! / runs, criticality: critical[i]! / runs });
  }
  let readyRange: Forecast['ready'] = null;
  if (n > 0) {
    ready.sort();
    const at = (level: number) => fromDayNumber(ready[Math.max(0, Math.ceil(level * runs) - 1)]!);
    readyRange = { p50: at(0.5), p80: at(0.8), p95: at(0.95) };
  }
  const lateDrivers = result
    .map((f, i) => ({ id: f.id, title: s.active[i]!.title, criticality: f.criticality, done: s.done[i] === 1 }))
    .filter((d) => !d.done && d.criticality > 0)
    .sort((a, b) => b.criticality - a.criticality || (a.id < b.id ? -1 : 1))
    .slice(0, options.topDrivers ?? 5)
    .map(({ id, title, criticality }) => ({ id, title, criticality }));

  return {
    runs,
    seed,
    goalDate,
    ready: readyRange,
    probabilityByGoal: n === 0 ? 1 : readyByGoal / runs,
    milestones: result,
    lateDrivers,
    resolutionDays: width,
  };
}

/** "62 % likely by 23 Sept 2027" — the share as a whole percentage, never 0 or 100 unless certain. */
export function likelihoodPercent(probability: number): number {
  const pct = Math.round(probability * 100);
  if (probability > 0 && pct === 0) return 1;
  if (probability < 1 && pct === 100) return 99;
  return pct;
}
