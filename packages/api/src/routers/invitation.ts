import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zInvitationCreate } from '@coalition/domain';
import * as invitations from '../services/invitations.ts';
import { ownerProcedure, protectedProcedure, publicProcedure } from '../trpc.ts';

const zToken = z.string().min(16).max(64).regex(/^[a-z2-7]+$/, 'Not a valid invitation link');

export const invitationRouter = {
  /** Creates a single-use link valid for 7 days; the token is shown once, only its hash is kept. */
  create: ownerProcedure.input(zInvitationCreate).mutation(({ ctx, input }) => invitations.create(ctx, input.email, input.role)),

  /** Invitations of this coalition, newest first, with their status. */
  list: ownerProcedure.query(({ ctx }) => invitations.list(ctx)),

  revoke: ownerProcedure.input(z.object({ invitationId: zId })).mutation(({ ctx, input }) => invitations.revoke(ctx, input.invitationId)),

  /** What an invitation link is for, before signing in. */
  preview: publicProcedure.input(z.object({ token: zToken })).query(({ ctx, input }) => invitations.preview(ctx, input.token)),

  /** Joins the coalition with the invited role. */
  accept: protectedProcedure.input(z.object({ token: zToken })).mutation(({ ctx, input }) => invitations.accept(ctx, input.token)),
} satisfies TRPCRouterRecord;
