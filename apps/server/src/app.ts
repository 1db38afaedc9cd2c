import type { Socket } from 'node:net';
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
 *   4. tRPC, with the session read from the HttpOnly `session` cookie. The live-update stream
 *      (GET /trpc/live.events) runs the same procedure through its own lean SSE writer
 *      (`registerLiveStream`, below).
 * All of this runs in onRequest hooks, before the body is parsed.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { PassThrough } from 'node:stream';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { getTRPCErrorFromUnknown, isTrackedEnvelope, TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { appRouter, createCallerFactory, createContext, type AppRouter, type AppServices, type SessionCookieWriter } from '@coalition/api';
import type { Db } from '@coalition/db';
import { checkCsrf, isSafeMethod } from './csrf.ts';
import { codeForStatus, HttpError, isTrpcUrl, pathnameOf, statusText, TRPC_PREFIX, trpcErrorBody, trpcPaths } from './errors.ts';
import { DEFAULT_WEB_DIST } from './paths.ts';

export const SESSION_COOKIE = 'session';

/** Procedures that guess or create credentials: they get their own, much smaller bucket. */
export const AUTH_PROCEDURES = new Set(['auth.signIn', 'auth.signUp']);

export interface RateLimitOptions {
  /** Requests per window per signed-in user on /trpc (RATE_LIMIT_PER_MINUTE). */
  max: number;
  /** Requests per window per client address on /trpc without a valid session (RATE_LIMIT_ANON_PER_MINUTE). */
  anonMax: number;
  /** Requests per window per client address that call sign-in or sign-up (RATE_LIMIT_AUTH_PER_MINUTE). */
  authMax: number;
  timeWindowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 1200, anonMax: 600, authMax: 30, timeWindowMs: 60_000 };

/** A positive whole number from the environment; undefined when unset or empty. */
function envCount(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${env[name]}")`);
  return n;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The /trpc rate limits set in the environment (per minute); unset ones are left out. Throws on a bad value. */
export function rateLimitFromEnv(env: Record<string, string | undefined>): Partial<RateLimitOptions> {
  return defined({
    max: envCount(env, 'RATE_LIMIT_PER_MINUTE'),
    anonMax: envCount(env, 'RATE_LIMIT_ANON_PER_MINUTE'),
    authMax: envCount(env, 'RATE_LIMIT_AUTH_PER_MINUTE'),
  });
}

/** The live-stream caps set in the environment; unset ones are left out. Throws on a bad value. */
export function liveLimitsFromEnv(env: Record<string, string | undefined>): Partial<AppServices['liveLimits']> {
  return defined({
    maxStreamsPerUser: envCount(env, 'LIVE_MAX_STREAMS_PER_USER'),
    maxStreamsPerCoalition: envCount(env, 'LIVE_MAX_STREAMS_PER_COALITION'),
  });
}

/** `hashToken` of @coalition/auth (hex SHA-256 of the token) through node:crypto: ~20× faster than its pure-JS hash. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A session token's shape (base32, see @coalition/auth): anything else is not looked up. */
const TOKEN_SHAPE = /^[a-z2-7]{16,64}$/;

/**
 * The user a session cookie belongs to, for rate-limit keys, before tRPC runs: one primary-key
 * read of a prepared statement (a few microseconds), no renewal or cookie writes — tRPC's
 * context still validates the session fully. Null for no, an unknown or an expired session.
 */
export function sessionUserLookup(db: Db, now: () => number) {
  const statement = db.$client
    .prepare<[string, number, number], string>('SELECT user_id FROM sessions WHERE id = ? AND expires_at > ? AND absolute_expires_at > ?')
    .pluck();
  return (token: string | undefined): string | null => {
    if (!token || !TOKEN_SHAPE.test(token)) return null;
    const t = now();
    return statement.get(sessionIdOf(token), t, t) ?? null;
  };
}

/** The one request that opens a live-update stream (subscriptions are never batched). */
const isLiveStream = (request: FastifyRequest, paths: string[]) =>
  request.method === 'GET' && paths.length === 1 && paths[0] === 'live.events';

export interface BuildServerOptions {
  services: AppServices;
  /** The web client build. Undefined → apps/web/dist; null → no client. */
  webDist?: string | null;
  /** Trust X-Forwarded-* (only behind a reverse proxy you control). Off by default. */
  trustProxy?: boolean;
  logger?: boolean;
  rateLimit?: Partial<RateLimitOptions>;
}

const isProduction = () => process.env.NODE_ENV === 'production';

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
  };
}

