import type { TRPCRouterRecord } from '@trpc/server';
import { zBaselineChoice, zBaselineCreate, zBaselineRef } from '@coalition/domain';
import * as baselines from '../services/baselines.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const baselineRouter = {
  /** Saves every milestone's start and due date under a name (one transaction). */
  create: editorProcedure.input(zBaselineCreate).mutation(({ ctx, input }) => baselines.create(ctx, input.name)),

  /** The coalition's baselines, newest first, with how many dates and slips each holds. */
  list: viewerProcedure.query(({ ctx }) => baselines.list(ctx)),

  /** An owner, or the person who saved it, deletes a baseline (its dates and slips go with it). */
  delete: editorProcedure.input(zBaselineRef).mutation(({ ctx, input }) => baselines.remove(ctx, input.baselineId)),

  /** One baseline's dates (default the latest): the timeline's ghost bars. */
  dates: viewerProcedure.input(zBaselineChoice).query(({ ctx, input }) => baselines.dates(ctx, input.baselineId)),

  /** What slipped against a baseline (default the latest), by how much and why; and what moved earlier. */
  slips: viewerProcedure.input(zBaselineChoice).query(({ ctx, input }) => baselines.slipsList(ctx, input.baselineId)),
} satisfies TRPCRouterRecord;
