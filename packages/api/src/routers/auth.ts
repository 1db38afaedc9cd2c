import type { TRPCRouterRecord } from '@trpc/server';
import { zSignIn, zSignUp } from '@coalition/domain';
import * as auth from '../services/auth.ts';
import { protectedProcedure, publicProcedure } from '../trpc.ts';

export const authRouter = {
  me: publicProcedure.query(({ ctx }) => ctx.user),
  signUp: publicProcedure.input(zSignUp).mutation(({ ctx, input }) => auth.signUp(ctx, input)),
  signIn: publicProcedure.input(zSignIn).mutation(({ ctx, input }) => auth.signIn(ctx, input)),
  signOut: protectedProcedure.mutation(({ ctx }) => auth.signOut(ctx)),
  signOutEverywhere: protectedProcedure.mutation(({ ctx }) => auth.signOutEverywhere(ctx)),
} satisfies TRPCRouterRecord;
