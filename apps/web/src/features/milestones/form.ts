/** The milestone form (create dialog and detail editor): schema, defaults and the mapping to API input. */
import { z } from 'zod';
import type { MilestoneStatus } from '@coalition/db';
import { zDate, zName, zText } from '../../lib/validators.ts';
import { STATUSES } from './useMilestoneFilters.ts';

/** Radix Select values cannot be '': these stand for "coalition-wide" and "no owner". */
export const NO_TRACK = 'coalition';
export const NO_OWNER = 'none';

const isRealDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const zMaybeDate = z.string().refine((s) => s === '' || isRealDate(s), 'Enter a valid date');

export const milestoneSchema = z
  .object({
    trackId: z.string().min(1),
    title: zName(300),
    description: zText(10000),
    startDate: zMaybeDate,
    dueDate: zDate,
    status: z.enum(STATUSES as [MilestoneStatus, ...MilestoneStatus[]]),
    progress: z.number({ error: 'Enter a number from 0 to 100' }).int('Progress is a whole number').min(0, 'At least 0').max(100, 'At most 100'),
    ownerPartnerId: z.string().min(1),
    completedOn: zMaybeDate,
    dependsOn: z.array(z.string()).max(50, 'At most 50 dependencies'),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.dueDate && v.startDate > v.dueDate) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'The start date must be on or before the due date' });
    }
  });

export type MilestoneFormValues = z.input<typeof milestoneSchema>;

export const blankForm = (): MilestoneFormValues => ({
  trackId: NO_TRACK,
  title: '',
  description: '',
  startDate: '',
  dueDate: '',
  status: 'planned',
  progress: 0,
  ownerPartnerId: NO_OWNER,
  completedOn: '',
  dependsOn: [],
});

export function toFormValues(m: {
  trackId: string | null;
  title: string;
  description: string;
  startDate: string | null;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
  ownerPartnerId: string | null;
  completedOn: string | null;
  dependsOn?: ReadonlyArray<string | { id: string }>;
}): MilestoneFormValues {
  return {
    trackId: m.trackId ?? NO_TRACK,
    title: m.title,
    description: m.description,
    startDate: m.startDate ?? '',
    dueDate: m.dueDate,
    status: m.status,
    progress: m.progress,
    ownerPartnerId: m.ownerPartnerId ?? NO_OWNER,
    completedOn: m.completedOn ?? '',
    dependsOn: (m.dependsOn ?? []).map((d) => (typeof d === 'string' ? d : d.id)),
  };
}

/** The fields every milestone mutation shares (create and update). */
export function toApiFields(v: MilestoneFormValues) {
  return {
    trackId: v.trackId === NO_TRACK ? null : v.trackId,
    title: v.title.trim(),
    description: v.description.trim(),
    startDate: v.startDate || null,
    dueDate: v.dueDate,
    status: v.status,
    progress: v.progress,
    ownerPartnerId: v.ownerPartnerId === NO_OWNER ? null : v.ownerPartnerId,
  };
}
