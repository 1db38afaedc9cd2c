/**
 * The planning intelligence behind the dashboard, as pure functions over plain rows
 * (no database): progress roll-up, schedule health (overdue, due soon, critical path,
 * dependency violations), momentum and coalition balance.
 *
 * Dates are ISO `YYYY-MM-DD` strings; arithmetic is done on UTC day numbers
 * (see dates.ts). Every function is O(rows) or O(rows log rows) so a 5,000-milestone
 * plan stays fast.
 */
import {
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  MILESTONE_STATUSES,
  PARTNER_KINDS,
  type AssignmentRole,
  type Contribution,
  type EngagementStage,
  type MilestoneStatus,
  type PartnerKind,
  type TrackStatus,
} from '@coalition/db';
import { addDays, daysBetween, fromDayNumber, toDayNumber, weekStart } from './dates.ts';
import { isBeforeDialogue, isCommitted, isStateActor } from './partners.ts';

// ---------------------------------------------------------------------------
// Inputs: the columns the dashboard loads
// ---------------------------------------------------------------------------

export interface PlanMilestone {
  id: string;
  trackId: string | null;
  title: string;
  startDate: string | null;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
  completedOn: string | null;
}

/** `milestoneId` waits for `dependsOnId`. */
export interface PlanDependency {
  milestoneId: string;
  dependsOnId: string;
}

export interface PlanTrack {
  id: string;
  name: string;
  color: string;
  position: number;
  status: TrackStatus;
}

export interface PlanPartner {
  id: string;
  name: string;
  kind: PartnerKind;
  contributions: Contribution[];
  influence: number;
  interest: number;
  stage: EngagementStage;
  committedOn: string | null;
}

export interface PlanAssignment {
  partnerId: string;
  trackId: string;
  role: AssignmentRole;
}

/** Lists are capped at this length; the uncapped total is returned beside them. */
export const LIST_CAP = 50;
/** "Due soon" window: from today up to and including today + 14 days. */
export const DUE_SOON_DAYS = 14;
/** The momentum chart shows at most this many weeks (about five years), ending today. */
export const MAX_MOMENTUM_WEEKS = 260;
/** Partners with at least this influence who are not yet in dialogue are the ones to engage next. */
export const ENGAGE_INFLUENCE_MIN = 4;
export const ENGAGE_NEXT_CAP = 10;

const isOpen = (m: PlanMilestone) => m.status !== 'done' && m.status !== 'dropped';

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Plain code-point comparison: fast and deterministic (no locale), for ISO dates and ids. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest due first; ties by title then id so the order is stable. */
function byDue(a: PlanMilestone, b: PlanMilestone): number {
  return cmp(a.dueDate, b.dueDate) || cmp(a.title, b.title) || cmp(a.id, b.id);
}

/**
 * toDayNumber memoised for one computation: a plan has far fewer distinct dates than date
 * reads, and parsing dominates the cost of the forward pass on a large plan.
 */
function dayCache(): (iso: string) => number {
  const cache = new Map<string, number>();
  return (iso) => {
    let n = cache.get(iso);
    if (n === undefined) cache.set(iso, (n = toDayNumber(iso)));
    return n;
  };
}

// ---------------------------------------------------------------------------
// Progress roll-up: milestone → track → coalition
// ---------------------------------------------------------------------------

/**
 * A milestone's progress for the roll-up: a `done` milestone counts as 100 whatever its
 * progress field says (the status is the authority); otherwise its progress (0–100).
 */
export function milestoneProgress(m: Pick<PlanMilestone, 'status' | 'progress'>): number {
  if (m.status === 'done') return 100;
  return Math.min(100, Math.max(0, m.progress));
}

export interface ProgressBucket {
  progress: number;
  milestoneCount: number;
  doneCount: number;
}

export interface TrackProgress extends ProgressBucket {
  id: string;
  name: string;
  color: string;
  position: number;
  status: TrackStatus;
  overdueCount: number;
}

