import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  createSession,
  dummyPasswordHash,
  generateSessionToken,
  hashPassword,
  invalidateAllSessions,
  invalidateSession,
  PASSWORD_MAX,
  PASSWORD_MIN,
  verifyPassword,
} from '@coalition/auth';
import { newId, users } from '@coalition/db';
import type { Context } from '../context.ts';
import { fieldError } from '../errors.ts';
import { protectedProcedure, publicProcedure } from '../trpc.ts';
import { zEmail, zName } from '../validators.ts';

const zPassword = z
  .string()
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`);

const tooMany = () =>
  new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many attempts. Wait a minute and try again.' });

/** A new session for every sign-in; the token goes only into the HttpOnly cookie. */
function startSession(ctx: Context, userId: string) {
  const token = generateSessionToken();
  const session = createSession(ctx.db, token, userId, ctx.now());
  ctx.cookies.set(token, session.expiresAt);
  return session;
}

export const authRouter = {
  me: publicProcedure.query(({ ctx }) => ctx.user),

  signUp: publicProcedure
    .input(z.object({ name: zName(100), email: zEmail, password: zPassword }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.throttles.signUpByAddress.consume(ctx.clientAddress, ctx.now())) throw tooMany();
      const exists = ctx.db
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, input.email))
        .get();
      if (exists) throw fieldError('email', 'An account with this email already exists. Sign in instead.');
      const passwordHash = await hashPassword(input.password);
      const user = { id: newId(), email: input.email, name: input.name, passwordHash, createdAt: ctx.now() };
      try {
        ctx.db.insert(users).values(user).run();
      } catch (e) {
        if (String(e).includes('UNIQUE')) throw fieldError('email', 'An account with this email already exists.');
        throw e;
      }
      startSession(ctx, user.id);
      return { id: user.id, email: user.email, name: user.name };
    }),

  signIn: publicProcedure
    .input(z.object({ email: zEmail, password: z.string().min(1, 'Required').max(PASSWORD_MAX) }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const { signInByEmail, signInByAddress } = ctx.throttles;
      if (!signInByAddress.peek(ctx.clientAddress, now) || !signInByEmail.peek(input.email, now)) throw tooMany();
      signInByAddress.consume(ctx.clientAddress, now);
      signInByEmail.consume(input.email, now);
      const user = ctx.db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, input.email))
        .get();
      // Unknown email and wrong password: same work, same answer.
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
      if (!user || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect' });
      signInByEmail.reset(input.email);
      startSession(ctx, user.id);
      return { id: user.id, email: user.email, name: user.name };
    }),

  signOut: protectedProcedure.mutation(({ ctx }) => {
    invalidateSession(ctx.db, ctx.session.id);
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  signOutEverywhere: protectedProcedure.mutation(({ ctx }) => {
    invalidateAllSessions(ctx.db, ctx.user.id);
    ctx.cookies.clear();
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
