/** Accounts and sessions: sign up, sign in (throttled), sign out (here or everywhere). */
import { eq, sql } from 'drizzle-orm';
import {
  createSession,
  dummyPasswordHash,
  generateSessionToken,
  hashPassword,
  invalidateAllSessions,
  invalidateSession,
  verifyPassword,
} from '@coalition/auth';
import { newId } from '@coalition/db';
import { users } from '@coalition/db/schema';
import type { Context } from '../context.ts';
import { fieldError, tooManyRequests, unauthorized } from '../errors.ts';
import type { UserContext } from '../trpc.ts';

/** A new session for every sign-in; the token goes only into the HttpOnly cookie. */
function startSession(ctx: Context, userId: string) {
  const token = generateSessionToken();
  const session = createSession(ctx.db, token, userId, ctx.now());
  ctx.cookies.set(token, session.expiresAt);
  return session;
}

const byEmail = (ctx: Context, email: string) =>
  ctx.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .get();

export async function signUp(ctx: Context, input: { name: string; email: string; password: string }) {
  if (!ctx.throttles.signUpByAddress.consume(ctx.clientAddress, ctx.now())) throw tooManyRequests();
  if (byEmail(ctx, input.email)) throw fieldError('email', 'An account with this email already exists. Sign in instead.');
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
}

export async function signIn(ctx: Context, input: { email: string; password: string }) {
  const now = ctx.now();
  const { signInByEmail, signInByAddress } = ctx.throttles;
  if (!signInByAddress.peek(ctx.clientAddress, now) || !signInByEmail.peek(input.email, now)) throw tooManyRequests();
  signInByAddress.consume(ctx.clientAddress, now);
  signInByEmail.consume(input.email, now);
  const user = byEmail(ctx, input.email);
  // Unknown email and wrong password: same work, same answer.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw unauthorized('Email or password is incorrect');
  signInByEmail.reset(input.email);
  startSession(ctx, user.id);
  return { id: user.id, email: user.email, name: user.name };
}

export function signOut(ctx: UserContext) {
  invalidateSession(ctx.db, ctx.session.id);
  ctx.events.publishSessionsEnded(ctx.user.id);
  ctx.cookies.clear();
  return { ok: true as const };
}

export function signOutEverywhere(ctx: UserContext) {
  invalidateAllSessions(ctx.db, ctx.user.id);
  ctx.events.publishSessionsEnded(ctx.user.id);
  ctx.cookies.clear();
  return { ok: true as const };
}
