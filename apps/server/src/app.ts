import type { Socket } from 'node:net';
/**
 * The HTTP server: tRPC under /trpc, the built web client (a Vite SPA) everywhere else.
 *
 * Order of defences for a request to /trpc:
 *   1. security headers (helmet),
 *   2. CSRF: every non-GET/HEAD request must be same-origin and application/json (csrf.ts),
 *   3. rate limits per client address: a generous one for all of /trpc and a strict one
 *      for sign-in / sign-up (on top of the per-email throttle inside the procedures),
 *   4. tRPC, with the session read from the HttpOnly `session` cookie.
 * All of this runs in onRequest hooks, before the body is parsed.
 */
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { appRouter, createContext, type AppRouter, type AppServices, type SessionCookieWriter } from '@coalition/api';
import { checkCsrf, isSafeMethod } from './csrf.ts';
import { codeForStatus, HttpError, isTrpcUrl, pathnameOf, statusText, TRPC_PREFIX, trpcErrorBody, trpcPaths } from './errors.ts';
import { DEFAULT_WEB_DIST } from './paths.ts';

export const SESSION_COOKIE = 'session';

/** Procedures that guess or create credentials: they get their own, much smaller bucket. */
export const AUTH_PROCEDURES = new Set(['auth.signIn', 'auth.signUp']);

export interface RateLimitOptions {
  /** Requests per window per client address on /trpc. */
  max: number;
  /** Requests per window per client address that call sign-in or sign-up. */
  authMax: number;
  timeWindowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, authMax: 30, timeWindowMs: 60_000 };

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
    if (!(payload instanceof Response) || !isTrpcUrl(request.url)) return payload;
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

  // ---- Rate limits on /trpc, per client address (request.ip: not spoofable unless trustProxy). ----
  const checkGeneral = app.createRateLimit({ max: limits.max, timeWindow: limits.timeWindowMs });
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
    const general = await checkGeneral(request);
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
  app.get('/healthz', async (_request, reply) => {
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
      setHeaders(reply, filePath) {
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

/** Exported for main.ts: whether a client build exists at the given folder. */
export function clientBuildExists(webDist?: string | null): boolean {
  return hasClientBuild(webDist === undefined ? DEFAULT_WEB_DIST : webDist);
}
