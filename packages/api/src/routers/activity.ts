import type { TRPCRouterRecord } from '@trpc/server';
import { zActivityListQuery } from '@coalition/domain';
import * as activity from '../services/activity.ts';
import { viewerProcedure } from '../trpc.ts';

export const activityRouter = {
  /** The coalition's activity, newest first; `cursor` is the id of the last item seen. */
  list: viewerProcedure.input(zActivityListQuery).query(({ ctx, input }) => activity.list(ctx, input)),
} satisfies TRPCRouterRecord;
