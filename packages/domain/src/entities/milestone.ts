/** Milestone fields: router inputs and the milestone form. */
import { z } from 'zod';
import { MILESTONE_SORT_KEYS, MILESTONE_STATUSES } from '../enums.ts';
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
});

export const zMilestoneUpdate = zMilestone.partial().extend({ milestoneId: zId, version: zVersion }).extend({
  /** Why the due date moves past its baseline: required when it does (the server refuses the move without one). */
  slipReason: zSlipReason.optional(),
});

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
