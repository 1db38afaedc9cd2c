/** The critical path to the goal date (CPM forward pass) and the schedule verdict derived from it. */
import { fromDayNumber, plural, toDayNumber } from '../dates.ts';
import { isCounted, isOpenStatus } from '../rules/milestones.ts';
import type { PlanDependency, PlanMilestone } from './types.ts';

/**
 * Duration in days: `due − start` when the milestone has a start date, else 0 — a milestone
 * is reached on a day, so a one-day event (start = due) or a milestone without a start date
 * takes no time beyond the day it is reached on. (A day number counts days: a milestone
 * "finishes on D" means at day number D.)
 */
export function milestoneDuration(m: Pick<PlanMilestone, 'startDate' | 'dueDate'>): number {
  return m.startDate ? Math.max(0, toDayNumber(m.dueDate) - toDayNumber(m.startDate)) : 0;
}

/** Under way: status `in_progress`, or any other open status with progress already above 0. */
export function hasStarted(m: Pick<PlanMilestone, 'status' | 'progress'>): boolean {
  return m.status === 'in_progress' || (isOpenStatus(m.status) && m.progress > 0);
}

/** toDayNumber memoised for one computation: a plan has far fewer distinct dates than date reads. */
function dayCache(): (iso: string) => number {
  const cache = new Map<string, number>();
  return (iso) => {
    let n = cache.get(iso);
    if (n === undefined) cache.set(iso, (n = toDayNumber(iso)));
    return n;
  };
}

export interface ScheduledMilestone {
  /** Earliest start and earliest finish, as day numbers. */
  es: number;
  ef: number;
}

/**
 * The forward pass on arrays: the plan's counted milestones indexed 0…n−1, their dependencies
 * in compressed rows (`pred[predStart[i] … predStart[i+1]]` are what milestone i waits for), and
 * each one's earliest start and finish as day numbers. Everything the critical path reads.
 */
export interface Scheduled {
  active: PlanMilestone[];
  /** A topological order (what a milestone waits for comes first); rows of a cycle last, by id. */
  order: Int32Array;
  /** Its own finish before its dependencies are applied: max(ES + d, today), or the completion day when done. */
  own: Int32Array;
  /** 1 when the milestone is done: its finish is history. */
  done: Uint8Array;
  /** Today as a day number. */
  today: number;
  es: Int32Array;
  ef: Int32Array;
  /** Due date as a day number. */
  due: Int32Array;
  predStart: Int32Array;
  pred: Int32Array;
  /** 1 when another counted milestone waits for it. */
  waitedFor: Uint8Array;
}

/**
 * CPM forward pass over the dependency DAG. Definition (all on day numbers):
 *
 * - `dropped` milestones are ignored, and so is every dependency to or from one.
 * - duration d = milestoneDuration(m).
 * - A `done` milestone is history: EF = completedOn (or dueDate when no completion date
 *   was recorded), ES = EF − d; its dependencies no longer move it.
 * - Otherwise the planned start is PS = startDate, or dueDate without one (d is then 0: left
 *   alone, it finishes exactly on its due date), and
 *     ES = max(PS, today)                          — `today` only if it has not started (hasStarted)
 *     EF = max(ES + d, max EF(dependencies), today) — nothing unfinished finishes in the past
 *   A dependency constrains the finish, not the start: a milestone is a point of progress
 *   whose work may overlap with what it waits for, but it cannot be reached before every
 *   milestone it depends on is reached (the same rule that flags a late dependency).
 *
 * The graph is a DAG (the API refuses cycles); should rows in a cycle exist anyway, they
 * are scheduled in id order using only the dependencies already scheduled.
 *
 * Runs on typed arrays and integer day numbers (one parse per distinct date): linear in the
 * plan, a few milliseconds for 20,000 milestones.
 */
