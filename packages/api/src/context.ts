/**
 * Inner context: what a procedure needs, built the same way for HTTP requests and for
 * tests through `createCallerFactory`. The HTTP adapter (apps/server) builds the outer
 * part: the session token from the cookie, the client address, and cookie writers.
 */
import { TokenBucketThrottle, validateSessionToken, type SessionUser, type SessionValidation } from '@coalition/auth';
import type { Db, Session } from '@coalition/db';
import { EventBus } from './events.ts';
import { DashboardService } from './services/dashboard/index.ts';
import { DEFAULT_LIVE_LIMITS, PresenceRegistry, StreamLimiter, type LiveLimits } from './presence.ts';

export interface SessionCookieWriter {
  set(token: string, expiresAt: number): void;
  clear(): void;
}

export interface Throttles {
  signInByEmail: TokenBucketThrottle;
  signInByAddress: TokenBucketThrottle;
  signUpByAddress: TokenBucketThrottle;
}

/** `signUpBurst`: sign-ups one address may make at once (then one every 30 s). */
export function createThrottles({ signUpBurst = 10 }: { signUpBurst?: number } = {}): Throttles {
  return {
    // 5 attempts at once per email, then one every 30 s.
    signInByEmail: new TokenBucketThrottle(5, 1 / 30),
    // 20 attempts at once per address, then one every 3 s.
    signInByAddress: new TokenBucketThrottle(20, 1 / 3),
    signUpByAddress: new TokenBucketThrottle(signUpBurst, 1 / 30),
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
}

export interface Context extends AppServices {
  session: Session | null;
  user: SessionUser | null;
  clientAddress: string;
  cookies: SessionCookieWriter;
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
  return { ...services, session, user, clientAddress: req.clientAddress ?? 'local', cookies };
}
