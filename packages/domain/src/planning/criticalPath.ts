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

export interface ScheduledMilestone {
  /** Earliest start and earliest finish, as day numbers. */
  es: number;
  ef: number;
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
 */
export function forwardPass(
  milestones: readonly PlanMilestone[],
  dependencies: readonly PlanDependency[],
  today: string,
): { schedule: Map<string, ScheduledMilestone>; deps: Map<string, string[]> } {
  const day = dayCache();
  const todayN = day(today);
  const active = new Map<string, PlanMilestone>();
  for (const m of milestones) if (isCounted(m.status)) active.set(m.id, m);

  const deps = new Map<string, string[]>(); // milestone → what it waits for
  const dependents = new Map<string, string[]>(); // milestone → who waits for it
  const indegree = new Map<string, number>();
  for (const id of active.keys()) indegree.set(id, 0);
  for (const d of dependencies) {
    if (!active.has(d.milestoneId) || !active.has(d.dependsOnId) || d.milestoneId === d.dependsOnId) continue;
    (deps.get(d.milestoneId) ?? deps.set(d.milestoneId, []).get(d.milestoneId)!).push(d.dependsOnId);
    (dependents.get(d.dependsOnId) ?? dependents.set(d.dependsOnId, []).get(d.dependsOnId)!).push(d.milestoneId);
    indegree.set(d.milestoneId, indegree.get(d.milestoneId)! + 1);
  }

  const schedule = new Map<string, ScheduledMilestone>();
  const place = (m: PlanMilestone) => {
    const due = day(m.dueDate);
    const start = m.startDate ? day(m.startDate) : null;
    const d = start === null ? 0 : Math.max(0, due - start); // = milestoneDuration(m)
    if (m.status === 'done') {
      const ef = m.completedOn ? day(m.completedOn) : due;
      schedule.set(m.id, { es: ef - d, ef });
      return;
    }
    let es = start ?? due - d;
    if (!hasStarted(m) && es < todayN) es = todayN;
    let ef = Math.max(es + d, todayN);
    for (const p of deps.get(m.id) ?? []) {
      const s = schedule.get(p);
      if (s && s.ef > ef) ef = s.ef;
    }
    schedule.set(m.id, { es, ef });
  };

  // Kahn's algorithm: a milestone is placed once everything it waits for is placed.
  const queue: string[] = [];
  for (const [id, n] of indegree) if (n === 0) queue.push(id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    place(active.get(id)!);
    for (const next of dependents.get(id) ?? []) {
      const n = indegree.get(next)! - 1;
      indegree.set(next, n);
      if (n === 0) queue.push(next);
    }
  }
  if (schedule.size < active.size) {
    const rest = [...active.keys()].filter((id) => !schedule.has(id)).sort();
    for (const id of rest) place(active.get(id)!);
  }
  return { schedule, deps };
}

export interface CriticalPath {
  milestoneIds: string[];
  items: { id: string; title: string; trackId: string | null; dueDate: string; earliestFinish: string }[];
  projectedFinish: string | null;
  goalDate: string;
  /** goalDate − projectedFinish in days; negative: the chain overruns the goal date. */
  slackDays: number | null;
}

/**
 * The critical path is the chain ending at the milestone with the latest earliest finish
 * (ties: a milestone nothing waits for, e.g. the summit; then the later due date, then the
 * smaller id), traced back through, at each step, the dependency with the latest earliest
 * finish (same ties): the one that drives it. `projectedFinish` is that latest earliest
 * finish: when the whole plan can be done.
 */
export function criticalPath(
  milestones: readonly PlanMilestone[],
  dependencies: readonly PlanDependency[],
  today: string,
  goalDate: string,
): CriticalPath {
  const { schedule, deps } = forwardPass(milestones, dependencies, today);
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const later = (a: string, b: string | null): boolean => {
    if (b === null) return true;
    const ea = schedule.get(a)!.ef;
    const eb = schedule.get(b)!.ef;
    if (ea !== eb) return ea > eb;
    const da = byId.get(a)!.dueDate;
    const db = byId.get(b)!.dueDate;
    if (da !== db) return da > db;
    return a < b;
  };
  const waitedFor = new Set<string>();
  for (const list of deps.values()) for (const p of list) waitedFor.add(p);
  let end: string | null = null;
  for (const id of schedule.keys()) {
    if (end !== null && schedule.get(id)!.ef === schedule.get(end)!.ef && waitedFor.has(id) !== waitedFor.has(end)) {
      if (!waitedFor.has(id)) end = id;
    } else if (later(id, end)) end = id;
  }
  if (end === null) return { milestoneIds: [], items: [], projectedFinish: null, goalDate, slackDays: null };

  const chain: string[] = [];
  const seen = new Set<string>();
  for (let cur: string | null = end; cur !== null && !seen.has(cur); ) {
    chain.push(cur);
    seen.add(cur);
    let driver: string | null = null;
    for (const p of deps.get(cur) ?? []) if (!seen.has(p) && later(p, driver)) driver = p;
    cur = driver;
  }
  chain.reverse();
  const finish = schedule.get(end)!.ef;
  return {
    milestoneIds: chain,
    items: chain.map((id) => {
      const m = byId.get(id)!;
      return { id, title: m.title, trackId: m.trackId, dueDate: m.dueDate, earliestFinish: fromDayNumber(schedule.get(id)!.ef) };
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
