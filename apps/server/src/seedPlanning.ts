/**
 * The live demo's forecast and baseline: ranged estimates on the open milestones still ahead
 * (so the dashboard's Forecast card and the timeline's ranges have something to say), a
 * baseline of the plan saved as it was, and one due date that has since slipped past it, with
 * its reason (the Slips list). Deterministic, counted from the coalition's today like the rest
 * of the re-based plan; written through the real router.
 */
import { addDays, daysBetween } from '@coalition/domain';
import type { SeedCaller as Caller } from './seed.ts';

/** Days before / after the due date for each third of the open milestones: optimistic, likely, pessimistic. */
const RANGES: readonly [number, number, number][] = [
  [-10, 0, 30],
  [-5, 7, 45],
  [-14, 3, 60],
];

/** …and for the steps due in the summit's last three months. */
const LATE_RANGE: readonly [number, number, number] = [-7, 12, 75];

export async function seedPlanning(caller: Caller, coalitionId: string): Promise<void> {
  // The coalition's today (its time zone's), as the forecast reports it.
  const { today } = await caller.position.current({ coalitionId });
  const { goalDate } = await caller.coalition.get({ coalitionId });
  const page = await caller.milestone.list({ coalitionId, status: ['planned', 'in_progress', 'at_risk', 'blocked'], sortBy: 'dueDate', limit: 500 });
  // Not the summit itself: it is held on its day, whatever else slips.
  const ahead = page.items.filter((m) => m.dueDate > today && daysBetween(today, m.dueDate) > 14 && m.dueDate < goalDate);
  for (const [i, m] of ahead.entries()) {
    // The last steps before the summit are the least certain (negotiated texts slip).
    const [o, l, p] = daysBetween(m.dueDate, goalDate) < 90 ? LATE_RANGE : RANGES[i % RANGES.length]!;
    const optimistic = addDays(m.dueDate, o);
    await caller.milestone.update({
      coalitionId,
      milestoneId: m.id,
      version: m.version,
      estimateOptimistic: optimistic > today ? optimistic : addDays(today, 1),
      estimateLikely: addDays(m.dueDate, l),
      estimatePessimistic: addDays(m.dueDate, p),
    });
  }
  await caller.baseline.create({ coalitionId, name: 'Plan agreed at the steering group' });
  // Since then one step has slipped past the baseline, with its reason.
  const slipping = ahead[1];
  if (slipping) {
    const current = await caller.milestone.get({ coalitionId, milestoneId: slipping.id });
    await caller.milestone.update({
      coalitionId,
      milestoneId: slipping.id,
      version: current.version,
      dueDate: addDays(current.dueDate, 21),
      slipReason: 'The host government asked to move the meeting after its budget session.',
    });
  }
}
