import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { bottlenecks, comments, milestones, newId, trackAssignments, tracks } from '@coalition/db';
import { TRACK_PALETTE } from '@coalition/domain';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { activityCount, activityOf, breakActivityLog, countQueries, createTeam, type Team } from '../support/team.ts';

function insertMilestone(app: TestApp, coalitionId: string, values: Partial<typeof milestones.$inferInsert> = {}) {
  const now = Date.now();
  return app.db
    .insert(milestones)
    .values({ id: newId(), coalitionId, title: 'A milestone', dueDate: '2030-01-01', createdAt: now, updatedAt: now, ...values })
    .returning()
    .get();
}

const positions = (app: TestApp, coalitionId: string) =>
  app.db
    .select({ id: tracks.id, position: tracks.position })
    .from(tracks)
    .where(eq(tracks.coalitionId, coalitionId))
    .orderBy(asc(tracks.position))
    .all()
    .map((t) => t.id);

describe('track.create, track.update and track.list', () => {
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
  });

  it('appends new tracks at the end, picks palette colours by position, and logs each with its trackId', async () => {
    const { coalitionId } = team;
    const c = team.editor.caller;
    const a = await c.track.create({ coalitionId, name: 'Security Council reform' });
    const b = await c.track.create({ coalitionId, name: 'Peacebuilding', objective: 'A stronger Peacebuilding Commission', color: '#123abc' });
    const d = await c.track.create({ coalitionId, name: 'Climate governance', status: 'on_hold' });
    expect([a.position, b.position, d.position]).toEqual([0, 1, 2]);
    expect(a).toMatchObject({ color: TRACK_PALETTE[0].value, status: 'active', objective: '', version: 1 });
    expect(b.color).toBe('#123abc');
    expect(d).toMatchObject({ color: TRACK_PALETTE[2].value, status: 'on_hold' });
    const rows = activityOf(app, coalitionId).filter((r) => r.action === 'track.created');
    expect(rows.map((r) => [r.entityId, r.trackId])).toEqual([
      [a.id, a.id],
      [b.id, b.id],
      [d.id, d.id],
    ]);
  });

  it('refuses a bad colour, an empty name, an unknown status; a viewer may not create', async () => {
    const { coalitionId } = team;
    const counts = app.rowCounts();
    const err = await team.editor.caller.track.create({ coalitionId, name: ' ', color: 'blue' }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/name/);
    expect(err.message).toMatch(/color/);
    // @ts-expect-error an unknown status
    await expect(team.editor.caller.track.create({ coalitionId, name: 'X', status: 'paused' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.viewer.caller.track.create({ coalitionId, name: 'X' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('updates with the version, logs a diff, and refuses a stale version with CONFLICT', async () => {
    const { coalitionId } = team;
    const t = await team.editor.caller.track.create({ coalitionId, name: 'Financing' });
    const before = activityCount(app, coalitionId);
    const updated = await team.editor.caller.track.update({ coalitionId, trackId: t.id, version: 1, name: 'Financing for development', status: 'achieved' });
    expect(updated).toMatchObject({ name: 'Financing for development', status: 'achieved', version: 2, position: t.position });
    expect(activityCount(app, coalitionId)).toBe(before + 1);
    expect(activityOf(app, coalitionId).at(-1)).toMatchObject({
      action: 'track.updated',
      trackId: t.id,
      data: { name: ['Financing', 'Financing for development'], status: ['active', 'achieved'] },
    });
    const counts = app.rowCounts();
    const err = await team.owner.caller.track.update({ coalitionId, trackId: t.id, version: 1, objective: 'Stale' }).catch((e) => e);
    expect(err.code).toBe('CONFLICT');
    expect(err.cause.current).toMatchObject({ version: 2, name: 'Financing for development' });
    expect(app.rowCounts()).toEqual(counts);
    expect(app.db.select().from(tracks).where(eq(tracks.id, t.id)).get()!.objective).toBe('');
    await expect(team.viewer.caller.track.update({ coalitionId, trackId: t.id, version: 2, name: 'V' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers NOT_FOUND for a track of another coalition and writes nothing', async () => {
    const foreign = await team.outsider.caller.track.create({ coalitionId: team.otherCoalitionId, name: 'Theirs' });
    const counts = app.rowCounts();
    await expect(
      team.editor.caller.track.update({ coalitionId: team.coalitionId, trackId: foreign.id, version: 1, name: 'Mine now' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.editor.caller.track.delete({ coalitionId: team.coalitionId, trackId: foreign.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('lists tracks in order with milestone progress and partner roles', async () => {
    const app2 = createTestApp();
    const t2 = await createTeam(app2);
    const { coalitionId } = t2;
    const c = t2.editor.caller;
    const a = await c.track.create({ coalitionId, name: 'A' });
    const b = await c.track.create({ coalitionId, name: 'B' });
    const empty = await c.track.create({ coalitionId, name: 'Empty' });
    insertMilestone(app2, coalitionId, { trackId: a.id, status: 'done', progress: 100 });
    insertMilestone(app2, coalitionId, { trackId: a.id, status: 'in_progress', progress: 50 });
    insertMilestone(app2, coalitionId, { trackId: a.id, status: 'planned', progress: 0 });
    insertMilestone(app2, coalitionId, { trackId: a.id, status: 'dropped', progress: 90 });
    insertMilestone(app2, coalitionId, { trackId: b.id, status: 'dropped', progress: 10 });
    insertMilestone(app2, coalitionId, { trackId: null, status: 'done', progress: 100 });
    const p = await Promise.all(['P1', 'P2', 'P3', 'P4'].map((name) => c.partner.create({ coalitionId, name, kind: 'academia' })));
    await c.assignment.set({ coalitionId, partnerId: p[0]!.id, trackId: a.id, role: 'lead' });
    await c.assignment.set({ coalitionId, partnerId: p[1]!.id, trackId: a.id, role: 'co_lead' });
    await c.assignment.set({ coalitionId, partnerId: p[2]!.id, trackId: a.id, role: 'contributor' });
    await c.assignment.set({ coalitionId, partnerId: p[3]!.id, trackId: b.id, role: 'co_lead' });

    const list = await t2.viewer.caller.track.list({ coalitionId });
    expect(list.map((t) => t.name)).toEqual(['A', 'B', 'Empty']);
    expect(list[0]).toMatchObject({
      id: a.id,
      // The roll-up's counts: the dropped one is shown apart and does not count.
      milestoneCount: 3,
      doneCount: 1,
      droppedCount: 1,
      progress: 50, // (100 + 50 + 0) / 3
      partnerCount: 3,
      leadCount: 1,
      coLeadCount: 1,
      needsLead: false,
    });
    // Only a dropped milestone, and a co-lead but no lead.
    expect(list[1]).toMatchObject({ milestoneCount: 0, droppedCount: 1, progress: 0, partnerCount: 1, leadCount: 0, coLeadCount: 1, needsLead: true });
    expect(list[2]).toMatchObject({
      id: empty.id,
      milestoneCount: 0,
      doneCount: 0,
      progress: 0,
      partnerCount: 0,
      leadCount: 0,
      coLeadCount: 0,
      needsLead: true,
    });

    // The counts come from aggregate queries: more tracks, same number of queries.
    const before = await countQueries(app2, () => t2.viewer.caller.track.list({ coalitionId }));
    for (let i = 0; i < 5; i++) {
      const t = await c.track.create({ coalitionId, name: `More ${i}` });
      insertMilestone(app2, coalitionId, { trackId: t.id });
    }
    const after = await countQueries(app2, () => t2.viewer.caller.track.list({ coalitionId }));
    expect(before).toBeGreaterThanOrEqual(3);
    expect(after).toBe(before);
  });
});

describe('track.reorder', () => {
  let app: TestApp;
  let team: Team;
  let ids: string[];
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    ids = [];
    for (const name of ['One', 'Two', 'Three']) ids.push((await team.editor.caller.track.create({ coalitionId: team.coalitionId, name })).id);
  });

  it('sets positions 0..n-1 in the given order and logs one activity row', async () => {
    const { coalitionId } = team;
    const before = activityCount(app, coalitionId);
    const order = [ids[2]!, ids[0]!, ids[1]!];
    expect(await team.editor.caller.track.reorder({ coalitionId, trackIds: order })).toEqual({ ok: true, trackIds: order });
    expect(positions(app, coalitionId)).toEqual(order);
    expect((await team.viewer.caller.track.list({ coalitionId })).map((t) => [t.id, t.position])).toEqual([
      [order[0], 0],
      [order[1], 1],
      [order[2], 2],
    ]);
    expect(activityCount(app, coalitionId)).toBe(before + 1);
    expect(activityOf(app, coalitionId).at(-1)).toMatchObject({ action: 'track.reordered', data: { order: [ids, order] } });
    // The same order again changes and logs nothing.
    await team.editor.caller.track.reorder({ coalitionId, trackIds: order });
    expect(activityCount(app, coalitionId)).toBe(before + 1);
    // Reordering does not bump versions: nobody editing a track gets a conflict for it.
    expect(app.db.select().from(tracks).where(eq(tracks.coalitionId, coalitionId)).all().every((t) => t.version === 1)).toBe(true);
  });

  it('refuses an order that leaves out or repeats a track with BAD_REQUEST naming it, and changes nothing', async () => {
    const { coalitionId } = team;
    const current = positions(app, coalitionId);
    const counts = app.rowCounts();
    const reorder = (trackIds: string[]) => team.editor.caller.track.reorder({ coalitionId, trackIds }).catch((e) => e);

    const missing = await reorder([current[0]!, current[1]!]);
    expect(missing.code).toBe('BAD_REQUEST');
    expect(missing.message).toMatch(/missing "Two"/);
    expect(missing.cause.field).toBe('trackIds');

    const repeated = await reorder([current[0]!, current[1]!, current[1]!]);
    expect(repeated.code).toBe('BAD_REQUEST');
    expect(repeated.message).toMatch(/more than once: "One"/);
    expect(repeated.message).toMatch(/missing "Two"/);

    await expect(reorder([])).resolves.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(reorder([...current, 'not-an-id'])).resolves.toMatchObject({ code: 'BAD_REQUEST' });
    expect(positions(app, coalitionId)).toEqual(current);
    expect(app.rowCounts()).toEqual(counts);
  });

  it('answers NOT_FOUND, naming the ids, for a track of another coalition or an unknown id, and changes nothing', async () => {
    const { coalitionId } = team;
    const current = positions(app, coalitionId);
    const foreign = await team.outsider.caller.track.create({ coalitionId: team.otherCoalitionId, name: 'Theirs' });
    const counts = app.rowCounts();
    const reorder = (trackIds: string[]) => team.editor.caller.track.reorder({ coalitionId, trackIds }).catch((e) => e);

    const extra = await reorder([...current, foreign.id]);
    expect(extra.code).toBe('NOT_FOUND');
    expect(extra.message).toContain(`Not tracks of this coalition: ${foreign.id}`);
    expect(extra.message).not.toContain('Theirs');
    // Swapping one of ours for theirs is refused the same way.
    const swapped = await reorder([current[0]!, current[1]!, foreign.id]);
    expect(swapped.code).toBe('NOT_FOUND');
    const unknownId = newId();
    const unknown = await reorder([...current, unknownId]);
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain(unknownId);

    expect(positions(app, coalitionId)).toEqual(current);
    expect(app.rowCounts()).toEqual(counts);
  });

  it('is for editors only', async () => {
    const { coalitionId } = team;
    const counts = app.rowCounts();
    await expect(team.viewer.caller.track.reorder({ coalitionId, trackIds: [...ids].reverse() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('rolls the new positions back when the activity row cannot be written', async () => {
    const { coalitionId } = team;
    const current = positions(app, coalitionId);
    const restore = breakActivityLog(app);
    try {
      await expect(team.editor.caller.track.reorder({ coalitionId, trackIds: [...current].reverse() })).rejects.toThrow();
    } finally {
      restore();
    }
    expect(positions(app, coalitionId)).toEqual(current);
  });
});

describe('track.delete', () => {
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
  });

  it('keeps its milestones as coalition-wide ones and its bottlenecks without a track; drops assignments and its comments', async () => {
    const { coalitionId } = team;
    const c = team.editor.caller;
    const doomed = await c.track.create({ coalitionId, name: 'Doomed' });
    const other = await c.track.create({ coalitionId, name: 'Other' });
    const partner = await c.partner.create({ coalitionId, name: 'Partner', kind: 'state' });
    await c.assignment.set({ coalitionId, partnerId: partner.id, trackId: doomed.id, role: 'lead' });
    await c.assignment.set({ coalitionId, partnerId: partner.id, trackId: other.id, role: 'observer' });
    const m1 = insertMilestone(app, coalitionId, { trackId: doomed.id, title: 'First' });
    const m2 = insertMilestone(app, coalitionId, { trackId: doomed.id, title: 'Second', status: 'done', progress: 100 });
    const m3 = insertMilestone(app, coalitionId, { trackId: other.id, title: 'Elsewhere' });
    const now = Date.now();
    const bottleneckId = newId();
    app.db.insert(bottlenecks).values({ id: bottleneckId, coalitionId, trackId: doomed.id, title: 'Veto threat', createdAt: now, updatedAt: now }).run();
    const addComment = (targetType: 'track' | 'milestone', targetId: string) =>
      app.db.insert(comments).values({ id: newId(), coalitionId, targetType, targetId, authorId: team.editor.id, body: 'Hm', createdAt: now, updatedAt: now }).run();
    addComment('track', doomed.id);
    addComment('track', other.id);
    addComment('milestone', m1.id);
    const before = app.rowCounts();

    const result = await c.track.delete({ coalitionId, trackId: doomed.id });
    expect(result).toEqual({ ok: true, milestonesDetached: 2, undoToken: expect.any(String) });

    const rows = app.db.select().from(milestones).all();
    expect(rows.find((m) => m.id === m1.id)!.trackId).toBeNull();
    expect(rows.find((m) => m.id === m2.id)).toMatchObject({ trackId: null, status: 'done' });
    expect(rows.find((m) => m.id === m3.id)!.trackId).toBe(other.id);
    expect(app.db.select().from(bottlenecks).where(eq(bottlenecks.id, bottleneckId)).get()!.trackId).toBeNull();
    expect(app.db.select().from(trackAssignments).all().map((a) => a.trackId)).toEqual([other.id]);
    expect(
      app.db.select().from(comments).all().map((x) => `${x.targetType}:${x.targetId}`).sort(),
    ).toEqual([`milestone:${m1.id}`, `track:${other.id}`].sort());
    expect(app.rowCounts()).toMatchObject({
      tracks: before.tracks! - 1,
      milestones: before.milestones,
      bottlenecks: before.bottlenecks,
      track_assignments: before.track_assignments! - 1,
      comments: before.comments! - 1,
      activity: before.activity! + 1,
    });
    expect(activityOf(app, coalitionId).at(-1)).toMatchObject({
      action: 'track.deleted',
      entityId: doomed.id,
      trackId: doomed.id,
      data: { name: 'Doomed', milestonesDetached: 2 },
    });
    expect((await team.viewer.caller.track.list({ coalitionId })).map((t) => t.name)).toEqual(['Other']);
    // A new track still goes last.
    expect((await c.track.create({ coalitionId, name: 'Next' })).position).toBe(2);
  });

  it('is for editors only', async () => {
    const { coalitionId } = team;
    const t = await team.editor.caller.track.create({ coalitionId, name: 'Kept' });
    const counts = app.rowCounts();
    await expect(team.viewer.caller.track.delete({ coalitionId, trackId: t.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.rowCounts()).toEqual(counts);
  });
});
