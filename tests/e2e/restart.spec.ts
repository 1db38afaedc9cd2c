/**
 * A server restart with a client open: the client reconnects by itself and catches up on the
 * change it missed (tracked event ids), without a reload. This test runs its own server
 * process so that it can kill and restart it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { newUser, signUpWithWorldSummit, trpc } from './support.ts';

const PORT = 4179;
const BASE = `http://localhost:${PORT}`;
const DIR = resolve('.tmp/e2e-restart');
const DB = `${DIR}/restart.db`;
const TSX = resolve('node_modules/.bin/tsx');

async function startServer(): Promise<ChildProcess> {
  // `node --import tsx` (not the tsx wrapper) so that the process killed is the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_URL: DB, PUBLIC_URL: BASE, SEED: '0', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > 30_000) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function kill(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

test('after a server restart the open page reconnects and shows the change it missed, without a reload', async ({ browser }) => {
  test.setTimeout(120_000);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  let server = await startServer();
  try {
    const aContext = await browser.newContext({ baseURL: BASE });
    const bContext = await browser.newContext({ baseURL: BASE });
    const a = await aContext.newPage();
    const b = await bContext.newPage();
    const coalitionId = await signUpWithWorldSummit(a, newUser('Ayo'));
    // B joins as an editor through an invitation.
    const bUser = newUser('Bao');
    const inv = await trpc<{ result: { data: { link: string } } }>(a, 'invitation.create', { coalitionId, email: bUser.email, role: 'editor' });
    await b.goto(`/sign-up?next=${encodeURIComponent(new URL(inv.body.result.data.link).pathname)}`);
    await b.getByLabel('Your name').fill(bUser.name);
    await b.getByLabel('Email').fill(bUser.email);
    await b.getByLabel('Password').fill(bUser.password);
    await b.getByRole('button', { name: 'Create account' }).click();
    await b.getByRole('button', { name: 'Join as editor' }).click();
    await b.waitForURL(new RegExp(`/c/${coalitionId}`));

    const list = await trpc<{ result: { data: { items: { id: string; title: string; status: string }[] } } }>(
      a,
      'milestone.list',
      { coalitionId, limit: 1, status: ['planned'] },
      'query',
    );
    const m = list.body.result.data.items[0]!;
    await b.goto(`/c/${coalitionId}/milestones`);
    await b.getByLabel('Search').first().fill(m.title);
    const status = b.getByLabel(`Status of ${m.title}`);
    await expect(status).toHaveValue('planned');
    await expect(b.getByRole('status', { name: 'Live' })).toBeVisible();
    // The search lands in the URL after its debounce (a same-document navigation): not a reload.
    await b.waitForURL(/[?&]q=/);
    let navigations = 0;
    b.on('framenavigated', (f) => f === b.mainFrame() && navigations++);

    // The server dies; B notices.
    await kill(server);
    await expect(b.getByRole('status', { name: /Reconnecting…|Offline/ })).toBeVisible({ timeout: 30_000 });

    // A change B cannot hear about: made while the server is down.
    const token = (await aContext.cookies()).find((c) => c.name === 'session')!.value;
    const out = execFileSync(TSX, ['tests/e2e/support/change-while-down.ts', DB, token, coalitionId, m.id, 'blocked'], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toMatchObject({ status: 'blocked' });

    // The server comes back: B reconnects by itself and catches up.
    const restartedAt = Date.now();
    server = await startServer();
    await expect(status).toHaveValue('blocked', { timeout: 20_000 });
    console.log(`caught up ${Date.now() - restartedAt} ms after the server was back`);
    await expect(b.getByRole('status', { name: 'Live' })).toBeVisible();
    expect(navigations).toBe(0);
  } finally {
    await kill(server);
  }
});
