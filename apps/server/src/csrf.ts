/**
 * Cross-site request forgery defence for every state-changing request.
 *
 * A request that is not GET or HEAD is accepted only when
 *  (a) the browser says it comes from this very origin: `Sec-Fetch-Site: same-origin`, or,
 *      for clients that do not send fetch metadata, an `Origin` header equal to the
 *      server's own origin (from the Host header and protocol, or the configured public
 *      URL). A request with neither header is refused; and
 *  (b) its body is declared `application/json`. The "simple" content types a cross-site
 *      form can send without a CORS preflight (text/plain, multipart/form-data,
 *      application/x-www-form-urlencoded), and anything else, are refused; tRPC would
 *      otherwise accept multipart/form-data.
 *
 * The check runs in an onRequest hook, before the body is parsed and before tRPC sees the
 * request, so a refused request executes nothing.
 */
import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** `scheme://host[:port]` normalised (lower case, default port dropped), or null. */
export function normalizeOrigin(value: string | undefined | null): string | null {
  if (!value || value === 'null') return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origins this server answers as: the one the request was addressed to, and the public URL. */
export function ownOrigins(request: FastifyRequest, publicUrl: string | undefined): Set<string> {
  const origins = new Set<string>();
  const fromHost = request.host ? normalizeOrigin(`${request.protocol}://${request.host}`) : null;
  if (fromHost) origins.add(fromHost);
  const fromPublic = normalizeOrigin(publicUrl);
  if (fromPublic) origins.add(fromPublic);
  return origins;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The media type of a Content-Type header, without parameters, lower case. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export type CsrfVerdict = { ok: true } | { ok: false; status: 403; message: string };

/**
 * Paths whose POST carries its own credential in the URL and acts only on it, so a cross-site
 * POST is what it is for: the one-click unsubscribe that mail clients send (RFC 8058).
 */
const TOKEN_POSTS = new Set(['/unsubscribe']);

export function checkCsrf(request: FastifyRequest, publicUrl: string | undefined): CsrfVerdict {
  if (isSafeMethod(request.method)) return { ok: true };
  if (request.method === 'POST' && TOKEN_POSTS.has(request.url.split('?')[0]!)) return { ok: true };

  const fetchSite = header(request, 'sec-fetch-site')?.trim().toLowerCase();
  const origin = header(request, 'origin');
  let sameOrigin: boolean;
  if (fetchSite !== undefined) {
    // The browser told us where the request comes from; nothing else can override it.
    sameOrigin = fetchSite === 'same-origin';
  } else if (origin !== undefined) {
    const normalized = normalizeOrigin(origin);
    sameOrigin = normalized !== null && ownOrigins(request, publicUrl).has(normalized);
  } else {
    sameOrigin = false;
  }
  if (!sameOrigin) {
    return { ok: false, status: 403, message: 'Cross-site request refused' };
  }

  if (mediaType(header(request, 'content-type')) !== 'application/json') {
    return { ok: false, status: 403, message: 'State-changing requests must be sent as application/json' };
  }
  return { ok: true };
}
