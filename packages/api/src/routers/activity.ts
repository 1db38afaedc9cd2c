import type { TRPCRouterRecord } from '@trpc/server';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { activity, tracks, users } from '@coalition/db';
import { requireOwned } from '../change.ts';
import { viewerProcedure } from '../trpc.ts';
import { zId, zLimit } from '../validators.ts';

const zEntityType = z.string().trim().min(1).max(40);
const zEntityId = z.string().trim().min(1).max(100);

export const activityRouter = {
  /**
   * The coalition's activity, newest first. `cursor` is the id of the last item seen: the
   * next page holds older items (id < cursor). Each filter follows one of the activity indexes
   * (coalition; coalition + entity; coalition + actor).
   */
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
    .query(({ ctx, input }) => {
      // A track filter names a track of this coalition; actor and entity filters may name
      // people who left or items since deleted, whose history is still in the log.
      if (input.trackId) requireOwned(ctx.db, tracks, input.trackId, ctx.coalitionId, 'Track');
      const where: (SQL | undefined)[] = [eq(activity.coalitionId, ctx.coalitionId)];
      if (input.cursor !== undefined) where.push(lt(activity.id, input.cursor));
      if (input.actorId) where.push(eq(activity.actorId, input.actorId));
      if (input.entityType) where.push(eq(activity.entityType, input.entityType));
      if (input.entity) where.push(eq(activity.entityType, input.entity.type), eq(activity.entityId, input.entity.id));
      if (input.trackId) where.push(eq(activity.trackId, input.trackId));
      const rows = ctx.db
        .select({
          id: activity.id,
          action: activity.action,
          entityType: activity.entityType,
          entityId: activity.entityId,
          trackId: activity.trackId,
          summary: activity.summary,
          data: activity.data,
          createdAt: activity.createdAt,
          actorId: users.id,
          actorName: users.name,
        })
        .from(activity)
        .leftJoin(users, eq(users.id, activity.actorId))
        .where(and(...where))
        .orderBy(desc(activity.id))
        .limit(input.limit + 1)
        .all();
      const page = rows.slice(0, input.limit);
      return {
        items: page.map(({ actorId, actorName, ...item }) => ({
          ...item,
          actor: actorId ? { id: actorId, name: actorName! } : null,
        })),
        nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
      };
    }),
} satisfies TRPCRouterRecord;
