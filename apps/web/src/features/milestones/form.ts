/** The milestone form (create dialog and detail editor): schema, defaults and the mapping to API input. */
import { z } from 'zod';
import { estimateProblem, START_AFTER_DUE, thresholdProblem, zDate, zMilestone, zThreshold, zThresholdAct, type MilestoneStatus, type ThresholdAct } from '@coalition/domain';

import { NO_OWNER, NO_RESPONSIBLE, NO_THRESHOLD, NO_TRACK } from './sentinels.ts';

export { NO_OWNER, NO_RESPONSIBLE, NO_THRESHOLD, NO_TRACK };

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
    // Threshold milestones: NO_THRESHOLD or an act; the count as typed ('' for none).
    thresholdAct: z.string(),
    threshold: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.dueDate && v.startDate > v.dueDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: START_AFTER_DUE });
    const estimate = estimateProblem(v);
    if (estimate) ctx.addIssue({ code: 'custom', path: [estimate.field], message: estimate.message });
    thresholdIssues(v, ctx);
  });

/** The threshold section's checks, in the domain's words: a known act, a count in range, both or neither. */
function thresholdIssues(v: { thresholdAct: string; threshold: string }, ctx: z.RefinementCtx) {
  const act = v.thresholdAct === NO_THRESHOLD ? null : v.thresholdAct;
  if (act !== null && !zThresholdAct.safeParse(act).success) ctx.addIssue({ code: 'custom', path: ['thresholdAct'], message: 'Choose the act that counts' });
  const count = v.threshold.trim() === '' ? null : Number(v.threshold);
  if (count !== null) {
    const parsed = zThreshold.safeParse(count);
    if (!parsed.success) return void ctx.addIssue({ code: 'custom', path: ['threshold'], message: parsed.error.issues[0]?.message ?? 'Not a valid threshold' });
  }
  const problem = thresholdProblem({ thresholdAct: act as ThresholdAct | null, threshold: count });
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

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
  thresholdAct: NO_THRESHOLD,
  threshold: '',
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
  thresholdAct?: ThresholdAct | null;
  threshold?: number | null;
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
    thresholdAct: m.thresholdAct ?? NO_THRESHOLD,
    threshold: m.threshold ? String(m.threshold) : '',
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
    ...thresholdOf(v),
  };
}

/** The threshold fields for the API: both, or both null (the schema has checked them). */
export function thresholdOf(v: Pick<MilestoneFormValues, 'thresholdAct' | 'threshold'>): { thresholdAct: ThresholdAct | null; threshold: number | null } {
  if (v.thresholdAct === NO_THRESHOLD || v.threshold.trim() === '') return { thresholdAct: null, threshold: null };
  return { thresholdAct: v.thresholdAct as ThresholdAct, threshold: Number(v.threshold) };
}
