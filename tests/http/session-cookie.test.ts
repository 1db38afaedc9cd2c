import { afterEach, describe, expect, it } from 'vitest';
import { json, newAccount, post, query, SAME_ORIGIN, sessionCookieOf, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function attributes(setCookie: string): Map<string, string> {
  const parts = setCookie.split(';').map((p) => p.trim());
  return new Map(
    parts.slice(1).map((p) => {
      const eq = p.indexOf('=');
      return eq === -1 ? [p.toLowerCase(), ''] : [p.slice(0, eq).toLowerCase(), p.slice(eq + 1)];
    }),
  );
}

describe('device cookie over HTTP', () => {
  it('a successful sign-in leaves an HttpOnly, SameSite=Strict device cookie for /trpc that opens the account past its ceiling', async () => {
    running = await startServer();
    const account = newAccount('Device Tester');
    await (await post(running.base, 'auth.signUp', account)).text();
    const res = await post(running.base, 'auth.signIn', { email: account.email, password: account.password });
    expect(res.status).toBe(200);
    const header = res.headers.getSetCookie().find((c) => c.startsWith('device='))!;
    const attrs = attributes(header);
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('samesite')).toBe('Strict');
    expect(attrs.get('path')).toBe('/trpc');
    expect(Number(attrs.get('max-age'))).toBeGreaterThan(90 * 86400);
    const device = header.split(';')[0]!;
    // Strangers use up the account's overall ceiling…
    const throttles = running.app.services.throttles;
    while (throttles.signInByEmail.consume(account.email)) {
      /* drained */
    }
    expect((await post(running.base, 'auth.signIn', { email: account.email, password: account.password })).status).toBe(429);
    // …and this browser still gets in.
    expect((await post(running.base, 'auth.signIn', { email: account.email, password: account.password }, { ...SAME_ORIGIN, cookie: device })).status).toBe(200);
  });
});

describe('session cookie over HTTP', () => {
  it('sign-up sets an HttpOnly, SameSite=Lax, Path=/ cookie without Secure on plain http', async () => {
    running = await startServer();
    const res = await post(running.base, 'auth.signUp', newAccount('Cookie Tester'));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.result.data).toMatchObject({ name: 'Cookie Tester' });
    // The token is never in the body.
    const session = sessionCookieOf(res)!;
    expect(session).not.toBeNull();
    expect(JSON.stringify(body)).not.toContain(session.token);
    expect(session.token).toMatch(/^[a-z2-7]{32}$/);
    const attrs = attributes(session.header);
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('samesite')).toBe('Lax');
    expect(attrs.get('path')).toBe('/');
    expect(attrs.has('secure')).toBe(false);
    const expires = Date.parse(attrs.get('expires')!);
    expect(expires).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('auth.me with the cookie returns the user; without it, null', async () => {
    running = await startServer();
    const signUp = await post(running.base, 'auth.signUp', newAccount('Me Tester'));
    const { cookie } = sessionCookieOf(signUp)!;

    const me = await query(running.base, 'auth.me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect((await json(me)).result.data).toMatchObject({ name: 'Me Tester' });

    const anonymous = await query(running.base, 'auth.me');
    expect((await json(anonymous)).result.data).toBeNull();

    // Batched GET, as the web client sends it.
    const batched = await fetch(
      `${running.base}/trpc/auth.me,coalition.templates?batch=1&input=${encodeURIComponent('{}')}`,
      { headers: { cookie } },
    );
    expect(batched.status).toBe(200);
    const [a, b] = await json(batched);
    expect(a.result.data).toMatchObject({ name: 'Me Tester' });
    expect(Array.isArray(b.result.data)).toBe(true);
  });

  it('sign-out clears the cookie and ends the session on the server', async () => {
    running = await startServer();
    const signUp = await post(running.base, 'auth.signUp', newAccount('Leaver'));
    const { cookie } = sessionCookieOf(signUp)!;

    const out = await post(running.base, 'auth.signOut', {}, { ...SAME_ORIGIN, cookie });
    expect(out.status).toBe(200);
    const cleared = sessionCookieOf(out)!;
    expect(cleared.token).toBe('');
    const attrs = attributes(cleared.header);
    expect(attrs.get('max-age')).toBe('0');
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('path')).toBe('/');

    // The old token is dead even if a client keeps sending it; the server clears it again.
    const me = await query(running.base, 'auth.me', undefined, { cookie });
    expect((await json(me)).result.data).toBeNull();
    expect(sessionCookieOf(me)?.token).toBe('');
  });

  it('sign-in over HTTP starts a fresh session', async () => {
    running = await startServer();
    const account = newAccount('Returning');
    const signUp = await post(running.base, 'auth.signUp', account);
    const first = sessionCookieOf(signUp)!.token;
    const signIn = await post(running.base, 'auth.signIn', { email: account.email, password: account.password });
    expect(signIn.status).toBe(200);
    const second = sessionCookieOf(signIn)!.token;
    expect(second).not.toBe(first);
    const me = await query(running.base, 'auth.me', undefined, { cookie: `session=${second}` });
    expect((await json(me)).result.data).toMatchObject({ name: 'Returning' });

    const wrong = await post(running.base, 'auth.signIn', { email: account.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it('marks the cookie Secure behind a trusted https proxy, and only then', async () => {
    running = await startServer({ trustProxy: true });
    const res = await post(running.base, 'auth.signUp', newAccount('Proxied'), {
      'content-type': 'application/json',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'plan.example.org',
      origin: 'https://plan.example.org',
    });
    expect(res.status).toBe(200);
    const attrs = attributes(sessionCookieOf(res)!.header);
    expect(attrs.has('secure')).toBe(true);
    expect(attrs.has('httponly')).toBe(true);
    await running.close();

    // Without trustProxy the forwarded headers are ignored: no Secure, and the forwarded
    // host is not accepted as our own origin.
    running = await startServer({ trustProxy: false });
    const spoofed = await post(running.base, 'auth.signUp', newAccount('Spoofed'), {
      'content-type': 'application/json',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'plan.example.org',
      origin: 'https://plan.example.org',
    });
    expect(spoofed.status).toBe(403);
    const plain = await post(running.base, 'auth.signUp', newAccount('Plain'), {
      ...SAME_ORIGIN,
      'x-forwarded-proto': 'https',
    });
    expect(plain.status).toBe(200);
    expect(attributes(sessionCookieOf(plain)!.header).has('secure')).toBe(false);
  });

  it('clears a cookie that carries an unknown session', async () => {
    running = await startServer();
    const res = await query(running.base, 'auth.me', undefined, { cookie: 'session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(res.status).toBe(200);
    expect((await json(res)).result.data).toBeNull();
    expect(sessionCookieOf(res)?.token).toBe('');
  });
});
