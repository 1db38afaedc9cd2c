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
