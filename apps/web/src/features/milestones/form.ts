/** The milestone form (create dialog and detail editor): schema, defaults and the mapping to API input. */
import { z } from 'zod';
import { estimateProblem, START_AFTER_DUE, zDate, zMilestone, type MilestoneStatus } from '@coalition/domain';

import { NO_OWNER, NO_RESPONSIBLE, NO_TRACK } from './sentinels.ts';

export { NO_OWNER, NO_RESPONSIBLE, NO_TRACK };

/** An optional date field: '' (nothing picked) or a real date. */
const zMaybeDate = z.union([z.literal(''), zDate]);

/**
 * milestone.create / milestone.update's own fields (@coalition/domain), with the form's
 * sentinels: '' for no date, NO_TRACK, NO_OWNER and NO_RESPONSIBLE for "none". The start ≤ due rule says what
 * the server would (`START_AFTER_DUE`).
 */
export const milestoneSchema = zMilestone
  .extend({
    trackId: z.string().min(1),
    ownerPartnerId: z.string().min(1),
    responsibleUserId: z.string().min(1),
    startDate: zMaybeDate,
    completedOn: zMaybeDate,
    // The forecast range: '' for none; all three or none, in order (`estimateProblem`, as the server says).
    estimateOptimistic: zMaybeDate,
    estimateLikely: zMaybeDate,
    estimatePessimistic: zMaybeDate,
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.dueDate && v.startDate > v.dueDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: START_AFTER_DUE });
    const estimate = estimateProblem(v);
    if (estimate) ctx.addIssue({ code: 'custom', path: [estimate.field], message: estimate.message });
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
  responsibleUserId: NO_RESPONSIBLE,
  completedOn: '',
  dependsOn: [],
  estimateOptimistic: '',
  estimateLikely: '',
  estimatePessimistic: '',
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
  responsibleUserId: string | null;
  completedOn: string | null;
  dependsOn?: ReadonlyArray<string | { id: string }>;
  estimateOptimistic?: string | null;
  estimateLikely?: string | null;
  estimatePessimistic?: string | null;
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
    responsibleUserId: m.responsibleUserId ?? NO_RESPONSIBLE,
    completedOn: m.completedOn ?? '',
    dependsOn: (m.dependsOn ?? []).map((d) => (typeof d === 'string' ? d : d.id)),
    estimateOptimistic: m.estimateOptimistic ?? '',
    estimateLikely: m.estimateLikely ?? '',
    estimatePessimistic: m.estimatePessimistic ?? '',
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
    responsibleUserId: v.responsibleUserId === NO_RESPONSIBLE ? null : v.responsibleUserId,
    estimateOptimistic: v.estimateOptimistic || null,
    estimateLikely: v.estimateLikely || null,
    estimatePessimistic: v.estimatePessimistic || null,
  };
}
