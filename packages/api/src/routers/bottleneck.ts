import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zBottleneckCreate, zBottleneckListQuery, zBottleneckUpdate, zId } from '@coalition/domain';
import * as bottlenecks from '../services/bottlenecks.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const bottleneckRouter = {
  /** Bottlenecks, most severe first then oldest first, with their track name and milestone title. */
  list: viewerProcedure
    .input(zBottleneckListQuery)
    .query(({ ctx, input }) => bottlenecks.list(ctx, input)),

  create: editorProcedure.input(zBottleneckCreate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return bottlenecks.create(ctx, fields);
  }),

  update: editorProcedure.input(zBottleneckUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return bottlenecks.update(ctx, fields);
  }),

  /** Deletes the bottleneck and its comments. */
  delete: editorProcedure.input(z.object({ bottleneckId: zId })).mutation(({ ctx, input }) => bottlenecks.remove(ctx, input.bottleneckId)),
} satisfies TRPCRouterRecord;
