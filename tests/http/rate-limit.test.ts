/**
 * HTTP rate limits: a strict bucket per client address for sign-in / sign-up (30 a minute),
 * and a generous one for all of /trpc — per signed-in user, or per address without a session —
 * counted before tRPC runs. Live-update streams of signed-in users are not counted.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '@coalition/auth';
import { DEFAULT_RATE_LIMIT, liveLimitsFromEnv, rateLimitFromEnv } from '../../apps/server/src/app.ts';
import { createTestApp } from '../support/harness.ts';
import { json, openSse, post, query, SAME_ORIGIN, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Input that fails validation at once: no password hashing, no in-app throttle consumed. */
const invalidSignIn = { email: 'not-an-email', password: 'x' };

async function exhaustSignIn(base: string, headers: (i: number) => Record<string, string> = () => ({})) {
  for (let i = 0; i < DEFAULT_RATE_LIMIT.authMax; i++) {
    const res = await post(base, 'auth.signIn', invalidSignIn, { ...SAME_ORIGIN, ...headers(i) });
    expect(res.status).toBe(400);
    await res.text();
  }
}

describe('rate limits', () => {
  it('answers 429 TOO_MANY_REQUESTS once the sign-in bucket is exhausted', async () => {
    running = await startServer();
    expect(DEFAULT_RATE_LIMIT.authMax).toBe(30);
    await exhaustSignIn(running.base);

    const limited = await post(running.base, 'auth.signIn', { email: 'someone@example.org', password: 'a password' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await json(limited);
    expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toMatch(/too many/i);

    // Sign-up shares the bucket; batched and percent-encoded paths count too.
    const signUp = await post(running.base, 'auth.signUp', { name: 'X', email: 'x@example.org', password: 'long enough pw' });
    expect(signUp.status).toBe(429);
    await signUp.text();
    const batched = await fetch(`${running.base}/trpc/auth.me%2Cauth.signIn?batch=1`, {
      method: 'POST',
      headers: SAME_ORIGIN,
      body: JSON.stringify({ 1: invalidSignIn }),
    });
    expect(batched.status).toBe(429);
    const batchedBody = await json(batched);
    expect(batchedBody).toHaveLength(2);
    expect(batchedBody[0].error.data.code).toBe('TOO_MANY_REQUESTS');

    // Other procedures are not affected.
    const me = await query(running.base, 'auth.me');
    expect(me.status).toBe(200);
    await me.text();
  });

  it('keys on the socket address: a spoofed X-Forwarded-For does not buy fresh buckets', async () => {
    running = await startServer();
    await exhaustSignIn(running.base, (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` }));
    const res = await post(running.base, 'auth.signIn', invalidSignIn, { ...SAME_ORIGIN, 'x-forwarded-for': '198.51.100.7' });
    expect(res.status).toBe(429);
    await res.text();
  });

  it('uses the forwarded address only when trustProxy is on', async () => {
    running = await startServer({ trustProxy: true });
    await exhaustSignIn(running.base, () => ({ 'x-forwarded-for': '203.0.113.9' }));
    const same = await post(running.base, 'auth.signIn', invalidSignIn, { ...SAME_ORIGIN, 'x-forwarded-for': '203.0.113.9' });
    expect(same.status).toBe(429);
    await same.text();
    const other = await post(running.base, 'auth.signIn', invalidSignIn, { ...SAME_ORIGIN, 'x-forwarded-for': '203.0.113.10' });
    expect(other.status).toBe(400);
    await other.text();
  });

  it('refuses a request that batches several sign-in calls', async () => {
    running = await startServer();
    const before = running.app.rowCounts();
    const res = await fetch(`${running.base}/trpc/auth.signIn,auth.signIn,auth.signIn?batch=1`, {
      method: 'POST',
      headers: SAME_ORIGIN,
      body: JSON.stringify({ 0: invalidSignIn, 1: invalidSignIn, 2: invalidSignIn }),
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toHaveLength(3);
    expect(body[0].error.data.code).toBe('BAD_REQUEST');
    expect(running.app.rowCounts()).toEqual(before);
  });

  it('applies the anonymous limit to every /trpc request without a session, but not to the health check', async () => {
    running = await startServer({ rateLimit: { anonMax: 5 } });
    for (let i = 0; i < 5; i++) {
      const ok = await query(running.base, 'coalition.templates');
      expect(ok.status).toBe(200);
      await ok.text();
    }
    const limited = await query(running.base, 'coalition.templates');
    expect(limited.status).toBe(429);
    expect((await json(limited)).error.data.code).toBe('TOO_MANY_REQUESTS');
    const health = await fetch(`${running.base}/healthz`);
    expect(health.status).toBe(200);
    await health.text();
  });
});

describe('rate limits per signed-in user', () => {
  async function twoUsers(limits: NonNullable<Parameters<typeof startServer>[0]>['rateLimit']) {
    const app = createTestApp();
    const ann = await app.signUp('Ann');
    const bob = await app.signUp('Bob');
    running = await startServer({ app, rateLimit: limits });
    return { app, base: running.base, ann: { cookie: `session=${ann.token}` }, bob: { cookie: `session=${bob.token}` } };
  }
  const me = async (base: string, headers: Record<string, string> = {}) => {
    const res = await query(base, 'auth.me', undefined, headers);
    await res.text();
    return res.status;
  };

  it('gives two users behind one address a bucket each', async () => {
    const { base, ann, bob } = await twoUsers({ max: 3, anonMax: 100 });
    for (let i = 0; i < 3; i++) expect(await me(base, ann)).toBe(200);
    expect(await me(base, ann)).toBe(429);
    for (let i = 0; i < 3; i++) expect(await me(base, bob)).toBe(200);
    expect(await me(base, bob)).toBe(429);
    // Nor does it spend the address's anonymous bucket.
    expect(await me(base)).toBe(200);
  });

  it('an anonymous flood from one address does not touch a signed-in user\'s bucket', async () => {
    const { base, ann } = await twoUsers({ max: 100, anonMax: 3 });
    for (let i = 0; i < 3; i++) expect(await me(base)).toBe(200);
    const limited = await query(base, 'auth.me');
    expect(limited.status).toBe(429);
    expect((await json(limited)).error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(await me(base, ann)).toBe(200);
    // A cookie that is no session (made up, or signed out) counts as anonymous.
    expect(await me(base, { cookie: `session=${'a'.repeat(32)}` })).toBe(429);
    expect(await me(base, { cookie: 'session=not-a-token!' })).toBe(429);
  });

  it('does not count live streams against the bucket (a reconnect storm locks no one out)', async () => {
    const app = createTestApp();
    const owner = await app.signUp('Olga');
    const c = await owner.caller.coalition.create({ name: 'C', goal: 'G', goalDate: '2030-01-01', description: '' });
    running = await startServer({ app, rateLimit: { max: 2, anonMax: 2 } });
    const cookie = { cookie: `session=${owner.token}` };
    for (let i = 0; i < 6; i++) {
      const s = await openSse(running.base, { coalitionId: c.id, clientId: `storm-client-${i}` }, cookie);
      expect(s.res.status).toBe(200);
      await s.until((e) => e.some((x) => x.json?.type === 'presence'));
      await s.close();
    }
    expect(await me(running.base, cookie)).toBe(200);
    expect(await me(running.base, cookie)).toBe(200);
    expect(await me(running.base, cookie)).toBe(429);
    // Without a session a stream is an ordinary (refused) request: it counts.
    const anon = await openSse(running.base, { coalitionId: c.id, clientId: 'anon-client-1' });
    await anon.until((e) => e.some((x) => x.event === 'serialized-error'));
    await anon.close();
    const anon2 = await query(running.base, 'auth.me');
    await anon2.text();
    expect(anon2.status).toBe(200);
    expect(await me(running.base)).toBe(429);
  });
});

describe('limits from the environment', () => {
  it('reads the rate limits, leaving unset ones to the defaults', () => {
    expect(rateLimitFromEnv({})).toEqual({});
    expect(rateLimitFromEnv({ RATE_LIMIT_PER_MINUTE: '2400', RATE_LIMIT_ANON_PER_MINUTE: ' 300 ', RATE_LIMIT_AUTH_PER_MINUTE: '' })).toEqual({
      max: 2400,
      anonMax: 300,
    });
    expect(rateLimitFromEnv({ RATE_LIMIT_AUTH_PER_MINUTE: '10' })).toEqual({ authMax: 10 });
    for (const bad of ['0', '-5', '1.5', 'lots', '1e3x']) {
      expect(() => rateLimitFromEnv({ RATE_LIMIT_ANON_PER_MINUTE: bad })).toThrow(/RATE_LIMIT_ANON_PER_MINUTE must be a whole number/);
    }
    expect(DEFAULT_RATE_LIMIT).toEqual({ max: 1200, anonMax: 600, authMax: 30, timeWindowMs: 60_000 });
  });

  it('reads the live-stream caps', () => {
    expect(liveLimitsFromEnv({})).toEqual({});
    expect(liveLimitsFromEnv({ LIVE_MAX_STREAMS_PER_USER: '5', LIVE_MAX_STREAMS_PER_COALITION: '200' })).toEqual({
      maxStreamsPerUser: 5,
      maxStreamsPerCoalition: 200,
    });
    expect(() => liveLimitsFromEnv({ LIVE_MAX_STREAMS_PER_USER: 'none' })).toThrow(/LIVE_MAX_STREAMS_PER_USER/);
  });

  it('stores sessions under the SHA-256 of the token, so sessions made before survive an upgrade', () => {
    // FIPS 180-2's test vector, and a token-shaped string hashed by another implementation.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('abcdefghijklmnopqrstuvwxyz234567')).toBe(createHash('sha256').update('abcdefghijklmnopqrstuvwxyz234567').digest('hex'));
  });
});
