import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zDependencyEdge, zId, zMilestoneBulkUpdate, zMilestoneCreate, zMilestoneListQuery, zMilestoneUpdate } from '@coalition/domain';
import * as milestones from '../services/milestones.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const milestoneRouter = {
  /** Filtered, sorted list with keyset pagination; each item carries its dependencies and the late ones. */
  list: viewerProcedure
    .input(zMilestoneListQuery)
    .query(({ ctx, input }) => milestones.list(ctx, input)),

  /** Everything the Gantt chart draws. */
  timeline: viewerProcedure.query(({ ctx }) => milestones.timeline(ctx)),

  /** One milestone with its track, owner, both sides of its dependencies and the late ones. */
  get: viewerProcedure.input(z.object({ milestoneId: zId })).query(({ ctx, input }) => milestones.getOne(ctx, input.milestoneId)),

  create: editorProcedure.input(zMilestoneCreate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return milestones.create(ctx, fields);
  }),

  /** Versioned update; `dependsOn`, when given, replaces the milestone's dependencies. */
  update: editorProcedure.input(zMilestoneUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return milestones.update(ctx, fields);
  }),

  /**
   * One change (status, track, owner, responsible member or a date shift) to up to 500 milestones
   * at the versions the user saw: stale rows are reported and left alone, the others apply together.
   */
  bulkUpdate: editorProcedure.input(zMilestoneBulkUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...rest } = input;
    return milestones.bulkUpdate(ctx, rest);
  }),

  /** Deletes the milestone, its dependency edges and its comments. */
  delete: editorProcedure.input(z.object({ milestoneId: zId })).mutation(({ ctx, input }) => milestones.remove(ctx, input.milestoneId)),

  /** Makes `milestoneId` wait for `dependsOnId`; a duplicate is a no-op, a cycle is refused by name. */
  addDependency: editorProcedure.input(zDependencyEdge).mutation(({ ctx, input }) => milestones.addDependency(ctx, input)),

  removeDependency: editorProcedure.input(zDependencyEdge).mutation(({ ctx, input }) => milestones.removeDependency(ctx, input)),
} satisfies TRPCRouterRecord;
