/**
 * HTTP rate limits per client address: a strict bucket for sign-in / sign-up (30 a minute)
 * and a generous one for all of /trpc, counted before tRPC runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT } from '../../apps/server/src/app.ts';
import { json, post, query, SAME_ORIGIN, startServer, type RunningServer } from './helpers.ts';

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

  it('applies the general limit to every /trpc request, but not to the health check', async () => {
    running = await startServer({ rateLimit: { max: 5 } });
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
