import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext, EventBus, type AppServices } from '@coalition/api';
import { openDb } from '@coalition/db';
import { SlicedScheduler } from '../../packages/api/src/events.ts';
import { DEFAULT_LIVE_LIMITS, PresenceRegistry, StreamLimiter } from '../../packages/api/src/presence.ts';
import { StreamQueue, tooManyStreamsMessage } from '../../packages/api/src/routers/live.ts';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';

type Present = { userId: string; name: string; milestoneIds: string[] };
type Msg = {
  type: string;
  event?: { id: number; action: string; coalitionId: string };
  role?: string | null;
  users?: Present[];
  upsert?: Present[];
  remove?: string[];
};

/** Opens a live stream as `user` and collects its messages until closed; `users()` is presence as the client would hold it. */
async function openStream(app: TestApp, user: TestUser, coalitionId: string, lastEventId?: string) {
  const controller = new AbortController();
  const caller = createCallerFactory(appRouter)(() => createContext(app.services, { sessionToken: user.token }), {
    signal: controller.signal,
  });
  const clientId = `client-${Math.random().toString(36).slice(2, 10)}`;
  const iterable = await caller.live.events({ coalitionId, clientId, lastEventId });
  const messages: Msg[] = [];
  let present = new Map<string, Present>();
  let ended = false;
  const done = (async () => {
    try {
      for await (const m of iterable as AsyncIterable<unknown>) {
        // tracked() events arrive as [id, data] tuples through a caller.
        const data = (Array.isArray(m) ? m[1] : m) as Msg;
        messages.push(data);
        if (data.type === 'presence') present = new Map(data.users!.map((u) => [u.userId, u]));
        if (data.type === 'presenceDiff') {
          for (const id of data.remove!) present.delete(id);
          for (const u of data.upsert!) present.set(u.userId, u);
        }
      }
    } catch {
      /* aborted */
    }
    ended = true;
  })();
  await waitFor(() => messages.some((m) => m.type === 'presence'));
  return {
    clientId,
    messages,
    changes: () => messages.filter((m) => m.type === 'change').map((m) => m.event!),
    users: () => [...present.values()].sort((a, b) => a.name.localeCompare(b.name)),
    get ended() {
      return ended;
    },
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

async function waitFor(cond: () => boolean, ms = 2000) {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup(overrides: Partial<AppServices> = {}) {
  const app = createTestApp(overrides);
  const owner = await app.signUp('Olga');
  const viewer = await app.signUp('Victor');
  const other = await app.signUp('Oscar');
  const c = await owner.caller.coalition.create({ name: 'C', goal: 'G', goalDate: '2030-01-01', description: '' });
  const { link } = await owner.caller.invitation.create({ coalitionId: c.id, email: viewer.email, role: 'viewer' });
  await viewer.caller.invitation.accept({ token: link.split('/invite/')[1]! });
  const foreign = await other.caller.coalition.create({ name: 'Other', goal: 'G', goalDate: '2030-01-01', description: '' });
  return { app, owner, viewer, other, coalitionId: c.id, foreignId: foreign.id };
}

describe('live event stream', () => {
  it('delivers a change only after it has committed, and nothing for a refused change', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const stream = await openStream(app, viewer, coalitionId);
    // An independent connection sees the row at the moment the event is delivered => committed.
    const reader = openDb(join(app.dir, 'test.db'), { migrate: false }).$client;
    const seenCommitted: boolean[] = [];
    const off = app.services.events.subscribe(coalitionId, (e) => {
      seenCommitted.push(!!reader.prepare('SELECT id FROM activity WHERE id = ?').get(e.id));
    });
    await expect(owner.caller.coalition.update({ coalitionId, version: 99, name: 'Stale' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await owner.caller.coalition.update({ coalitionId, version: 1, name: 'Renamed' });
    await waitFor(() => stream.changes().length === 1);
    expect(stream.changes()[0]).toMatchObject({ action: 'coalition.updated', coalitionId });
    expect(seenCommitted).toEqual([true]);
    off();
    reader.close();
    await stream.close();
  });

  it('sends no events across coalitions, and refuses a stream of a foreign coalition', async () => {
    const { app, owner, other, viewer, coalitionId, foreignId } = await setup();
    const stream = await openStream(app, viewer, coalitionId);
    await other.caller.coalition.update({ coalitionId: foreignId, version: 1, name: 'Elsewhere' });
    await owner.caller.coalition.update({ coalitionId, version: 1, name: 'Here' });
    await waitFor(() => stream.changes().length >= 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(stream.changes().map((e) => e.coalitionId)).toEqual([coalitionId]);
    await expect(openStream(app, viewer, foreignId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await stream.close();
  });

  it('ends the stream at once when the member is removed', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const stream = await openStream(app, viewer, coalitionId);
    await owner.caller.member.remove({ coalitionId, userId: viewer.id });
    await waitFor(() => stream.ended);
    expect(stream.messages.at(-1)).toEqual({ type: 'access', role: null });
    const count = stream.changes().length;
    await owner.caller.coalition.update({ coalitionId, version: 1, name: 'After removal' });
    await new Promise((r) => setTimeout(r, 30));
    expect(stream.changes().length).toBe(count);
    await expect(openStream(app, viewer, coalitionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a reconnecting client catches up from its last event id', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const first = await openStream(app, viewer, coalitionId);
    await owner.caller.coalition.update({ coalitionId, version: 1, name: 'One' });
    await waitFor(() => first.changes().length === 1);
    const lastId = first.changes()[0]!.id;
    await first.close();
    // Missed while disconnected:
    await owner.caller.coalition.update({ coalitionId, version: 2, name: 'Two' });
    await owner.caller.coalition.update({ coalitionId, version: 3, name: 'Three' });
    const second = await openStream(app, viewer, coalitionId, String(lastId));
    expect(second.changes().map((e) => e.id)).toEqual([lastId + 1, lastId + 2]);
    await owner.caller.coalition.update({ coalitionId, version: 4, name: 'Four' });
    await waitFor(() => second.changes().length === 3);
    await second.close();
  });

  it('shows who has the coalition open and on which milestone, and clears when they leave', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const a = await openStream(app, owner, coalitionId);
    const b = await openStream(app, viewer, coalitionId);
    await waitFor(() => a.users().length === 2);
    const milestoneId = 'abcdefghijklmnopqrst';
    await viewer.caller.live.setLocation({ coalitionId, clientId: b.clientId, milestoneId });
    await waitFor(() => a.users().find((u) => u.name === 'Victor')?.milestoneIds[0] === milestoneId);
    // The move came as a diff naming only Victor.
    expect(a.messages.at(-1)).toEqual({ type: 'presenceDiff', upsert: [{ userId: viewer.id, name: 'Victor', milestoneIds: [milestoneId] }], remove: [] });
    // Another user cannot move someone else's connection.
    expect((await owner.caller.live.setLocation({ coalitionId, clientId: b.clientId, milestoneId: null })).ok).toBe(false);
    await b.close();
    await waitFor(() => a.users().map((u) => u.name).join() === 'Olga');
    expect(a.messages.at(-1)).toEqual({ type: 'presenceDiff', upsert: [], remove: [viewer.id] });
    // Only the first presence message is a whole list.
    expect(a.messages.filter((m) => m.type === 'presence')).toHaveLength(1);
    await a.close();
    expect(await owner.caller.live.presence({ coalitionId })).toEqual([]);
  });
});

describe('what a viewer may not list, a viewer may not read in the feed', () => {
  // invitation.list is for owners; the activity list, the dashboard, a live stream and its
  // catch-up must not tell a viewer who was invited either.
  it('keeps invitation entries from viewers on every read path; owners still see them', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const viewerStream = await openStream(app, viewer, coalitionId);
    const ownerStream = await openStream(app, owner, coalitionId);
    const before = String((await owner.caller.activity.list({ coalitionId })).items[0]!.id);
    await owner.caller.invitation.create({ coalitionId, email: 'secret.person@example.org', role: 'owner' });
    await owner.caller.track.create({ coalitionId, name: 'After the invitation' });
    await waitFor(() => viewerStream.changes().some((e) => e.action === 'track.created'));
    await waitFor(() => ownerStream.changes().some((e) => e.action === 'track.created'));
    const leaks = (text: unknown) => JSON.stringify(text).includes('secret.person@example.org');

    expect(viewerStream.changes().map((e) => e.action)).toEqual(['track.created']);
    expect(ownerStream.changes().map((e) => e.action)).toEqual(['invitation.created', 'track.created']);
    expect(leaks(viewerStream.messages)).toBe(false);

    const viewerList = await viewer.caller.activity.list({ coalitionId });
    expect(leaks(viewerList)).toBe(false);
    expect((await viewer.caller.activity.list({ coalitionId, entityType: 'invitation' })).items).toEqual([]);
    expect(leaks(await owner.caller.activity.list({ coalitionId }))).toBe(true);

    // The dashboard is one cached object for all members: no invitation in its recent changes.
    expect(leaks(await viewer.caller.coalition.dashboard({ coalitionId }))).toBe(false);
    expect(leaks(await owner.caller.coalition.dashboard({ coalitionId }))).toBe(false);

    // A reconnecting viewer's catch-up skips it as well.
    const catchUp = await openStream(app, viewer, coalitionId, before);
    await waitFor(() => catchUp.changes().length === 1);
    expect(catchUp.changes().map((e) => e.action)).toEqual(['track.created']);
    for (const s of [viewerStream, ownerStream, catchUp]) await s.close();
  });

  it('a viewer made owner while streaming reads invitation entries from then on', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const stream = await openStream(app, viewer, coalitionId);
    await owner.caller.member.changeRole({ coalitionId, userId: viewer.id, role: 'owner' });
    await waitFor(() => stream.messages.some((m) => m.type === 'access'));
    await owner.caller.invitation.create({ coalitionId, email: 'later@example.org', role: 'viewer' });
    await waitFor(() => stream.changes().some((e) => e.action === 'invitation.created'));
    await stream.close();
  });
});

describe('workspace deletion', () => {
  it('ends every member stream when the owner deletes the coalition', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const stream = await openStream(app, viewer, coalitionId);
    await owner.caller.coalition.delete({ coalitionId, confirmName: 'C' });
    await waitFor(() => stream.ended);
    expect(stream.messages.at(-1)).toEqual({ type: 'access', role: null });
  });
});

/** `n` more viewers of the coalition. */
async function addViewers(app: TestApp, owner: TestUser, coalitionId: string, n: number, prefix = 'Member') {
  const users: TestUser[] = [];
  for (let i = 0; i < n; i++) {
    const user = await app.signUp(`${prefix} ${String(i).padStart(2, '0')}`);
    const { link } = await owner.caller.invitation.create({ coalitionId, email: user.email, role: 'viewer' });
    await user.caller.invitation.accept({ token: link.split('/invite/')[1]! });
    users.push(user);
  }
  return users;
}

/** Opens a stream and reads its first message: the refusal, if any. */
async function firstMessageOrError(app: TestApp, user: TestUser, coalitionId: string) {
  const controller = new AbortController();
  const caller = createCallerFactory(appRouter)(() => createContext(app.services, { sessionToken: user.token }), { signal: controller.signal });
  const iterable = (await caller.live.events({ coalitionId, clientId: `probe-${Math.random().toString(36).slice(2, 10)}` })) as AsyncIterable<unknown>;
  const iterator = iterable[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    return { ok: true as const, first: first.value as Msg, close: async () => void (controller.abort(), await iterator.return?.()) };
  } catch (error) {
    return { ok: false as const, error: error as { code: string; message: string } };
  }
}

describe('presence as batched diffs', () => {
  it('sends each stream one snapshot, then one diff per window for any number of joins', async () => {
    // A window that never ends by itself: the test says when (flush), so the counts are exact.
    const { app, owner, coalitionId } = await setup({ presence: new PresenceRegistry({ batchMs: 60_000 }) });
    const members = await addViewers(app, owner, coalitionId, 4);
    const users = [owner, ...members];
    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    for (let i = 0; i < 50; i++) streams.push(await openStream(app, users[i % users.length]!, coalitionId)); // 5 users × 10 tabs
    app.services.presence.flush();
    await waitFor(() => streams.every((s) => s.users().length === 5));
    const presenceMessages = streams.flatMap((s) => s.messages.filter((m) => m.type === 'presence' || m.type === 'presenceDiff'));
    // 50 snapshots + 50 diffs — every join broadcasting the list would be 50 × 51 / 2 = 1275.
    expect(presenceMessages).toHaveLength(100);
    for (const s of streams) expect(s.messages.filter((m) => m.type.startsWith('presence')).map((m) => m.type)).toEqual(['presence', 'presenceDiff']);
    expect(streams.at(-1)!.users()).toEqual(await owner.caller.live.presence({ coalitionId }));

    // A second tab of someone already here changes nothing anyone sees: no message at all.
    const extra = await openStream(app, members[0]!, coalitionId);
    app.services.presence.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(streams[0]!.messages.filter((m) => m.type === 'presenceDiff')).toHaveLength(1);
    // A move and a leave arrive as diffs naming only who changed.
    const milestoneId = 'abcdefghijklmnopqrst';
    expect((await members[1]!.caller.live.setLocation({ coalitionId, clientId: streams[2]!.clientId, milestoneId })).ok).toBe(true);
    app.services.presence.flush();
    await waitFor(() => streams[0]!.messages.at(-1)?.type === 'presenceDiff' && streams[0]!.messages.length > 2);
    expect(streams[0]!.messages.at(-1)).toEqual({ type: 'presenceDiff', upsert: [{ userId: members[1]!.id, name: members[1]!.name, milestoneIds: [milestoneId] }], remove: [] });
    const leaving = streams.filter((_, i) => users[i % users.length] === members[3]);
    for (const s of leaving) await s.close();
    app.services.presence.flush();
    await waitFor(() => streams[0]!.users().length === 4);
    expect(streams[0]!.messages.at(-1)).toEqual({ type: 'presenceDiff', upsert: [], remove: [members[3]!.id] });
    await extra.close();
    for (const s of streams) await s.close();
  });

  it('batches by itself within a short window (no flush)', async () => {
    const { app, owner, coalitionId } = await setup();
    const members = await addViewers(app, owner, coalitionId, 4);
    const users = [owner, ...members];
    const streams = await Promise.all(Array.from({ length: 20 }, (_, i) => openStream(app, users[i % 5]!, coalitionId)));
    await waitFor(() => streams.every((s) => s.users().length === 5));
    const total = streams.reduce((n, s) => n + s.messages.filter((m) => m.type.startsWith('presence')).length, 0);
    // Opened together: a handful of windows at most, far from one list per join per stream (210).
    expect(total).toBeLessThan(20 * 5);
    for (const s of streams) expect(s.messages.find((m) => m.type.startsWith('presence'))?.type).toBe('presence');
    for (const s of streams) await s.close();
  });

  it('keeps one window per coalition, longer with many streams', () => {
    const presence = new PresenceRegistry();
    expect(presence.windowMs('c')).toBe(50);
    const offs = Array.from({ length: 500 }, () => presence.subscribe('c', () => {}).unsubscribe);
    expect(presence.windowMs('c')).toBe(100);
    for (const off of offs) off();
    expect(presence.windowMs('c')).toBe(50);
  });

  it('a snapshot plus the diffs after it always equal the published state', () => {
    const presence = new PresenceRegistry({ batchMs: 60_000 });
    const seen = new Map<string, Present>();
    const apply = (d: { upsert: Present[]; remove: string[] }) => {
      for (const id of d.remove) seen.delete(id);
      for (const u of d.upsert) seen.set(u.userId, u);
    };
    presence.join('c', { clientId: 'tab-aaaa-1', userId: 'u1', name: 'Ann' });
    presence.flush();
    const sub = presence.subscribe('c', apply);
    for (const u of sub.snapshot) seen.set(u.userId, u);
    // Joins, a move and a leave inside one window: one diff.
    presence.join('c', { clientId: 'tab-bbbb-1', userId: 'u2', name: 'Bob' });
    presence.join('c', { clientId: 'tab-bbbb-2', userId: 'u2', name: 'Bob' });
    presence.setLocation('c', 'tab-bbbb-2', 'u2', 'm1');
    presence.leave('c', 'tab-aaaa-1');
    presence.flush();
    expect([...seen.values()]).toEqual(presence.list('c'));
    expect(presence.list('c')).toEqual([{ userId: 'u2', name: 'Bob', milestoneIds: ['m1'] }]);
    // A tab reconnecting under the same client id before its old stream ended: the old stream's leave keeps the new one.
    const old = presence.join('c', { clientId: 'tab-cccc-1', userId: 'u3', name: 'Cy' });
    presence.join('c', { clientId: 'tab-cccc-1', userId: 'u3', name: 'Cy' });
    presence.leave('c', 'tab-cccc-1', old);
    presence.flush();
    expect(presence.list('c').map((u) => u.name)).toEqual(['Bob', 'Cy']);
    expect([...seen.values()].map((u) => u.name).sort()).toEqual(['Bob', 'Cy']);
    sub.unsubscribe();
  });
});

describe('stream caps', () => {
  it('refuses a user past their streams with TOO_MANY_REQUESTS, before anything is sent, and frees the count on close', async () => {
    const { app, viewer, coalitionId } = await setup({ liveLimits: { ...DEFAULT_LIVE_LIMITS, maxStreamsPerUser: 2, maxStreamsPerCoalition: 100 } });
    const a = await openStream(app, viewer, coalitionId);
    const b = await openStream(app, viewer, coalitionId);
    const refused = await firstMessageOrError(app, viewer, coalitionId);
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });
    const message = (refused as { error: { message: string } }).error.message;
    expect(message).toBe(tooManyStreamsMessage({ scope: 'user', limit: 2 }));
    expect(message).toMatch(/2 open/);
    expect(message).toMatch(/close some other tabs/i);
    expect(app.services.streams.openForUser(viewer.id)).toBe(2);
    // The refused attempt joined nobody.
    expect((await viewer.caller.live.presence({ coalitionId })).length).toBe(1);
    await a.close();
    expect(app.services.streams.openForUser(viewer.id)).toBe(1);
    const c = await openStream(app, viewer, coalitionId);
    expect(c.messages[0]).toMatchObject({ type: 'presence' });
    await b.close();
    await c.close();
    expect(app.services.streams.openForUser(viewer.id)).toBe(0);
    expect(app.services.streams.openForCoalition(coalitionId)).toBe(0);
  });

  it('refuses past the coalition cap, whoever asks', async () => {
    const { app, owner, viewer, other, coalitionId, foreignId } = await setup({ liveLimits: { ...DEFAULT_LIVE_LIMITS, maxStreamsPerUser: 10, maxStreamsPerCoalition: 3 } });
    const open = [await openStream(app, owner, coalitionId), await openStream(app, owner, coalitionId), await openStream(app, viewer, coalitionId)];
    const refused = await firstMessageOrError(app, viewer, coalitionId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS', message: tooManyStreamsMessage({ scope: 'coalition', limit: 3 }) } });
    // Another coalition is not affected.
    const elsewhere = await openStream(app, other, foreignId);
    await open[2]!.close();
    const accepted = await firstMessageOrError(app, viewer, coalitionId);
    expect(accepted.ok).toBe(true);
    if (accepted.ok) await accepted.close();
    for (const s of [...open, elsewhere]) await s.close();
    expect(app.services.streams.openForCoalition(coalitionId)).toBe(0);
  });

  it('counts per user and per coalition, and releases once', () => {
    const limiter = new StreamLimiter();
    const limits = { maxStreamsPerUser: 2, maxStreamsPerCoalition: 3 };
    const a = limiter.acquire('u1', 'c1', limits);
    const b = limiter.acquire('u1', 'c2', limits);
    expect(limiter.acquire('u1', 'c3', limits)).toEqual({ ok: false, scope: 'user', limit: 2 });
    if (!a.ok || !b.ok) throw new Error('expected slots');
    a.release();
    a.release();
    expect(limiter.openForUser('u1')).toBe(1);
    expect(limiter.openForCoalition('c1')).toBe(0);
    b.release();
    expect(limiter.openForUser('u1')).toBe(0);
  });
});

describe('publishing never makes the publisher wait for the streams', () => {
  it('the stream work runs after the publisher returns, a slice per turn, in order', async () => {
    const scheduler = new SlicedScheduler(2);
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) scheduler.schedule(() => ran.push(i));
    expect(ran).toEqual([]);
    await Promise.resolve();
    expect(ran).toEqual([]); // not in a microtask either
    await new Promise((r) => setImmediate(r));
    expect(ran.length).toBeLessThanOrEqual(2);
    await scheduler.idle();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  it("a stream's queue takes an item without resuming its loop in the publisher's call", async () => {
    const queue = new StreamQueue<number>();
    let got: number[] | null = null;
    const taking = queue.take().then((items) => (got = items));
    await Promise.resolve();
    queue.push(1);
    queue.push(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(got).toBeNull();
    await taking;
    expect(got).toEqual([1, 2]);
    queue.push(3);
    expect(await queue.take()).toEqual([3]);
    queue.close();
    expect(await queue.take()).toEqual([]);
    // A client that stops reading does not make the server hold an ever-growing queue.
    const small = new StreamQueue<number>(undefined, 3);
    for (let i = 0; i < 5; i++) small.push(i);
    expect(small.overflowed).toBe(true);
    expect(await small.take()).toEqual([]);
  });

  it('EventBus calls its listeners in order, and a failing one neither stops the others nor reaches the publisher', () => {
    const bus = new EventBus();
    const got: string[] = [];
    bus.subscribe('c', (e) => got.push(`a${e.id}`));
    bus.subscribe('c', () => {
      throw new Error('broken listener');
    });
    bus.subscribe('c', (e) => got.push(`b${e.id}`));
    const quiet = console.error;
    console.error = () => {};
    try {
      for (const id of [1, 2]) bus.publish({ id, coalitionId: 'c' } as Parameters<EventBus['publish']>[0]);
    } finally {
      console.error = quiet;
    }
    expect(got).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('a mutation resolves before its streams get the change; they all get every change, in id order', async () => {
    const { app, owner, viewer, coalitionId } = await setup();
    const streams = await Promise.all(Array.from({ length: 10 }, (_, i) => openStream(app, i % 2 ? owner : viewer, coalitionId)));
    await owner.caller.coalition.update({ coalitionId, version: 1, name: 'One' });
    // Back in the caller: the change is committed and queued, but no stream has run yet.
    expect(streams.map((s) => s.changes().length)).toEqual(Array(10).fill(0));
    await owner.caller.coalition.update({ coalitionId, version: 2, name: 'Two' });
    await owner.caller.coalition.update({ coalitionId, version: 3, name: 'Three' });
    await waitFor(() => streams.every((s) => s.changes().length === 3));
    const ids = streams[0]!.changes().map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    for (const s of streams) expect(s.changes().map((e) => e.id)).toEqual(ids);
    for (const s of streams) await s.close();
  });
});
