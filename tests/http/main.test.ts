/**
 * The server process itself (apps/server/src/main.ts): starts on an empty database, seeds the
 * demo account, serves over HTTP, and exits cleanly on SIGTERM even with a live stream open.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, users } from '@coalition/db';
import { createServices } from '@coalition/api';
import { REPO_ROOT, resolveDatabasePath } from '../../apps/server/src/paths.ts';
import { DEMO_USER, seedDemo } from '../../apps/server/src/seed.ts';
import { startServerProcess, stopAll } from './process.ts';
import { json, post, SAME_ORIGIN, sessionCookieOf } from './helpers.ts';

afterEach(stopAll);

const start = startServerProcess;

describe('server process', () => {
  it('seeds an empty database, serves, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalition-main-'));
    const server = start({ DATABASE_URL: join(dir, 'app.db') });
    const base = await server.ready;
    expect(server.output()).toContain(`Demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);

    expect(await json(await fetch(`${base}/healthz`))).toEqual({ ok: true });
    const signIn = await post(base, 'auth.signIn', { email: DEMO_USER.email, password: DEMO_USER.password });
    expect(signIn.status).toBe(200);
    const { cookie } = sessionCookieOf(signIn)!;
    await signIn.text();
    const list = await fetch(`${base}/trpc/coalition.list`, { headers: { cookie } });
    const coalitions = (await json(list)).result.data as { template: string | null }[];
    const templates = (await json(await fetch(`${base}/trpc/coalition.templates`))).result.data as { id: string }[];
    expect(coalitions.map((c) => c.template).sort()).toEqual(templates.map((t) => t.id).sort());

    // A live stream is open: shutdown must not wait for it forever.
    const coalitionId = (coalitions[0] as unknown as { id: string } | undefined)?.id;
    if (coalitionId) {
      const input = encodeURIComponent(JSON.stringify({ coalitionId, clientId: 'main-test-client' }));
      const stream = await fetch(`${base}/trpc/live.events?input=${input}`, { headers: { cookie } });
      expect(stream.status).toBe(200);
      void stream.body?.getReader().read().catch(() => {});
    }
    const create = await post(base, 'coalition.create', { name: 'N', goal: 'G', goalDate: '2030-01-01' }, { ...SAME_ORIGIN, cookie });
    expect(create.status).toBe(200);
    await create.text();

    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    // The data is on disk, and a restart does not seed again.
    const db = openDb(join(dir, 'app.db'));
    expect(db.select().from(users).all()).toHaveLength(1);
    db.$client.close();
    const again = start({ DATABASE_URL: join(dir, 'app.db') });
    await again.ready;
    again.proc.kill('SIGINT');
    expect(await again.exited).toBe(0);
    const db2 = openDb(join(dir, 'app.db'));
    expect(db2.select().from(users).all()).toHaveLength(1);
    db2.$client.close();
  }, 60_000);

  it('on SIGTERM finishes the writes in flight before exiting; logs are JSON lines carrying the request id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalition-main-'));
    const server = start({ DATABASE_URL: join(dir, 'app.db'), SEED: '0', LOG_REQUESTS: '1' });
    const base = await server.ready;
    // Sign-ups take the password hash (~100 ms each): several are still running when the signal comes.
    const accounts = Array.from({ length: 4 }, (_, i) => ({ name: `Late ${i}`, email: `late.${i}.${process.pid}@example.org`, password: 'password-password' }));
    // A secret in a URL (a calendar feed token) is not written to the log.
    await (await fetch(`${base}/calendar/secretfeedtoken${process.pid}.ics`)).text();
    const pending = accounts.map((a) => post(base, 'auth.signUp', a));
    // In flight: the server has received all four (its request log says so), none has answered.
    const received = () => server.output().split('\n').filter((l) => l.includes('"incoming request"') && l.includes('auth.signUp')).length;
    for (let i = 0; i < 500 && received() < accounts.length; i++) await new Promise((r) => setTimeout(r, 2));
    expect(received()).toBe(accounts.length);
    server.proc.kill('SIGTERM');
    const answers = await Promise.all(pending);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const requestIds = answers.map((r) => r.headers.get('x-request-id'));
    for (const r of answers) await r.text();
    expect(await server.exited).toBe(0);
    const db = openDb(join(dir, 'app.db'));
    expect(db.select().from(users).all().map((u) => u.email).sort()).toEqual(accounts.map((a) => a.email).sort());
    db.$client.close();
    // Request logs are JSON, one per line, and name the id the client was given.
    const logLines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { reqId?: string });
    expect(server.output()).not.toContain(`secretfeedtoken${process.pid}`);
    expect(server.output()).toContain('/calendar/[token].ics');
    for (const id of requestIds) {
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(logLines.some((l) => l.reqId === id)).toBe(true);
    }
  }, 60_000);

  it('does not seed with SEED=0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalition-main-'));
    const server = start({ DATABASE_URL: join(dir, 'app.db'), SEED: '0' });
    const base = await server.ready;
    expect(server.output()).not.toContain('Demo sign-in');
    const signIn = await post(base, 'auth.signIn', { email: DEMO_USER.email, password: DEMO_USER.password });
    expect(signIn.status).toBe(401);
    await signIn.text();
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);
});

describe('database location and seed', () => {
  it('resolves relative DATABASE_URLs from the repository root, whatever the working directory', () => {
    expect(resolveDatabasePath(undefined)).toBe(resolve(REPO_ROOT, 'data/coalition.db'));
    expect(resolveDatabasePath('')).toBe(resolve(REPO_ROOT, 'data/coalition.db'));
    expect(resolveDatabasePath('./data/x.db')).toBe(resolve(REPO_ROOT, 'data/x.db'));
    expect(resolveDatabasePath('file:./data/x.db')).toBe(resolve(REPO_ROOT, 'data/x.db'));
    expect(resolveDatabasePath('/var/lib/app.db')).toBe('/var/lib/app.db');
    expect(resolveDatabasePath(':memory:')).toBe(':memory:');
  });

  it('seedDemo creates the demo account and one coalition per template, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalition-seed-'));
    const db = openDb(join(dir, 'seed.db'));
    const services = createServices(db);
    const first = await seedDemo(services);
    expect(first.created).toBe(true);
    const count = (db.$client.prepare('SELECT count(*) AS n FROM coalitions').get() as { n: number }).n;
    expect(count).toBe(first.coalitions.length);
    expect(new Set(first.coalitions.map((c) => c.templateId)).size).toBe(first.coalitions.length);
    // The seeding session was closed.
    expect((db.$client.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n).toBe(0);
    const second = await seedDemo(services);
    expect(second).toMatchObject({ created: false, userId: first.userId, coalitions: [] });
    expect((db.$client.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(1);
    db.$client.close();
  });
});
