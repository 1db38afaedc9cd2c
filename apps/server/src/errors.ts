/**
 * Errors the HTTP layer raises itself (cross-site refusal, rate limit, not found), shaped
 * like tRPC errors so the web client shows them the same way as errors from procedures.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** An error whose message is written for the client and safe to show in production. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: TRPC_ERROR_CODE_KEY,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const TRPC_PREFIX = '/trpc';

export function pathnameOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function isTrpcUrl(url: string): boolean {
  const pathname = pathnameOf(url);
  return pathname === TRPC_PREFIX || pathname.startsWith(`${TRPC_PREFIX}/`);
}

/**
 * The procedure paths a tRPC URL names (`/trpc/a.b,c.d?batch=1` → ['a.b', 'c.d']), or null
 * when the URL cannot be decoded.
 */
export function trpcPaths(url: string): string[] | null {
  const pathname = pathnameOf(url);
  if (!pathname.startsWith(`${TRPC_PREFIX}/`)) return [];
  try {
    return decodeURIComponent(pathname.slice(TRPC_PREFIX.length + 1)).split(',');
  } catch {
    return null;
  }
}

function isBatch(url: string): boolean {
  const q = url.indexOf('?');
  return q !== -1 && new URLSearchParams(url.slice(q + 1)).get('batch') === '1';
}

/** A tRPC-shaped error body: one envelope, or one per call for a batched request. */
export function trpcErrorBody(request: FastifyRequest, statusCode: number, code: TRPC_ERROR_CODE_KEY, message: string) {
  const envelope = { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: statusCode } } };
  if (!isBatch(request.url)) return envelope;
  const count = Math.max(1, Math.min(trpcPaths(request.url)?.length ?? 1, 100));
  return Array.from({ length: count }, () => envelope);
}

/** The tRPC error code that matches an HTTP status. */
export function codeForStatus(status: number): TRPC_ERROR_CODE_KEY {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_SUPPORTED';
    case 408:
      return 'TIMEOUT';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 422:
      return 'UNPROCESSABLE_CONTENT';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  }
}

export const statusText = (status: number) => STATUS_CODES[status] ?? 'Error';

/** Answers with `error` in tRPC's error shape, never cached. */
export function sendTrpcError(request: FastifyRequest, reply: FastifyReply, error: HttpError) {
  return reply
    .code(error.statusCode)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(trpcErrorBody(request, error.statusCode, error.code, error.message));
}
