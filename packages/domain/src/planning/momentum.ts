/** Momentum: the snowball of milestones completed and partners committed, week by week. */
import { fromDayNumber, toDayNumber, weekStart } from '../dates.ts';
import { isCommitted } from '../rules/partners.ts';
import type { PlanMilestone, PlanPartner } from './types.ts';

/** The momentum chart shows at most this many weeks (about five years), ending today. */
export const MAX_MOMENTUM_WEEKS = 260;

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
 * the coalition's creation day, and ends at the week containing `today`. Longer than
 * MAX_MOMENTUM_WEEKS, it starts later; the cumulative values still include everything before
 * the first week shown. Dates after today are not counted (they have not happened yet).
 */
export function momentumSeries(
  milestones: readonly Pick<PlanMilestone, 'status' | 'completedOn'>[],
  partners: readonly Pick<PlanPartner, 'stage' | 'committedOn'>[],
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

  const lastWeek = toDayNumber(weekStart(today));
  // One week of nothing before the first event: the chart starts from zero and always has a line,
  // even for a coalition created this week (one point alone would draw as lone dots).
  let firstWeek = toDayNumber(weekStart(first)) - 7;
  if ((lastWeek - firstWeek) / 7 + 1 > maxWeeks) firstWeek = lastWeek - (maxWeeks - 1) * 7;
  const weeks = (lastWeek - firstWeek) / 7 + 1;

  const completed = new Array<number>(weeks).fill(0);
  const committed = new Array<number>(weeks).fill(0);
  let cm = 0;
  let cp = 0;
  for (const d of completions) {
    const i = Math.floor((toDayNumber(d) - firstWeek) / 7);
    if (i < 0) cm++;
    else completed[i]!++;
  }
  for (const d of commitments) {
    const i = Math.floor((toDayNumber(d) - firstWeek) / 7);
    if (i < 0) cp++;
    else committed[i]!++;
  }
  const series: MomentumWeek[] = [];
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
