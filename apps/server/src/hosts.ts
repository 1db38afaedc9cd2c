/**
 * The hosts this server answers for. In production only the public URL's host (and any in
 * ALLOWED_HOSTS) is accepted: a request addressed to another name — a DNS-rebinding page at
 * `evil.example` that resolves to this machine, whose requests carry `Host: evil.example` and,
 * to the browser, look same-origin — gets 421 before anything runs. The CSRF check then accepts
 * only origins of these hosts. `/healthz` and `/readyz` answer whatever the host (orchestrators
 * probe by address) and reveal nothing. Without PUBLIC_URL (a local install) the loopback names
 * are accepted on any port — a rebinding page's own host name is still refused.
 */
import type { FastifyInstance } from 'fastify';
import { pathnameOf } from './errors.ts';

export interface HostPolicy {
  /** Lower-case `host[:port]` as browsers send it (no port for 80/443). */
  hosts: Set<string>;
  /** Also localhost, 127.0.0.1 and [::1] on any port (no PUBLIC_URL set: a local install). */
  loopback?: boolean;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** Is `host` (`name[:port]`) allowed by `policy`? */
export function hostAllowed(policy: HostPolicy, host: string): boolean {
  const h = host.toLowerCase();
  if (policy.hosts.has(h)) return true;
  if (!policy.loopback) return false;
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0]!;
  return LOOPBACK.includes(name);
}

/** `host[:port]` of a URL (default ports dropped, lower case), or null. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The policy from the environment: enforced in production (NODE_ENV=production) or whenever
 * ALLOWED_HOSTS is set; null (any host) otherwise, as in development behind Vite's proxy.
 * ALLOWED_HOSTS is a comma-separated list of `host[:port]` or URLs, added to PUBLIC_URL's host.
 */
export function hostPolicyFromEnv(env: Record<string, string | undefined>, publicUrl: string): HostPolicy | null {
  const extra = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (env.NODE_ENV !== 'production' && extra.length === 0) return null;
  const hosts = new Set<string>();
  const own = hostOf(publicUrl);
  if (own) {
    hosts.add(own);
    // A loopback public URL is the same machine under any of its loopback names.
    const url = new URL(publicUrl);
    if (LOOPBACK.includes(url.hostname.toLowerCase())) for (const name of LOOPBACK) hosts.add(url.port ? `${name}:${url.port}` : name);
  }
  for (const h of extra) {
    const host = h.includes('://') ? hostOf(h) : hostOf(`http://${h}`);
    if (host) hosts.add(host);
  }
  return { hosts, loopback: env.PUBLIC_URL === undefined };
}

const UNCHECKED = new Set(['/healthz', '/readyz']);

export function registerHostCheck(app: FastifyInstance, policy: HostPolicy) {
  app.addHook('onRequest', async (request, reply) => {
    if (UNCHECKED.has(pathnameOf(request.url))) return;
    const host = (request.host ?? '').toLowerCase();
    if (hostAllowed(policy, host)) return;
    request.log.warn({ host }, 'request for a host this server does not answer for');
    return reply
      .code(421)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        statusCode: 421,
        error: 'Misdirected Request',
        message: `This server does not answer for the host "${host.slice(0, 100)}". Use its public address.`,
      });
  });
}
