/**
 * One bulk change applied to one milestone: the date shift, then the milestone rules
 * (`applyMilestoneRules`: status/progress/completion, start ≤ due). The server runs it on every
 * selected row; the list can run it ahead of the answer.
 */
import { addDays } from '../dates.ts';
import type { MilestoneBulkChange } from '../entities/milestoneBulk.ts';
import { zDate } from '../validators.ts';
import { applyMilestoneRules, type MilestonePatch, type MilestoneRuleResult, type MilestoneState } from './milestones.ts';

export interface BulkRefs {
  trackId?: string | null;
  ownerPartnerId?: string | null;
  responsibleUserId?: string | null;
}

export type BulkPatchResult = { ok: true; patch: MilestonePatch & BulkRefs } | Extract<MilestoneRuleResult, { ok: false }>;

/** The patch `change` makes to `before` (only the fields it touches), or the rule it breaks. */
export function bulkPatch(before: MilestoneState, change: MilestoneBulkChange, today: string): BulkPatchResult {
  const dates: MilestonePatch = {};
  if (change.shift) {
    const { days, dates: which } = change.shift;
    if (which !== 'due' && before.startDate !== null) dates.startDate = addDays(before.startDate, days);
    if (which !== 'start') dates.dueDate = addDays(before.dueDate, days);
    for (const field of ['startDate', 'dueDate'] as const) {
      const value = dates[field];
      if (value && !zDate.safeParse(value).success) {
        return { ok: false, field, message: `Moving it by ${days} days puts its ${field === 'startDate' ? 'start' : 'due'} date out of range (${value})` };
      }
    }
  }
  const rules = applyMilestoneRules(before, { status: change.status, ...dates }, today);
  if (!rules.ok) return rules;
  const refs: BulkRefs = {};
  if (change.trackId !== undefined) refs.trackId = change.trackId;
  if (change.ownerPartnerId !== undefined) refs.ownerPartnerId = change.ownerPartnerId;
  if (change.responsibleUserId !== undefined) refs.responsibleUserId = change.responsibleUserId;
  return { ok: true, patch: { ...rules.patch, ...refs } };
}