export interface ProgressRollup {
  overall: number;
  milestoneCount: number;
  doneCount: number;
  byStatus: Record<MilestoneStatus, number>;
  tracks: TrackProgress[];
  /** Milestones that belong to the coalition as a whole (no track), e.g. the summit itself. */
  coalitionWide: ProgressBucket;
}

/**
 * Roll-up choice (documented for the UI):
 * - `dropped` milestones are left out everywhere (they will not happen, so they neither
 *   drag progress down nor count as work); `milestoneCount` counts the milestones that do
 *   count, and `byStatus` still reports every status, `dropped` included.
 * - A track's progress is the plain average of its milestones' progress.
 * - `overall` is the average over ALL counted milestones of the coalition (tracked and
 *   coalition-wide alike), i.e. weighted by milestone, not the average of the track bars:
 *   a track with 200 milestones represents more of the plan than one with 3, and a tiny
 *   track cannot swing the headline number.
 * - Percentages are rounded to whole numbers; an empty bucket shows 0.
 */
export function rollUpProgress(milestones: PlanMilestone[], tracks: PlanTrack[], today: string): ProgressRollup {
  const byStatus = zeroRecord(MILESTONE_STATUSES);
  const acc = new Map<string, { sum: number; count: number; done: number; overdue: number }>();
  for (const t of tracks) acc.set(t.id, { sum: 0, count: 0, done: 0, overdue: 0 });
  const wide = { sum: 0, count: 0, done: 0 };
  let sum = 0;
  let count = 0;
  let done = 0;
  for (const m of milestones) {
    byStatus[m.status]++;
    if (m.status === 'dropped') continue;
    const p = milestoneProgress(m);
    const isDone = m.status === 'done' ? 1 : 0;
    sum += p;
    count++;
    done += isDone;
    if (m.trackId === null) {
      wide.sum += p;
      wide.count++;
      wide.done += isDone;
      continue;
    }
    const bucket = acc.get(m.trackId);
    if (!bucket) continue; // a track id not in the list: counted only in the overall figure
    bucket.sum += p;
    bucket.count++;
    bucket.done += isDone;
    if (isOverdue(m, today)) bucket.overdue++;
  }
  const pct = (s: number, n: number) => (n === 0 ? 0 : Math.round(s / n));
  const overall = pct(sum, count);
  return {
    overall,
    milestoneCount: count,
    doneCount: done,
    byStatus,
    tracks: [...tracks]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((t) => {
        const a = acc.get(t.id)!;
        return {
          id: t.id,
          name: t.name,
          color: t.color,
          position: t.position,
          status: t.status,
          progress: pct(a.sum, a.count),
          milestoneCount: a.count,
          doneCount: a.done,
          overdueCount: a.overdue,
        };
      }),
    coalitionWide: { progress: pct(wide.sum, wide.count), milestoneCount: wide.count, doneCount: wide.done },
  };
}

// ---------------------------------------------------------------------------
// Schedule health: overdue and due soon
// ---------------------------------------------------------------------------

/** Not done or dropped, and due strictly before today. */
export function isOverdue(m: PlanMilestone, today: string): boolean {
  return isOpen(m) && m.dueDate < today;
}

/** Not done or dropped, and due between today and today + 14 days, both included. */
export function isDueSoon(m: PlanMilestone, today: string, days = DUE_SOON_DAYS): boolean {
  return isOpen(m) && m.dueDate >= today && m.dueDate <= addDays(today, days);
}

export interface ScheduleItem {
  id: string;
  title: string;
  trackId: string | null;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
}

const scheduleItem = (m: PlanMilestone): ScheduleItem => ({
  id: m.id,
  title: m.title,
  trackId: m.trackId,
  dueDate: m.dueDate,
  status: m.status,
  progress: m.progress,
});

