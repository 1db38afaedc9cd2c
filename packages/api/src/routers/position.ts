import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zPositionListQuery, zPositionRecord } from '@coalition/domain';
import * as positions from '../services/positions.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const positionRouter = {
  /** A partner's position changes (goal and tracks), newest first, with the interaction each came from. */
  list: viewerProcedure.input(zPositionListQuery).query(({ ctx, input }) => positions.list(ctx, input.partnerId)),

  /** Records a change of position shown on a day (not after today), optionally on a track and in an interaction with that partner. */
  record: editorProcedure.input(zPositionRecord).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return positions.record(ctx, fields);
  }),

  delete: editorProcedure.input(z.object({ positionChangeId: zId })).mutation(({ ctx, input }) => positions.remove(ctx, input.positionChangeId)),

  /** Every partner's position on the goal today and its movement over the last 90 days (partners list, influence map). */
  current: viewerProcedure.query(({ ctx }) => positions.current(ctx)),

  /** Champion + supportive partners on the goal by week, state and non-state, from the first change to today. */
  supportGrowth: viewerProcedure.query(({ ctx }) => positions.supportGrowthOf(ctx)),
} satisfies TRPCRouterRecord;
