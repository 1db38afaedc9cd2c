/**
 * Live-update streams: GET /trpc/live.events (see below), and cutting them on shutdown.
 */
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { getTRPCErrorFromUnknown, isTrackedEnvelope, TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { appRouter, createCallerFactory, type AppRouter, type Context } from '@coalition/api';
import { pathnameOf, TRPC_PREFIX } from './errors.ts';

/**
 * Live-update streams never end by themselves: on close, cut them at once so clients
 * reconnect (and catch up) straight away instead of waiting for a forced shutdown.
 */
export function cutLiveStreamsOnClose(app: FastifyInstance) {
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

export function registerLiveStream(app: FastifyInstance, contextOf: (request: FastifyRequest, reply: FastifyReply) => Context, onError: TrpcOnError) {
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
    let ctx: Context | undefined;
    let iterable: AsyncIterable<unknown> | undefined;
    let failure: TRPCError | undefined;
    try {
      const raw = url.searchParams.get('input');
      input = raw === null ? undefined : config.transformer.input.deserialize(JSON.parse(raw));
      if (lastEventIdParam) input = typeof input === 'object' && input !== null ? { ...input, lastEventId: lastEventIdParam } : (input ?? { lastEventId: lastEventIdParam });
      ctx = contextOf(request, reply);
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
