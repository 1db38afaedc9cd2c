/**
 * The HTTP server: tRPC under /trpc, the built web client (a Vite SPA) everywhere else.
 *
 * Order of defences for a request to /trpc:
 *   1. security headers (helmet),
 *   2. CSRF: every non-GET/HEAD request must be same-origin and application/json (csrf.ts),
 *   3. rate limits: a generous bucket for all of /trpc, per signed-in user (the session's
 *      user: people behind one NAT do not share it) or per client address for calls without
 *      a valid session; a strict one per address for sign-in / sign-up (on top of the
 *      per-email throttle inside the procedures). Live-update streams of signed-in users
 *      (GET live.events, long-lived, reconnecting) are not counted: their own caps apply.
 *   4. tRPC, with the session read from the HttpOnly `session` cookie (validated once per
 *      request, for the rate limit and the context). GET queries are answered directly
 *      (trpc-route.ts), everything else through tRPC's Fastify handler; the live-update stream
 *      (GET /trpc/live.events) runs its procedure through its own lean SSE writer (live-route.ts).
 * All of this runs in onRequest hooks, before the body is parsed.
 */
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { appRouter, createContext, type AppRouter, type AppServices, type SessionCookieWriter } from '@coalition/api';
import { randomUUID } from 'node:crypto';
import { DEVICE_COOKIE, validateSessionToken, type SessionValidation } from '@coalition/auth';
import { checkCsrf, isSafeMethod } from './csrf.ts';
import { codeForStatus, HttpError, isTrpcUrl, pathnameOf, sendTrpcError, statusText, TRPC_PREFIX, trpcErrorBody, trpcPaths } from './errors.ts';
import { registerHealth } from './health.ts';
import { DEFAULT_RATE_LIMIT, registerRateLimits, type RateLimitOptions } from './limits.ts';
import { cutLiveStreamsOnClose, registerLiveStream } from './live-route.ts';
import { registerCalendarFeed } from './calendar-route.ts';
import { registerUnsubscribe } from './unsubscribe-route.ts';
import { DEFAULT_WEB_DIST } from './paths.ts';
import { trpcRoute } from './trpc-route.ts';
import { hostPolicyFromEnv, registerHostCheck, type HostPolicy } from './hosts.ts';

export { AUTH_PROCEDURES, DEFAULT_RATE_LIMIT, liveLimitsFromEnv, rateLimitFromEnv, type RateLimitOptions } from './limits.ts';

export const SESSION_COOKIE = 'session';

/** A URL as logged: the secret part of /calendar/<token>.ics, /invite/<token> and /p/<token> replaced. */
export function redactUrl(url: string): string {
  return url.replace(/^\/unsubscribe\?([te])=[^&#]*/, '/unsubscribe?$1=[token]').replace(/^\/calendar\/[^/?#]+/, '/calendar/[token].ics').replace(/^\/invite\/[^/?#]+/, '/invite/[token]').replace(/^\/p\/[^/?#]+/, '/p/[token]').replace(/([?&](?:token|input)=)[^&]*/g, '$1[redacted]');
}

export interface BuildServerOptions {
  services: AppServices;
  /** The web client build. Undefined → apps/web/dist; null → no client. */
  webDist?: string | null;
  /** Trust X-Forwarded-* (only behind a reverse proxy you control). Off by default. */
  trustProxy?: boolean;
  logger?: boolean;
  rateLimit?: Partial<RateLimitOptions>;
  /** The hosts answered for (421 for others). Undefined → from the environment (hosts.ts); null → any. */
  hostPolicy?: HostPolicy | null;
}

const isProduction = () => process.env.NODE_ENV === 'production';

/** The public page's data (a query anyone with the link may call) and its screen in the web client (`/p/<token>`). */
const PUBLIC_PAGE_PROCEDURE = 'publicPage.view';
const isPublicPagePath = (pathname: string) => /^\/p\/[^/]+\/?$/.test(pathname);

/** Largest request body (a JSON import of a whole workspace fits comfortably). */
const BODY_LIMIT = 8 * 1024 * 1024;
/** Most calls one batched tRPC request may carry. */
const MAX_BATCH_SIZE = 100;

function sessionCookieWriter(request: FastifyRequest, reply: FastifyReply): SessionCookieWriter {
  const base = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: request.protocol === 'https',
  };
  return {
    set(token, expiresAt) {
      reply.setCookie(SESSION_COOKIE, token, { ...base, expires: new Date(expiresAt) });
    },
    clear() {
      reply.setCookie(SESSION_COOKIE, '', { ...base, maxAge: 0, expires: new Date(0) });
    },
    // Sent only to /trpc; kept across sign-outs (it proves a past sign-in, grants nothing).
    setDevice(token, maxAgeMs) {
      reply.setCookie(DEVICE_COOKIE, token, { ...base, sameSite: 'strict', path: TRPC_PREFIX, maxAge: Math.floor(maxAgeMs / 1000) });
    },
  };
}


function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.toLowerCase().includes('text/html');
}

