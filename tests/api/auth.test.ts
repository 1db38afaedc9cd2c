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

  it('answers an unknown email and a wrong password alike, and throttles by email', async () => {
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
    // 4 more wrong attempts from different addresses use up the email's bucket of 5.
    for (let i = 0; i < 4; i++) {
      await expect(app.callerFor(null, `10.2.0.${i}`).auth.signIn({ email: alice.email, password: 'nope-nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(
      app.callerFor(null, '10.3.0.1').auth.signIn({ email: alice.email, password: 'correct horse battery' }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
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
