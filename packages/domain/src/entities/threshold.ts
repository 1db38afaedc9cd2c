/** Threshold milestones' eligible partners and their dated acts (router inputs and the act form). */
import { z } from 'zod';
import { zId, zDate, zText, zVersion } from '../validators.ts';
import { zThresholdAct } from './milestone.ts';

/** How many partners one milestone may name eligible (every state of the world fits many times over). */
export const MAX_ELIGIBLE = 2000;

export const actFields = {
  act: zThresholdAct,
  /** The day of the act (a deposit, a signature, a vote); never after the coalition's today. */
  actedOn: zDate,
  note: zText(1000),
};

export const zAct = z.object(actFields);
export type ActFields = z.output<typeof zAct>;

export const zThresholdBoardQuery = z.object({ milestoneId: zId });

/** Replaces the eligible set. */
export const zThresholdSetEligible = z.object({
  milestoneId: zId,
  partnerIds: z.array(zId).max(MAX_ELIGIBLE, `At most ${MAX_ELIGIBLE} eligible partners`),
});

export const zActRecord = z.object({
  milestoneId: zId,
  partnerId: zId,
  act: actFields.act,
  actedOn: actFields.actedOn,
  note: actFields.note.default(''),
});

export const zActUpdate = zAct.partial().extend({ actId: zId, version: zVersion });

export const zActDelete = z.object({ actId: zId });
