/**
 * First-paint measurements of the web client: Lighthouse (12.2.3, the last that runs on Node 20)
 * against a running production server, and the size of the JavaScript the entry HTML loads up front.
 *
 *   import { measureLighthouse, initialJsKb, signIn } from './lighthouse.ts';
 *   const cookie = await signIn('http://localhost:3300', email, password);
 *   await measureLighthouse({ baseUrl: 'http://localhost:3300', cookie, paths: [`/c/${id}`], runs: 3 });
 *   await initialJsKb('apps/web/dist');
 *
 * Or from the command line (signs in, prints JSON):
 *   npx tsx bench/lighthouse.ts --base http://localhost:3300 --email … --password … --runs 3 [--min-idle 0.8] [--dist apps/web/dist] /c/<id> /c/<id>/milestones
 *
 * Each run starts a fresh headless Chromium (/usr/bin/chromium, never a downloaded browser) with an
 * empty cache; mobile is Lighthouse's default (Moto G Power emulation, simulated slow 4G and 4× CPU
 * slowdown), desktop is its desktop preset. Scores of a 2-core VM are noisy: take the median of
 * several runs and look at the spread.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const LIGHTHOUSE_BIN = join(REPO_ROOT, 'node_modules/.bin/lighthouse');
const CHROME_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

export interface LighthouseResult {
  path: string;
  /** Median mobile performance score, 0–100. */
  mobile: number;
  /** Median desktop performance score, 0–100. */
  desktop: number;
  /** Median mobile Largest Contentful Paint (ms). */
  lcpMs: number;
  /** Every run, for the spread. */
  mobileRuns?: number[];
  desktopRuns?: number[];
  lcpRuns?: number[];
  desktopLcpMs?: number;
  /** Median mobile First Contentful Paint (ms). */
  fcpMs?: number;
  /** Median mobile Total Blocking Time (ms). */
  tbtMs?: number;
  /**
   * Median duration (ms, unthrottled, as observed by Lighthouse) of the slowest tRPC data request
   * of the page load (the screen's main query): compare with LCP to see whether the server limits it.
   */
  dataMs?: number;
}

interface RunMetrics {
  score: number;
  lcp: number;
  fcp: number;
  tbt: number;
  dataMs: number | undefined;
}

