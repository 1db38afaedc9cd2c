/**
 * Cold start: the time from spawning the server until its first 200 from GET /healthz.
 *
 *   npx tsx bench/coldstart.ts [runs]
 *
 * measures the bundled server (apps/server/dist/main.js, built by `pnpm --filter
 * @coalition/server build`) and the TypeScript sources under tsx, each on an already-migrated
 * database and on a new one, and prints the median of `runs` (5) for each.
 *
 * `measureColdStart` is dependency-free (node:child_process and fetch) for the benchmark runner.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ColdStartOptions {
  command: string;
  args: string[];
  /** Added to this process's environment (PATH etc. are inherited). */
  env: Record<string, string>;
  port: number;
  runs: number;
  /** Working directory of the server (this process's by default). */
  cwd?: string;
  /** Called before each run, e.g. to delete the database for a fresh-database measurement. */
  beforeRun?: (run: number) => void | Promise<void>;
  /** Host the server is polled on (127.0.0.1). */
  host?: string;
  /** Milliseconds between polls (10). */
  pollMs?: number;
  /** Give up on a run after this many milliseconds (30,000). */
  timeoutMs?: number;
}

export interface ColdStartResult {
  runsMs: number[];
  medianMs: number;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Spawns the server `runs` times, one at a time, and times each until /healthz answers 200. */
export async function measureColdStart(opts: ColdStartOptions): Promise<ColdStartResult> {
  const { host = '127.0.0.1', pollMs = 10, timeoutMs = 30_000 } = opts;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${opts.port}/healthz`;
  // fetch loads its HTTP client on first use: pay for that before the clock starts.
  await fetch(url, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);

  const runsMs: number[] = [];
  for (let run = 0; run < opts.runs; run++) {
    await opts.beforeRun?.(run);
    runsMs.push(await timeOneStart(opts, url, pollMs, timeoutMs));
  }
  return { runsMs, medianMs: median(runsMs) };
}

async function timeOneStart(opts: ColdStartOptions, url: string, pollMs: number, timeoutMs: number): Promise<number> {
  const detached = process.platform !== 'win32';
  const started = performance.now();
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, PORT: String(opts.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a wrapper (tsx) and its child stop together.
    detached,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((done) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      done();
    });
    child.once('error', (error) => {
      keep(Buffer.from(String(error)));
      exitCode = -1;
      done();
    });
  });

  const stop = async () => {
    if (exitCode !== undefined) return;
    const signal = (name: NodeJS.Signals) => {
      try {
        if (detached && child.pid) process.kill(-child.pid, name);
        else child.kill(name);
      } catch {
        // Already gone.
      }
    };
    signal('SIGTERM');
    const killer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };

  try {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before answering:\n${output}`);
      if (performance.now() - started > timeoutMs) throw new Error(`no 200 from ${url} within ${timeoutMs} ms:\n${output}`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      await sleep(pollMs);
    }
  } finally {
    await stop();
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2]) || 5;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const bundle = resolve(root, 'apps/server/dist/main.js');
  if (!existsSync(bundle)) {
    console.error('Build the server first: npx -y pnpm@10.34.9 --filter @coalition/server build');
    process.exit(1);
  }
  const scratch = resolve(root, '.tmp/coldstart');
  const servers = [
    { name: 'bundle (node dist/main.js)', command: process.execPath, args: [bundle] },
    { name: 'tsx (src/main.ts)', command: resolve(root, 'node_modules/.bin/tsx'), args: [resolve(root, 'apps/server/src/main.ts')] },
  ];
  const port = await freePort();
  for (const server of servers) {
    for (const fresh of [false, true]) {
      const dir = resolve(scratch, fresh ? 'fresh' : 'migrated');
      const resetDb = () => {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
      };
      const options = {
        ...server,
        env: { DATABASE_URL: resolve(dir, 'coldstart.db'), SEED: '0', NODE_ENV: 'production', HOST: '127.0.0.1' },
        port,
        cwd: root,
      };
      resetDb();
      // One unmeasured start: migrates the database and warms the file cache.
      await measureColdStart({ ...options, runs: 1 });
      const result = await measureColdStart({ ...options, runs, beforeRun: fresh ? resetDb : undefined });
      const label = `${server.name}, ${fresh ? 'new database' : 'migrated database'}`;
      console.log(`${label}: median ${Math.round(result.medianMs)} ms (${result.runsMs.map((ms) => Math.round(ms)).join(', ')})`);
    }
  }
}
