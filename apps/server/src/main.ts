/**
 * Starts the server.
 *
 *   PORT          (3000)
 *   HOST          (0.0.0.0)
 *   DATABASE_URL  (./data/coalition.db, relative paths resolved from the repository root)
 *   PUBLIC_URL    (http://localhost:PORT) the address users reach the app at (invitation links, CSRF origin)
 *   SEED=0        do not create the demo account and template coalitions on an empty database
 *   TRUST_PROXY=1 trust X-Forwarded-* (only behind your own reverse proxy)
 *   WEB_DIST      the web client build (apps/web/dist)
 *   RATE_LIMIT_PER_MINUTE       (1200) /trpc requests per signed-in user
 *   RATE_LIMIT_ANON_PER_MINUTE  (600)  /trpc requests per client address without a session
 *   RATE_LIMIT_AUTH_PER_MINUTE  (30)   sign-in / sign-up requests per client address
 *   LIVE_MAX_STREAMS_PER_USER       (20)   open live-update streams per user
 *   LIVE_MAX_STREAMS_PER_COALITION  (1000) open live-update streams per coalition
 */
import { count } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServices, createThrottles, DashboardService, JobRunner, mailerFromEnv } from '@coalition/api';
import { openDb, users } from '@coalition/db';
import { buildServer, clientBuildExists, liveLimitsFromEnv, rateLimitFromEnv } from './app.ts';
import { resolveDatabasePath } from './paths.ts';
import { DEMO_USER, demoUserExists, seedDemo } from './seed.ts';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a number between 0 and 65535 (got "${value}")`);
    process.exit(1);
  }
  return port;
}

const port = parsePort(process.env.PORT);
const host = process.env.HOST || '0.0.0.0';
const dbPath = resolveDatabasePath(process.env.DATABASE_URL);
const webDist = process.env.WEB_DIST || undefined;
let limits: { rateLimit: ReturnType<typeof rateLimitFromEnv>; live: ReturnType<typeof liveLimitsFromEnv> };
try {
  limits = { rateLimit: rateLimitFromEnv(process.env), live: liveLimitsFromEnv(process.env) };
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const db = openDb(dbPath);

/**
 * The key that signs links which must outlive a restart (unsubscribe links in sent emails):
 * APP_SECRET when set, else a random key kept beside the database (`<database>.secret`, 0600).
 */
function loadSecretKey(): Buffer {
  if (process.env.APP_SECRET) return createHash('sha256').update(process.env.APP_SECRET).digest();
  if (dbPath === ':memory:') return randomBytes(32);
  const file = `${dbPath}.secret`;
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  } catch {
    const key = randomBytes(32);
    try {
      writeFileSync(file, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'); // another process made it first
    }
  }
}

const services = createServices(db, {
  publicUrl: (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
  mailer: mailerFromEnv(process.env),
  secretKey: loadSecretKey(),
  throttles: createThrottles({ signUpBurst: Number(process.env.SIGNUP_BURST) || 10, deviceSecret: process.env.DEVICE_COOKIE_SECRET }),
  // Dashboards recompute on a worker thread reading the same file (DASHBOARD_WORKER=0: in-process).
  dashboards: new DashboardService(db, { workerDbPath: dbPath !== ':memory:' && process.env.DASHBOARD_WORKER !== '0' ? dbPath : null }),
});

services.liveLimits = { ...services.liveLimits, ...limits.live };

if (process.env.SEED !== '0') {
  const { n } = db.select({ n: count() }).from(users).get()!;
  if (n === 0) {
    const result = await seedDemo(services);
    console.log(
      `Empty database: created the demo account and ${result.coalitions.length} coalition(s) from templates.`,
    );
  }
}

// Emails, digests and reminders: durable jobs in the database (JOBS=0 turns the runner off).
const jobs = new JobRunner(services, Number(process.env.JOBS_LEASE_MS) || undefined);
if (process.env.JOBS !== '0') jobs.start(Number(process.env.JOBS_INTERVAL_MS) || 10_000);

const app = await buildServer({
  services,
  webDist,
  trustProxy: process.env.TRUST_PROXY === '1',
  rateLimit: limits.rateLimit,
  logger: true,
});

try {
  await app.listen({ port, host });
} catch (error) {
  console.error(`Could not start the server on ${host}:${port}:`, error instanceof Error ? error.message : error);
  db.$client.close();
  process.exit(1);
}

const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const lines = [`Coalition planner running at http://localhost:${actualPort}`];
if (demoUserExists(services)) lines.push(`Demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);
if (process.env.PUBLIC_URL) lines.push(`Public URL: ${services.publicUrl}`);
lines.push(services.mailer.enabled ? 'Email: on (SMTP_URL)' : 'Email: off (set SMTP_URL to send invitations by email)');
lines.push(`Database: ${dbPath}`);
if (!clientBuildExists(webDist)) {
  lines.push('The web client is not built: run `npx -y pnpm@10.34.9 build` (the API works without it).');
}
console.log(lines.join('\n'));

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal} received, closing…`);
  // Long-lived connections (live-update streams) must not hold the process open.
  const force = setTimeout(() => app.server.closeAllConnections(), 3000);
  force.unref();
  try {
    await app.close();
  } catch (error) {
    console.error('Error while closing the server:', error);
  } finally {
    clearTimeout(force);
    await jobs.stop();
    await services.dashboards.close();
    services.mailer.close();
    db.$client.close();
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
