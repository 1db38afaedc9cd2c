/** The inbox across my coalitions, and following items. */
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { FOLLOWABLE, zId, zLimit } from '@coalition/domain';
import * as inbox from '../services/inbox.ts';
import { protectedProcedure, viewerProcedure } from '../trpc.ts';

const zNotificationId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const zFollowTarget = z.object({ entityType: z.enum(FOLLOWABLE), entityId: zId });

export const inboxRouter = {
  /** What needs me, newest first; `cursor` is the id of the last item seen. */
  list: protectedProcedure
    .input(z.object({ cursor: zNotificationId.optional(), limit: zLimit(30, 100), unreadOnly: z.boolean().optional() }))
    .query(({ ctx, input }) => inbox.list(ctx, input)),
  unreadCount: protectedProcedure.query(({ ctx }) => inbox.unreadCount(ctx)),
  markRead: protectedProcedure.input(z.object({ ids: z.array(zNotificationId).min(1).max(200) })).mutation(({ ctx, input }) => inbox.markRead(ctx, input.ids)),
  markAllRead: protectedProcedure.mutation(({ ctx }) => inbox.markAllRead(ctx)),
  /** Follow an item (hear of its status changes and comments) or stop. */
  follow: viewerProcedure
    .input(zFollowTarget.extend({ following: z.boolean() }))
    .mutation(({ ctx, input }) => inbox.setFollowing(ctx, input.entityType, input.entityId, input.following)),
  following: viewerProcedure.input(zFollowTarget).query(({ ctx, input }) => inbox.isFollowing(ctx, input.entityType, input.entityId)),
} satisfies TRPCRouterRecord;
