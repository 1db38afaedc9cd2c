/**
 * Request limits and where they come from: the /trpc rate limits (per signed-in user, per
 * address without a session, a strict one for sign-in / sign-up) and the live-stream caps, with
 * their environment variables.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { AppServices } from '@coalition/api';
import { HttpError, isTrpcUrl, sendTrpcError, trpcPaths } from './errors.ts';

/** Procedures that guess or create credentials: they get their own, much smaller bucket. */
export const AUTH_PROCEDURES = new Set(['auth.signIn', 'auth.signUp']);

export interface RateLimitOptions {
  /** Requests per window per signed-in user on /trpc (RATE_LIMIT_PER_MINUTE). */
  max: number;
  /** Requests per window per client address on /trpc without a valid session (RATE_LIMIT_ANON_PER_MINUTE). */
  anonMax: number;
  /** Requests per window per client address that call sign-in or sign-up (RATE_LIMIT_AUTH_PER_MINUTE). */
  authMax: number;
  timeWindowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 1200, anonMax: 600, authMax: 30, timeWindowMs: 60_000 };

/** A positive whole number from the environment; undefined when unset or empty. */
function envCount(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${env[name]}")`);
  return n;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The /trpc rate limits set in the environment (per minute); unset ones are left out. Throws on a bad value. */
export function rateLimitFromEnv(env: Record<string, string | undefined>): Partial<RateLimitOptions> {
  return defined({
    max: envCount(env, 'RATE_LIMIT_PER_MINUTE'),
    anonMax: envCount(env, 'RATE_LIMIT_ANON_PER_MINUTE'),
    authMax: envCount(env, 'RATE_LIMIT_AUTH_PER_MINUTE'),
  });
}

/** The live-stream caps set in the environment; unset ones are left out. Throws on a bad value. */
export function liveLimitsFromEnv(env: Record<string, string | undefined>): Partial<AppServices['liveLimits']> {
  return defined({
    maxStreamsPerUser: envCount(env, 'LIVE_MAX_STREAMS_PER_USER'),
    maxStreamsPerCoalition: envCount(env, 'LIVE_MAX_STREAMS_PER_COALITION'),
  });
}

/** The one request that opens a live-update stream (subscriptions are never batched). */
const isLiveStream = (request: FastifyRequest, paths: string[]) =>
  request.method === 'GET' && paths.length === 1 && paths[0] === 'live.events';

/**
 * The rate limits on /trpc, checked in an onRequest hook before anything is parsed: per
 * signed-in user (`userIdOf`: the valid session's user), else per client address
 * (request.ip: not spoofable unless trustProxy).
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimitOptions, userIdOf: (request: FastifyRequest) => string | null) {
  await app.register(fastifyRateLimit, { global: false, max: limits.max, timeWindow: limits.timeWindowMs });
  /** The general bucket's key of a request, set by the hook below. */
  const bucketOf = new WeakMap<FastifyRequest, string>();
  const checkUser = app.createRateLimit({
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    keyGenerator: (request) => bucketOf.get(request)!,
  });
  const checkAnon = app.createRateLimit({
    max: limits.anonMax,
    timeWindow: limits.timeWindowMs,
    // Same address normalisation as the plugin's default (IPv6 grouped by /64).
    keyGenerator: (request) => bucketOf.get(request)!,
  });
  const checkAuth = app.createRateLimit({
    max: limits.authMax,
    timeWindow: limits.timeWindowMs,
    // Same address normalisation as the general bucket (IPv6 grouped by /64).
    keyGenerator: (request) => `auth:${normalizeIP(request.ip)}`,
  });
  const tooMany = () =>
    new HttpError(429, 'TOO_MANY_REQUESTS', 'Too many requests. Wait a minute and try again.');

  app.addHook('onRequest', async (request, reply) => {
    if (!isTrpcUrl(request.url)) return;
    const paths = trpcPaths(request.url);
    if (paths === null) return sendTrpcError(request, reply, new HttpError(400, 'BAD_REQUEST', 'Malformed procedure path'));
    const authCalls = paths.filter((p) => AUTH_PROCEDURES.has(p)).length;
    if (authCalls > 1) {
      // One request must not smuggle many password guesses past the per-request limit.
      return sendTrpcError(request, reply, new HttpError(400, 'BAD_REQUEST', 'Sign in or sign up one call at a time'));
    }
    const userId = userIdOf(request);
    // A signed-in user's stream: long-lived and reconnecting; capped per user and coalition instead.
    if (userId && isLiveStream(request, paths)) return;
    bucketOf.set(request, userId ? `user:${userId}` : `anon:${normalizeIP(request.ip)}`);
    const general = await (userId ? checkUser : checkAnon)(request);
    if (!general.isAllowed && general.isExceeded) {
      reply.header('retry-after', general.ttlInSeconds);
      return sendTrpcError(request, reply, tooMany());
    }
    if (authCalls > 0) {
      const auth = await checkAuth(request);
      if (!auth.isAllowed && auth.isExceeded) {
        reply.header('retry-after', auth.ttlInSeconds);
        return sendTrpcError(request, reply, tooMany());
      }
    }
  });
}
