/**
 * `pnpm bench`: the speed and memory budgets, measured on this machine, each figure printed beside
 * its budget; throughput also as a ratio to a bare node:http + better-sqlite3 server measured in
 * the same run (bench/raw-server.ts). Results go to .tmp/bench/results.json.
 *
 *   pnpm bench            full run (~6 minutes: HTTP load, live fan-out, cold start, Lighthouse)
 *   pnpm bench --smoke    about fifteen seconds: seed, start, one short load per endpoint, no budgets
 *
 * It builds the big workspace (5,000 milestones) and a 20,000-milestone one into a scratch
 * database, starts the production server (the bundle when built, else from source), and loads
 * it with autocannon.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { openDb } from '@coalition/db';
import { todayIn } from '@coalition/domain';
import { computeDashboard, DashboardReader } from '../packages/api/src/services/dashboard/index.ts';
import { computeForecast, ForecastReader } from '../packages/api/src/services/forecast/index.ts';
import { BENCH_USER, BIG, buildBenchDatabase, HUGE } from './workspace.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const OUT = join(ROOT, '.tmp/bench');
const SMOKE = process.argv.includes('--smoke');
const DURATION = SMOKE ? 1 : 6;
const CONNECTIONS = SMOKE ? [1, 16] : [1, 16, 64];

type Verdict = 'met' | 'missed' | '—';
interface Row {
  figure: string;
  value: string;
  budget: string;
  verdict: Verdict;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {};

function record(figure: string, value: string, budget = '', ok?: boolean) {
  rows.push({ figure, value, budget, verdict: ok === undefined ? '—' : ok ? 'met' : 'missed' });
  console.log(`  ${figure.padEnd(58)} ${value.padStart(16)}   ${budget}${ok === undefined ? '' : ok ? '  ✓' : '  ✗ missed'}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, d = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

async function waitFor(url: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(20);
  }
  throw new Error(`no answer from ${url}`);
}

function startProcess(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function load(url: string, connections: number, headers: Record<string, string>, extra: Partial<Parameters<typeof autocannon>[0]> = {}): Promise<Result> {
  return autocannon({ url, connections, duration: DURATION, headers, ...extra });
}

const rps = (r: Result) => r.requests.average;
const p99 = (r: Result) => r.latency.p99;

async function main() {
  mkdirSync(OUT, { recursive: true });
  const dbFile = join(OUT, 'bench.db');
  console.log(`Building the workspaces in ${dbFile}…`);
  const { coalitionIds } = await buildBenchDatabase(dbFile, SMOKE ? [BIG] : [BIG, HUGE]);
  const [big, huge] = coalitionIds as [string, string | undefined];

  // ---- Uncached recompute, in this process, on the same file. ----
  console.log('\nDashboard recompute (uncached: read + compute, median of 15)');
  {
    const db = openDb(dbFile, { migrate: false });
    const reader = new DashboardReader(db.$client);
    const time = (id: string) => {
      const today = todayIn('UTC', Date.now());
      for (let i = 0; i < 5; i++) computeDashboard(reader.read(id)!, today);
      const t: number[] = [];
      for (let i = 0; i < (SMOKE ? 3 : 15); i++) {
        const s = performance.now();
        computeDashboard(reader.read(id)!, today);
        t.push(performance.now() - s);
      }
      return t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
    };
    const bigMs = time(big);
    results.recomputeBigMs = bigMs;
    record('dashboard recompute, 5,000 milestones', `${fmt(bigMs, 1)} ms`, '≤ 20 ms', SMOKE ? undefined : bigMs <= 20);
    if (huge) {
      const hugeMs = time(huge);
      results.recomputeHugeMs = hugeMs;
      record('dashboard recompute, 20,000 milestones', `${fmt(hugeMs, 1)} ms`, '≤ 80 ms', hugeMs <= 80);
    }
    db.$client.close();
  }

  // ---- The odds of reaching the goal: uncached forecast (read + simulation), in this process. ----
  console.log('\nForecast (uncached: read + 2,000 seeded runs over the dependency graph, median of 7)');
  {
    const db = openDb(dbFile, { migrate: false });
    const reader = new ForecastReader(db.$client);
    const today = todayIn('UTC', Date.now());
    computeForecast(reader.read(big)!, today); // warm up
    const t: number[] = [];
    let last: ReturnType<typeof computeForecast> | null = null;
    for (let i = 0; i < (SMOKE ? 2 : 7); i++) {
      const s = performance.now();
      last = computeForecast(reader.read(big)!, today);
      t.push(performance.now() - s);
    }
    const ms = t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
    results.forecastBigMs = ms;
    results.forecastBig = { openCount: last!.openCount, estimatedCount: last!.estimatedCount, uncertain: last!.milestones.length, probabilityByGoal: last!.probabilityByGoal };
    record(`forecast, 5,000 milestones (${fmt(last!.estimatedCount)} ranged of ${fmt(last!.openCount)} open)`, `${fmt(ms, 1)} ms`, '≤ 500 ms', SMOKE ? undefined : ms <= 500);
    db.$client.close();
  }

  // ---- Servers. ----
  const appPort = 4300;
  const rawPort = 4301;
  const bundled = existsSync(join(ROOT, 'apps/server/dist/main.js'));
  const serverEnv = {
    PORT: String(appPort),
    HOST: '127.0.0.1',
    DATABASE_URL: dbFile,
    PUBLIC_URL: `http://localhost:${appPort}`,
    NODE_ENV: 'production',
    SEED: '0',
    // One client address and one user make every request here: lift the limits for the run.
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_ANON_PER_MINUTE: '100000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    LIVE_MAX_STREAMS_PER_USER: '1000',
    LIVE_MAX_STREAMS_PER_COALITION: '2000',
  };
  const app = bundled
    ? startProcess(process.execPath, ['apps/server/dist/main.js'], serverEnv)
    : startProcess(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], serverEnv);
  const raw = startProcess(process.execPath, ['--import', 'tsx', 'bench/raw-server.ts', dbFile, String(rawPort)], {});
  const stop = () => {
    app.kill('SIGTERM');
    raw.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    const base = `http://localhost:${appPort}`;
    await waitFor(`${base}/healthz`);
    await waitFor(`http://127.0.0.1:${rawPort}/one`, 30_000).catch(() => undefined);
    const signIn = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
    });
    const cookie = /session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
    const headers = { cookie };
    const q = (path: string, input: unknown) => `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
    const one = q('coalition.get', { coalitionId: big });
    const dash = q('coalition.dashboard', { coalitionId: big });
    const list = q('milestone.list', { coalitionId: big, limit: 100 });
    await fetch(dash, { headers }); // warm the cache and the worker

    // ---- Throughput and latency at 1/16/64 connections. ----
    console.log(`\nHTTP, ${DURATION} s per figure (requests/s, p99 ms)`);
    const table: Record<string, Record<number, { rps: number; p99: number }>> = {};
    const measure = async (label: string, url: string, c: number, extra: Partial<Parameters<typeof autocannon>[0]> = {}) => {
      const r = await load(url, c, headers, extra);
      (table[label] ??= {})[c] = { rps: rps(r), p99: p99(r) };
      if (r.non2xx || r.errors) console.warn(`  ${label} @${c}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      return r;
    };
    for (const c of CONNECTIONS) {
      await measure('raw one-row', `http://127.0.0.1:${rawPort}/one?c=${big}`, c);
      await measure('raw dashboard (recomputed)', `http://127.0.0.1:${rawPort}/dashboard?c=${big}`, c);
      await measure('coalition.get (one row)', one, c);
      await measure('coalition.dashboard (5,000 milestones)', dash, c);
      await measure('milestone.list (100 rows)', list, c);
    }
    // A write: a comment on a milestone (a row, an activity row, a live event).
    const milestoneId = ((await (await fetch(list, { headers })).json()) as { result: { data: { items: { id: string }[] } } }).result.data.items[0]!.id;
    for (const c of CONNECTIONS) {
      await measure('comment.add (a write)', `${base}/trpc/comment.add`, c, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ coalitionId: big, targetType: 'milestone', targetId: milestoneId, body: 'Bench comment' }),
      });
    }
    await fetch(dash, { headers }); // the writes made the cache stale: recompute once
    for (const [label, byC] of Object.entries(table)) {
      record(label, CONNECTIONS.map((c) => `${fmt(byC[c]!.rps)}/s ${fmt(byC[c]!.p99)}ms`).join(' · '));
    }
    results.http = table;
    if (!SMOKE) {
      for (const c of [16, 64]) {
        const d = table['coalition.dashboard (5,000 milestones)']![c]!;
        const o = table['coalition.get (one row)']![c]!;
        const r = table['raw one-row']![c]!;
        record(`dashboard throughput vs one-row, ${c} connections`, `${fmt((100 * d.rps) / o.rps)} %`, '≥ 80 %', d.rps >= 0.8 * o.rps);
        record(`dashboard p99 vs one-row p99, ${c} connections`, `${fmt(d.p99)} vs ${fmt(o.p99)} ms`, '≤ 2×', d.p99 <= 2 * Math.max(o.p99, 1));
        record(`one-row throughput vs raw node:http, ${c} connections`, `${fmt((100 * o.rps) / r.rps)} %`, '≥ 25 %', o.rps >= 0.25 * r.rps);
      }
    }

    // ---- A small query while 4 connections hammer recomputed big dashboards. ----
    {
      console.log('\nIsolation: coalition.get alone, then while 4 connections load uncached big dashboards');
      const alone = await load(one, 4, headers);
      let day = 0;
      const hammer = load(q('coalition.dashboard', { coalitionId: huge ?? big }), 4, headers, {
        // A different day on every request: never a cache hit, every one a recompute.
        requests: [{ setupRequest: (req) => ({ ...req, path: `/trpc/coalition.dashboard?input=${encodeURIComponent(JSON.stringify({ coalitionId: huge ?? big, today: `2027-${String((day++ % 12) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}` }))}` }) }],
      });
      await sleep(300);
      const during = await load(one, 4, headers);
      const h = await hammer;
      results.isolation = { aloneP99: p99(alone), duringP99: p99(during), hammerRps: rps(h) };
      record('coalition.get p99 alone / under dashboard load', `${fmt(p99(alone))} / ${fmt(p99(during))} ms`, '≤ 2× alone', SMOKE ? undefined : p99(during) <= 2 * Math.max(p99(alone), 1));
      record(`  (uncached ${huge ? '20,000' : '5,000'}-milestone dashboards meanwhile)`, `${fmt(rps(h), 1)}/s`);
    }

    // ---- A small query while forecasts compute (on the worker thread) without a pause. ----
    {
      console.log('\nIsolation: coalition.get (1 connection) idle, then while 2 connections request uncached 5,000-milestone forecasts');
      const alone = await load(one, 1, headers);
      let day = 0;
      const hammer = load(q('forecast.get', { coalitionId: big }), 2, headers, {
        // Outlasts the measurement below (which starts 300 ms in).
        duration: DURATION + 1,
        // A different day on every request: never a cache hit, every one a full simulation.
        requests: [{ setupRequest: (req) => ({ ...req, path: `/trpc/forecast.get?input=${encodeURIComponent(JSON.stringify({ coalitionId: big, today: `2027-${String((day++ % 12) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}` }))}` }) }],
      });
      await sleep(300);
      const during = await load(one, 1, headers);
      const h = await hammer;
      if (h.non2xx || h.errors) console.warn(`  forecast.get: ${h.non2xx} non-2xx, ${h.errors} errors`);
      results.forecastIsolation = { aloneMean: alone.latency.average, aloneP99: p99(alone), duringMean: during.latency.average, duringP99: p99(during), forecastRps: rps(h) };
      record('coalition.get mean idle / while forecasting', `${fmt(alone.latency.average, 2)} / ${fmt(during.latency.average, 2)} ms`);
      record('coalition.get p99 idle / while forecasting', `${fmt(p99(alone))} / ${fmt(p99(during))} ms`, '≤ 2× idle + 5 ms', SMOKE ? undefined : p99(during) <= 2 * p99(alone) + 5);
      record('  (uncached 5,000-milestone forecasts meanwhile)', `${fmt(rps(h), 1)}/s`);
    }

    // ---- Live fan-out. ----
    if (!SMOKE) {
      const { measureLiveFanout } = await import('./live.ts');
      console.log('\nLive updates');
      const live: Record<number, unknown> = {};
      for (const streams of [10, 100, 500]) {
        const r = await measureLiveFanout({ baseUrl: base, cookie, coalitionId: big, streams, dbFile, serverPid: app.pid! });
        live[streams] = r;
        record(`${streams} streams: open / fan-out p99 / mutation (none: ${fmt(r.mutationMsNoStreams ?? NaN)} ms)`, `${fmt(r.openMs)} / ${fmt(r.fanoutP99Ms)} / ${fmt(r.mutationMs)} ms`);
        if (streams === 500) {
          record('500 streams open in', `${fmt(r.openMs)} ms`, '≤ 2,000 ms', r.openMs <= 2000);
          record('a change reaches all 500: p99', `${fmt(r.fanoutP99Ms)} ms`, '≤ 50 ms', r.fanoutP99Ms <= 50);
          const none = r.mutationMsNoStreams ?? NaN;
          record('mutation with 500 streams vs none', `${fmt(r.mutationMs)} vs ${fmt(none)} ms`, '≤ 2×', r.mutationMs <= 2 * Math.max(none, 5));
          const rss = r.rssMb ?? rssMb(app.pid!);
          record('server RSS with 500 streams', `${fmt(rss)} MB`, '≤ 250 MB', rss <= 250);
        }
      }
      results.live = live;
    }
  } finally {
    stop();
    await sleep(300);
  }

  // ---- Cold start. ----
  if (!SMOKE && existsSync(join(ROOT, 'apps/server/dist/main.js'))) {
    const { measureColdStart } = await import('./coldstart.ts');
    const cold = await measureColdStart({
      command: process.execPath,
      args: ['apps/server/dist/main.js'],
      env: { PORT: '4310', HOST: '127.0.0.1', DATABASE_URL: dbFile, SEED: '0', NODE_ENV: 'production' },
      port: 4310,
      runs: 5,
      cwd: ROOT,
    });
    results.coldStartMs = cold.medianMs;
    record('cold start to first 200 (bundled server, median of 5)', `${fmt(cold.medianMs)} ms`, '≤ 600 ms', cold.medianMs <= 600);
  }

  // ---- The browser: initial JS and Lighthouse. ----
  const dist = join(ROOT, 'apps/web/dist');
  if (existsSync(join(dist, 'index.html'))) {
    const { initialJsKb } = await import('./lighthouse.ts');
    const js = await initialJsKb(dist);
    results.initialJsKb = js.gzipKb;
    record('initial JS (gzip)', `${fmt(js.gzipKb, 1)} KB`, '≤ 120 KB', js.gzipKb <= 120);
  }
  if (!SMOKE && process.env.BENCH_LIGHTHOUSE !== '0') {
    const { measureLighthouse } = await import('./lighthouse.ts');
    const lhEnv = { PORT: '4320', HOST: '127.0.0.1', DATABASE_URL: dbFile, PUBLIC_URL: 'http://localhost:4320', SEED: '0', NODE_ENV: 'production' };
    const server = bundled ? startProcess(process.execPath, ['apps/server/dist/main.js'], lhEnv) : startProcess(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], lhEnv);
    try {
      const base = 'http://localhost:4320';
      await waitFor(`${base}/healthz`);
      const res = await fetch(`${base}/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email: BENCH_USER.email, password: BENCH_USER.password }),
      });
      const cookie = /session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
      console.log('\nLighthouse (median of 3)');
      const lh = await measureLighthouse({ baseUrl: base, cookie, paths: [`/c/${big}`, `/c/${big}/milestones`], runs: 3 });
      results.lighthouse = lh;
      for (const r of lh) {
        record(`Lighthouse mobile ${r.path.endsWith('milestones') ? 'milestone list' : 'dashboard'}`, `${fmt(r.mobile)} (LCP ${fmt(r.lcpMs)} ms)`, '≥ 90', r.mobile >= 90);
        record(`Lighthouse desktop ${r.path.endsWith('milestones') ? 'milestone list' : 'dashboard'}`, `${fmt(r.desktop)}`, '≥ 98', r.desktop >= 98);
      }
    } finally {
      server.kill('SIGTERM');
    }
  }

  const report = { at: new Date().toISOString(), smoke: SMOKE, machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rows, results };
  writeFileSync(join(OUT, SMOKE ? 'results-smoke.json' : 'results.json'), JSON.stringify(report, null, 2));
  const missed = rows.filter((r) => r.verdict === 'missed');
  console.log(`\n${rows.filter((r) => r.verdict === 'met').length} budgets met, ${missed.length} missed. Results: ${join(OUT, SMOKE ? 'results-smoke.json' : 'results.json')}`);
  if (process.argv.includes('--markdown')) {
    console.log('\n| figure | measured | budget | |\n|---|---|---|---|');
    for (const r of rows) if (r.budget) console.log(`| ${r.figure} | ${r.value} | ${r.budget} | ${r.verdict} |`);
  }
}

await main();
process.exit(0);
