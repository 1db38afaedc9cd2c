/**
 * The inbox: what needs me across all my coalitions, newest first, keyset-paged by id. Only
 * coalitions I am still a member of (someone who left reads nothing more of them); each item
 * carries the activity sentence that caused it, its coalition and where it links.
 */
import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { activity, bottlenecks, coalitions, follows, memberships, milestones, notifications, partners, tracks, users } from '@coalition/db/schema';
import { activityTarget, type Followable, type NotificationKind } from '@coalition/domain';
import { requireOwned } from '../change.ts';
import type { CoalitionContext, UserContext } from '../trpc.ts';

/** Mine (the queries join `memberships` on the notification's coalition and user: only coalitions I am still in). */
function mine(ctx: UserContext) {
  return eq(notifications.userId, ctx.user.id);
}

export function list(ctx: UserContext, input: { cursor?: number | undefined; limit: number; unreadOnly?: boolean | undefined }) {
  const where = [mine(ctx)];
  if (input.cursor !== undefined) where.push(lt(notifications.id, input.cursor));
  if (input.unreadOnly) where.push(isNull(notifications.readAt));
  const rows = ctx.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      coalitionId: notifications.coalitionId,
      coalitionName: coalitions.name,
      entityType: notifications.entityType,
      entityId: notifications.entityId,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      emailStatus: notifications.emailStatus,
      emailError: notifications.emailError,
      action: activity.action,
      summary: activity.summary,
      excerpt: activity.data,
      actorName: users.name,
      milestoneTitle: milestones.title,
      dueDate: milestones.dueDate,
    })
    .from(notifications)
    .innerJoin(memberships, and(eq(memberships.coalitionId, notifications.coalitionId), eq(memberships.userId, notifications.userId)))
    .innerJoin(coalitions, eq(coalitions.id, notifications.coalitionId))
    .leftJoin(activity, eq(activity.id, notifications.activityId))
    .leftJoin(users, eq(users.id, activity.actorId))
    .leftJoin(milestones, and(eq(notifications.entityType, 'milestone'), eq(milestones.id, notifications.entityId)))
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(input.limit + 1)
    .all();
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ excerpt, action, milestoneTitle, dueDate, ...r }) => ({
      ...r,
      kind: r.kind as NotificationKind,
      action,
      // A reminder has no activity row: its sentence is the milestone's.
      summary: r.summary ?? (milestoneTitle ? `"${milestoneTitle}" ${r.kind === 'overdue' ? 'was' : 'is'} due on ${dueDate}` : null),
      /** A comment's excerpt (mentions, comments), else null. */
      excerpt: typeof excerpt?.excerpt === 'string' ? excerpt.excerpt : null,
      target: action
        ? activityTarget({ action, entityType: r.entityType, entityId: r.entityId })
        : r.entityType === 'milestone' && milestoneTitle
          ? ({ screen: 'milestone', id: r.entityId } as const)
          : null,
    })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

export function unreadCount(ctx: UserContext): { unread: number } {
  const row = ctx.db
    .select({ n: count() })
    .from(notifications)
    .innerJoin(memberships, and(eq(memberships.coalitionId, notifications.coalitionId), eq(memberships.userId, notifications.userId)))
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .get();
  return { unread: row?.n ?? 0 };
}

/** Marks some of my notifications read (ids that are not mine are ignored, never an error that tells they exist). */
export function markRead(ctx: UserContext, ids: readonly number[]) {
  const changed = ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.userId, ctx.user.id), inArray(notifications.id, [...ids]), isNull(notifications.readAt)))
    .run().changes;
  if (changed > 0) ctx.events.publishInbox(ctx.user.id);
  return { marked: changed };
}

export function markAllRead(ctx: UserContext) {
  const changed = ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)))
    .run().changes;
  if (changed > 0) ctx.events.publishInbox(ctx.user.id);
  return { marked: changed };
}

const FOLLOWABLE_TABLES = { milestone: [milestones, 'Milestone'], partner: [partners, 'Partner'], track: [tracks, 'Track'], bottleneck: [bottlenecks, 'Bottleneck'] } as const;

/** Follow or stop following an item of this coalition (it must be one of its items). */
export function setFollowing(ctx: CoalitionContext, entityType: Followable, entityId: string, following: boolean) {
  const [table, label] = FOLLOWABLE_TABLES[entityType];
  requireOwned(ctx.db, table, entityId, ctx.coalitionId, label);
  if (following) {
    ctx.db.insert(follows).values({ userId: ctx.user.id, coalitionId: ctx.coalitionId, entityType, entityId, createdAt: ctx.now() }).onConflictDoNothing().run();
  } else {
    ctx.db.delete(follows).where(and(eq(follows.userId, ctx.user.id), eq(follows.entityType, entityType), eq(follows.entityId, entityId))).run();
  }
  return { following };
}

export function isFollowing(ctx: CoalitionContext, entityType: Followable, entityId: string) {
  const [table, label] = FOLLOWABLE_TABLES[entityType];
  requireOwned(ctx.db, table, entityId, ctx.coalitionId, label);
  const row = ctx.db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, ctx.user.id), eq(follows.entityType, entityType), eq(follows.entityId, entityId)))
    .get();
  return { following: !!row };
}
