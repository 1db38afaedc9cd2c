/**
 * tRPC over HTTP at /trpc/:path.
 *
 * Reads sent with GET — the browser's batched queries (`?batch=1`) and single ones — are
 * answered here: the same procedures (input parsing, session, membership and role checks, the
 * AppError mapping all run inside them), the same context, the same error shapes
 * (`getErrorShape` with the router's formatter), statuses (`getHTTPStatusCode`) and wire format
 * as tRPC's fetch adapter, whose tests the HTTP suite runs against this route. What it saves is
 * the adapter's translation of every request into a fetch `Request` and every answer into a
 * fetch `Response` (abort signals, web streams, a buffered body): about two thirds of the CPU a
 * one-row query cost (see `pnpm bench`).
 *
 * Everything else — mutations, streaming batches (`trpc-accept: application/jsonl`), unknown
 * paths, a subscription, malformed input, an oversized batch — goes to tRPC's own Fastify
 * handler unchanged, which also answers every refusal of those.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyRequestHandler, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { getErrorShape, getTRPCErrorFromUnknown, transformTRPCResponse, type AnyTRPCProcedure } from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import { appRouter, isSharedResult, type AppRouter, type Context } from '@coalition/api';

export type TrpcOptions = FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];

interface TrpcRouteOptions {
  options: TrpcOptions;
  /** The context of one request (the session from its cookie, cookie writers on its reply). */
  contextOf: (request: FastifyRequest, reply: FastifyReply) => Context;
  maxBatchSize: number;
}

const config = appRouter._def._config;
// At run time a flat record keyed by dotted path (the type describes the nested router).
const procedures = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;

type CallResult = { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };

/** Registers the route in its own scope (tRPC reads request bodies itself, as its plugin does). Mount with a prefix. */
export function trpcRoute({ options, contextOf, maxBatchSize }: TrpcRouteOptions) {
  return async (scope: FastifyInstance) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.removeContentTypeParser('multipart/form-data');
    scope.addContentTypeParser('multipart/form-data', {}, (_request, body, done) => done(null, body));

    scope.all('/:path', async (request, reply) => {
      const path = (request.params as { path: string }).path;
      if (request.method === 'GET' && (await answerQueries(request, reply, path))) return reply;
      await fastifyRequestHandler({ ...options, req: request, res: reply, path });
      return reply;
    });
  };

  /** Answers a GET of queries; false (nothing sent) when it is anything the adapter should handle. */
  async function answerQueries(request: FastifyRequest, reply: FastifyReply, pathParam: string): Promise<boolean> {
    if (wantsStream(request)) return false;
    const query = request.query as Record<string, string | string[] | undefined>;
    const batch = query.batch === '1';
    const paths = batch ? pathParam.split(',') : [pathParam];
    if (paths.length > maxBatchSize) return false;
    const calls: AnyTRPCProcedure[] = [];
    for (const path of paths) {
      const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
      if (!procedure || procedure._def.type !== 'query') return false;
      calls.push(procedure);
    }
    const inputs = readInputs(query.input, batch, paths.length);
    if (inputs === undefined) return false;

    const ctx = contextOf(request, reply);
    const results = await Promise.all(
      calls.map(async (procedure, index): Promise<CallResult> => {
        const path = paths[index]!;
        const input = inputs[index];
        try {
          const data = await procedure({ path, getRawInput: async () => input, ctx, type: 'query', signal: undefined, batchIndex: index });
          return { result: { data } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError?.({ error, path, input, ctx, type: 'query', req: request });
          return { error: getErrorShape({ config, ctx, error, input, path, type: 'query' }) };
        }
      }),
    );
    const parts = results.map(serializeResult);
    reply
      .code(getHTTPStatusCode(results))
      .header('vary', 'trpc-accept, accept')
      .header('content-type', 'application/json')
      .send(batch ? `[${parts.join(',')}]` : parts[0]!);
    return true;
  }
}

/**
 * One call's answer as `JSON.stringify(transformTRPCResponse(config, item))` would write it; a
 * shared result (a cached dashboard: the same object for every reader until the plan changes)
 * is serialized once, not once per request.
 */
const serializedShared = new WeakMap<object, string>();
function serializeResult(item: CallResult): string {
  if ('error' in item) return JSON.stringify(transformTRPCResponse(config, item));
  const { data } = item.result;
  if (data === undefined) return '{"result":{}}';
  const serialize = () => JSON.stringify(config.transformer.output.serialize(data));
  if (!isSharedResult(data)) return `{"result":{"data":${serialize()}}}`;
  let text = serializedShared.get(data);
  if (text === undefined) serializedShared.set(data, (text = serialize()));
  return `{"result":{"data":${text}}}`;
}

/** tRPC's streaming batch (`httpBatchStreamLink`): left to the adapter. */
function wantsStream(request: FastifyRequest): boolean {
  const accept = request.headers['trpc-accept'];
  if (accept !== undefined) return accept === 'application/jsonl';
  return (request.headers.accept ?? '').split(',').some((type) => type.trim() === 'application/jsonl');
}

/**
 * The deserialized input of each call, as tRPC reads it; undefined when the adapter should
 * answer instead (not JSON, or a batch whose input is not an object).
 */
function readInputs(raw: string | string[] | undefined, batch: boolean, count: number): unknown[] | undefined {
  if (Array.isArray(raw)) return undefined;
  let parsed: unknown;
  if (raw) {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const inputs: unknown[] = new Array(count).fill(undefined);
  if (parsed === undefined) return inputs;
  if (!batch) {
    inputs[0] = config.transformer.input.deserialize(parsed);
    return inputs;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const byIndex = parsed as Record<string, unknown>;
  for (let index = 0; index < count; index++) {
    const input = byIndex[index];
    if (input !== undefined) inputs[index] = config.transformer.input.deserialize(input);
  }
  return inputs;
}
