/**
 * Live fan-out measurement against a running server: opens `streams` live-update streams
 * (`live.events`, server-sent events) on one coalition, then commits a change and times how
 * long it takes to reach every stream.
 *
 *   const r = await measureLiveFanout({ baseUrl, cookie, coalitionId, streams: 500, dbFile });
 *
 * What is measured:
 *  - openMs: from opening every stream at once until each has its first presence message;
 *  - presenceMessages: presence messages (snapshots and diffs) received by all streams from the
 *    start until presence went quiet (nothing for `quietMs`);
 *  - fanoutP50Ms / fanoutP99Ms: per stream, from sending the mutation until its `change` event
 *    arrived (pooled over `rounds` mutations);
 *  - mutationMs: the mutation's own response time with the streams open (median over `rounds`);
 *  - mutationMsNoStreams: the same before any stream is open (median over `baselineRounds`);
 *  - rssMb: the server's resident memory with the streams open, when `serverPid` is given
 *    (read from /proc, Linux only).
 *
 * Realistic load: one user may keep only a few streams open (LIVE_MAX_STREAMS_PER_USER, 20 by
 * default), so the streams are spread over several members, `tabsPerUser` each (10 by
 * default: 500 streams = 50 users × 10 tabs). `cookie` (an editor or owner: it also runs the
 * mutation) takes the first tabs; then `cookies`; then, when `dbFile` (the server's SQLite file)
 * is given, members created directly in the database (a user, a viewer membership and a fresh
 * session each, reused across runs by email).
 *
 * The client side does as little as possible per message (no JSON parsing of presence) and by
 * default reads the streams with node:http rather than fetch: with 500 streams undici's web
 * streams cost the client enough CPU to add ~15 ms to the arrival times it records (`client:
 * 'fetch'` measures that way all the same: same URL, headers and cookie). Run it in a process of
 * its own, not inside the server's; the client's own load still shows in the fan-out times, so
 * `openCpuMs` / `fanoutCpuMs` (server CPU, with `serverPid`) are the steadier comparison on a
 * busy machine.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';

export interface LiveFanoutOptions {
  baseUrl: string;
  /** Session cookie (`session=…`) of an editor or owner of the coalition: opens the first tabs and runs the mutation. */
  cookie: string;
  coalitionId: string;
  streams: number;
  /** More members' session cookies to spread the streams over. */
  cookies?: string[];
  /** The server's SQLite file: members are created in it when `cookie` + `cookies` are too few. */
  dbFile?: string;
  /** Streams per user (default 10; must not exceed the server's per-user cap). */
  tabsPerUser?: number;
  /** Mutations timed with the streams open (default 3). */
  rounds?: number;
  /** Mutations timed before any stream is open (default 3; 0 skips). */
  baselineRounds?: number;
  /** The server's pid, to read its RSS with the streams open. */
  serverPid?: number;
  /** Presence is considered settled after this long without a presence message (default 300 ms). */
  quietMs?: number;
  /** Give up waiting for anything after this long (default 120 s). */
  timeoutMs?: number;
  /**
   * How the streams are read: `http` (node:http, default) or `fetch` (undici's web streams,
   * several times the client CPU per message: with hundreds of streams the client itself then
   * delays the arrival times it records).
   */
  client?: 'http' | 'fetch';
}

export interface LiveFanoutResult {
  openMs: number;
  presenceMessages: number;
  fanoutP50Ms: number;
  fanoutP99Ms: number;
  mutationMs: number;
  mutationMsNoStreams?: number;
  rssMb?: number;
  /** Server CPU time (user + system) spent opening the streams, with `serverPid` (Linux). */
  openCpuMs?: number;
  /** Server CPU time per change from the mutation until every stream has it (median), with `serverPid`. */
  fanoutCpuMs?: number;
}

interface Stream {
  index: number;
  firstPresenceAt: number | null;
  presence: number;
  /** Arrival time of each change event, by activity id. */
  changes: Map<number, number>;
  error: string | null;
  ended: boolean;
  done: Promise<void>;
}

