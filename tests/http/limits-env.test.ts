/**
 * The limits set in the environment reach the running server (apps/server/src/main.ts):
 * RATE_LIMIT_* buckets and LIVE_MAX_STREAMS_* caps; a bad value stops the start with its name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USER } from '../../apps/server/src/seed.ts';
import { startServerProcess, stopAll } from './process.ts';
import { json, openSse, post, query, sessionCookieOf } from './helpers.ts';

afterEach(stopAll);

/** The server on a fresh database of its own. */
const start = (env: Record<string, string>) =>
  startServerProcess({ DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'coalition-limits-')), 'app.db'), ...env });

describe('limits from the environment, end to end', () => {
  it('applies RATE_LIMIT_* and LIVE_MAX_STREAMS_PER_USER', async () => {
    const server = start({ RATE_LIMIT_ANON_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '4', LIVE_MAX_STREAMS_PER_USER: '1' });
    const base = await server.ready;
    // Anonymous: the sign-in below is one of the 3.
    const signIn = await post(base, 'auth.signIn', { email: DEMO_USER.email, password: DEMO_USER.password });
    expect(signIn.status).toBe(200);
    const { cookie } = sessionCookieOf(signIn)!;
    await signIn.text();
    for (let i = 0; i < 2; i++) {
      const ok = await query(base, 'coalition.templates');
      expect(ok.status).toBe(200);
      await ok.text();
    }
    const limited = await query(base, 'coalition.templates');
    expect(limited.status).toBe(429);
    await limited.text();

    // Signed in: a bucket of 4 of its own.
    const list = await query(base, 'coalition.list', undefined, { cookie });
    expect(list.status).toBe(200);
    const coalitionId = ((await json(list)).result.data as { id: string }[])[0]!.id;
    const first = await openSse(base, { coalitionId, clientId: 'env-client-1' }, { cookie });
    await first.until((e) => e.some((x) => x.json?.type === 'presence'));
    const second = await openSse(base, { coalitionId, clientId: 'env-client-2' }, { cookie });
    await second.until((e) => e.some((x) => x.event === 'serialized-error'));
    expect(second.events[0]!.json.data.code).toBe('TOO_MANY_REQUESTS');
    expect(second.events[0]!.json.message).toMatch(/1 open/);
    await second.close();
    for (let i = 0; i < 3; i++) {
      const ok = await query(base, 'auth.me', undefined, { cookie });
      expect(ok.status).toBe(200);
      await ok.text();
    }
    const userLimited = await query(base, 'auth.me', undefined, { cookie });
    expect(userLimited.status).toBe(429);
    await userLimited.text();
    await first.close();
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('refuses to start with a bad value, naming it', async () => {
    const server = start({ LIVE_MAX_STREAMS_PER_COALITION: 'many' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/LIVE_MAX_STREAMS_PER_COALITION must be a whole number/);
    await server.ready.catch(() => {});
  }, 60_000);
});