export function scheduleHealth(milestones: PlanMilestone[], today: string, cap = LIST_CAP) {
  const soonLimit = addDays(today, DUE_SOON_DAYS);
  const overdue: PlanMilestone[] = [];
  const dueSoon: PlanMilestone[] = [];
  for (const m of milestones) {
    if (!isOpen(m)) continue;
    if (m.dueDate < today) overdue.push(m);
    else if (m.dueDate <= soonLimit) dueSoon.push(m);
  }
  overdue.sort(byDue);
  dueSoon.sort(byDue);
  return {
    overdue: overdue.slice(0, cap).map((m) => ({ ...scheduleItem(m), daysLate: daysBetween(m.dueDate, today) })),
    overdueCount: overdue.length,
    dueSoon: dueSoon.slice(0, cap).map((m) => ({ ...scheduleItem(m), daysLeft: daysBetween(today, m.dueDate) })),
    dueSoonCount: dueSoon.length,
  };
}

// ---------------------------------------------------------------------------
// Critical path (CPM forward pass)
// ---------------------------------------------------------------------------

/**
 * Duration in days: `max(1, due − start)` when the milestone has a start date, else 1.
 * (A day number counts instants: a milestone "finishes on D" means at day number D.)
 */
export function milestoneDuration(m: Pick<PlanMilestone, 'startDate' | 'dueDate'>): number {
  return m.startDate ? Math.max(1, daysBetween(m.startDate, m.dueDate)) : 1;
}

/** Under way: status `in_progress`, or any other open status with progress already above 0. */
export function hasStarted(m: PlanMilestone): boolean {
  return m.status === 'in_progress' || (isOpen(m) && m.progress > 0);
}

export interface ScheduledMilestone {
  /** Earliest start and earliest finish, as day numbers. */
  es: number;
  ef: number;
}

/**
 * CPM forward pass over the dependency DAG. Definition (all on day numbers):
 *
 * - `dropped` milestones are ignored, and so is every dependency to or from one.
 * - duration d = milestoneDuration(m).
 * - A `done` milestone is history: EF = completedOn (or dueDate when no completion date
 *   was recorded), ES = EF − d; its dependencies no longer move it.
 * - Otherwise the planned start is PS = startDate, or dueDate − d without a start date
 *   (so that, left alone, it finishes exactly on its due date), and
 *     ES = max(PS, today)                          — `today` only if it has not started (hasStarted)
 *     EF = max(ES + d, max EF(dependencies), today) — nothing unfinished finishes in the past
 *   A dependency constrains the finish, not the start: a milestone is a point of progress
 *   whose work may overlap with what it waits for, but it cannot be reached before every
 *   milestone it depends on is reached (the same rule that flags a dependency finishing
 *   after its dependant's due date). A milestone that is on time and unconstrained therefore
 *   finishes on its due date; a late dependency or a start that has not happened yet pushes
 *   it later.
 *
 * The graph is a DAG (the API refuses cycles); should rows in a cycle exist anyway, they
 * are scheduled in id order using only the dependencies already scheduled.
 */
