/**
 * Operations: backups of the live database (packages/db/src/backup.ts), restores, the
 * `db:backup` / `db:restore` CLI (apps/server/src/db-cli.ts), and /healthz vs /readyz.
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, openDb, restoreDatabase, type Db } from '@coalition/db';

type Sqlite = Db['$client'];
import { createTestApp, type TestApp } from '../support/harness.ts';
import { json, startServer, type RunningServer } from './helpers.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The migrations the app ships, read independently of the code under test. */
const JOURNAL = (JSON.parse(readFileSync(join(REPO_ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] })
  .entries;

const apps: TestApp[] = [];
const servers: RunningServer[] = [];
const handles: Sqlite[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const handle of handles.splice(0)) if (handle.open) handle.close();
  for (const app of apps.splice(0)) if (app.db.$client.open) app.db.$client.close();
});

function testApp(): TestApp {
  const app = createTestApp();
  apps.push(app);
  return app;
}

const dbFileOf = (app: TestApp) => join(app.dir, 'test.db');

function openCopy(file: string): Sqlite {
  const db = openDb(file, { readonly: true }).$client;
  handles.push(db);
  return db;
}

const countOf = (db: Sqlite, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

function integrity(db: Sqlite): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
}

/** created_at of every applied migration, sorted. */
function appliedMigrations(db: Sqlite): number[] {
  return (db.prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at').all() as { at: number }[]).map((r) => Number(r.at));
}

async function ownerWithCoalition(app: TestApp) {
  const owner = await app.signUp('Backup Owner');
  const { id: coalitionId } = await owner.caller.coalition.create({ name: 'Backups', goal: 'Backups people trust', goalDate: '2031-01-01' });
  return { owner, coalitionId };
}

describe('backupDatabase and restoreDatabase', () => {
  it('copies a database the app keeps writing to: a consistent snapshot that restores intact', async () => {
    const app = testApp();
    const { owner, coalitionId } = await ownerWithCoalition(app);
    // Enough data for the copy to take many event-loop turns.
    const notes = 'n'.repeat(4000);
    for (let i = 0; i < 300; i++) await owner.caller.partner.create({ coalitionId, name: `Seed ${i}`, kind: 'civil_society', notes });

    const partnersNow = () => countOf(app.db.$client, 'SELECT count(*) AS n FROM partners');
    // The app writes through its API (a partner row and its activity row per transaction) on
    // every turn of the event loop while the backup runs.
    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        await owner.caller.partner.create({ coalitionId, name: `Live ${written}`, kind: 'state', notes: 'w'.repeat(500) });
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const writtenAtProgress: number[] = [];

    const backupFile = join(app.dir, 'backups', 'live.db');
    const before = partnersNow();
    const report = await backupDatabase(dbFileOf(app), backupFile, {
      pagesPerStep: 10,
      onProgress: () => void writtenAtProgress.push(written),
    });
    const after = partnersNow();
    stop = true;
    await writer;

    // The copy really ran alongside the writes.
    expect(report.steps).toBeGreaterThan(20);
    expect(writtenAtProgress.at(-1)! - writtenAtProgress[0]!).toBeGreaterThan(10);
    expect(after).toBeGreaterThan(before + 10);
    expect(report).toMatchObject({
      file: backupFile,
      integrity: 'ok',
      migrations: { expected: JOURNAL.length, applied: JOURNAL.length, missing: [], unknown: 0 },
    });
    expect(report.pages).toBeGreaterThan(300);
    expect(report.bytes).toBe(report.pages * report.pageSize);
    // Self-contained: no -wal needed beside the backup.
    expect(readdirSync(join(app.dir, 'backups'))).toEqual(['live.db']);

    // Restored into a fresh file.
    const restored = join(app.dir, 'restored', 'coalition.db');
    const restore = await restoreDatabase(backupFile, restored);
    expect(restore).toMatchObject({ file: restored, previous: null, integrity: 'ok' });
    const copy = openCopy(restored);
    expect(integrity(copy)).toBe('ok');

    // The database as of one commit: the moment the backup started.
    const copied = countOf(copy, 'SELECT count(*) AS n FROM partners');
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
    expect(copied).toBe(before);
    expect(report.tables.partners).toBe(copied);
    // Whole transactions only: every partner has its `partner.created` entry and every entry its partner.
    expect(
      countOf(copy, `SELECT count(*) AS n FROM partners p WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.action = 'partner.created' AND a.entity_id = p.id)`),
    ).toBe(0);
    expect(
      countOf(copy, `SELECT count(*) AS n FROM activity a WHERE a.action = 'partner.created' AND NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = a.entity_id)`),
    ).toBe(0);
    expect(countOf(copy, 'SELECT count(*) AS n FROM pragma_foreign_key_check')).toBe(0);
    // Every migration of the app is recorded.
    expect(appliedMigrations(copy)).toEqual(JOURNAL.map((e) => e.when).sort((a, b) => a - b));
    // Everything else came along too.
    expect(countOf(copy, 'SELECT count(*) AS n FROM users')).toBe(1);
    expect(countOf(copy, 'SELECT count(*) AS n FROM coalitions')).toBe(1);
  });

  it('refuses to overwrite an existing backup unless asked', async () => {
    const app = testApp();
    await ownerWithCoalition(app);
    const backupFile = join(app.dir, 'b.db');
    await backupDatabase(dbFileOf(app), backupFile);
    await expect(backupDatabase(dbFileOf(app), backupFile)).rejects.toThrow(/already exists/);
    await app.signUp('Later');
    const again = await backupDatabase(dbFileOf(app), backupFile, { overwrite: true });
    expect(again.tables.users).toBe(2);
    await expect(backupDatabase(join(app.dir, 'missing.db'), join(app.dir, 'c.db'))).rejects.toThrow(/No database at/);
    expect(existsSync(join(app.dir, 'missing.db'))).toBe(false);
  });

  it('fails loudly, leaving no file behind, when the copy does not pass the integrity check', async () => {
    const app = testApp();
    const { owner, coalitionId } = await ownerWithCoalition(app);
    for (let i = 0; i < 50; i++) await owner.caller.partner.create({ coalitionId, name: `P ${i}`, kind: 'state', notes: 'x'.repeat(1000) });
    const { rootpage } = app.db.$client.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'partners'").get() as { rootpage: number };
    const pageSize = Number(app.db.$client.pragma('page_size', { simple: true }));
    app.db.$client.close(); // checkpoints the WAL into the file
    // Scribble over the partners table's root page.
    const fd = openSync(dbFileOf(app), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const dest = join(app.dir, 'out', 'damaged.db');
    await expect(backupDatabase(dbFileOf(app), dest)).rejects.toThrow(/integrity check/i);
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(join(app.dir, 'out'))).toEqual([]);
  });

  it('restore refuses a database in use, and keeps the database it replaces', async () => {
    const app = testApp();
    await ownerWithCoalition(app);
    const backupFile = join(app.dir, 'b.db');
    await backupDatabase(dbFileOf(app), backupFile);
    await app.signUp('After the backup');

    // The app's connection is open: the server is "running".
    await expect(restoreDatabase(backupFile, dbFileOf(app))).rejects.toThrow(/in use.*stop the server/);
    expect(countOf(app.db.$client, 'SELECT count(*) AS n FROM users')).toBe(2);

    app.db.$client.close();
    const report = await restoreDatabase(backupFile, dbFileOf(app));
    expect(report.tables.users).toBe(1);
    expect(report.previous).toMatch(/test\.db\.before-restore-\d{8}-\d{6}$/);
    expect(countOf(openCopy(report.previous!), 'SELECT count(*) AS n FROM users')).toBe(2);
    expect(existsSync(`${dbFileOf(app)}-wal`)).toBe(false);
    expect(existsSync(`${dbFileOf(app)}-shm`)).toBe(false);
    const restored = openCopy(dbFileOf(app));
    expect(integrity(restored)).toBe('ok');
    expect(countOf(restored, 'SELECT count(*) AS n FROM users')).toBe(1);
  });

  it('restore refuses a damaged backup or a file that is not a database of this app', async () => {
    const app = testApp();
    const notOurs = join(app.dir, 'other.db');
    const other = openDb(notOurs, { migrate: false }).$client;
    other.exec('CREATE TABLE t (x)');
    other.close();
    await expect(restoreDatabase(notOurs, join(app.dir, 'target.db'))).rejects.toThrow(/not a database of this app/);
    await expect(restoreDatabase(join(app.dir, 'nope.db'), join(app.dir, 'target.db'))).rejects.toThrow(/No backup at/);
    expect(existsSync(join(app.dir, 'target.db'))).toBe(false);
  });
});

describe('/healthz and /readyz', () => {
  it('/readyz is 200 with the number of migrations on a migrated database; /healthz is 200', async () => {
    const running = await startServer({ app: testApp() });
    servers.push(running);
    const ready = await fetch(`${running.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await json(ready)).toEqual({ ok: true, migrations: JOURNAL.length });
    const health = await fetch(`${running.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ ok: true });
    // Even for a browser asking for HTML: not the SPA shell.
    const html = await fetch(`${running.base}/readyz`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await json(html)).toEqual({ ok: true, migrations: JOURNAL.length });
  });

  it('/readyz is 503 naming the migration when one is missing; /healthz stays 200', async () => {
    const app = testApp();
    // drizzle's `id SERIAL` is NULL in SQLite: the last migration is the latest created_at.
    app.db.$client.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    const running = await startServer({ app });
    servers.push(running);
    const ready = await fetch(`${running.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    const body = await json(ready);
    expect(body).toMatchObject({ ok: false, migrations: JOURNAL.length - 1, expected: JOURNAL.length });
    expect(body.reason).toContain(JOURNAL.at(-1)!.tag);
    expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
  });

  it('/readyz is 503 when the database does not answer', async () => {
    const app = testApp();
    const running = await startServer({ app });
    servers.push(running);
    expect((await fetch(`${running.base}/readyz`)).status).toBe(200);
    app.db.$client.close();
    const ready = await fetch(`${running.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await json(ready)).toMatchObject({ ok: false, reason: expect.stringMatching(/database did not answer/) });
    expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
  });
});

describe('db-cli', () => {
  const run = promisify(execFile);
  async function cli(args: string[], databaseUrl: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
    delete env.INIT_CWD;
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'apps/server/src/db-cli.ts', ...args], {
        cwd: REPO_ROOT,
        env,
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }

  it('backs up the configured database and restores it', { timeout: 60_000 }, async () => {
    const app = testApp();
    const { owner, coalitionId } = await ownerWithCoalition(app);
    await owner.caller.partner.create({ coalitionId, name: 'Germany', kind: 'state' });
    const database = dbFileOf(app);
    const out = join(app.dir, 'backups', 'cli.db');

    // While the app's connection is open, as with a running server.
    const backup = await cli(['backup', '--out', out], database);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(out);
    expect(backup.stdout).toMatch(/integrity\s+ok/);
    expect(backup.stdout).toMatch(new RegExp(`migrations\\s+${JOURNAL.length} of ${JOURNAL.length} applied`));
    expect(backup.stdout).toMatch(/partners\s+1\b/);
    const copy = openCopy(out);
    expect(integrity(copy)).toBe('ok');
    expect(countOf(copy, 'SELECT count(*) AS n FROM partners')).toBe(1);
    copy.close();

    // An existing file is not overwritten.
    const again = await cli(['backup', '--out', out], database);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    // Restore: refused while the database is in use…
    await owner.caller.partner.create({ coalitionId, name: 'France', kind: 'state' });
    const refused = await cli(['restore', out], database);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use/);

    // …done once it is not.
    app.db.$client.close();
    const restore = await cli(['restore', out], database);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/integrity\s+ok/);
    expect(restore.stdout).toMatch(/kept as .*test\.db\.before-restore-/);
    const restored = openCopy(database);
    expect(integrity(restored)).toBe('ok');
    expect(countOf(restored, 'SELECT count(*) AS n FROM partners')).toBe(1);

    // Usage errors exit 2.
    const usage = await cli(['frobnicate'], database);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Unknown command/);
  });
});