export function schedulePlan(milestones: readonly PlanMilestone[], dependencies: readonly PlanDependency[], today: string): Scheduled {
  const day = dayCache();
  const todayN = day(today);
  const active: PlanMilestone[] = [];
  const index = new Map<string, number>();
  for (const m of milestones) {
    if (!isCounted(m.status)) continue;
    index.set(m.id, active.length);
    active.push(m);
  }
  const n = active.length;

  // Edges i → j: milestone i waits for milestone j. Compressed rows both ways.
  const from: number[] = [];
  const to: number[] = [];
  for (const d of dependencies) {
    const i = index.get(d.milestoneId);
    const j = index.get(d.dependsOnId);
    if (i === undefined || j === undefined || i === j) continue;
    from.push(i);
    to.push(j);
  }
  const predStart = new Int32Array(n + 1);
  const succStart = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) {
    predStart[from[e]! + 1]!++;
    succStart[to[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    predStart[i + 1]! += predStart[i]!;
    succStart[i + 1]! += succStart[i]!;
  }
  const pred = new Int32Array(from.length);
  const succ = new Int32Array(from.length);
  const predFill = predStart.slice(0, n);
  const succFill = succStart.slice(0, n);
  for (let e = 0; e < from.length; e++) {
    pred[predFill[from[e]!]!++] = to[e]!;
    succ[succFill[to[e]!]!++] = from[e]!;
  }

  const es = new Int32Array(n);
  const ef = new Int32Array(n);
  const due = new Int32Array(n);
  const placed = new Uint8Array(n);
  const own = new Int32Array(n);
  const done = new Uint8Array(n);
  const order = new Int32Array(n);
  let ordered = 0;
  const waitedFor = new Uint8Array(n);
  for (let e = 0; e < to.length; e++) waitedFor[to[e]!] = 1;

  const place = (i: number) => {
    const m = active[i]!;
    const dueN = day(m.dueDate);
    due[i] = dueN;
    const start = m.startDate ? day(m.startDate) : null;
    const d = start === null ? 0 : Math.max(0, dueN - start); // = milestoneDuration(m)
    placed[i] = 1;
    order[ordered++] = i;
    if (m.status === 'done') {
      const f = m.completedOn ? day(m.completedOn) : dueN;
      ef[i] = f;
      es[i] = f - d;
      own[i] = f;
      done[i] = 1;
      return;
    }
    let s = start ?? dueN - d;
    if (!hasStarted(m) && s < todayN) s = todayN;
    let f = Math.max(s + d, todayN);
    own[i] = f;
    for (let k = predStart[i]!; k < predStart[i + 1]!; k++) {
      const p = pred[k]!;
      if (placed[p] && ef[p]! > f) f = ef[p]!;
    }
    es[i] = s;
    ef[i] = f;
  };

  // Kahn's algorithm: a milestone is placed once everything it waits for is placed.
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) indegree[i] = predStart[i + 1]! - predStart[i]!;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    place(i);
    for (let k = succStart[i]!; k < succStart[i + 1]!; k++) {
      const j = succ[k]!;
      if (--indegree[j]! === 0) queue[tail++] = j;
    }
  }
  if (tail < n) {
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (!placed[i]) rest.push(i);
    rest.sort((a, b) => (active[a]!.id < active[b]!.id ? -1 : 1));
    for (const i of rest) place(i);
  }
  return { active, order, own, done, today: todayN, es, ef, due, predStart, pred, waitedFor };
}

/** The forward pass as a map by id (for callers that look milestones up one by one). */
export function forwardPass(
  milestones: readonly PlanMilestone[],
  dependencies: readonly PlanDependency[],
  today: string,
): { schedule: Map<string, ScheduledMilestone>; deps: Map<string, string[]> } {
  const s = schedulePlan(milestones, dependencies, today);
  const schedule = new Map<string, ScheduledMilestone>();
  const deps = new Map<string, string[]>();
  s.active.forEach((m, i) => {
    schedule.set(m.id, { es: s.es[i]!, ef: s.ef[i]! });
    if (s.predStart[i + 1]! > s.predStart[i]!) deps.set(m.id, Array.from(s.pred.subarray(s.predStart[i]!, s.predStart[i + 1]!), (p) => s.active[p]!.id));
  });
  return { schedule, deps };
}

