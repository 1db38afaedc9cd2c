/**
 * Inner context: what a procedure needs, built the same way for HTTP requests and for
 * tests through `createCallerFactory`. The HTTP adapter (apps/server) builds the outer
 * part: the session token from the cookie, the client address, and cookie writers.
 */
import { deviceKey, TokenBucketThrottle, validateSessionToken, type SessionUser, type SessionValidation } from '@coalition/auth';
import type { Db, Session } from '@coalition/db';
import { randomBytes } from 'node:crypto';
import { EventBus } from './events.ts';
import { disabledMailer, type Mailer } from './mail/index.ts';
import { DashboardService } from './services/dashboard/index.ts';
import { DEFAULT_LIVE_LIMITS, PresenceRegistry, StreamLimiter, type LiveLimits } from './presence.ts';

export interface SessionCookieWriter {
  set(token: string, expiresAt: number): void;
  clear(): void;
  /** The device cookie (packages/auth/src/device.ts), set after a successful sign-in. */
  setDevice?(token: string, maxAgeMs: number): void;
}

/**
 * Sign-in throttling that stops guessing without letting strangers lock a person out:
 *  - per client address: 20 attempts at once, then one every 3 s (one address, many accounts);
 *  - per (email, address): 5 at once, then one every 30 s — a person's own retries, which
 *    nobody else's failures touch; reset by a successful sign-in from that address;
 *  - per email, overall: 50 at once, then 50 an hour — far above a person's retries, a ceiling
 *    on guessing one account from many addresses. Past it, only a browser holding the account's
 *    device cookie (it signed in successfully before) gets through. A success never refills it.
 */
export interface Throttles {
  signInByAddress: TokenBucketThrottle;
  signInByEmailAddress: TokenBucketThrottle;
  signInByEmail: TokenBucketThrottle;
  signUpByAddress: TokenBucketThrottle;
  /** Workspace imports per user: IMPORTS_PER_HOUR at once, then as many an hour (an import of 10,000 milestones takes the server a second or two). */
  importsByUser: TokenBucketThrottle;
  /**
   * Import previews per user: PREVIEW_BURST at once, then PREVIEWS_PER_HOUR an hour. A preview
   * writes nothing, but validating and planning a file near the 8 MB body limit costs about a
   * second of CPU, so it is bounded on its own and never touches the import quota.
   */
  previewsByUser: TokenBucketThrottle;
  /** Signs device cookies. */
  deviceKey: Buffer;
}

export const IMPORTS_PER_HOUR = 10;
export const PREVIEW_BURST = 20;
export const PREVIEWS_PER_HOUR = 60;

/** `signUpBurst`: sign-ups one address may make at once (then one every 30 s). */
export function createThrottles({ signUpBurst = 10, deviceSecret }: { signUpBurst?: number; deviceSecret?: string } = {}): Throttles {
  return {
    signInByAddress: new TokenBucketThrottle(20, 1 / 3),
    signInByEmailAddress: new TokenBucketThrottle(5, 1 / 30),
    signInByEmail: new TokenBucketThrottle(50, 50 / 3600),
    signUpByAddress: new TokenBucketThrottle(signUpBurst, 1 / 30),
    importsByUser: new TokenBucketThrottle(IMPORTS_PER_HOUR, IMPORTS_PER_HOUR / 3600),
    previewsByUser: new TokenBucketThrottle(PREVIEW_BURST, PREVIEWS_PER_HOUR / 3600),
    deviceKey: deviceKey(deviceSecret),
  };
}

/** Long-lived services shared by every request of one server. */
export interface AppServices {
  db: Db;
  events: EventBus;
  presence: PresenceRegistry;
  /** Open live streams per user and per coalition (this process), checked against `liveLimits`. */
  streams: StreamLimiter;
  liveLimits: LiveLimits;
  throttles: Throttles;
  /** Base URL the app is served from (invitation links). */
  publicUrl: string;
  /** Email (disabled without SMTP_URL). */
  mailer: Mailer;
  /** Signs links that must outlive a restart (email unsubscribe): kept with the database by the server. */
  secretKey: Buffer;
  now: () => number;
  /** The dashboards: cached per coalition and day, recomputed off the main thread when the database is a file. */
  dashboards: DashboardService;
}

export function createServices(db: Db, overrides: Partial<AppServices> = {}): AppServices {
  return {
    db,
    events: new EventBus(),
    presence: new PresenceRegistry(),
    streams: new StreamLimiter(),
    liveLimits: DEFAULT_LIVE_LIMITS,
    throttles: createThrottles(),
    publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    mailer: disabledMailer,
    secretKey: randomBytes(32),
    now: () => Date.now(),
    ...overrides,
    dashboards: overrides.dashboards ?? new DashboardService(db),
  };
}

export interface RequestInfo {
  sessionToken?: string | null;
  /** `sessionToken` already validated for this request (the HTTP layer reads it for rate limits). */
  validated?: SessionValidation;
  clientAddress?: string;
  cookies?: SessionCookieWriter;
  /** The device cookie's value, if any. */
  deviceToken?: string | null;
}

export interface Context extends AppServices {
  session: Session | null;
  user: SessionUser | null;
  clientAddress: string;
  cookies: SessionCookieWriter;
  deviceToken: string | null;
}

const noCookies: SessionCookieWriter = { set() {}, clear() {} };

export function createContext(services: AppServices, req: RequestInfo = {}): Context {
  const cookies = req.cookies ?? noCookies;
  let session: Session | null = null;
  let user: SessionUser | null = null;
  const result = req.validated ?? (req.sessionToken ? validateSessionToken(services.db, req.sessionToken, services.now()) : undefined);
  if (result?.session) {
    session = result.session;
    user = result.user;
    if (result.renewed && req.sessionToken) cookies.set(req.sessionToken, result.session.expiresAt);
  } else if (req.sessionToken) {
    cookies.clear();
  }
  return { ...services, session, user, clientAddress: req.clientAddress ?? 'local', cookies, deviceToken: req.deviceToken ?? null };
}
