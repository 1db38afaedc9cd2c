/**
 * Only the app's own host names are answered in production. A DNS-rebinding page at
 * `evil.example` that resolves to the machine running the planner sends `Host: evil.example`
 * and, to the browser, same-origin requests: it gets 421 before anything runs — no sign-up, no
 * mutation with a stolen cookie, no read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hostAllowed, hostPolicyFromEnv } from '../../apps/server/src/hosts.ts';
import { newAccount, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const rebinding = (host: string) => ({ host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });

describe('the Host header', () => {
  it('refuses another host with 421 before any procedure runs; its own host works', async () => {
    running = await startServer({ hostPolicy: { hosts: new Set(['planner.example.org']) } });
    const users = () => running!.app.rowCounts().users!;
    const before = users();
    const account = newAccount('Rebound');

    const signUp = await running.server.inject({ method: 'POST', url: '/trpc/auth.signUp', headers: rebinding('evil.example'), payload: account });
    expect(signUp.statusCode).toBe(421);
    expect(signUp.json().message).toContain('does not answer for the host "evil.example"');
    expect(users()).toBe(before);

    const read = await running.server.inject({ method: 'GET', url: '/trpc/auth.me', headers: { host: 'evil.example' } });
    expect(read.statusCode).toBe(421);
    // A page of the client, too (the rebinding page could otherwise frame or read it).
    expect((await running.server.inject({ method: 'GET', url: '/', headers: { host: 'evil.example', accept: 'text/html' } })).statusCode).toBe(421);

    const ok = await running.server.inject({ method: 'POST', url: '/trpc/auth.signUp', headers: rebinding('planner.example.org'), payload: account });
    expect(ok.statusCode).toBe(200);
    expect(users()).toBe(before + 1);
  });

  it('answers the health checks whatever the host (orchestrators probe by address)', async () => {
    running = await startServer({ hostPolicy: { hosts: new Set(['planner.example.org']) } });
    expect((await running.server.inject({ method: 'GET', url: '/healthz', headers: { host: '10.0.0.7:3000' } })).statusCode).toBe(200);
  });
});

describe('the policy from the environment', () => {
  it('is off in development, unless ALLOWED_HOSTS is set', () => {
    expect(hostPolicyFromEnv({}, 'http://localhost:3000')).toBeNull();
    expect(hostPolicyFromEnv({ ALLOWED_HOSTS: 'planner.lan' }, 'http://localhost:3000')).not.toBeNull();
  });

  it('in production accepts PUBLIC_URL’s host and ALLOWED_HOSTS, nothing else', () => {
    const policy = hostPolicyFromEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://planner.example.org', ALLOWED_HOSTS: 'intranet.lan:8080, https://alias.example.org' }, 'https://planner.example.org')!;
    for (const host of ['planner.example.org', 'PLANNER.example.org', 'intranet.lan:8080', 'alias.example.org']) expect(hostAllowed(policy, host), host).toBe(true);
    for (const host of ['evil.example', 'planner.example.org:8443', 'intranet.lan', 'localhost:3000', '127.0.0.1', 'planner.example.org.evil.example']) expect(hostAllowed(policy, host), host).toBe(false);
  });

  it('a loopback PUBLIC_URL is the machine under all its loopback names, on that port', () => {
    const policy = hostPolicyFromEnv({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' }, 'http://localhost:3000')!;
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) expect(hostAllowed(policy, host), host).toBe(true);
    for (const host of ['127.0.0.1:3001', 'evil.example:3000']) expect(hostAllowed(policy, host), host).toBe(false);
  });

  it('without PUBLIC_URL (a local install) the loopback names on any port, never a foreign name', () => {
    const policy = hostPolicyFromEnv({ NODE_ENV: 'production' }, 'http://localhost:3000')!;
    for (const host of ['localhost:3000', '127.0.0.1:41234', '[::1]:5000', 'localhost']) expect(hostAllowed(policy, host), host).toBe(true);
    for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io']) expect(hostAllowed(policy, host), host).toBe(false);
  });
});

describe('request body size', () => {
  it('refuses a body over 8 MB with 413 and a message saying so, before any procedure runs', async () => {
    running = await startServer();
    const before = running.app.rowCounts().users!;
    const huge = JSON.stringify({ ...newAccount('Huge'), name: 'x'.repeat(9 * 1024 * 1024) });
    const res = await fetch(`${running.base}/trpc/auth.signUp`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(JSON.stringify(body)).toMatch(/too large/i);
    expect(running.app.rowCounts().users).toBe(before);
  });
});
