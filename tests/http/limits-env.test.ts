/**
 * The limits set in the environment reach the running server (apps/server/src/main.ts):
 * RATE_LIMIT_* buckets and LIVE_MAX_STREAMS_* caps; a bad value stops the start with its name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../apps/server/src/paths.ts';
import { DEMO_USER } from '../../apps/server/src/seed.ts';
import { json, openSse, post, query, sessionCookieOf } from './helpers.ts';

const TSX = resolve(REPO_ROOT, 'node_modules/.bin/tsx');
const MAIN = resolve(REPO_ROOT, 'apps/server/src/main.ts');

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function start(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'coalition-limits-'));
  const proc = spawn(TSX, [MAIN], {
    cwd: resolve(REPO_ROOT, 'apps/server'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      WEB_DIST: join(tmpdir(), 'no-dist'),
      DATABASE_URL: join(dir, 'app.db'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const ready = new Promise<string>((resolveReady, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Coalition planner running at (http:\/\/localhost:\d+)/);
      if (match) resolveReady(match[1]!.replace('localhost', '127.0.0.1'));
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { proc, ready, exited, output: () => output };
}

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
