/**
 * Milestone rules: how status, progress and the completion date move together, the
 * start ≤ due invariant, what "open", "overdue" and "due soon" mean, and which dependencies
 * are late. One definition each: the server writes and computes with them, the screens show
 * with them.
 */
import { MILESTONE_STATUSES, rankIn, type MilestoneStatus } from '../enums.ts';
import { addDays, daysBetween, plural } from '../dates.ts';

/** The fields the rules look at. */
export interface MilestoneState {
  status: MilestoneStatus;
  progress: number;
  startDate: string | null;
  dueDate: string;
  completedOn: string | null;
}

export type MilestonePatch = Partial<MilestoneState>;

export type MilestoneRuleResult =
  | { ok: true; patch: MilestonePatch }
  | { ok: false; field: keyof MilestoneState; message: string };

/** The state of a milestone before anything is set: what `create` starts from. */
export function blankMilestone(dueDate: string): MilestoneState {
  return { status: 'planned', progress: 0, startDate: null, dueDate, completedOn: null };
}

/**
 * Applies the rules to `patch` on top of `before` and returns the patch to write (the given
 * fields plus those the rules derive), or the field that breaks a rule:
 * - setting status `done` sets progress to 100 and the completion date to `today` unless one is given;
 * - a milestone that stays done keeps progress 100 and a completion date;
 * - leaving `done` clears the completion date;
 * - progress 100 alone does not change the status;
 * - only a done milestone has a completion date;
 * - the start date is on or before the due date (checked on the merged result).
 */
export function applyMilestoneRules(before: MilestoneState, patch: MilestonePatch, today: string): MilestoneRuleResult {
  const out: MilestonePatch = {};
  for (const [key, value] of Object.entries(patch) as [keyof MilestoneState, unknown][]) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  // "Planned" means not started: a change that leaves a milestone planned with progress above 0
  // makes it in progress (only when the change touches status or progress: an unrelated edit of
  // an old row changes nothing).
  if ((out.status !== undefined || out.progress !== undefined) && (out.status ?? before.status) === 'planned' && (out.progress ?? before.progress) > 0) {
    out.status = 'in_progress';
  }
  const status = out.status ?? before.status;
  const wasDone = before.status === 'done';

  if (status === 'done') {
    if (!wasDone) {
      out.progress = 100;
      out.completedOn = out.completedOn ?? today;
    } else {
      if (out.progress !== undefined && out.progress !== 100) {
        return { ok: false, field: 'progress', message: 'A done milestone is at 100%: change its status first to lower the progress' };
      }
      if (out.completedOn === null) {
        return { ok: false, field: 'completedOn', message: 'A done milestone needs a completion date' };
      }
      // Repairs a done row that somehow lacks its completion date or full progress.
      if (before.completedOn === null && out.completedOn === undefined) out.completedOn = today;
      if (before.progress !== 100 && out.progress === undefined) out.progress = 100;
    }
  } else {
    if (out.completedOn) {
      return { ok: false, field: 'completedOn', message: 'Only a done milestone has a completion date' };
    }
    if (wasDone || before.completedOn !== null) out.completedOn = null;
    else delete out.completedOn;
  }

  const startDate = out.startDate !== undefined ? out.startDate : before.startDate;
  const dueDate = out.dueDate ?? before.dueDate;
  if (startDate !== null && startDate > dueDate) {
    const field = out.startDate === undefined && out.dueDate !== undefined ? 'dueDate' : 'startDate';
    return {
      ok: false,
      field,
      message: field === 'startDate' ? START_AFTER_DUE : 'The due date must be on or after the start date',
    };
  }
  return { ok: true, patch: out };
}

export const START_AFTER_DUE = 'The start date must be on or before the due date';

const STATUS_RANK = rankIn(MILESTONE_STATUSES);

/** Position of a status in its lifecycle order (planned first, dropped last): the `status` sort. */
export function statusRank(status: MilestoneStatus): number {
  return STATUS_RANK[status];
}

/** Still to be done: neither done nor dropped. */
export function isOpenStatus(status: MilestoneStatus): boolean {
  return status !== 'done' && status !== 'dropped';
}

/** Counted in progress, schedules and dependencies: everything but a dropped milestone, which will not happen. */
export function isCounted(status: MilestoneStatus): boolean {
  return status !== 'dropped';
}

/** Open and flagged by its owner as at risk or blocked: needs the coordinator's attention. */
export function needsAttention(status: MilestoneStatus): boolean {
  return status === 'at_risk' || status === 'blocked';
}

