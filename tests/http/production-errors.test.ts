/**
 * With NODE_ENV=production no error answer carries a stack, SQL text or a file path.
 *
 * packages/api/src/trpc.ts computes tRPC's `isDev` once, when the module is loaded (here:
 * NODE_ENV=test, so tRPC itself would include stacks), and its errorFormatter checks
 * NODE_ENV at call time to strip them and mask internal messages. These tests switch
 * NODE_ENV around each request, which is the harder case, and assert on what is really sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, newAccount, post, query, SAME_ORIGIN, sessionCookieOf, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer;
let savedEnv: string | undefined;

beforeEach(async () => {
  savedEnv = process.env.NODE_ENV;
  running = await startServer();
});
afterEach(async () => {
  if (savedEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = savedEnv;
  await running.close();
});

function expectNothingInternal(text: string) {
  expect(text).not.toMatch(/stack/i);
  expect(text).not.toMatch(/\bat (async )?[\w.<>]+ \(/); // stack frames
  expect(text).not.toMatch(/SELECT|INSERT|UPDATE |FROM "/);
  expect(text).not.toMatch(/sqlite/i);
  expect(text).not.toContain('/work');
  expect(text).not.toContain('node_modules');
  expect(text).not.toMatch(/\.(ts|js|mjs)\b/);
  expect(text).not.toMatch(/file:\/\//);
}

async function signedIn() {
  const res = await post(running.base, 'auth.signUp', newAccount('Prod User'));
  expect(res.status).toBe(200);
  await res.text();
  return sessionCookieOf(res)!.cookie;
}

describe('production error answers', () => {
  it('masks an SQL failure inside a procedure', async () => {
    const cookie = await signedIn();
    // Break the table behind coalition.list: the driver error names the table and the SQL.
    running.app.db.$client.exec('ALTER TABLE coalitions RENAME TO coalitions_gone');

    // Control: outside production the developer sees the cause (proves the query failed).
    const dev = await query(running.base, 'coalition.list', undefined, { cookie });
    expect(dev.status).toBe(500);
    expect(await dev.text()).toMatch(/coalitions/);

    process.env.NODE_ENV = 'production';
    const res = await query(running.base, 'coalition.list', undefined, { cookie });
    expect(res.status).toBe(500);
    const text = await res.text();
    expectNothingInternal(text);
    const body = JSON.parse(text);
    expect(body.error.message).toBe('Internal server error');
    expect(body.error.data.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('masks a closed database (failure while building the context)', async () => {
    const cookie = await signedIn();
    running.app.db.$client.close();
    process.env.NODE_ENV = 'production';
    for (const res of [
      await query(running.base, 'auth.me', undefined, { cookie }),
      await query(running.base, 'coalition.list', undefined, { cookie }),
      await post(running.base, 'coalition.create', { name: 'N', goal: 'G', goalDate: '2030-01-01' }, { ...SAME_ORIGIN, cookie }),
      await fetch(`${running.base}/trpc/auth.me,coalition.list?batch=1&input=%7B%7D`, { headers: { cookie } }),
    ]) {
      expect(res.status).toBe(500);
      const text = await res.text();
      expectNothingInternal(text);
      expect(text).toContain('Internal server error');
      expect(text).not.toMatch(/database connection is not open/i);
    }
  });

  it('answers bad requests without internals', async () => {
    process.env.NODE_ENV = 'production';
    const cases: Response[] = [
      // Malformed JSON body.
      await post(running.base, 'auth.signUp', '{"name": "x", ', { ...SAME_ORIGIN }),
      // Validation failure.
      await post(running.base, 'auth.signUp', { name: '', email: 'nope', password: '1' }),
      // Malformed input in a query string.
      await fetch(`${running.base}/trpc/coalition.get?input=%7Bnot-json`),
      // Mixed batch (tRPC refuses with a message built from its own source).
      await fetch(`${running.base}/trpc/auth.me,auth.signOut?batch=1&input=%7B%7D`),
      // Unknown procedure.
      await query(running.base, 'nope.nothing'),
      // Body over the size limit (refused by Fastify, not tRPC).
      await post(running.base, 'auth.signUp', JSON.stringify({ name: 'x'.repeat(9 * 1024 * 1024) })),
      // A URL Fastify cannot decode.
      await fetch(`${running.base}/trpc/auth.me%E0%A4%A`),
      await fetch(`${running.base}/%E0%A4%A`, { headers: { accept: 'text/html' } }),
    ];
    for (const res of cases) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const text = await res.text();
      expectNothingInternal(text);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    // The validation failure still says which field is wrong.
    const validation = await post(running.base, 'auth.signUp', { name: 'A', email: 'nope', password: 'long enough pw' });
    const body = await json(validation);
    expect(body.error.data.fieldErrors).toHaveProperty('email');
  });

  it('answers errors from the HTTP layer without internals', async () => {
    process.env.NODE_ENV = 'production';
    const cross = await post(running.base, 'auth.signUp', newAccount(), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(cross.status).toBe(403);
    expectNothingInternal(await cross.text());
    const missing = await fetch(`${running.base}/no/such/file.js`);
    expect(missing.status).toBe(404);
    expectNothingInternal(await missing.text());
  });
});
