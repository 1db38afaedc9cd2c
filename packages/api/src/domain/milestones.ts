/**
 * Milestone rules: how status, progress and the completion date move together, the
 * start ≤ due invariant, and which dependencies finish after a milestone is due.
 * Plain functions (no database), used by the milestone router and unit tested.
 */
import { MILESTONE_STATUSES, type MilestoneStatus } from '@coalition/db';

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
  const status = out.status ?? before.status;
  const wasDone = before.status === 'done';

  if (status === 'done') {
    if (!wasDone) {
      // Becoming done: complete, today unless a date was given.
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
      message: field === 'startDate' ? 'The start date must be on or before the due date' : 'The due date must be on or after the start date',
    };
  }
  return { ok: true, patch: out };
}

const STATUS_RANK = Object.fromEntries(MILESTONE_STATUSES.map((s, i) => [s, i])) as Record<MilestoneStatus, number>;

/** Position of a status in its lifecycle order (planned first, dropped last): the `status` sort. */
export function statusRank(status: MilestoneStatus): number {
  return STATUS_RANK[status];
}

/** The day a milestone finishes (or is expected to): its completion date when done, else its due date. */
export function finishDate(m: { dueDate: string; completedOn: string | null }): string {
  return m.completedOn ?? m.dueDate;
}

/** Ids of the dependencies that finish after `milestone` is due (the schedule cannot hold). */
export function lateDependencyIds(
  milestone: { dueDate: string },
  dependencies: readonly { id: string; dueDate: string; completedOn: string | null }[],
): string[] {
  return dependencies.filter((d) => finishDate(d) > milestone.dueDate).map((d) => d.id);
}
