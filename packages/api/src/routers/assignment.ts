import type { TRPCRouterRecord } from '@trpc/server';
import { zAssignmentPair, zAssignmentSet } from '@coalition/domain';
import * as assignments from '../services/assignments.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const assignmentRouter = {
  /** The partner × track matrix in one call. */
  matrix: viewerProcedure.query(({ ctx }) => assignments.matrix(ctx)),

  /** Gives a partner a role on a track (one row per pair: a second call changes the role). */
  set: editorProcedure.input(zAssignmentSet).mutation(({ ctx, input }) => assignments.set(ctx, input)),

  remove: editorProcedure.input(zAssignmentPair).mutation(({ ctx, input }) => assignments.remove(ctx, input)),
} satisfies TRPCRouterRecord;
