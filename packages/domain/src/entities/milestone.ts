/** Milestone fields: router inputs and the milestone form. */
import { z } from 'zod';
import { MILESTONE_SORT_KEYS, MILESTONE_STATUSES, THRESHOLD_ACTS, type ThresholdAct } from '../enums.ts';
import { zDate, zId, zLimit, zName, zSearch, zSortDir, zText, zVersion } from '../validators.ts';
import { zSlipReason } from './baseline.ts';

export const MAX_DEPENDENCIES = 50;

export const zProgress = z
  .number({ error: 'Enter a number from 0 to 100' })
  .int('Progress is a whole number')
  .min(0, 'At least 0')
  .max(100, 'At most 100');

export const zMilestoneStatus = z.enum(MILESTONE_STATUSES, { error: 'Choose a status' });
export const zDependsOn = z.array(zId).max(MAX_DEPENDENCIES, `At most ${MAX_DEPENDENCIES} dependencies`);

// ---------------------------------------------------------------------------
// The ranged estimate (the forecast's three-point estimate of the finish)
// ---------------------------------------------------------------------------

export const ESTIMATE_FIELDS = ['estimateOptimistic', 'estimateLikely', 'estimatePessimistic'] as const;
export type EstimateField = (typeof ESTIMATE_FIELDS)[number];

export const ESTIMATE_INCOMPLETE = 'Give all three dates of the forecast range, or none';
export const ESTIMATE_TOGETHER = 'Send the three dates of the forecast range together';
export const ESTIMATE_LIKELY_BEFORE_OPTIMISTIC = 'The likely date cannot be before the optimistic one';
export const ESTIMATE_PESSIMISTIC_BEFORE_LIKELY = 'The pessimistic date cannot be before the likely one';

/** Each date of the range: a date, or null (no range). */
export const estimateFields = { estimateOptimistic: zDate.nullable(), estimateLikely: zDate.nullable(), estimatePessimistic: zDate.nullable() };
const optionalEstimateFields = {
  estimateOptimistic: estimateFields.estimateOptimistic.optional(),
  estimateLikely: estimateFields.estimateLikely.optional(),
  estimatePessimistic: estimateFields.estimatePessimistic.optional(),
};

/**
 * What is wrong with a ranged estimate, on the field to fix, or null. All three dates or none
 * (an absent key, in an update: left as it is; all three absent is fine, some absent is not;
 * '' counts as empty, as in the form), and optimistic ≤ likely ≤ pessimistic.
 */
export function estimateProblem(v: Partial<Record<EstimateField, string | null | undefined>>): { field: EstimateField; message: string } | null {
  const given = ESTIMATE_FIELDS.filter((f) => v[f] !== undefined);
  if (given.length === 0) return null;
  const absent = ESTIMATE_FIELDS.find((f) => v[f] === undefined);
  if (absent) return { field: absent, message: ESTIMATE_TOGETHER };
  const filled = ESTIMATE_FIELDS.filter((f) => !!v[f]);
  if (filled.length === 0) return null;
  const empty = ESTIMATE_FIELDS.find((f) => !v[f]);
  if (empty) return { field: empty, message: ESTIMATE_INCOMPLETE };
  if (v.estimateLikely! < v.estimateOptimistic!) return { field: 'estimateLikely', message: ESTIMATE_LIKELY_BEFORE_OPTIMISTIC };
  if (v.estimatePessimistic! < v.estimateLikely!) return { field: 'estimatePessimistic', message: ESTIMATE_PESSIMISTIC_BEFORE_LIKELY };
  return null;
}

