/**
 * The ranges the odds simulation (`forecastPlan`) draws from, one per open milestone that has one:
 *
 *  - a threshold milestone ("40 states ratify") not yet reached takes the range of its pace
 *    (`thresholdPace` over the dates of the acts that count: the partners' acts of its
 *    threshold act), when there is a pace;
 *  - otherwise the milestone's own ranged estimate (optimistic, likely, pessimistic), when it
 *    carries all three dates in order;
 *  - otherwise none: the simulation keeps its planned finish.
 *
 * A done or dropped milestone has none (its finish is history, or it will not happen).
 */
import type { MilestoneStatus, ThresholdAct } from '../enums.ts';
import { isOpenStatus } from '../rules/milestones.ts';
import type { RangeEstimate } from './simulate.ts';
import { DEFAULT_PACE_WINDOW_DAYS, thresholdPace } from './threshold.ts';

/** What a milestone contributes to its range. */
export interface EstimatedMilestone {
  id: string;
  status: MilestoneStatus;
  estimateOptimistic: string | null;
  estimateLikely: string | null;
  estimatePessimistic: string | null;
  thresholdAct: ThresholdAct | null;
  threshold: number | null;
}

/** One partner's dated act toward a threshold milestone (a `partner_acts` row). */
export interface MilestoneAct {
  milestoneId: string;
  act: ThresholdAct;
  actedOn: string;
}

/** A range and where it came from: the milestone's own estimate, or its threshold's pace. */
export interface SourcedRange extends RangeEstimate {
  source: 'estimate' | 'pace';
}

export function forecastEstimates(
  milestones: readonly EstimatedMilestone[],
  acts: readonly MilestoneAct[],
  today: string,
  windowDays = DEFAULT_PACE_WINDOW_DAYS,
): Map<string, SourcedRange> {
  const actsOf = new Map<string, MilestoneAct[]>();
  for (const a of acts) {
    const list = actsOf.get(a.milestoneId);
    if (list) list.push(a);
    else actsOf.set(a.milestoneId, [a]);
  }
  const out = new Map<string, SourcedRange>();
  for (const m of milestones) {
    if (!isOpenStatus(m.status)) continue;
    if (m.thresholdAct !== null && m.threshold !== null && m.threshold > 0) {
      // Only the acts that count: the milestone's own act (a "voted no" is not a ratification).
      const counted = (actsOf.get(m.id) ?? []).filter((a) => a.act === m.thresholdAct).map((a) => a.actedOn);
      const pace = thresholdPace(counted, m.threshold, today, windowDays);
      if (pace.range) {
        out.set(m.id, { ...pace.range, source: 'pace' });
        continue;
      }
    }
    const { estimateOptimistic: o, estimateLikely: l, estimatePessimistic: p } = m;
    if (o && l && p && o <= l && l <= p) out.set(m.id, { optimistic: o, likely: l, pessimistic: p, source: 'estimate' });
  }
  return out;
}
