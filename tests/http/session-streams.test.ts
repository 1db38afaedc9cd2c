/**
 * A live stream ends with its session. The stream was authorized once, when it opened; after a
 * sign-out, a "sign out everywhere" (what someone does after a stolen session) or the session's
 * expiry, the old cookie gets 401 on queries — and its open stream must stop carrying changes too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_ENDED_MESSAGE } from '../../packages/api/src/routers/live.ts';
import { DEFAULT_LIVE_LIMITS } from '../../packages/api/src/presence.ts';
import { createTestApp } from '../support/harness.ts';
import { json, newAccount, openSse, post, SAME_ORIGIN, sessionCookieOf, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** One account signed in twice (two browsers), with a coalition and a stream open in the first. */
async function twoSessionsAndAStream(server: RunningServer) {
  const account = newAccount('Stolen');
  const signUp = await post(server.base, 'auth.signUp', account);
  const first = sessionCookieOf(signUp)!.cookie;
  await signUp.text();
  const signIn = await post(server.base, 'auth.signIn', { email: account.email, password: account.password });
  const second = sessionCookieOf(signIn)!.cookie;
  await signIn.text();
  const created = await post(server.base, 'coalition.create', { name: 'Live', goal: 'A goal', goalDate: '2030-01-01' }, { ...SAME_ORIGIN, cookie: first });
  const coalitionId = ((await json(created)).result.data as { id: string }).id;
  const stream = await openSse(server.base, { coalitionId, clientId: 'tab-one-abc' }, { cookie: first });
  await stream.until((events) => events.some((e) => e.json?.type === 'presence'));
  const addTrack = (cookie: string, name: string) => post(server.base, 'track.create', { coalitionId, name }, { ...SAME_ORIGIN, cookie });
  return { first, second, coalitionId, stream, addTrack };
}

const endedWith = (events: { event?: string; json?: any }[]) => events.find((e) => e.event === 'serialized-error')?.json;
const trackNames = (events: { json?: any }[]) => events.filter((e) => e.json?.type === 'change').map((e) => e.json.event.summary as string);

describe('a live stream ends with its session', () => {
  it('"sign out everywhere" from another browser ends the open stream at once', async () => {
    running = await startServer();
    const { first, second, stream, addTrack } = await twoSessionsAndAStream(running);
    expect((await addTrack(first, 'Before')).status).toBe(200);
    await stream.until((events) => trackNames(events).some((s) => s.includes('Before')));

    expect((await post(running.base, 'auth.signOutEverywhere', {}, { ...SAME_ORIGIN, cookie: second })).status).toBe(200);
    await stream.until((events) => endedWith(events) !== undefined, 2000);
    expect(endedWith(stream.events)).toMatchObject({ message: SESSION_ENDED_MESSAGE, data: { code: 'UNAUTHORIZED' } });

    // The server closed the stream: nothing after that reaches the stolen cookie.
    for (let i = 0; i < 200 && !stream.ended; i++) await new Promise((r) => setTimeout(r, 10));
    expect(stream.ended).toBe(true);
    expect((await addTrack(first, 'After')).status).toBe(401);
  });

  it('signing out in this browser ends its stream; another session of the same person keeps its own', async () => {
    running = await startServer();
    const { first, second, coalitionId, stream, addTrack } = await twoSessionsAndAStream(running);
    const other = await openSse(running.base, { coalitionId, clientId: 'tab-two-abc' }, { cookie: second });
    await other.until((events) => events.some((e) => e.json?.type === 'presence'));

    expect((await post(running.base, 'auth.signOut', {}, { ...SAME_ORIGIN, cookie: first })).status).toBe(200);
    await stream.until((events) => endedWith(events) !== undefined, 2000);
    expect(endedWith(stream.events).data.code).toBe('UNAUTHORIZED');

    // The other session is untouched: its stream still carries changes.
    expect((await addTrack(second, 'Still here')).status).toBe(200);
    await other.until((events) => trackNames(events).some((s) => s.includes('Still here')));
    expect(endedWith(other.events)).toBeUndefined();
    expect(trackNames(stream.events).some((s) => s.includes('Still here'))).toBe(false);
    await other.close();
    await stream.close();
  });

  it('a session that expires while its stream is open ends the stream on the next check', async () => {
    let now = Date.now();
    const app = createTestApp({ now: () => now, liveLimits: { ...DEFAULT_LIVE_LIMITS, sessionRecheckMs: 50 } });
    running = await startServer({ app });
    const { stream, second, addTrack } = await twoSessionsAndAStream(running);
    now += 31 * 24 * 60 * 60 * 1000; // past the 30-day sliding expiry: nobody signed out, the session lapsed
    await stream.until((events) => endedWith(events) !== undefined, 2000);
    expect(endedWith(stream.events).data.code).toBe('UNAUTHORIZED');
    await addTrack(second, 'Too late');
    await stream.close();
    expect(trackNames(stream.events).some((s) => s.includes('Too late'))).toBe(false);
  });
});