/** `estimateProblem` as a zod refinement (milestone.create / milestone.update and the form). */
export function refineEstimate(v: Partial<Record<EstimateField, string | null | undefined>>, ctx: z.RefinementCtx): void {
  const problem = estimateProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

// ---------------------------------------------------------------------------
// Threshold milestones ("40 states ratify"): the act that counts and how many are needed.
// Both or neither; the eligible partners and their acts are the `threshold` router's.
// ---------------------------------------------------------------------------

export const MAX_THRESHOLD = 10_000;
export const zThresholdAct = z.enum(THRESHOLD_ACTS, { error: 'Choose the act that counts' });
export const zThreshold = z
  .number({ error: `Enter a number from 1 to ${MAX_THRESHOLD}` })
  .int('The threshold is a whole number')
  .min(1, 'At least 1')
  .max(MAX_THRESHOLD, `At most ${MAX_THRESHOLD}`);

export const thresholdFields = {
  /** null: an ordinary milestone (reached by its status, not by a count of acts). */
  thresholdAct: zThresholdAct.nullable(),
  threshold: zThreshold.nullable(),
};

/** A threshold needs its act and an act its threshold: the message for the field that is missing, or null. */
export function thresholdProblem(f: { thresholdAct: ThresholdAct | null; threshold: number | null }): { field: 'thresholdAct' | 'threshold'; message: string } | null {
  if (f.thresholdAct !== null && f.threshold === null) return { field: 'threshold', message: 'Say how many acts reach the milestone, or clear the act that counts' };
  if (f.thresholdAct === null && f.threshold !== null) return { field: 'thresholdAct', message: 'Choose the act that counts toward the threshold, or clear the threshold' };
  return null;
}

export const milestoneFields = {
  /** null: the milestone belongs to the coalition as a whole. */
  trackId: zId.nullable(),
  title: zName(300),
  description: zText(10000),
  startDate: zDate.nullable(),
  dueDate: zDate,
  status: zMilestoneStatus,
  progress: zProgress,
  ownerPartnerId: zId.nullable(),
  /** The member of the coalition who sees it through (a person, beside the owner partner); null: nobody. */
  responsibleUserId: zId.nullable(),
  completedOn: zDate.nullable(),
  dependsOn: zDependsOn,
  ...estimateFields,
  ...thresholdFields,
};

export const zMilestone = z.object(milestoneFields);
export type MilestoneFields = z.output<typeof zMilestone>;

export const zMilestoneCreate = z.object({
  trackId: milestoneFields.trackId.optional(),
  title: milestoneFields.title,
  description: milestoneFields.description.default(''),
  startDate: milestoneFields.startDate.optional(),
  dueDate: milestoneFields.dueDate,
  status: milestoneFields.status.default('planned'),
  progress: milestoneFields.progress.default(0),
  ownerPartnerId: milestoneFields.ownerPartnerId.optional(),
  responsibleUserId: milestoneFields.responsibleUserId.optional(),
  dependsOn: milestoneFields.dependsOn.default([]),
  ...optionalEstimateFields,
  // Threshold milestones: both or neither (checked below).
  thresholdAct: milestoneFields.thresholdAct.default(null),
  threshold: milestoneFields.threshold.default(null),
}).superRefine((v, ctx) => {
  refineEstimate(v, ctx);
  const problem = thresholdProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
});

export const zMilestoneUpdate = zMilestone
  .partial()
  .extend({
    milestoneId: zId,
    version: zVersion,
    /** Why the due date moves past its baseline: required when it does (the server refuses the move without one). */
    slipReason: zSlipReason.optional(),
  })
  .superRefine(refineEstimate);

export const zDependencyEdge = z.object({ milestoneId: zId, dependsOnId: zId });


/** milestone.list's filters, sort and keyset page. */
export const zMilestoneListQuery = z.object({
  /** null: coalition-wide milestones only. */
  trackId: zId.nullable().optional(),
  status: z.array(zMilestoneStatus).max(MILESTONE_STATUSES.length).optional(),
  ownerPartnerId: zId.optional(),
  /** Milestones this member is responsible for (e.g. "mine"). */
  responsibleUserId: zId.optional(),
  dueFrom: zDate.optional(),
  dueTo: zDate.optional(),
  search: zSearch(100).optional(),
  sortBy: z.enum(MILESTONE_SORT_KEYS).default('dueDate'),
  sortDir: zSortDir.default('asc'),
  limit: zLimit(100, 500),
  cursor: z.string().max(500).optional(),
});
export type MilestoneListQuery = z.output<typeof zMilestoneListQuery>;