function hasClientBuild(webDist: string | null): webDist is string {
  if (!webDist) return false;
  try {
    return statSync(join(webDist, 'index.html')).isFile();
  } catch {
    return false;
  }
}

const NOT_BUILT_PAGE = [
  'Coalition planner',
  '',
  'The API is running, but the web client is not built yet.',
  'Build it from the repository root with:',
  '',
  '    npx -y pnpm@10.34.9 build',
  '',
  'then restart the server (or run `npx -y pnpm@10.34.9 start`, which builds and starts).',
  '',
].join('\n');

/** Errors outside tRPC's own handling: nothing internal (stack, SQL, file path) reaches the client. */
function sendError(error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) {
  const raw = typeof error.statusCode === 'number' ? error.statusCode : 500;
  const status = raw >= 400 && raw < 600 ? raw : 500;
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  const message =
    error instanceof HttpError
      ? error.message
      : status >= 500
        ? isProduction()
          ? 'Internal server error'
          : error.message
        : isProduction()
          ? statusText(status)
          : error.message;
  const code = error instanceof HttpError ? error.code : codeForStatus(status);
  reply.code(status).header('cache-control', 'no-store');
  if (isTrpcUrl(request.url)) {
    return reply.type('application/json; charset=utf-8').send(trpcErrorBody(request, status, code, message));
  }
  return reply.type('application/json; charset=utf-8').send({ statusCode: status, error: statusText(status), message });
}

