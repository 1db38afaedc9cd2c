/**
 * The real server process (apps/server/src/main.ts through tsx) for tests of what only a
 * process has: the environment, signals, logs. `startServerProcess(env)` resolves `ready` with
 * the base URL once the server says it is running; `stopAll()` (in afterEach) kills what is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../apps/server/src/paths.ts';

const TSX = resolve(REPO_ROOT, 'node_modules/.bin/tsx');
const MAIN = resolve(REPO_ROOT, 'apps/server/src/main.ts');

const running = new Set<ChildProcess>();

export function startServerProcess(env: Record<string, string>) {
  const proc = spawn(TSX, [MAIN], {
    cwd: resolve(REPO_ROOT, 'apps/server'),
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', WEB_DIST: join(tmpdir(), 'no-dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let output = '';
  const exited = new Promise<number | null>((r) =>
    proc.on('exit', (code) => {
      running.delete(proc);
      r(code);
    }),
  );
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

/** Kills every server process a test left running. */
export function stopAll() {
  for (const proc of running) if (proc.exitCode === null) proc.kill('SIGKILL');
  running.clear();
}
