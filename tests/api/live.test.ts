import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext } from '@coalition/api';
import { openDb } from '@coalition/db';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';

type Msg = { type: string; event?: { id: number; action: string; coalitionId: string }; role?: string | null; users?: { name: string; milestoneIds: string[] }[] };

/** Opens a live stream as `user` and collects its messages until closed. */
async function openStream(app: TestApp, user: TestUser, coalitionId: string, lastEventId?: string) {
  const controller = new AbortController();
  const caller = createCallerFactory(appRouter)(() => createContext(app.services, { sessionToken: user.token }), {
    signal: controller.signal,
  });
  const clientId = `client-${Math.random().toString(36).slice(2, 10)}`;
  const iterable = await caller.live.events({ coalitionId, clientId, lastEventId });
  const messages: Msg[] = [];
  let ended = false;
  const done = (async () => {
    try {
      for await (const m of iterable as AsyncIterable<unknown>) {
        // tracked() events arrive as [id, data] tuples through a caller.
        const data = (Array.isArray(m) ? m[1] : m) as Msg;
        messages.push(data);
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

async function setup() {
  const app = createTestApp();
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
    await waitFor(() => (a.messages.at(-1)?.users?.length ?? 0) === 2);
    const milestoneId = 'abcdefghijklmnopqrst';
    await viewer.caller.live.setLocation({ coalitionId, clientId: b.clientId, milestoneId });
    await waitFor(() => a.messages.at(-1)?.users?.find((u) => u.name === 'Victor')?.milestoneIds[0] === milestoneId);
    // Another user cannot move someone else's connection.
    expect((await owner.caller.live.setLocation({ coalitionId, clientId: b.clientId, milestoneId: null })).ok).toBe(false);
    await b.close();
    await waitFor(() => a.messages.at(-1)?.users?.map((u) => u.name).join() === 'Olga');
    await a.close();
    expect(await owner.caller.live.presence({ coalitionId })).toEqual([]);
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