export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const limits: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, ...opts.rateLimit };
  const webDist = opts.webDist === undefined ? DEFAULT_WEB_DIST : opts.webDist;
  const clientBuilt = hasClientBuild(webDist);

  const app = Fastify({
    logger: opts.logger
      ? {
          level: process.env.LOG_LEVEL ?? 'info',
          // Secrets that travel in URLs (calendar feed and invitation tokens) never reach the log.
          serializers: { req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip }) },
        }
      : false,
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== '1' }),
    trustProxy: opts.trustProxy ?? false,
    // Batched tRPC URLs carry every procedure path in one parameter.
    routerOptions: { maxParamLength: 5000 },
    // Undecodable URLs and the like: same answer shape as every other error.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    bodyLimit: BODY_LIMIT,
    // Every request gets a random id: in each JSON log line of it (`reqId`) and in the answer's
    // X-Request-Id, so a user's report can be matched to the log. A client-sent id is taken
    // only behind a proxy we trust.
    genReqId: () => randomUUID(),
    requestIdHeader: opts.trustProxy ? 'x-request-id' : false,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler(sendError);

  // ---- Only our own host names (production): before anything else runs. ----
  const hostPolicy = opts.hostPolicy === undefined ? hostPolicyFromEnv(process.env, services.publicUrl) : opts.hostPolicy;
  if (hostPolicy) registerHostCheck(app, hostPolicy);

  // ---- Security headers: helmet's middleware built once (@fastify/helmet rebuilt it, CSP
  // parsing included, on every request). ----
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Matches frame-ancestors 'none' for browsers that only know X-Frame-Options.
    frameguard: { action: 'deny' },
    // Same-origin app: no cross-origin reads of our resources.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));

  // tRPC hands Fastify a fetch Response whose body is a stream of unknown length, even for
  // an ordinary JSON answer. Buffer those (never SSE or JSONL streams) so they get a
  // Content-Length and compression applies its size threshold. Registered before compress
  // so this onSend runs first.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isTrpcUrl(request.url) || !(payload instanceof Response)) return payload;
    const type = payload.headers.get('content-type') ?? '';
    const streaming = !type.startsWith('application/json') || request.headers['trpc-accept'] === 'application/jsonl';
    if (streaming) return payload;
    reply.code(payload.status);
    for (const [name, value] of payload.headers) reply.header(name, value);
    return Buffer.from(await payload.arrayBuffer());
  });

  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip', 'deflate'], threshold: 1024 });
  await app.register(fastifyCookie);

  // ---- CSRF: before anything is parsed or executed. ----
  app.addHook('onRequest', async (request, reply) => {
    if (isSafeMethod(request.method)) return;
    const verdict = checkCsrf(request, services.publicUrl);
    if (!verdict.ok) {
      request.log.warn({ url: request.url, origin: request.headers.origin }, verdict.message);
      return sendTrpcError(request, reply, new HttpError(verdict.status, 'FORBIDDEN', verdict.message));
    }
  });

  // The session cookie, validated once per request (for the rate limit, then the tRPC context).
  const sessions = new WeakMap<FastifyRequest, SessionValidation>();
  const sessionOf = (request: FastifyRequest): SessionValidation | undefined => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return undefined;
    let validation = sessions.get(request);
    if (!validation) sessions.set(request, (validation = validateSessionToken(services.db, token, services.now())));
    return validation;
  };

  // ---- Rate limits on /trpc (limits.ts). ----
  await registerRateLimits(app, limits, (request) => sessionOf(request)?.user?.id ?? null);

  // ---- Health: /healthz (process up), /readyz (database answers, migrations applied). ----
  registerHealth(app, services.db);

  // ---- tRPC. ----
  const contextOf = (request: FastifyRequest, reply: FastifyReply) =>
    createContext(services, {
      sessionToken: request.cookies[SESSION_COOKIE] || null,
      validated: sessionOf(request),
      clientAddress: request.ip,
      cookies: sessionCookieWriter(request, reply),
      deviceToken: request.cookies[DEVICE_COOKIE] ?? null,
    });
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req, res }) => contextOf(req, res),
    onError({ error, path, req }) {
      // Logged server-side only; the client gets the masked shape from the errorFormatter.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
      } else {
        req.log.debug({ code: error.code, path }, error.message);
      }
    },
  };
  await app.register(trpcRoute({ options: trpcOptions, contextOf, maxBatchSize: MAX_BATCH_SIZE }), { prefix: TRPC_PREFIX });
  cutLiveStreamsOnClose(app);
  registerLiveStream(app, contextOf, trpcOptions.onError!);
  registerCalendarFeed(app, services);
  registerUnsubscribe(app, services);
  // tRPC answers (errors included) are never cached by browsers or proxies. The public page's
  // data (publicPage.view: a GET query whose token is the credential, so no CSRF question, and
  // counted in the anonymous per-address bucket above like every call without a session) is
  // never indexed either, found or not.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isTrpcUrl(request.url)) return payload;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (trpcPaths(request.url)?.includes(PUBLIC_PAGE_PROCEDURE)) reply.header('x-robots-tag', 'noindex, nofollow');
    return payload;
  });

  // ---- The web client. ----
  if (clientBuilt) {
    const assetsDir = join(webDist, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      dotfiles: 'ignore',
      // The build writes .br and .gz next to each asset (vite-plugin-compression2): send the one
      // the browser accepts (with Vary: Accept-Encoding), else the file itself. @fastify/compress
      // leaves an already-encoded reply alone.
      preCompressed: true,
      setHeaders(reply, sentPath) {
        // With preCompressed, the path is the .br/.gz file's: decide on the file it encodes.
        const filePath = sentPath.replace(/\.(br|gz)$/, '');
        if (filePath.startsWith(assetsDir)) {
          // Vite puts a content hash in every file name under assets/.
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        } else if (filePath.endsWith('.html')) {
          // A page that chose its own (a public page: no-store) keeps it.
          if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
        } else {
          reply.header('cache-control', 'public, max-age=3600');
        }
      },
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply.code(200).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT_PAGE),
    );
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = pathnameOf(request.url);
    if (isTrpcUrl(request.url)) {
      return sendTrpcError(request, reply, new HttpError(404, 'NOT_FOUND', 'No such procedure'));
    }
    // Deep links into the SPA (/coalitions/abc/milestones) get the app shell.
    const spaRoute =
      (request.method === 'GET' || request.method === 'HEAD') &&
      acceptsHtml(request) &&
      !pathname.startsWith('/assets/') &&
      pathname !== '/healthz';
    if (spaRoute) {
      // A public page's address is its secret: kept out of caches and search engines.
      if (isPublicPagePath(pathname)) reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
      if (clientBuilt) {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
        return reply.code(200).sendFile('index.html');
      }
      return reply.code(200).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT_PAGE);
    }
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send({ statusCode: 404, error: 'Not Found', message: 'Not found' });
  });

  return app;
}


/** Exported for main.ts: whether a client build exists at the given folder. */
export function clientBuildExists(webDist?: string | null): boolean {
  return hasClientBuild(webDist === undefined ? DEFAULT_WEB_DIST : webDist);
}