export interface CriticalPath {
  milestoneIds: string[];
  /** `completedOn`: the step is done (on that day); null while it is open. */
  items: { id: string; title: string; trackId: string | null; dueDate: string; earliestFinish: string; completedOn: string | null }[];
  projectedFinish: string | null;
  goalDate: string;
  /** goalDate − projectedFinish in days; negative: the chain overruns the goal date. */
  slackDays: number | null;
}

/**
 * The critical path is the chain ending at the milestone with the latest earliest finish
 * (ties: a milestone nothing waits for, e.g. the summit; then the later due date, then the
 * smaller id), traced back through, at each step, the dependency with the latest earliest
 * finish (ties: the later due date, then the smaller id): the one that drives it.
 * `projectedFinish` is that latest earliest finish: when the whole plan can be done.
 */
export function criticalPath(
  milestones: readonly PlanMilestone[],
  dependencies: readonly PlanDependency[],
  today: string,
  goalDate: string,
): CriticalPath {
  const { active, ef, due, predStart, pred, waitedFor } = schedulePlan(milestones, dependencies, today);
  /** a drives later than b: a later finish, then a later due date, then the smaller id. */
  const later = (a: number, b: number): boolean => {
    if (ef[a] !== ef[b]) return ef[a]! > ef[b]!;
    if (due[a] !== due[b]) return due[a]! > due[b]!;
    return active[a]!.id < active[b]!.id;
  };
  let end = -1;
  for (let i = 0; i < active.length; i++) {
    if (end < 0) end = i;
    else if (ef[i] === ef[end] && waitedFor[i] !== waitedFor[end]) {
      if (!waitedFor[i]) end = i;
    } else if (later(i, end)) end = i;
  }
  if (end < 0) return { milestoneIds: [], items: [], projectedFinish: null, goalDate, slackDays: null };

  const chain: number[] = [];
  const seen = new Uint8Array(active.length);
  for (let cur = end; cur >= 0 && !seen[cur]; ) {
    chain.push(cur);
    seen[cur] = 1;
    let driver = -1;
    for (let k = predStart[cur]!; k < predStart[cur + 1]!; k++) {
      const p = pred[k]!;
      if (!seen[p] && (driver < 0 || later(p, driver))) driver = p;
    }
    cur = driver;
  }
  chain.reverse();
  const finish = ef[end]!;
  return {
    milestoneIds: chain.map((i) => active[i]!.id),
    items: chain.map((i) => {
      const m = active[i]!;
      return { id: m.id, title: m.title, trackId: m.trackId, dueDate: m.dueDate, earliestFinish: fromDayNumber(ef[i]!), completedOn: m.status === 'done' ? m.completedOn : null };
    }),
    projectedFinish: fromDayNumber(finish),
    goalDate,
    slackDays: toDayNumber(goalDate) - finish,
  };
}

export type ScheduleOutlook =
  | { kind: 'late'; days: number; text: string; tone: 'danger' }
  | { kind: 'no_slack'; days: 0; text: string; tone: 'warning' }
  | { kind: 'slack'; days: number; text: string; tone: 'ok' }
  | { kind: 'empty'; days: null; text: string; tone: 'neutral' };

/**
 * Are we on track for the goal date? Read off the critical path's projected finish, and only
 * there: the dashboard's Schedule tile and its Critical path card both say this.
 */
export function scheduleOutlook(cp: Pick<CriticalPath, 'slackDays'>): ScheduleOutlook {
  const s = cp.slackDays;
  if (s === null) return { kind: 'empty', days: null, text: 'No milestones to schedule', tone: 'neutral' };
  if (s < 0) return { kind: 'late', days: -s, text: `${plural(-s, 'day')} late`, tone: 'danger' };
  if (s === 0) return { kind: 'no_slack', days: 0, text: 'On time, no slack', tone: 'warning' };
  return { kind: 'slack', days: s, text: `${plural(s, 'day')} of slack`, tone: 'ok' };
}