function sendTrpcError(request: FastifyRequest, reply: FastifyReply, error: HttpError) {
  return reply
    .code(error.statusCode)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(trpcErrorBody(request, error.statusCode, error.code, error.message));
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
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== '1' }),
    trustProxy: opts.trustProxy ?? false,
    // Batched tRPC URLs carry every procedure path in one parameter.
    routerOptions: { maxParamLength: 5000 },
    // Undecodable URLs and the like: same answer shape as every other error.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    bodyLimit: BODY_LIMIT,
  });

  app.setErrorHandler(sendError);

  // ---- Security headers. ----
  await app.register(fastifyHelmet, {
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
  await app.register(fastifyRateLimit, { global: false, max: limits.max, timeWindow: limits.timeWindowMs });

  // ---- CSRF: before anything is parsed or executed. ----
  app.addHook('onRequest', async (request, reply) => {
    if (isSafeMethod(request.method)) return;
    const verdict = checkCsrf(request, services.publicUrl);
    if (!verdict.ok) {
      request.log.warn({ url: request.url, origin: request.headers.origin }, verdict.message);
      return sendTrpcError(request, reply, new HttpError(verdict.status, 'FORBIDDEN', verdict.message));
    }
  });

  // ---- Rate limits on /trpc: per signed-in user, else per client address (request.ip: not
  // spoofable unless trustProxy). ----
  const sessionUser = sessionUserLookup(services.db, services.now);
  /** The general bucket's key of a request, set by the hook below. */
  const bucketOf = new WeakMap<FastifyRequest, string>();
  const checkUser = app.createRateLimit({
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    keyGenerator: (request) => bucketOf.get(request)!,
  });
  const checkAnon = app.createRateLimit({
    max: limits.anonMax,
    timeWindow: limits.timeWindowMs,
    // Same address normalisation as the plugin's default (IPv6 grouped by /64).
    keyGenerator: (request) => bucketOf.get(request)!,
  });
  const checkAuth = app.createRateLimit({
    max: limits.authMax,
    timeWindow: limits.timeWindowMs,
    // Same address normalisation as the general bucket (IPv6 grouped by /64).
    keyGenerator: (request) => `auth:${normalizeIP(request.ip)}`,
  });
  const tooMany = () =>
    new HttpError(429, 'TOO_MANY_REQUESTS', 'Too many requests. Wait a minute and try again.');

  app.addHook('onRequest', async (request, reply) => {
    if (!isTrpcUrl(request.url)) return;
    const paths = trpcPaths(request.url);
    if (paths === null) return sendTrpcError(request, reply, new HttpError(400, 'BAD_REQUEST', 'Malformed procedure path'));
    const authCalls = paths.filter((p) => AUTH_PROCEDURES.has(p)).length;
    if (authCalls > 1) {
      // One request must not smuggle many password guesses past the per-request limit.
      return sendTrpcError(request, reply, new HttpError(400, 'BAD_REQUEST', 'Sign in or sign up one call at a time'));
    }
    const userId = sessionUser(request.cookies[SESSION_COOKIE]);
    // A signed-in user's stream: long-lived and reconnecting; capped per user and coalition instead.
    if (userId && isLiveStream(request, paths)) return;
    bucketOf.set(request, userId ? `user:${userId}` : `anon:${normalizeIP(request.ip)}`);
    const general = await (userId ? checkUser : checkAnon)(request);
    if (!general.isAllowed && general.isExceeded) {
      reply.header('retry-after', general.ttlInSeconds);
      return sendTrpcError(request, reply, tooMany());
    }
    if (authCalls > 0) {
      const auth = await checkAuth(request);
      if (!auth.isAllowed && auth.isExceeded) {
        reply.header('retry-after', auth.ttlInSeconds);
        return sendTrpcError(request, reply, tooMany());
      }
    }
  });

  // ---- Health. ----
  app.get('/healthz', { compress: false }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { ok: true };
  });

  // ---- tRPC. ----
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req, res }) =>
      createContext(services, {
        sessionToken: req.cookies[SESSION_COOKIE] || null,
        clientAddress: req.ip,
        cookies: sessionCookieWriter(req, res),
      }),
    onError({ error, path, req }) {
      // Logged server-side only; the client gets the masked shape from the errorFormatter.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
      } else {
        req.log.debug({ code: error.code, path }, error.message);
      }
    },
  };
  await app.register(fastifyTRPCPlugin, { prefix: TRPC_PREFIX, trpcOptions });
  // Live-update streams never end by themselves: on close, cut them at once so clients
  // reconnect (and catch up) straight away instead of waiting for a forced shutdown.
  const liveSockets = new Set<Socket>();
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' && pathnameOf(request.url).startsWith(`${TRPC_PREFIX}/live.events`)) {
      const socket = request.raw.socket;
      liveSockets.add(socket);
      socket.once('close', () => liveSockets.delete(socket));
    }
  });
  app.addHook('preClose', (done) => {
    for (const socket of liveSockets) socket.destroy();
    done();
  });
  registerLiveStream(app, services, trpcOptions.onError!);
  // tRPC answers (errors included) are never cached by browsers or proxies.
  app.addHook('onSend', async (request, reply, payload) => {
    if (isTrpcUrl(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
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
          reply.header('cache-control', 'no-cache');
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
      if (clientBuilt) {
        return reply.code(200).header('cache-control', 'no-cache').sendFile('index.html');
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

/* ---------------------------------------------------------------------------------------------
 * Live-update streams: GET /trpc/live.events.
 *
 * Served here rather than through the tRPC adapter, with the same procedure — session, input,
 * membership, stream caps and the stream itself all run in `live.events`, called through a
 * server-side caller — and the same wire format as tRPC's SSE (the client's
 * `httpSubscriptionLink` reads it unchanged: `connected`, data with `id:` for tracked events
 * and `restore-id` after untracked ones, `ping`, `serialized-error`, `return`), except that a
 * stream refused before its first message gets the error without `connected`. The adapter's
 * generic path costs ~0.5 ms of CPU per message per stream (web streams, nested async
 * iterators, a timer race per message for pings); with 500 streams a change took ~300 ms to
 * reach them all. Here a message is one string written to the response, and one timer pings
 * every idle stream.
 * ------------------------------------------------------------------------------------------- */

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
} as const;

interface LiveResponse {
  out: PassThrough;
  lastWriteAt: number;
}

type TrpcOnError = NonNullable<FastifyTRPCPluginOptions<AppRouter>['trpcOptions']['onError']>;

function registerLiveStream(app: FastifyInstance, services: AppServices, onError: TrpcOnError) {
  const config = appRouter._def._config;
  const createCaller = createCallerFactory(appRouter);
  const serialize = (value: unknown) => JSON.stringify(config.transformer.output.serialize(value));
  // The procedure hands every stream the same (never mutated) object for one change or presence
  // update: serialized once, not once per stream.
  const serializedOnce = new WeakMap<object, string>();
  const serializeShared = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return serialize(value);
    let text = serializedOnce.get(value);
    if (text === undefined) serializedOnce.set(value, (text = serialize(value)));
    return text;
  };
  const connected = `event: connected\ndata: ${JSON.stringify(config.sse?.client ?? {})}\n\n\n`;
  const PING = 'event: ping\ndata: \n\n\n';
  const pingMs = config.sse?.ping?.enabled ? (config.sse.ping.intervalMs ?? 1000) : 0;

  // One timer pings every stream that has been quiet for half the interval (so the gap between
  // two messages never exceeds the interval the client's inactivity timeout is set against).
  const open = new Set<LiveResponse>();
  let pinger: ReturnType<typeof setInterval> | null = null;
  const track = (live: LiveResponse) => {
    open.add(live);
    if (pingMs > 0 && !pinger) {
      pinger = setInterval(() => {
        const quietSince = Date.now() - pingMs / 2;
        for (const s of open) if (s.lastWriteAt <= quietSince) write(s, PING);
      }, pingMs / 2);
      pinger.unref();
    }
  };
  const untrack = (live: LiveResponse) => {
    open.delete(live);
    if (open.size === 0 && pinger) {
      clearInterval(pinger);
      pinger = null;
    }
  };
  const write = (live: LiveResponse, text: string) => {
    live.lastWriteAt = Date.now();
    return live.out.write(text);
  };

  app.get(`${TRPC_PREFIX}/live.events`, { compress: false, exposeHeadRoute: false }, async (request, reply) => {
    const path = 'live.events';
    const controller = new AbortController();
    const { signal } = controller;
    reply.raw.once('close', () => controller.abort());

    const url = new URL(request.url, 'http://localhost');
    const lastEventIdParam =
      (typeof request.headers['last-event-id'] === 'string' ? request.headers['last-event-id'] : null) ??
      url.searchParams.get('lastEventId') ??
      url.searchParams.get('Last-Event-Id');
    let input: unknown;
    let ctx: ReturnType<typeof createContext> | undefined;
    let iterable: AsyncIterable<unknown> | undefined;
    let failure: TRPCError | undefined;
    try {
      const raw = url.searchParams.get('input');
      input = raw === null ? undefined : config.transformer.input.deserialize(JSON.parse(raw));
      if (lastEventIdParam) input = typeof input === 'object' && input !== null ? { ...input, lastEventId: lastEventIdParam } : (input ?? { lastEventId: lastEventIdParam });
      ctx = createContext(services, {
        sessionToken: request.cookies[SESSION_COOKIE] || null,
        clientAddress: request.ip,
        cookies: sessionCookieWriter(request, reply),
      });
      const context = ctx;
      iterable = (await createCaller(() => context, { signal }).live.events(input as never)) as AsyncIterable<unknown>;
    } catch (cause) {
      failure =
        cause instanceof SyntaxError
          ? new TRPCError({ code: 'PARSE_ERROR', message: 'The input is not valid JSON', cause })
          : getTRPCErrorFromUnknown(cause);
    }

    const live: LiveResponse = { out: new PassThrough(), lastWriteAt: Date.now() };
    const fail = (error: TRPCError) => {
      onError({ error, path, input, ctx, type: 'subscription', req: request });
      const shape = getErrorShape({ config, error, type: 'subscription', path, input, ctx });
      write(live, `event: serialized-error\ndata: ${serialize(shape)}\n\n\n`);
    };
    reply.code(200).headers(SSE_HEADERS);
    void reply.send(live.out);
    if (!iterable) {
      fail(failure!);
      live.out.end();
      return reply;
    }

    track(live);
    void (async () => {
      // The id the client's EventSource holds: an untracked message clears it, so it is restored after.
      let lastEventId = lastEventIdParam && !/[\0\n\r]/.test(lastEventIdParam) ? lastEventIdParam : null;
      const iterator = iterable[Symbol.asyncIterator]();
      let finished = false;
      // `connected` goes out with the first message (the procedure's first step is instant: a
      // snapshot or the catch-up). A stream refused then (too many open) gets only the error, so
      // the client does not take it for a connection — which would make it refetch everything.
      let started = false;
      try {
        while (!signal.aborted) {
          const next = await iterator.next();
          if (!started) {
            started = true;
            write(live, connected);
          }
          if (next.done) {
            finished = true;
            break;
          }
          let text: string;
          if (isTrackedEnvelope(next.value)) {
            const [id, data] = next.value;
            lastEventId = id;
            text = `data: ${serializeShared(data)}\nid: ${id}\n\n\n`;
          } else if (lastEventId === null) {
            text = `data: ${serializeShared(next.value)}\n\n\n`;
          } else {
            text = `data: ${serializeShared(next.value)}\nid: \n\n\nevent: restore-id\ndata: \nid: ${lastEventId}\n\n\n`;
          }
          if (!write(live, text) && !signal.aborted) await drained(live.out, signal);
        }
        if (finished && !signal.aborted) write(live, 'event: return\ndata: \n\n\n');
      } catch (cause) {
        finished = true;
        if (!signal.aborted) fail(getTRPCErrorFromUnknown(cause));
      } finally {
        untrack(live);
        // Stopped early (the client went away): end the procedure so its `finally` frees the stream.
        if (!finished) await iterator.return?.().catch(() => {});
        live.out.end();
      }
    })();
    return reply;
  });
}

/** Resolves when the stream can take more, or the request is gone. */
function drained(out: PassThrough, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    out.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Exported for main.ts: whether a client build exists at the given folder. */
export function clientBuildExists(webDist?: string | null): boolean {
  return hasClientBuild(webDist === undefined ? DEFAULT_WEB_DIST : webDist);
}
