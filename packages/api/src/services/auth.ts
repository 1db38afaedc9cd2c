/** Accounts and sessions: sign up, sign in (throttled), sign out (here or everywhere). */
import { eq, sql } from 'drizzle-orm';
import {
  createSession,
  DEVICE_COOKIE_TTL_MS,
  dummyPasswordHash,
  generateSessionToken,
  hashPassword,
  invalidateAllSessions,
  invalidateSession,
  isDeviceTokenFor,
  issueDeviceToken,
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

/** Throttled as described on `Throttles` (context.ts); an unknown email and a wrong password get the same answer. */
export async function signIn(ctx: Context, input: { email: string; password: string }) {
  const now = ctx.now();
  const { signInByAddress, signInByEmailAddress, signInByEmail, deviceKey } = ctx.throttles;
  const mine = `${input.email}\n${ctx.clientAddress}`;
  if (!signInByAddress.peek(ctx.clientAddress, now)) {
    throw tooManyRequests(`Too many sign-in attempts from your network. Try again in ${wait(signInByAddress.retryAfterMs(ctx.clientAddress, now))}.`);
  }
  if (!signInByEmailAddress.peek(mine, now)) {
    throw tooManyRequests(`Too many attempts for this account. Try again in ${wait(signInByEmailAddress.retryAfterMs(mine, now))}.`);
  }
  // Past the account's overall ceiling only a browser it signed in from before gets through.
  const knownDevice = isDeviceTokenFor(deviceKey, input.email, ctx.deviceToken);
  if (!knownDevice && !signInByEmail.peek(input.email, now)) {
    throw tooManyRequests(
      `This account has had too many sign-in attempts from many places. Sign in from a browser you have used before, or try again in ${wait(signInByEmail.retryAfterMs(input.email, now))}.`,
    );
  }
  signInByAddress.consume(ctx.clientAddress, now);
  signInByEmailAddress.consume(mine, now);
  if (!knownDevice) signInByEmail.consume(input.email, now);
  const user = byEmail(ctx, input.email);
  // Unknown email and wrong password: same work, same answer.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw unauthorized('Email or password is incorrect');
  // The person's own retries start afresh; the account's overall ceiling does not (an attacker draining it gains nothing from their success).
  signInByEmailAddress.reset(mine);
  startSession(ctx, user.id);
  ctx.cookies.setDevice?.(issueDeviceToken(deviceKey, user.email), DEVICE_COOKIE_TTL_MS);
  return { id: user.id, email: user.email, name: user.name };
}

/** "40 seconds", "3 minutes". */
function wait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minutes`;
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
