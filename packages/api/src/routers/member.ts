import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, ROLES, users, type Role, type Tx } from '@coalition/db';
import { commitChange } from '../change.ts';
import { notFound } from '../errors.ts';
import { ownerProcedure, viewerProcedure, type CoalitionContext } from '../trpc.ts';
import { zId } from '../validators.ts';

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

const lastOwner = () =>
  new TRPCError({
    code: 'BAD_REQUEST',
    message: 'A coalition always keeps at least one owner: make another member owner first.',
  });

/** Removes a membership (remove or leave), keeping at least one owner, and ends that member's live access. */
function removeMembership(ctx: CoalitionContext, userId: string, summary: (name: string) => string) {
  commitChange(ctx, (tx, log) => {
    const member = requireMember(tx, ctx.coalitionId, userId);
    if (member.role === 'owner' && ownerCount(tx, ctx.coalitionId) <= 1) throw lastOwner();
    tx.delete(memberships)
      .where(and(eq(memberships.coalitionId, ctx.coalitionId), eq(memberships.userId, userId)))
      .run();
    log({ action: 'member.removed', entityType: 'member', entityId: userId, summary: summary(member.name), data: { role: member.role } });
  });
  ctx.events.publishAccess({ coalitionId: ctx.coalitionId, userId, role: null });
  return { ok: true as const };
}

export const memberRouter = {
  list: viewerProcedure.query(({ ctx }) =>
    ctx.db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.coalitionId, ctx.coalitionId))
      .orderBy(asc(users.name))
      .all(),
  ),

  changeRole: ownerProcedure
    .input(z.object({ userId: zId, role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => {
      const result = commitChange(ctx, (tx, log) => {
        const member = requireMember(tx, ctx.coalitionId, input.userId);
        if (member.role === input.role) return { userId: input.userId, role: input.role as Role };
        if (member.role === 'owner' && ownerCount(tx, ctx.coalitionId) <= 1) throw lastOwner();
        tx.update(memberships)
          .set({ role: input.role })
          .where(and(eq(memberships.coalitionId, ctx.coalitionId), eq(memberships.userId, input.userId)))
          .run();
        log({
          action: 'member.role_changed',
          entityType: 'member',
          entityId: input.userId,
          summary: `made ${member.name} ${input.role === 'owner' ? 'an owner' : `a${input.role === 'editor' ? 'n' : ''} ${input.role}`}`,
          data: { role: [member.role, input.role] },
        });
        return { userId: input.userId, role: input.role as Role };
      });
      ctx.events.publishAccess({ coalitionId: ctx.coalitionId, userId: input.userId, role: result.role });
      return result;
    }),

  remove: ownerProcedure
    .input(z.object({ userId: zId }))
    .mutation(({ ctx, input }) => removeMembership(ctx, input.userId, (name) => `removed ${name} from the coalition`)),

  leave: viewerProcedure.mutation(({ ctx }) => removeMembership(ctx, ctx.user.id, () => 'left the coalition')),
} satisfies TRPCRouterRecord;