export function forwardPass(
  milestones: PlanMilestone[],
  dependencies: PlanDependency[],
  today: string,
): { schedule: Map<string, ScheduledMilestone>; deps: Map<string, string[]> } {
  const day = dayCache();
  const todayN = day(today);
  const active = new Map<string, PlanMilestone>();
  for (const m of milestones) if (m.status !== 'dropped') active.set(m.id, m);

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
    const d = start === null ? 1 : Math.max(1, due - start); // = milestoneDuration(m)
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
 * (ties: the later due date, then the smaller id), traced back through, at each step, the
 * dependency with the latest earliest finish (same ties) — the one that drives its start.
 * `projectedFinish` is that latest earliest finish: when the whole plan can be done.
 */
export function criticalPath(
  milestones: PlanMilestone[],
  dependencies: PlanDependency[],
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
  // The chain ends at the latest finish; among equal finishes (a late dependency carries its
  // finish forward), at a milestone nothing else waits for: the end of the chain, e.g. the summit.
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
  const projectedFinish = fromDayNumber(schedule.get(end)!.ef);
  return {
    milestoneIds: chain,
    items: chain.map((id) => {
      const m = byId.get(id)!;
      return { id, title: m.title, trackId: m.trackId, dueDate: m.dueDate, earliestFinish: fromDayNumber(schedule.get(id)!.ef) };
    }),
    projectedFinish,
    goalDate,
    slackDays: daysBetween(projectedFinish, goalDate),
  };
}

// ---------------------------------------------------------------------------
// Dependency violations
// ---------------------------------------------------------------------------

export interface DependencyViolation {
  milestoneId: string;
  title: string;
  dueDate: string;
  dependsOnId: string;
  dependsOnTitle: string;
  dependsOnFinish: string;
}

/**
 * A milestone still to be done (not done, not dropped) whose dependency finishes after the
 * milestone's own due date. The dependency "finishes" on its completion date when done
 * (falling back to its due date), otherwise on its due date. Dropped dependencies are
 * ignored. Sorted by the waiting milestone's due date, then by the dependency's finish.
 */
export function dependencyViolations(milestones: PlanMilestone[], dependencies: PlanDependency[]): DependencyViolation[] {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const out: DependencyViolation[] = [];
  for (const d of dependencies) {
    const m = byId.get(d.milestoneId);
    const dep = byId.get(d.dependsOnId);
    if (!m || !dep || !isOpen(m) || dep.status === 'dropped') continue;
    const finish = dep.status === 'done' ? (dep.completedOn ?? dep.dueDate) : dep.dueDate;
    if (finish > m.dueDate) {
      out.push({
        milestoneId: m.id,
        title: m.title,
        dueDate: m.dueDate,
        dependsOnId: dep.id,
        dependsOnTitle: dep.title,
        dependsOnFinish: finish,
      });
    }
  }
  return out.sort(
    (a, b) =>
      cmp(a.dueDate, b.dueDate) ||
      cmp(b.dependsOnFinish, a.dependsOnFinish) ||
      cmp(a.milestoneId, b.milestoneId) ||
      cmp(a.dependsOnId, b.dependsOnId),
  );
}

// ---------------------------------------------------------------------------
// Momentum: the snowball
// ---------------------------------------------------------------------------

export interface MomentumWeek {
  /** Monday of the week. */
  week: string;
  milestonesCompleted: number;
  partnersCommitted: number;
  cumulativeMilestones: number;
  cumulativePartners: number;
}

/**
 * Weekly series (weeks start on Monday) of milestones completed (status `done`, by
 * `completedOn`) and partners committed (stage committed/champion, by `committedOn`).
 *
 * It starts at the week of the earliest of: the first completion, the first commitment and
 * the coalition's creation day (so a new coalition's chart starts when it was founded, and
 * a plan holding history — e.g. from a template — starts at that history), and ends at the
 * week containing `today`. Longer than MAX_MOMENTUM_WEEKS, it starts later; the cumulative
 * values still include everything before the first week shown. Dates after today are not
 * counted (they have not happened yet).
 */
export function momentumSeries(
  milestones: PlanMilestone[],
  partners: PlanPartner[],
  createdOn: string,
  today: string,
  maxWeeks = MAX_MOMENTUM_WEEKS,
): MomentumWeek[] {
  const completions: string[] = [];
  for (const m of milestones) if (m.status === 'done' && m.completedOn && m.completedOn <= today) completions.push(m.completedOn);
  const commitments: string[] = [];
  for (const p of partners) if (isCommitted(p.stage) && p.committedOn && p.committedOn <= today) commitments.push(p.committedOn);

  let first = createdOn < today ? createdOn : today;
  for (const d of completions) if (d < first) first = d;
  for (const d of commitments) if (d < first) first = d;

  const day = dayCache();
  const lastWeek = day(weekStart(today));
  let firstWeek = day(weekStart(first));
  if ((lastWeek - firstWeek) / 7 + 1 > maxWeeks) firstWeek = lastWeek - (maxWeeks - 1) * 7;
  const weeks = (lastWeek - firstWeek) / 7 + 1;

  const completed = new Array<number>(weeks).fill(0);
  const committed = new Array<number>(weeks).fill(0);
  let baseMilestones = 0;
  let basePartners = 0;
  for (const d of completions) {
    const i = Math.floor((day(d) - firstWeek) / 7);
    if (i < 0) baseMilestones++;
    else completed[i]!++;
  }
  for (const d of commitments) {
    const i = Math.floor((day(d) - firstWeek) / 7);
    if (i < 0) basePartners++;
    else committed[i]!++;
  }
  const series: MomentumWeek[] = [];
  let cm = baseMilestones;
  let cp = basePartners;
  for (let i = 0; i < weeks; i++) {
    cm += completed[i]!;
    cp += committed[i]!;
    series.push({
      week: fromDayNumber(firstWeek + i * 7),
      milestonesCompleted: completed[i]!,
      partnersCommitted: committed[i]!,
      cumulativeMilestones: cm,
      cumulativePartners: cp,
    });
  }
  return series;
}

// ---------------------------------------------------------------------------
// Coalition balance
// ---------------------------------------------------------------------------

/** Tracks still being worked on: gaps (missing contributions, no lead) only matter there. */
const isOpenTrack = (t: PlanTrack) => t.status === 'active' || t.status === 'on_hold';

export interface Balance {
  stateCount: number;
  nonStateCount: number;
  byKind: Record<PartnerKind, number>;
  byStage: Record<EngagementStage, number>;
  contributionsByTrack: { trackId: string; name: string; covered: Contribution[]; missing: Contribution[] }[];
  tracksWithoutLead: { id: string; name: string }[];
  engageNext: { id: string; name: string; kind: PartnerKind; influence: number; interest: number; stage: EngagementStage }[];
}

/**
 * - State vs non-state by isStateActor; counts by kind and by engagement stage.
 * - Contributions per open track (active or on hold, in track order): the union of the
 *   contributions of the partners assigned to it in any role but `observer`; `missing` is
 *   the rest, both in the canonical CONTRIBUTIONS order.
 * - Open tracks with no `lead` assignment (a co-lead is not a lead).
 * - Whom to bring into the dialogue next: influence ≥ 4 and still identified/approached,
 *   most influential first, then most interested, then by name; at most 10.
 */
export function coalitionBalance(partners: PlanPartner[], tracks: PlanTrack[], assignments: PlanAssignment[]): Balance {
  const byKind = zeroRecord(PARTNER_KINDS);
  const byStage = zeroRecord(ENGAGEMENT_STAGES);
  let stateCount = 0;
  const partnerById = new Map<string, PlanPartner>();
  for (const p of partners) {
    partnerById.set(p.id, p);
    byKind[p.kind]++;
    byStage[p.stage]++;
    if (isStateActor(p.kind)) stateCount++;
  }

  const covered = new Map<string, Set<Contribution>>();
  const led = new Set<string>();
  for (const a of assignments) {
    if (a.role === 'lead') led.add(a.trackId);
    if (a.role === 'observer') continue;
    const p = partnerById.get(a.partnerId);
    if (!p) continue;
    let set = covered.get(a.trackId);
    if (!set) covered.set(a.trackId, (set = new Set()));
    for (const c of p.contributions) set.add(c);
  }

  const openTracks = tracks.filter(isOpenTrack).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const engageNext = partners
    .filter((p) => p.influence >= ENGAGE_INFLUENCE_MIN && isBeforeDialogue(p.stage))
    .sort((a, b) => b.influence - a.influence || b.interest - a.interest || a.name.localeCompare(b.name))
    .slice(0, ENGAGE_NEXT_CAP)
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind, influence: p.influence, interest: p.interest, stage: p.stage }));

  return {
    stateCount,
    nonStateCount: partners.length - stateCount,
    byKind,
    byStage,
    contributionsByTrack: openTracks.map((t) => {
      const set = covered.get(t.id) ?? new Set<Contribution>();
      return {
        trackId: t.id,
        name: t.name,
        covered: CONTRIBUTIONS.filter((c) => set.has(c)),
        missing: CONTRIBUTIONS.filter((c) => !set.has(c)),
      };
    }),
    tracksWithoutLead: openTracks.filter((t) => !led.has(t.id)).map((t) => ({ id: t.id, name: t.name })),
    engageNext,
  };
}