/** Share of CPU time idle over `ms` (Linux /proc/stat); 1 when it cannot be read. */
async function cpuIdleShare(ms = 1000): Promise<number> {
  const read = () => {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  if (!existsSync('/proc/stat')) return 1;
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return b.total > a.total ? (b.idle - a.idle) / (b.total - a.total) : 1;
}

/**
 * Waits (at most `maxMs`) until the machine is mostly idle: Lighthouse multiplies the CPU time
 * it observes, so a build or a test run next to it inflates every number.
 */
export async function waitForIdleCpu(minIdle = 0.8, maxMs = 120_000): Promise<number> {
  const start = Date.now();
  let idle = await cpuIdleShare();
  while (idle < minIdle && Date.now() - start < maxMs) idle = await cpuIdleShare(2000);
  return idle;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Signs in through the API and returns the `session` cookie's value. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie();
  const session = cookies.map((c) => /^session=([^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!session) throw new Error('sign-in answered without a session cookie');
  return session;
}

interface Lhr {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: Array<Record<string, unknown>> } }>;
  runtimeError?: { code: string; message: string };
}

async function lighthouseOnce(url: string, cookie: string, desktop: boolean): Promise<RunMetrics> {
  const args = [
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance',
    `--chrome-path=${CHROME_PATH}`,
    `--chrome-flags=${CHROME_FLAGS}`,
    `--extra-headers=${JSON.stringify({ Cookie: `session=${cookie}` })}`,
    ...(desktop ? ['--preset=desktop'] : []),
  ];
  const { stdout } = await run(LIGHTHOUSE_BIN, args, { maxBuffer: 256 * 1024 * 1024, cwd: REPO_ROOT });
  const lhr = JSON.parse(stdout) as Lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = lhr.categories.performance.score;
  if (score === null) throw new Error(`Lighthouse gave no performance score for ${url}`);
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  // The slowest data request (tRPC, not the live stream) of the page load, as observed (unthrottled).
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const durations = requests
    .filter((r) => typeof r.url === 'string' && r.url.includes('/trpc/') && !r.url.includes('live.events'))
    .map((r) => (typeof r.networkRequestTime === 'number' && typeof r.networkEndTime === 'number' ? r.networkEndTime - r.networkRequestTime : NaN))
    .filter((ms) => !Number.isNaN(ms));
  const dataMs = durations.length ? Math.max(...durations) : undefined;
  return {
    score: Math.round(score * 100),
    lcp: num('largest-contentful-paint'),
    fcp: num('first-contentful-paint'),
    tbt: num('total-blocking-time'),
    dataMs,
  };
}

/**
 * Lighthouse (performance only) on each path, signed in with `cookie` (the `session` cookie's
 * value, or `session=…`), `runs` times mobile and `runs` times desktop; medians per path.
 */
export async function measureLighthouse(opts: {
  baseUrl: string;
  cookie: string;
  paths: string[];
  runs: number;
  /** Before each run, wait until this share of the CPU is idle (0–1; default: don't wait). */
  minIdleCpu?: number;
}): Promise<LighthouseResult[]> {
  const cookie = opts.cookie.replace(/^session=/, '');
  const base = opts.baseUrl.replace(/\/+$/, '');
  const results: LighthouseResult[] = [];
  for (const path of opts.paths) {
    const url = base + path;
    const mobile: RunMetrics[] = [];
    const desktop: RunMetrics[] = [];
    // Interleaved, so a slow spell of the machine does not land on one form factor only.
    const settle = async () => {
      if (opts.minIdleCpu) await waitForIdleCpu(opts.minIdleCpu);
    };
    for (let i = 0; i < Math.max(1, opts.runs); i++) {
      await settle();
      mobile.push(await lighthouseOnce(url, cookie, false));
      await settle();
      desktop.push(await lighthouseOnce(url, cookie, true));
    }
    const dataRuns = mobile.map((m) => m.dataMs).filter((v): v is number => v !== undefined);
    results.push({
      path,
      mobile: median(mobile.map((m) => m.score)),
      desktop: median(desktop.map((m) => m.score)),
      lcpMs: Math.round(median(mobile.map((m) => m.lcp))),
      mobileRuns: mobile.map((m) => m.score),
      desktopRuns: desktop.map((m) => m.score),
      lcpRuns: mobile.map((m) => Math.round(m.lcp)),
      desktopLcpMs: Math.round(median(desktop.map((m) => m.lcp))),
      fcpMs: Math.round(median(mobile.map((m) => m.fcp))),
      tbtMs: Math.round(median(mobile.map((m) => m.tbt))),
      ...(dataRuns.length ? { dataMs: Math.round(median(dataRuns)) } : {}),
    });
  }
  return results;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const kb = (bytes: number) => Math.round(bytes / 10) / 100;

/**
 * The gzip size (kB = 1,000 bytes, as Vite reports) of the JavaScript the entry HTML loads up
 * front: the entry chunk and, transitively, its static imports (from `.vite/manifest.json` when
 * the build wrote one), plus every `<script src>` and `<link rel=modulepreload>` of index.html.
 * Lazily imported chunks (routes, charts, forms) are not counted.
 */
export async function initialJsKb(distDir: string): Promise<{ gzipKb: number; files: string[] }> {
  const files = new Set<string>();
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script');
    if (!isScript && !/\brel=["']?modulepreload\b/.test(tag)) continue;
    const ref = /\b(?:src|href)=["']?([^"' >]+)/.exec(tag)?.[1];
    if (ref && ref.endsWith('.js') && !/^(https?:)?\/\//.test(ref)) files.add(ref.replace(/^\//, ''));
  }
  const manifestPath = join(distDir, '.vite/manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) return;
      if (chunk.file.endsWith('.js')) files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const [key, chunk] of Object.entries(manifest)) {
      if (chunk.isEntry && (chunk.src ?? key).endsWith('index.html')) visit(key);
    }
  }
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(join(distDir, file))).length;
  return { gzipKb: kb(total), files: [...files].sort() };
}

// ---- Command line. ----
async function main(argv: string[]) {
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    argv.splice(i, 2);
    return value;
  };
  const baseUrl = opt('base') ?? 'http://localhost:3300';
  const email = opt('email') ?? 'bench@coalition.example';
  const password = opt('password') ?? 'bench-password-2026';
  const runs = Number(opt('runs') ?? 3);
  const minIdle = opt('min-idle');
  const minIdleCpu = minIdle ? Number(minIdle) : undefined;
  const dist = opt('dist') ?? join(REPO_ROOT, 'apps/web/dist');
  const paths = argv.length ? argv : ['/'];
  const js = await initialJsKb(dist);
  console.log(JSON.stringify({ initialJs: js }, null, 2));
  const cookie = await signIn(baseUrl, email, password);
  const results = await measureLighthouse({ baseUrl, cookie, paths, runs, minIdleCpu });
  console.log(JSON.stringify(results, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
