/** Members and their roles; a coalition always keeps at least one owner. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@coalition/db';
import { memberships, milestones, users } from '@coalition/db/schema';
import type { Role } from '@coalition/domain';
import { commitChange } from '../change.ts';
import { badRequest, notFound } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';

function ownerCount(tx: Tx, coalitionId: string): number {
  return tx
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.coalitionId, coalitionId), eq(memberships.role, 'owner')))
    .get()!.n;
}

function requireMember(tx: Tx, coalitionId: string, userId: string) {
  const row = tx
    .select({ role: memberships.role, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.coalitionId, coalitionId), eq(memberships.userId, userId)))
    .get();
  if (!row) throw notFound('Member');
  return row;
}

const lastOwner = () => badRequest('A coalition always keeps at least one owner: make another member owner first.');

export function list(ctx: CoalitionContext) {
  return ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.coalitionId, ctx.coalitionId))
    .orderBy(asc(users.name))
    .all();
}

export function changeRole(ctx: CoalitionContext, userId: string, role: Role) {
  const result = commitChange(ctx, (tx, log) => {
    const member = requireMember(tx, ctx.coalitionId, userId);
    if (member.role === role) return { userId, role };
    if (member.role === 'owner' && ownerCount(tx, ctx.coalitionId) <= 1) throw lastOwner();
    tx.update(memberships)
      .set({ role })
      .where(and(eq(memberships.coalitionId, ctx.coalitionId), eq(memberships.userId, userId)))
      .run();
    log({
      event: { action: 'member.role_changed', name: member.name, role },
      entityType: 'member',
      entityId: userId,
      data: { role: [member.role, role] },
    });
    return { userId, role };
  });
  ctx.events.publishAccess({ coalitionId: ctx.coalitionId, userId, role: result.role });
  return result;
}

/**
 * Removes a membership (remove or leave), keeping at least one owner, and ends that member's live
 * access. They are no longer a person of the coalition, so they stop being responsible for its
 * milestones (a new version of each, so an edit begun before it meets a conflict, not a refusal).
 */
export function removeMember(ctx: CoalitionContext, userId: string) {
  commitChange(ctx, (tx, log, now) => {
    const member = requireMember(tx, ctx.coalitionId, userId);
    if (member.role === 'owner' && ownerCount(tx, ctx.coalitionId) <= 1) throw lastOwner();
    tx.delete(memberships)
      .where(and(eq(memberships.coalitionId, ctx.coalitionId), eq(memberships.userId, userId)))
      .run();
    tx.update(milestones)
      .set({ responsibleUserId: null, version: sql`${milestones.version} + 1`, updatedAt: now })
      .where(and(eq(milestones.coalitionId, ctx.coalitionId), eq(milestones.responsibleUserId, userId)))
      .run();
    log({
      event: { action: 'member.removed', name: member.name, self: userId === ctx.user.id },
      entityType: 'member',
      entityId: userId,
      data: { role: member.role },
    });
  });
  ctx.events.publishAccess({ coalitionId: ctx.coalitionId, userId, role: null });
  return { ok: true as const };
}
