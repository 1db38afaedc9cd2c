/** The activity log, newest first, keyset-paged by id, filtered along its indexes. */
import { and, asc, desc, eq, gt, lt, notInArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@coalition/db';
import { OWNER_ONLY_ACTIVITY, type ActivityListQuery, type Role } from '@coalition/domain';
import { activity, tracks, users } from '@coalition/db/schema';
import { requireOwned } from '../change.ts';
import type { CoalitionContext } from '../trpc.ts';

/**
 * `cursor` is the id of the last item seen: the next page holds older items (id < cursor).
 * Each filter follows one of the activity indexes (coalition; coalition + entity; + actor; + track).
 */
export function list(ctx: CoalitionContext, input: ActivityListQuery) {
  // A track filter names a track of this coalition; actor and entity filters may name people
  // who left or items since deleted, whose history is still in the log.
  if (input.trackId) requireOwned(ctx.db, tracks, input.trackId, ctx.coalitionId, 'Track');
  const where: (SQL | undefined)[] = [eq(activity.coalitionId, ctx.coalitionId), readableBy(ctx.role)];
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
    items: page.map(({ actorId, actorName, ...item }) => ({ ...item, actor: actorId ? { id: actorId, name: actorName! } : null })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

/** What `role` may read of the log (`activityReadableBy`, as SQL): undefined for no restriction. */
export function readableBy(role: Role): SQL | undefined {
  return role === 'owner' ? undefined : notInArray(activity.action, [...OWNER_ONLY_ACTIVITY]);
}

/**
 * Activity rows after `afterId` that `role` may read, oldest first, at most `limit` (a
 * reconnecting live stream's backlog). The last row's id is the resume point, readable or not.
 */
export function eventsAfter(db: DbOrTx, coalitionId: string, afterId: number, limit: number, role: Role) {
  return db
    .select()
    .from(activity)
    .where(and(eq(activity.coalitionId, coalitionId), gt(activity.id, afterId), readableBy(role)))
    .orderBy(asc(activity.id))
    .limit(limit)
    .all();
}
