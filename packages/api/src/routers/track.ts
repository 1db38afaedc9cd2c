import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zTrackCreate, zTrackOrder, zTrackUpdate } from '@coalition/domain';
import * as tracks from '../services/tracks.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const trackRouter = {
  /** The tracks in order, each with the roll-up's progress and its partner figures. */
  list: viewerProcedure.query(({ ctx }) => tracks.list(ctx)),

  create: editorProcedure.input(zTrackCreate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return tracks.create(ctx, fields);
  }),

  update: editorProcedure.input(zTrackUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return tracks.update(ctx, fields);
  }),

  /** Sets the order of all the coalition's tracks at once. */
  reorder: editorProcedure.input(zTrackOrder).mutation(({ ctx, input }) => tracks.reorder(ctx, input.trackIds)),

  /** Deletes a track: its milestones become coalition-wide, its bottlenecks lose the track, its roles go. */
  delete: editorProcedure.input(z.object({ trackId: zId })).mutation(({ ctx, input }) => tracks.remove(ctx, input.trackId)),
} satisfies TRPCRouterRecord;
