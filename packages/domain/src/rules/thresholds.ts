/**
 * Threshold milestone rules ("40 states ratify"): which act counts toward a milestone, its
 * progress (the count over the threshold and the day it was met), where each eligible partner
 * stands for the whip count, and how the milestone's status follows the count. The pace (when
 * the threshold is reached if recent acts keep coming) is `thresholdPace` (forecast/threshold.ts).
 */
import type { ThresholdAct } from '../enums.ts';
import type { MilestonePatch, MilestoneState } from './milestones.ts';

/** A milestone's threshold: the act that counts and how many are needed. */
export interface MilestoneThreshold {
  thresholdAct: ThresholdAct;
  threshold: number;
}

/** A recorded act (of an eligible partner toward a threshold milestone). */
export interface ActRecord {
  act: ThresholdAct;
  /** ISO date. */
  actedOn: string;
}

/**
 * Only the milestone's own act counts: a ratification threshold is not met by signatures,
 * a "votes yes" threshold not by abstentions.
 */
export function actCounts(act: ThresholdAct, thresholdAct: ThresholdAct): boolean {
  return act === thresholdAct;
}

export interface ThresholdProgress {
  /** Acts that count. */
  count: number;
  threshold: number;
  /** count / threshold as a whole percentage, rounded down and capped at 100 (100 only once met). */
  percent: number;
  /** The date of the act that met the threshold (the threshold-th, by date), or null. */
  reachedOn: string | null;
}

/** Progress of a threshold milestone from its acts (acts that do not count are ignored). */
export function thresholdProgress(t: MilestoneThreshold, acts: readonly ActRecord[]): ThresholdProgress {
  const dates = acts
    .filter((a) => actCounts(a.act, t.thresholdAct))
    .map((a) => a.actedOn)
    .sort();
  const count = dates.length;
  const percent = Math.min(100, Math.floor((count / t.threshold) * 100));
  const reachedOn = count >= t.threshold ? dates[t.threshold - 1]! : null;
  return { count, threshold: t.threshold, percent, reachedOn };
}

/**
 * The act the whip count reads for one eligible partner: its act that counts when it has one;
 * else a vote against; else its latest act (which does not count). `counts` says which case.
 */
export function standingOf<A extends ActRecord>(acts: readonly A[], thresholdAct: ThresholdAct): { act: A | null; counts: boolean } {
  const counting = acts.find((a) => actCounts(a.act, thresholdAct));
  if (counting) return { act: counting, counts: true };
  const against = acts.find((a) => a.act === 'voted_no');
  if (against) return { act: against, counts: false };
  let latest: A | null = null;
  for (const a of acts) if (!latest || a.actedOn > latest.actedOn) latest = a;
  return { act: latest, counts: false };
}

/**
 * How the milestone follows its count, given its progress before and after a change (an act
 * recorded, edited or deleted, a new threshold): once the threshold is met it is done, completed
 * on the day it was met; when a change takes a met threshold back below it, a done milestone is
 * in progress again; otherwise its progress is the count over the threshold. A milestone marked
 * done by hand below its threshold stays done, and a dropped one stays dropped. Returns the patch
 * for `applyMilestoneRules` (which derives the rest, e.g. planned → in progress).
 */
export function thresholdStatusPatch(m: Pick<MilestoneState, 'status'>, before: ThresholdProgress | null, after: ThresholdProgress): MilestonePatch {
  if (m.status === 'dropped') return { progress: after.percent };
  if (after.reachedOn) return { status: 'done', progress: 100, completedOn: after.reachedOn };
  if (m.status === 'done') return before?.reachedOn ? { status: 'in_progress', progress: after.percent, completedOn: null } : {};
  return { progress: after.percent };
}

/** A two-thirds majority of `eligible` (rounded up; at least 1): the form's quick threshold. */
export function twoThirdsOf(eligible: number): number {
  return Math.max(1, Math.ceil((eligible * 2) / 3 - 1e-9));
}

/** "1st", "2nd", "3rd", "40th", "111th": the nth act in a sentence. */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}
