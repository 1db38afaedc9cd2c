/**
 * HTTP test helpers: the real server (apps/server buildServer) listening on a random port
 * of 127.0.0.1 over a real migrated SQLite file, and small fetch wrappers.
 */
import { buildServer, type BuildServerOptions } from '../../apps/server/src/app.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

type Server = Awaited<ReturnType<typeof buildServer>>;

export interface RunningServer {
  app: TestApp;
  server: Server;
  base: string;
  /** `http://127.0.0.1:PORT`: what a same-origin browser page would send as Origin. */
  origin: string;
  close(): Promise<void>;
}

export async function startServer(
  options: Partial<Omit<BuildServerOptions, 'services'>> & { app?: TestApp } = {},
): Promise<RunningServer> {
  const { app = createTestApp(), ...rest } = options;
  const server = await buildServer({ services: app.services, webDist: null, logger: false, ...rest });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  return { app, server, base, origin: base, close: () => server.close() };
}

/** Headers a same-origin fetch() from the web client carries. */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' } as const;

export function post(base: string, path: string, body: unknown, headers: Record<string, string> = { ...SAME_ORIGIN }) {
  return fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function query(base: string, path: string, input?: unknown, headers: Record<string, string> = {}) {
  const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return fetch(`${base}/trpc/${path}${qs}`, { headers });
}

/** `name=value` of the session cookie in a Set-Cookie list, for the Cookie header. */
export function sessionCookieOf(res: Response): { header: string; cookie: string; token: string } | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (!header) return null;
  const cookie = header.split(';')[0]!;
  return { header, cookie, token: cookie.slice('session='.length) };
}

let seq = 0;
export const newAccount = (name = 'Http User') => ({
  name,
  email: `http.user.${process.pid}.${++seq}@example.org`,
  password: 'correct horse battery',
});

/** The parsed JSON body (tests inspect it freely). */
export const json = (res: Response): Promise<any> => res.json();

/** One server-sent event as sent (`event` is undefined for plain data messages). */
export interface SseEvent {
  event?: string;
  id?: string;
  data: string;
  /** `data` parsed as JSON, when it is JSON. */
  json?: any;
}

/**
 * A live-update stream read over HTTP: every event is kept as it arrives. `until` waits for a
 * condition on the events; `close` aborts the request.
 */
export async function openSse(base: string, input: unknown, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`${base}/trpc/live.events?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  let ended = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.trim()) continue;
          const e: SseEvent = { data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            const field = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') e.event = value;
            else if (field === 'id') e.id = value;
            else if (field === 'data') data.push(value);
          }
          e.data = data.join('\n');
          try {
            e.json = JSON.parse(e.data);
          } catch {
            /* not JSON (ping, return) */
          }
          events.push(e);
        }
      }
    } catch {
      /* aborted */
    }
    ended = true;
  })();
  return {
    res,
    events,
    /** The data messages' parsed payloads. */
    messages: () => events.filter((e) => e.event === undefined && e.json !== undefined).map((e) => e.json),
    get ended() {
      return ended;
    },
    async until(cond: (events: SseEvent[]) => boolean, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!cond(events)) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events.slice(-5))}`);
        if (ended) throw new Error(`stream ended; got ${JSON.stringify(events.slice(-5))}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

/** Polls until `cond` holds. */
export async function eventually(cond: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
