/** Private calendar feeds (subscription URLs of my due dates): create, list, revoke, and the feed itself. */
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zCoalitionId, zId } from '@coalition/domain';
import * as calendar from '../services/calendar.ts';
import { protectedProcedure, publicProcedure } from '../trpc.ts';

export const calendarRouter = {
  /** My live calendar links, newest first, without their tokens. */
  list: protectedProcedure.query(({ ctx }) => calendar.list(ctx)),

  /** A new link for all my coalitions, or for one I am a member of; its URL (with the token) is returned only now. */
  create: protectedProcedure
    .input(z.object({ coalitionId: zCoalitionId.optional() }))
    .mutation(({ ctx, input }) => calendar.create(ctx, input.coalitionId)),

  /** Stops one of my links at once. */
  revoke: protectedProcedure.input(z.object({ feedId: zId })).mutation(({ ctx, input }) => calendar.revoke(ctx, input.feedId)),

  /**
   * The calendar a token serves (the token is the credential: no session). Served as
   * text/calendar by GET /calendar/<token>.ics; unknown and revoked tokens are NOT_FOUND alike.
   */
  feed: publicProcedure.input(z.object({ token: z.string().max(100) })).query(({ ctx, input }) => calendar.feed(ctx, input.token)),
} satisfies TRPCRouterRecord;
