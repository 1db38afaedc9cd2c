import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zMemberRole } from '@coalition/domain';
import * as members from '../services/members.ts';
import { ownerProcedure, viewerProcedure } from '../trpc.ts';

export const memberRouter = {
  list: viewerProcedure.query(({ ctx }) => members.list(ctx)),

  changeRole: ownerProcedure.input(zMemberRole).mutation(({ ctx, input }) => members.changeRole(ctx, input.userId, input.role)),

  remove: ownerProcedure.input(z.object({ userId: zId })).mutation(({ ctx, input }) => members.removeMember(ctx, input.userId)),

  leave: viewerProcedure.mutation(({ ctx }) => members.removeMember(ctx, ctx.user.id)),
} satisfies TRPCRouterRecord;