export async function measureLiveFanout(opts: LiveFanoutOptions): Promise<LiveFanoutResult> {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const tabsPerUser = opts.tabsPerUser ?? 10;
  const rounds = opts.rounds ?? 3;
  const baselineRounds = opts.baselineRounds ?? 3;
  const quietMs = opts.quietMs ?? 300;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const cookies = await streamCookies(opts, tabsPerUser);

  // Warm-up (first query plans, JIT), then the mutation alone.
  await mutate(baseUrl, opts.cookie, opts.coalitionId);
  const baseline: number[] = [];
  for (let i = 0; i < baselineRounds; i++) baseline.push((await mutate(baseUrl, opts.cookie, opts.coalitionId)).ms);

  // ---- Open every stream at once. ----
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one listener per stream
  const runId = randomBytes(4).toString('hex');
  const counters = { presenceAt: 0 };
  const cpu = () => (opts.serverPid ? readCpuMs(opts.serverPid) : undefined);
  const cpu0 = cpu();
  const t0 = performance.now();
  const open = opts.client === 'fetch' ? openStream : openStreamHttp;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const streams: Stream[] = Array.from({ length: opts.streams }, (_, i) =>
    open(baseUrl, cookies[Math.floor(i / tabsPerUser)]!, opts.coalitionId, `bench-${runId}-${i}`, i, controller.signal, counters, agent),
  );
  try {
    await waitUntil(
      () => {
        const failed = streams.find((s) => s.error || (s.ended && s.firstPresenceAt === null));
        if (failed) throw new Error(`stream ${failed.index} failed: ${failed.error ?? 'ended before its first presence message'}`);
        return streams.every((s) => s.firstPresenceAt !== null);
      },
      timeoutMs,
      'every stream to get its first presence message',
    );
    const openMs = Math.max(...streams.map((s) => s.firstPresenceAt!)) - t0;
    const cpu1 = cpu();
    const openCpuMs = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
    // Presence still in flight (joins broadcast to streams opened earlier) counts too.
    await waitUntil(() => performance.now() - counters.presenceAt >= quietMs, timeoutMs, 'presence to settle');
    const presenceMessages = streams.reduce((n, s) => n + s.presence, 0);
    const rssMb = opts.serverPid ? readRssMb(opts.serverPid) : undefined;

    // ---- Mutations with every stream open. ----
    const delays: number[] = [];
    const mutationTimes: number[] = [];
    const fanoutCpu: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const { ms, start, cpuBefore } = await mutate(baseUrl, opts.cookie, opts.coalitionId, cpu);
      mutationTimes.push(ms);
      // The answer does not carry the activity id: a stream's first change since `start` is this one.
      const arrived = (s: Stream) => [...s.changes.values()].find((t) => t >= start);
      await waitUntil(
        () => {
          const failed = streams.find((s) => s.error || s.ended);
          if (failed) throw new Error(`stream ${failed.index} ended: ${failed.error ?? 'closed by the server'}`);
          return streams.every((s) => arrived(s) !== undefined);
        },
        timeoutMs,
        'every stream to get the change',
      );
      const cpuAfter = cpu();
      if (cpuBefore !== undefined && cpuAfter !== undefined) fanoutCpu.push(cpuAfter - cpuBefore);
      for (const s of streams) delays.push(arrived(s)! - start);
      for (const s of streams) s.changes.clear();
    }
    delays.sort((a, b) => a - b);
    return {
      openMs: round(openMs),
      presenceMessages,
      fanoutP50Ms: round(percentile(delays, 0.5)),
      fanoutP99Ms: round(percentile(delays, 0.99)),
      mutationMs: round(median(mutationTimes)),
      ...(baseline.length ? { mutationMsNoStreams: round(median(baseline)) } : {}),
      ...(rssMb !== undefined ? { rssMb: round(rssMb) } : {}),
      ...(openCpuMs !== undefined ? { openCpuMs: round(openCpuMs) } : {}),
      ...(fanoutCpu.length ? { fanoutCpuMs: round(median(fanoutCpu)) } : {}),
    };
  } finally {
    controller.abort();
    await Promise.allSettled(streams.map((s) => s.done));
    agent.destroy();
  }
}

/** One cookie per user slot: `cookie`, then `cookies`, then members made in `dbFile`. */
async function streamCookies(opts: LiveFanoutOptions, tabsPerUser: number): Promise<string[]> {
  const needed = Math.ceil(opts.streams / tabsPerUser);
  const have = [opts.cookie, ...(opts.cookies ?? [])];
  if (have.length >= needed) return have.slice(0, needed);
  if (!opts.dbFile) {
    throw new Error(
      `${opts.streams} streams at ${tabsPerUser} per user need ${needed} signed-in members; ` +
        `pass more \`cookies\`, the server's \`dbFile\` (members are then created in it), or a larger \`tabsPerUser\` ` +
        `(with LIVE_MAX_STREAMS_PER_USER raised on the server)`,
    );
  }
  return [...have, ...(await createMembers(opts.dbFile, opts.coalitionId, needed - have.length))];
}

