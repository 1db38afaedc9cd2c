/**
 * Live updates (tRPC subscription over server-sent events) through the real server: the
 * stream is neither buffered nor compressed, changes arrive as they commit, and closing the
 * stream frees the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_LIMITS, PresenceRegistry } from '../../packages/api/src/presence.ts';
import { tooManyStreamsMessage } from '../../packages/api/src/routers/live.ts';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';
import { eventually, json, newAccount, openSse, post, SAME_ORIGIN, sessionCookieOf, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Reads SSE `data:` payloads from a fetch body until `until` is satisfied. */
async function readEvents(res: Response, until: (events: unknown[]) => boolean, timeoutMs = 5000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events)) {
    if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events)}`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (data) events.push(JSON.parse(data));
    }
  }
  reader.releaseLock();
  return events;
}

describe('live updates over SSE', () => {
  it('streams presence and committed changes, uncompressed', async () => {
    running = await startServer();
    const signUp = await post(running.base, 'auth.signUp', newAccount('Streamer'));
    const { cookie } = sessionCookieOf(signUp)!;
    await signUp.text();
    const created = await post(
      running.base,
      'coalition.create',
      { name: 'Live coalition', goal: 'A goal', goalDate: '2030-01-01' },
      { ...SAME_ORIGIN, cookie },
    );
    const coalition = (await json(created)).result.data as { id: string; version: number };

    const controller = new AbortController();
    const input = encodeURIComponent(JSON.stringify({ coalitionId: coalition.id, clientId: 'test-client-1' }));
    const stream = await fetch(`${running.base}/trpc/live.events?input=${input}`, {
      headers: { cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, br' },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-encoding')).toBeNull();

    const first = await readEvents(stream, (e) => e.some((x) => (x as { type?: string }).type === 'presence'));
    expect(first).toContainEqual(expect.objectContaining({ type: 'presence' }));

    const update = await post(
      running.base,
      'coalition.update',
      { coalitionId: coalition.id, version: coalition.version, description: 'Now live' },
      { ...SAME_ORIGIN, cookie },
    );
    expect(update.status).toBe(200);
    await update.text();

    const next = await readEvents(stream, (e) => e.some((x) => (x as { type?: string }).type === 'change'));
    expect(next).toContainEqual(
      expect.objectContaining({ type: 'change', event: expect.objectContaining({ action: 'coalition.updated' }) }),
    );

    controller.abort();
    const t0 = Date.now();
    await running.close();
    running = undefined;
    // Open streams are cut at once on shutdown (not left to their 10 s ping).
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses the stream to a signed-out client', async () => {
    running = await startServer();
    const input = encodeURIComponent(JSON.stringify({ coalitionId: 'a'.repeat(20), clientId: 'test-client-2' }));
    const res = await fetch(`${running.base}/trpc/live.events?input=${input}`, { headers: { accept: 'text/event-stream' } });
    const text = await res.text();
    expect(text).toMatch(/UNAUTHORIZED|Sign in/);
  });
});

/** A coalition with its owner and `n` viewers (made through the API, not over HTTP). */
async function coalitionWithMembers(app: TestApp, n: number) {
  const owner = await app.signUp('Owner Olga');
  const c = await owner.caller.coalition.create({ name: 'Live', goal: 'G', goalDate: '2030-01-01', description: '' });
  const members: TestUser[] = [];
  for (let i = 0; i < n; i++) {
    const user = await app.signUp(`Member ${i}`);
    const { link } = await owner.caller.invitation.create({ coalitionId: c.id, email: user.email, role: 'viewer' });
    await user.caller.invitation.accept({ token: link.split('/invite/')[1]! });
    members.push(user);
  }
  return { owner, members, users: [owner, ...members], coalitionId: c.id };
}
const cookieOf = (user: TestUser) => ({ cookie: `session=${user.token}` });
let clientSeq = 0;
const clientId = () => `http-client-${++clientSeq}`;
const isPresence = (m: { type?: string }) => m.type === 'presence' || m.type === 'presenceDiff';

describe('live streams at scale', () => {
  it('sends each stream one presence snapshot, then diffs: messages grow linearly with streams', async () => {
    // Presence windows end when the test says (flush): exact counts.
    const app = createTestApp({ presence: new PresenceRegistry({ batchMs: 60_000 }) });
    const { users, members, coalitionId } = await coalitionWithMembers(app, 4);
    running = await startServer({ app });
    const base = running.base;
    // 5 users × 10 tabs, all at once.
    const streams = await Promise.all(Array.from({ length: 50 }, (_, i) => openSse(base, { coalitionId, clientId: clientId() }, cookieOf(users[i % 5]!))));
    await Promise.all(streams.map((s) => s.until(() => s.messages().some(isPresence))));
    app.services.presence.flush();
    await Promise.all(streams.map((s) => s.until(() => s.messages().filter(isPresence).length === 2)));
    await new Promise((r) => setTimeout(r, 50));
    const presence = streams.flatMap((s) => s.messages().filter(isPresence));
    // 50 snapshots + 50 diffs; one full list per join per stream would be 50 × 51 / 2 = 1275.
    expect(presence).toHaveLength(100);
    for (const s of streams) expect(s.messages().filter(isPresence).map((m) => m.type)).toEqual(['presence', 'presenceDiff']);
    // Every stream now holds all 5 users.
    const held = (s: (typeof streams)[number]) => {
      const map = new Map<string, unknown>();
      for (const m of s.messages().filter(isPresence)) {
        if (m.type === 'presence') for (const u of m.users) map.set(u.userId, u);
        else {
          for (const id of m.remove) map.delete(id);
          for (const u of m.upsert) map.set(u.userId, u);
        }
      }
      return map;
    };
    for (const s of streams) expect(held(s).size).toBe(5);

    // A move arrives as a diff naming only the one who moved.
    const milestoneId = 'abcdefghijklmnopqrst';
    const mover = members[0]!;
    const moverStream = streams[1]!;
    const moverClientId = JSON.parse(decodeURIComponent(new URL(moverStream.res.url).searchParams.get('input')!)).clientId as string;
    const moved = await post(base, 'live.setLocation', { coalitionId, clientId: moverClientId, milestoneId }, { ...SAME_ORIGIN, ...cookieOf(mover) });
    expect((await json(moved)).result.data).toEqual({ ok: true });
    app.services.presence.flush();
    await streams[0]!.until(() => streams[0]!.messages().filter(isPresence).length === 3);
    expect(streams[0]!.messages().at(-1)).toEqual({ type: 'presenceDiff', upsert: [{ userId: mover.id, name: mover.name, milestoneIds: [milestoneId] }], remove: [] });

    // A leave (all of one user's tabs closed) arrives as a diff removing them.
    const leaver = members[3]!;
    await Promise.all(streams.filter((_, i) => users[i % 5] === leaver).map((s) => s.close()));
    await eventually(() => app.services.streams.openForUser(leaver.id) === 0);
    app.services.presence.flush();
    await streams[0]!.until(() => streams[0]!.messages().filter(isPresence).length === 4);
    expect(streams[0]!.messages().at(-1)).toEqual({ type: 'presenceDiff', upsert: [], remove: [leaver.id] });
    await Promise.all(streams.map((s) => s.close()));
  }, 60_000);

  it('speaks tRPC\'s SSE: connected first, tracked changes carry their id, and a resume replays what was missed', async () => {
    const app = createTestApp({ presence: new PresenceRegistry({ batchMs: 60_000 }) });
    const { owner, users, coalitionId } = await coalitionWithMembers(app, 1);
    running = await startServer({ app });
    const a = await openSse(running.base, { coalitionId, clientId: clientId() }, cookieOf(users[1]!));
    await a.until((e) => e.some((x) => x.json?.type === 'presence'));
    expect(a.events[0]).toMatchObject({ event: 'connected', json: { reconnectAfterInactivityMs: 20_000 } });
    expect(a.events[1]!.json).toMatchObject({ type: 'presence' });
    expect([a.events[1]!.event, a.events[1]!.id]).toEqual([undefined, undefined]);

    await owner.caller.coalition.update({ coalitionId, version: 1, name: 'One' });
    await a.until((e) => e.some((x) => x.json?.type === 'change'));
    const change = a.events.find((x) => x.json?.type === 'change')!;
    expect(change.id).toBe(String(change.json.event.id));
    // An untracked message after a tracked one clears the id, then restores it (as tRPC does).
    app.services.presence.flush();
    await a.until((e) => e.some((x) => x.json?.type === 'presenceDiff'));
    const diffAt = a.events.findIndex((x) => x.json?.type === 'presenceDiff');
    expect(a.events[diffAt]!.id).toBe('');
    expect(a.events[diffAt + 1]).toMatchObject({ event: 'restore-id', id: change.id });
    await a.close();

    await owner.caller.coalition.update({ coalitionId, version: 2, name: 'Two' });
    await owner.caller.coalition.update({ coalitionId, version: 3, name: 'Three' });
    // The browser's EventSource reconnects with Last-Event-ID; the link's new stream passes lastEventId.
    for (const resume of [{ header: { 'last-event-id': change.id! } }, { input: { lastEventId: change.id } }]) {
      const b = await openSse(running.base, { coalitionId, clientId: clientId(), ...resume.input }, { ...cookieOf(users[1]!), ...resume.header });
      await b.until((e) => e.filter((x) => x.json?.type === 'change').length === 2);
      expect(b.events.filter((x) => x.json?.type === 'change').map((x) => x.json.event.id)).toEqual([Number(change.id) + 1, Number(change.id) + 2]);
      await b.close();
    }
  }, 60_000);

  it('refuses a stream past the per-user cap with TOO_MANY_REQUESTS and says what to do; a closed stream frees its slot', async () => {
    const app = createTestApp({ liveLimits: { ...DEFAULT_LIVE_LIMITS, maxStreamsPerUser: 3, maxStreamsPerCoalition: 1000 } });
    const { users, coalitionId } = await coalitionWithMembers(app, 1);
    running = await startServer({ app });
    const viewer = users[1]!;
    const open = [];
    for (let i = 0; i < 3; i++) {
      const s = await openSse(running.base, { coalitionId, clientId: clientId() }, cookieOf(viewer));
      await s.until((e) => e.some((x) => x.json?.type === 'presence'));
      open.push(s);
    }
    const refused = await openSse(running.base, { coalitionId, clientId: clientId() }, cookieOf(viewer));
    await refused.until((e) => e.some((x) => x.event === 'serialized-error'));
    // The error is all it gets: nothing streamed, not even `connected`.
    expect(refused.events.map((e) => e.event)).toEqual(['serialized-error']);
    const error = refused.events[0]!.json;
    expect(error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toBe(tooManyStreamsMessage({ scope: 'user', limit: 3 }));
    expect(error.message).toMatch(/3 open.*close some other tabs/is);
    await refused.close();
    // Another member is not affected.
    const other = await openSse(running.base, { coalitionId, clientId: clientId() }, cookieOf(users[0]!));
    await other.until((e) => e.some((x) => x.json?.type === 'presence'));

    await open[0]!.close();
    await eventually(() => app.services.streams.openForUser(viewer.id) === 2);
    const again = await openSse(running.base, { coalitionId, clientId: clientId() }, cookieOf(viewer));
    await again.until((e) => e.some((x) => x.json?.type === 'presence'));
    for (const s of [...open.slice(1), other, again]) await s.close();
    await eventually(() => app.services.streams.openForCoalition(coalitionId) === 0);
  }, 60_000);
});