/**
 * A milestone's progress for the roll-up: a `done` milestone counts as 100 whatever its
 * progress field says (the status is the authority); otherwise its progress (0–100).
 */
export function milestoneProgress(m: { status: MilestoneStatus; progress: number }): number {
  if (m.status === 'done') return 100;
  return Math.min(100, Math.max(0, m.progress));
}

/** The day a milestone finishes (or is expected to): its completion date when done, else its due date. */
export function finishDate(m: { dueDate: string; completedOn: string | null }): string {
  return m.completedOn ?? m.dueDate;
}

// ---------------------------------------------------------------------------
// Due state: overdue, due soon
// ---------------------------------------------------------------------------

/** "Due soon" window: from today up to and including today + 14 days. */
export const DUE_SOON_DAYS = 14;

export type DueKind = 'overdue' | 'soon' | 'later' | 'closed';

export interface DueState {
  kind: DueKind;
  /** Days from today to the due date (negative when past). */
  days: number;
  /** "3 days overdue", "due today", "due in 5 days"; empty for later and closed. */
  text: string;
}

/** The last day that is still "due soon" from `today`. */
export function dueSoonLimit(today: string): string {
  return addDays(today, DUE_SOON_DAYS);
}

/**
 * Overdue (open, due before today), due soon (open, due today to today + 14 days), later,
 * or closed (done or dropped): ISO dates compare as strings. `soonLimit` is
 * `dueSoonLimit(today)`, passed in so a pass over thousands of milestones computes it once.
 */
export function dueKind(m: { dueDate: string; status: MilestoneStatus }, today: string, soonLimit: string): DueKind {
  if (!isOpenStatus(m.status)) return 'closed';
  if (isOverdue(m, today)) return 'overdue';
  return m.dueDate <= soonLimit ? 'soon' : 'later';
}

/**
 * The due state with its day count and wording. The only definition: the dashboard's lists,
 * the milestone list, the detail page and the timeline all read it (through `dueKind`).
 */
export function dueState(m: { dueDate: string; status: MilestoneStatus }, today: string): DueState {
  const days = daysBetween(today, m.dueDate);
  const kind = dueKind(m, today, dueSoonLimit(today));
  if (kind === 'overdue') return { kind, days, text: `${plural(-days, 'day')} overdue` };
  if (kind === 'soon') return { kind, days, text: days === 0 ? 'due today' : days === 1 ? 'due tomorrow' : `due in ${days} days` };
  return { kind, days, text: '' };
}

/**
 * The "what is next" order of a milestone (the list's default sort), as one comparable string:
 * open ones first, then closed ones (done, dropped), each by due date. Overdue ones are the open
 * ones due earliest, so they lead, then those due soon, then later ones. The server's SQL sorts by
 * the same string (and pages on it).
 */
export function whatsNextKey(m: { dueDate: string; status: MilestoneStatus }): string {
  return `${isOpenStatus(m.status) ? 0 : 1}${m.dueDate}`;
}

/** Still open and due before today (ISO dates compare as strings). */
export function isOverdue(m: { dueDate: string; status: MilestoneStatus }, today: string): boolean {
  return isOpenStatus(m.status) && m.dueDate < today;
}

// ---------------------------------------------------------------------------
// Late dependencies
// ---------------------------------------------------------------------------

export interface DependencyEnd {
  status: MilestoneStatus;
  dueDate: string;
  completedOn: string | null;
}

/**
 * A dependency is late when the milestone waiting for it is still open and the dependency
 * (not dropped: a dropped milestone will not happen and holds nothing up) finishes after the
 * waiting milestone's due date. It "finishes" on its completion date when done, else on its
 * due date. The only definition: the dashboard's dependency problems, the detail page's
 * warning, the list's flag and the timeline's red arrows all read it.
 */
export function isLateDependency(milestone: DependencyEnd, dependency: DependencyEnd): boolean {
  if (!isOpenStatus(milestone.status) || dependency.status === 'dropped') return false;
  return finishDate(dependency) > milestone.dueDate;
}

/** Ids of the dependencies of `milestone` that are late (see isLateDependency). */
export function lateDependencyIds(milestone: DependencyEnd, dependencies: readonly (DependencyEnd & { id: string })[]): string[] {
  return dependencies.filter((d) => isLateDependency(milestone, d)).map((d) => d.id);
}