/** `count` viewer members of the coalition, each with a fresh session; returns their cookies. */
export async function createMembers(dbFile: string, coalitionId: string, count: number): Promise<string[]> {
  const [{ openDb, newId }, { createSession, generateSessionToken }] = await Promise.all([
    import('@coalition/db'),
    import('@coalition/auth'),
  ]);
  const db = openDb(dbFile, { migrate: false });
  try {
    const now = Date.now();
    const findUser = db.$client.prepare('SELECT id FROM users WHERE email = ?');
    const insertUser = db.$client.prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
    const insertMember = db.$client.prepare(
      "INSERT OR IGNORE INTO memberships (coalition_id, user_id, role, created_at) VALUES (?, ?, 'viewer', ?)",
    );
    const tokens: string[] = [];
    db.transaction((tx) => {
      for (let i = 0; i < count; i++) {
        const email = `bench.live.${i}@coalition.example`;
        let userId = (findUser.get(email) as { id: string } | undefined)?.id;
        if (!userId) {
          userId = newId();
          // No password can match this hash: these members only ever use the session made here.
          insertUser.run(userId, email, `Live Bench ${String(i).padStart(3, '0')}`, '!', now);
        }
        insertMember.run(coalitionId, userId, now);
        const token = generateSessionToken();
        createSession(tx, token, userId, now);
        tokens.push(`session=${token}`);
      }
    });
    return tokens;
  } finally {
    db.$client.close();
  }
}

function openStream(
  baseUrl: string,
  cookie: string,
  coalitionId: string,
  clientId: string,
  index: number,
  signal: AbortSignal,
  counters: { presenceAt: number },
): Stream {
  const s: Stream = { index, firstPresenceAt: null, presence: 0, changes: new Map(), error: null, ended: false, done: Promise.resolve() };
  const url = `${baseUrl}/trpc/live.events?input=${encodeURIComponent(JSON.stringify({ coalitionId, clientId }))}`;
  s.done = (async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'text/event-stream', cookie }, signal });
      if (!res.ok || !res.body) {
        s.error = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
        return;
      }
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const now = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          onEvent(s, buffer.slice(0, end), now, counters);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (!signal.aborted) s.error = (e as Error).message;
    } finally {
      s.ended = true;
    }
  })();
  return s;
}

/** The same as `openStream` over node:http (a socket per stream, `data` events, no web streams). */
function openStreamHttp(
  baseUrl: string,
  cookie: string,
  coalitionId: string,
  clientId: string,
  index: number,
  signal: AbortSignal,
  counters: { presenceAt: number },
  agent?: http.Agent,
): Stream {
  const s: Stream = { index, firstPresenceAt: null, presence: 0, changes: new Map(), error: null, ended: false, done: Promise.resolve() };
  const url = `${baseUrl}/trpc/live.events?input=${encodeURIComponent(JSON.stringify({ coalitionId, clientId }))}`;
  s.done = new Promise<void>((resolve) => {
    const finish = (error?: string) => {
      if (error && !signal.aborted) s.error ??= error;
      s.ended = true;
      resolve();
    };
    const req = http.get(url, { headers: { accept: 'text/event-stream', cookie }, signal, agent }, (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let body = '';
        res.on('data', (c: string) => (body += c));
        res.on('end', () => finish(`HTTP ${res.statusCode}: ${body.slice(0, 300)}`));
        return;
      }
      let buffer = '';
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          onEvent(s, buffer.slice(0, end), now, counters);
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('end', () => finish());
      res.on('error', (e) => finish(e.message));
    });
    req.on('error', (e) => finish(e.message));
  });
  return s;
}

/** One SSE block: only looks as far into it as needed. */
function onEvent(s: Stream, block: string, now: number, counters: { presenceAt: number }) {
  let event = '';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data = line.slice(5).trimStart();
  }
  if (event === 'serialized-error') {
    s.error = data.slice(0, 500);
    return;
  }
  if (event || !data) return; // connected, ping, return
  if (data.startsWith('{"type":"presence')) {
    s.presence++;
    s.firstPresenceAt ??= now;
    counters.presenceAt = now;
  } else if (data.startsWith('{"type":"change"')) {
    const id = (JSON.parse(data) as { event: { id: number } }).event.id;
    if (!s.changes.has(id)) s.changes.set(id, now);
  }
}

/** `coalition.update` at the current version; its own response time and when it was sent. */
async function mutate(baseUrl: string, cookie: string, coalitionId: string, cpu: () => number | undefined = () => undefined) {
  const input = encodeURIComponent(JSON.stringify({ coalitionId }));
  const got = await fetch(`${baseUrl}/trpc/coalition.get?input=${input}`, { headers: { cookie } });
  if (!got.ok) throw new Error(`coalition.get: HTTP ${got.status} ${(await got.text()).slice(0, 300)}`);
  const { version } = ((await got.json()) as { result: { data: { version: number } } }).result.data;
  const cpuBefore = cpu();
  const start = performance.now();
  const res = await fetch(`${baseUrl}/trpc/coalition.update`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
    body: JSON.stringify({ coalitionId, version, description: `Live fan-out check ${Date.now()}` }),
  });
  const text = await res.text();
  const ms = performance.now() - start;
  if (!res.ok) throw new Error(`coalition.update: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { ms, start, cpuBefore };
}

async function waitUntil(cond: () => boolean, timeoutMs: number, what: string) {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** utime + stime of a process, in ms (Linux: /proc/<pid>/stat, clock ticks of 10 ms). */
function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function readRssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
const round = (x: number) => Math.round(x * 10) / 10;
