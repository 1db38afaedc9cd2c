/** milestone.bulkUpdate's input: which milestones (each at the version the user saw) and the one change for all. */
import { z } from 'zod';
import { zId, zVersion } from '../validators.ts';
import { zSlipReason } from './baseline.ts';
import { milestoneFields } from './milestone.ts';

export const MAX_BULK_MILESTONES = 500;
/** A date shift moves by at most ten years either way. */
export const MAX_SHIFT_DAYS = 3650;

/** Which dates a shift moves: both (the whole milestone moves), only the start, or only the due date. */
export const SHIFT_DATES = ['both', 'start', 'due'] as const;
export type ShiftDates = (typeof SHIFT_DATES)[number];

export const zShiftDays = z
  .number({ error: 'Enter a number of days' })
  .int('Shift by whole days')
  .min(-MAX_SHIFT_DAYS, `At most ${MAX_SHIFT_DAYS} days earlier`)
  .max(MAX_SHIFT_DAYS, `At most ${MAX_SHIFT_DAYS} days later`)
  .refine((n) => n !== 0, 'Shift by at least one day (a negative number moves earlier)');

/** The change applied to every selected milestone: any of these, at least one. */
export const zMilestoneBulkChange = z
  .object({
    status: milestoneFields.status.optional(),
    trackId: milestoneFields.trackId.optional(),
    ownerPartnerId: milestoneFields.ownerPartnerId.optional(),
    responsibleUserId: milestoneFields.responsibleUserId.optional(),
    shift: z.object({ days: zShiftDays, dates: z.enum(SHIFT_DATES).default('both') }).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'Choose what to change');
export type MilestoneBulkChange = z.output<typeof zMilestoneBulkChange>;

export const zMilestoneBulkUpdate = z.object({
  coalitionId: zId,
  items: z
    .array(z.object({ id: zId, version: zVersion }))
    .min(1, 'Select at least one milestone')
    .max(MAX_BULK_MILESTONES, `At most ${MAX_BULK_MILESTONES} milestones at once`)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'A milestone is listed twice'),
  change: zMilestoneBulkChange,
  /** One reason for every row a date shift moves past its baseline. */
  slipReason: zSlipReason.optional(),
});
export type MilestoneBulkUpdate = z.output<typeof zMilestoneBulkUpdate>;
