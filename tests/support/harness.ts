/**
 * Test harness: a real SQLite file per test app, migrated from the committed drizzle/
 * migrations, and callers through the real router (createCallerFactory) carrying real
 * Lucia-style sessions.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter, createCallerFactory, createContext, createServices, type AppServices } from '@coalition/api';
import { openDb, type Db } from '@coalition/db';

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export interface TestUser {
  id: string;
  name: string;
  email: string;
  token: string;
  caller: Caller;
}

export interface TestApp {
  db: Db;
  services: AppServices;
  dir: string;
  anonymous: Caller;
  /** A caller for a raw session token (or none). */
  callerFor(token: string | null, clientAddress?: string): Caller;
  /** Signs up a new user and returns a caller acting as them. */
  signUp(name?: string, password?: string, email?: string): Promise<TestUser>;
  /** Total number of rows across every table (to prove a refused call wrote nothing). */
  rowCounts(): Record<string, number>;
}

let seq = 0;

export function createTestApp(overrides: Partial<AppServices> = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'coalition-test-'));
  const db = openDb(join(dir, 'test.db'));
  const services = createServices(db, { publicUrl: 'http://localhost:3000', ...overrides });
  // A fresh context per call, as over HTTP: the session is validated on every request.
  const callerFor = (token: string | null, clientAddress = '127.0.0.1') =>
    createCaller(() => createContext(services, { sessionToken: token, clientAddress }));
  return {
    db,
    services,
    dir,
    anonymous: callerFor(null),
    callerFor,
    async signUp(name = `User ${++seq}`, password = 'correct horse battery', email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${++seq}@example.org`) {
      let token = '';
      const caller = createCaller(
        createContext(services, {
          clientAddress: `10.0.${seq % 250}.1`,
          cookies: { set: (t) => void (token = t), clear: () => {} },
        }),
      );
      const user = await caller.auth.signUp({ name, email, password });
      return { ...user, token, caller: callerFor(token) };
    },
    rowCounts() {
      const tables = db.$client
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
        .all() as { name: string }[];
      return Object.fromEntries(
        tables.map(({ name }) => [name, (db.$client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
      );
    },
  };
}

/**
 * Every SQL statement the app's connection *runs* while `fn` runs (its text, in order): prepared
 * once or not, each execution counts. For "a fixed number of queries whatever the size" checks.
 */
export async function countStatements<T>(app: TestApp, fn: () => Promise<T> | T): Promise<{ result: T; statements: string[] }> {
  const client = app.db.$client;
  const proto = Object.getPrototypeOf(client.prepare('SELECT 1')) as Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>;
  const originals = { run: proto.run, get: proto.get, all: proto.all, iterate: proto.iterate };
  const statements: string[] = [];
  for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
    const original = originals[name];
    proto[name] = function (this: { database: unknown; source: string }, ...args: unknown[]) {
      if (this.database === client) statements.push(this.source);
      return original.apply(this, args);
    };
  }
  try {
    return { result: await fn(), statements };
  } finally {
    Object.assign(proto, originals);
  }
}
