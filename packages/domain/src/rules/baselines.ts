/**
 * Baselines: whether a move of a due date slips past its baseline (and so needs a reason), and
 * the slips list — what moved against a baseline, by how much, and why.
 */
import { daysBetween } from '../dates.ts';

/**
 * How many days a move of the due date from `oldDue` to `newDue` lands past the baseline's
 * `baselineDue`, when it needs a reason: the new date is later than both the baseline's due date
 * and the current one. 0 when it needs none: no baseline date (the milestone is newer than the
 * baseline), the date moves earlier or stays, or it stays within the baseline.
 */
export function slipOf(baselineDue: string | null | undefined, oldDue: string, newDue: string): number {
  if (!baselineDue || newDue <= oldDue || newDue <= baselineDue) return 0;
  return daysBetween(baselineDue, newDue);
}

/** One milestone's date in a baseline. */
export interface BaselineDate {
  milestoneId: string;
  dueDate: string;
}

export interface BaselineComparison<M, R> {
  /** Due later than in the baseline, biggest slip first; each with its reasons, newest first. */
  slipped: Array<{ milestone: M; baselineDue: string; days: number; reasons: R[] }>;
  /** Due earlier than in the baseline, furthest ahead first. */
  earlier: Array<{ milestone: M; baselineDue: string; days: number }>;
  /** On the baseline's date. */
  onTime: number;
  /** Milestones added since the baseline was saved (they have no date in it). */
  notInBaseline: number;
}

/**
 * Compares the current plan with a baseline: each milestone with a date in it is late by
 * (current due − baseline due) days. `reasons` are the slips recorded for the milestones
 * (any order); each slipped milestone gets its own, newest first.
 */
export function compareWithBaseline<M extends { id: string; dueDate: string }, R extends { milestoneId: string; createdAt: number }>(
  current: readonly M[],
  baseline: readonly BaselineDate[],
  reasons: readonly R[],
): BaselineComparison<M, R> {
  const dueIn = new Map(baseline.map((d) => [d.milestoneId, d.dueDate]));
  const reasonsOf = new Map<string, R[]>();
  for (const r of reasons) reasonsOf.set(r.milestoneId, [...(reasonsOf.get(r.milestoneId) ?? []), r]);
  const out: BaselineComparison<M, R> = { slipped: [], earlier: [], onTime: 0, notInBaseline: 0 };
  for (const m of current) {
    const baselineDue = dueIn.get(m.id);
    if (baselineDue === undefined) {
      out.notInBaseline++;
      continue;
    }
    const days = daysBetween(baselineDue, m.dueDate);
    if (days > 0) out.slipped.push({ milestone: m, baselineDue, days, reasons: [...(reasonsOf.get(m.id) ?? [])].sort((a, b) => b.createdAt - a.createdAt) });
    else if (days < 0) out.earlier.push({ milestone: m, baselineDue, days });
    else out.onTime++;
  }
  const byDays = (a: { days: number; baselineDue: string; milestone: M }, b: { days: number; baselineDue: string; milestone: M }) =>
    Math.abs(b.days) - Math.abs(a.days) || a.baselineDue.localeCompare(b.baselineDue) || a.milestone.id.localeCompare(b.milestone.id);
  out.slipped.sort(byDays);
  out.earlier.sort(byDays);
  return out;
}
