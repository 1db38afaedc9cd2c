import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zLimit } from '@coalition/domain';
import * as activity from '../services/activity.ts';
import { viewerProcedure } from '../trpc.ts';

const zEntityType = z.string().trim().min(1).max(40);
const zEntityId = z.string().trim().min(1).max(100);

export const activityRouter = {
  /** The coalition's activity, newest first; `cursor` is the id of the last item seen. */
  list: viewerProcedure
    .input(
      z.object({
        cursor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        limit: zLimit(50, 200),
        actorId: zId.optional(),
        entityType: zEntityType.optional(),
        trackId: zId.optional(),
        entity: z.object({ type: zEntityType, id: zEntityId }).optional(),
      }),
    )
    .query(({ ctx, input }) => activity.list(ctx, input)),
} satisfies TRPCRouterRecord;
