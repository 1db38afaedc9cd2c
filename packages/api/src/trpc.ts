/**
 * The procedure builders, and only them. Each procedure declares the least role it needs
 * through the builder it starts from:
 *   publicProcedure < protectedProcedure (signed in) < viewerProcedure < editorProcedure < ownerProcedure
 * The coalition builders take `coalitionId` in the input, check the caller's membership and
 * role, and put `coalitionId`, `role`, the coalition's time zone and its `today` in the context.
 * Every builder maps the services' AppError to its tRPC error (errors.ts), in one place.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { prepared } from '@coalition/db';
import { roleAtLeast, todayIn, zCoalitionId, type Role } from '@coalition/domain';
import type { Context } from './context.ts';
import { AppError, conflictOf, fieldErrorsOf, problemOf, toTRPCError } from './errors.ts';

export type AuthLevel = 'public' | 'user' | Role;
export interface Meta {
  auth: AuthLevel;
}

const isProduction = () => process.env.NODE_ENV === 'production';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: !isProduction(),
    // Server-sent events for subscriptions: a ping keeps proxies from closing an idle stream,
    // and the client reconnects (with its last event id) when it hears nothing for 20 s.
    sse: {
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 20_000 },
    },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fieldErrors = fieldErrorsOf(cause);
      let message = shape.message;
      if (cause instanceof ZodError && fieldErrors) {
        message = Object.entries(fieldErrors)
          .map(([field, msgs]) => `${field}: ${msgs.join('; ')}`)
          .join('\n');
      }
      if (error.code === 'INTERNAL_SERVER_ERROR' && isProduction()) message = 'Internal server error';
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message,
        data: { ...(isProduction() ? data : shape.data), fieldErrors, conflict: conflictOf(cause), ...problemOf(cause) },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** What a service refused (an AppError) reaches the caller as the matching tRPC error. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) return { ...result, error: toTRPCError(result.error.cause) };
  return result;
});

export const publicProcedure = t.procedure.use(appErrors).meta({ auth: 'public' });

export const protectedProcedure = publicProcedure.meta({ auth: 'user' }).use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  }
  // tRPC merges these keys into the context: pass only what changes.
  return next({ ctx: { user: ctx.user, session: ctx.session } });
});

function coalitionProcedure(least: Role) {
  return protectedProcedure
    .meta({ auth: least })
    .input(z.object({ coalitionId: zCoalitionId }))
    .use(({ ctx, input, next }) => {
      // Every coalition call reads this: one statement prepared per connection.
      const membership = prepared(
        ctx.db,
        'SELECT m.role AS role, c.time_zone AS timeZone FROM memberships m JOIN coalitions c ON c.id = m.coalition_id WHERE m.coalition_id = ? AND m.user_id = ?',
      ).get(input.coalitionId, ctx.user.id) as { role: Role; timeZone: string } | undefined;
      // A non-member learns nothing about whether the coalition exists.
      if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: 'Coalition not found' });
      if (!roleAtLeast(membership.role, least)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `This needs the ${least} role in this coalition; you are a ${membership.role}.`,
        });
      }
      const { timeZone } = membership;
      return next({
        ctx: { coalitionId: input.coalitionId, role: membership.role, timeZone, today: () => todayIn(timeZone, ctx.now()) },
      });
    });
}

export const viewerProcedure = coalitionProcedure('viewer');
export const editorProcedure = coalitionProcedure('editor');
export const ownerProcedure = coalitionProcedure('owner');

/** The context inside a coalition procedure. */
export type CoalitionContext = Context & {
  user: NonNullable<Context['user']>;
  session: NonNullable<Context['session']>;
  coalitionId: string;
  role: Role;
  /** The coalition's IANA time zone. */
  timeZone: string;
  /** The coalition's calendar date now (in its time zone). */
  today: () => string;
};

/** The context inside a signed-in procedure. */
export type UserContext = Context & { user: NonNullable<Context['user']>; session: NonNullable<Context['session']> };
