/** Baselines (named snapshots of the plan's dates) and the reason given when a due date slips past one. */
import { z } from 'zod';
import { zId, zName, zPolicyText } from '../validators.ts';

export const BASELINE_NAME_MAX = 120;
export const SLIP_REASON_MAX = 1000;

export const zBaselineName = zName(BASELINE_NAME_MAX);

/** Why a due date moves past its baseline: asked for when it does, kept in the slips list. */
export const zSlipReason = zPolicyText(SLIP_REASON_MAX, { multiline: true, required: 'Say why it moves past its baseline' });

/** baseline.create: a name for the snapshot of every milestone's dates as they are now. */
export const zBaselineCreate = z.object({ coalitionId: zId, name: zBaselineName });

/** baseline.delete. */
export const zBaselineRef = z.object({ coalitionId: zId, baselineId: zId });

/** baseline.dates / baseline.slips: one baseline, or (no id) the latest one. */
export const zBaselineChoice = z.object({ coalitionId: zId, baselineId: zId.optional() });
