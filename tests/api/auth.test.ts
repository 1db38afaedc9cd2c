import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '@coalition/db';
import { hashToken, SESSION_TTL_MS } from '@coalition/auth';
import { fieldErrorsOf } from '@coalition/api';
import { createTestApp } from '../support/harness.ts';

describe('accounts and sessions', () => {
  it('signs up, stores only the hash of the session token, and knows the current user', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    expect(alice.token).toMatch(/^[a-z2-7]{32}$/);
    const rows = app.db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(alice.token));
    expect(rows[0]!.id).not.toContain(alice.token);
    expect(await alice.caller.auth.me()).toMatchObject({ name: 'Alice' });
    expect(await app.anonymous.auth.me()).toBeNull();
  });

  it('refuses a second account for the same email in another case', async () => {
    const app = createTestApp();
    await app.anonymous.auth.signUp({ name: 'A', email: 'Focal@Example.org', password: 'password123' });
    await expect(
      app.callerFor(null, '10.9.9.9').auth.signUp({ name: 'B', email: 'focal@example.ORG', password: 'password123' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers an unknown email and a wrong password alike', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const wrong = app.callerFor(null, '10.1.1.1').auth.signIn({ email: alice.email, password: 'wrong password' });
    const unknown = app.callerFor(null, '10.1.1.2').auth.signIn({ email: 'nobody@example.org', password: 'wrong password' });
    const [a, b] = await Promise.allSettled([wrong, unknown]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    const ea = (a as PromiseRejectedResult).reason;
    const eb = (b as PromiseRejectedResult).reason;
    expect([ea.code, ea.message]).toEqual([eb.code, eb.message]);
    expect(ea.code).toBe('UNAUTHORIZED');
  });

  it('creates a new session on every sign-in and signs out of one or all', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const c = app.callerFor(null);
      let t = '';
      const { createCallerFactory, appRouter, createContext } = await import('@coalition/api');
      const caller = createCallerFactory(appRouter)(
        createContext(app.services, { clientAddress: '10.5.5.5', cookies: { set: (x) => void (t = x), clear() {} } }),
      );
      await caller.auth.signIn({ email: alice.email, password: 'correct horse battery' });
      tokens.push(t);
      void c;
    }
    expect(new Set([alice.token, ...tokens]).size).toBe(3);
    expect(app.db.select().from(sessions).all()).toHaveLength(3);
    await app.callerFor(tokens[0]!).auth.signOut();
    expect(await app.callerFor(tokens[0]!).auth.me()).toBeNull();
    expect(await app.callerFor(tokens[1]!).auth.me()).not.toBeNull();
    await app.callerFor(tokens[1]!).auth.signOutEverywhere();
    expect(app.db.select().from(sessions).all()).toHaveLength(0);
    expect(await alice.caller.auth.me()).toBeNull();
  });

  it('slides the expiry when under half is left, and ends expired sessions', async () => {
    let now = Date.UTC(2026, 0, 1);
    const app = createTestApp({ now: () => now });
    const alice = await app.signUp('Alice');
    const id = hashToken(alice.token);
    const first = app.db.select().from(sessions).where(eq(sessions.id, id)).get()!;
    now += 10 * 86_400_000; // 20 days left: no renewal
    await app.callerFor(alice.token).auth.me();
    expect(app.db.select().from(sessions).where(eq(sessions.id, id)).get()!.expiresAt).toBe(first.expiresAt);
    now += 10 * 86_400_000; // 10 days left: renewed to 30 days from now
    expect(await app.callerFor(alice.token).auth.me()).not.toBeNull();
    expect(app.db.select().from(sessions).where(eq(sessions.id, id)).get()!.expiresAt).toBe(now + SESSION_TTL_MS);
    now += SESSION_TTL_MS + 1;
    expect(await app.callerFor(alice.token).auth.me()).toBeNull();
    expect(app.db.select().from(sessions).all()).toHaveLength(0);
  });

  it('validates sign-up fields with a message per field', async () => {
    const app = createTestApp();
    const err = await app.anonymous.auth.signUp({ name: '', email: 'not-an-email', password: 'short' }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(Object.keys(fieldErrorsOf(err.cause) ?? {}).sort()).toEqual(['email', 'name', 'password']);
    expect(app.rowCounts().users).toBe(0);
  });
});

describe('sign-in throttling per client address', () => {
  it('refuses an address that tries many emails, while another address still gets in', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const attacker = app.callerFor(null, '203.0.113.7');
    // 20 attempts at once per address (each on a different email, so the per-email bucket never empties).
    for (let i = 0; i < 20; i++) {
      await expect(attacker.auth.signIn({ email: `victim${i}@example.org`, password: 'guess-guess' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(attacker.auth.signIn({ email: alice.email, password: 'correct horse battery' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    await expect(app.callerFor(null, '198.51.100.9').auth.signIn({ email: alice.email, password: 'correct horse battery' })).resolves.toMatchObject({
      name: 'Alice',
    });
  });
});

describe('sign-in throttling that strangers cannot turn into a lock-out', () => {
  const PASSWORD = 'correct horse battery';
  /** A caller from `address`, carrying `device` (a device cookie) and keeping the one it is given. */
  async function browser(app: ReturnType<typeof createTestApp>, address: string, device: string | null = null) {
    const { createCallerFactory, appRouter, createContext } = await import('@coalition/api');
    const jar = { device };
    const caller = () =>
      createCallerFactory(appRouter)(
        createContext(app.services, {
          clientAddress: address,
          deviceToken: jar.device,
          cookies: { set() {}, clear() {}, setDevice: (t) => void (jar.device = t) },
        }),
      );
    return { jar, signIn: (email: string, password: string) => caller().auth.signIn({ email, password }) };
  }

  it("six addresses failing on one account do not keep its owner out (the issue's attack)", async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    for (let round = 0; round < 5; round++) {
      for (let a = 1; a <= 6; a++) {
        const attacker = await browser(app, `203.0.113.${a}`);
        await expect(attacker.signIn(alice.email, `guess-${round}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      }
    }
    // Each attacking address is now stopped on this account…
    await expect((await browser(app, '203.0.113.1')).signIn(alice.email, PASSWORD)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // …while Alice, from her own address and a browser that never signed in, gets in.
    await expect((await browser(app, '198.51.100.20')).signIn(alice.email, PASSWORD)).resolves.toMatchObject({ name: 'Alice' });
  });

  it("past the account's overall ceiling strangers are refused, a browser that signed in before is not", async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const laptop = await browser(app, '198.51.100.20');
    await laptop.signIn(alice.email, PASSWORD);
    expect(laptop.jar.device).toMatch(/^[\w-]+\.[\w-]+$/);
    // The laptop's first sign-in and 49 wrong guesses from 49 addresses use up the account's
    // ceiling of 50 (the laptop signing in again meanwhile, with its cookie, neither takes nor refills).
    for (let a = 0; a < 49; a++) {
      await expect((await browser(app, `192.0.2.${a}`)).signIn(alice.email, 'guess-guess')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      if (a === 25) await laptop.signIn(alice.email, PASSWORD);
    }
    const stranger = await browser(app, '192.0.2.200');
    const refused = await stranger.signIn(alice.email, PASSWORD).catch((e) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/Sign in from a browser you have used before, or try again in \d+ (seconds|minutes)/);
    // Alice's laptop (device cookie) still gets in, even from a new address.
    const travelling = await browser(app, '100.64.0.9', laptop.jar.device);
    await expect(travelling.signIn(alice.email, PASSWORD)).resolves.toMatchObject({ name: 'Alice' });
    // The cookie is bound to her account: it opens no other account's ceiling.
    const bob = await app.signUp('Bob');
    for (let a = 0; a < 50; a++) await (await browser(app, `192.0.3.${a}`)).signIn(bob.email, 'guess-guess').catch(() => undefined);
    await expect((await browser(app, '100.64.0.9', laptop.jar.device)).signIn(bob.email, PASSWORD)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // A forged cookie neither.
    await expect((await browser(app, '100.64.0.10', 'forged.cookie')).signIn(alice.email, PASSWORD)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('one address guessing one account is stopped after 5 tries, with the wait in the message', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const attacker = await browser(app, '203.0.113.50');
    for (let i = 0; i < 5; i++) await expect(attacker.signIn(alice.email, `guess-${i}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const refused = await attacker.signIn(alice.email, PASSWORD).catch((e) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/Try again in \d+ seconds/);
  });
});
