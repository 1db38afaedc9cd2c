import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activity, bottlenecks, comments } from '@coalition/db';
import { createCoalition, createForeignCoalition, createPlanWorld, insertTrack, rejection, type PlanWorld } from '../support/planFixtures.ts';

let now = Date.UTC(2026, 2, 10, 9);
let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld({ now: () => now });
});

describe('bottlenecks', () => {
  it('creates bottlenecks with their reframing narrative and lists them most severe first, then oldest', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Verification');
    const ed = world.editor.caller.bottleneck;
    const milestone = await world.editor.caller.milestone.create({ coalitionId: cid, trackId: track, title: 'Expert meeting', dueDate: '2026-05-01' });
    const made: Record<string, string> = {};
    for (const [title, severity, extra] of [
      ['Low one', 'low', {}],
      ['Old critical', 'critical', { trackId: track }],
      ['Medium', 'medium', { milestoneId: milestone.id }],
      ['New critical', 'critical', {}],
      ['High', 'high', { status: 'resolved' }],
    ] as const) {
      now += 1000;
      made[title] = (await ed.create({ coalitionId: cid, title, severity, ...extra })).id;
    }
    const b = await ed.create({
      coalitionId: cid,
      title: 'Great powers oppose a total ban',
      narrative: 'Reframe from arms control to humanitarian harm: civilians maimed after the war ends.',
    });
    expect(b).toMatchObject({ severity: 'medium', status: 'open', version: 1, trackId: null, milestoneId: null });
    expect(b.narrative).toMatch(/humanitarian/);

    const list = await world.viewer.caller.bottleneck.list({ coalitionId: cid });
    expect(list.map((x) => x.title)).toEqual(['Old critical', 'New critical', 'High', 'Medium', 'Great powers oppose a total ban', 'Low one']);
    expect(list[0]).toMatchObject({ trackName: 'Verification', milestoneTitle: null });
    expect(list.find((x) => x.title === 'Medium')).toMatchObject({ trackName: null, milestoneTitle: 'Expert meeting' });

    const open = await world.viewer.caller.bottleneck.list({ coalitionId: cid, status: ['open', 'reframing'] });
    expect(open.map((x) => x.title)).not.toContain('High');
    expect(open).toHaveLength(5);
    expect((await world.viewer.caller.bottleneck.list({ coalitionId: cid, trackId: track })).map((x) => x.title)).toEqual(['Old critical']);
    expect((await world.viewer.caller.bottleneck.list({ coalitionId: cid, milestoneId: milestone.id })).map((x) => x.title)).toEqual(['Medium']);

    // A bottleneck on a milestone shows up in that milestone's track feed.
    const created = world.app.db.select().from(activity).where(eq(activity.entityId, made.Medium!)).all();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ action: 'bottleneck.created', entityType: 'bottleneck', trackId: track });
  });

  it('updates with a version, refusing a stale one with the current row', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.bottleneck;
    const b = await ed.create({ coalitionId: cid, title: 'Funding gap', severity: 'high' });
    const reframed = await ed.update({
      coalitionId: cid,
      bottleneckId: b.id,
      version: 1,
      status: 'reframing',
      narrative: 'Present the summit as cost-saving for donors',
    });
    expect(reframed).toMatchObject({ status: 'reframing', version: 2 });
    const log = world.app.db.select().from(activity).where(eq(activity.entityId, b.id)).orderBy(activity.id).all();
    expect(log.map((a) => a.action)).toEqual(['bottleneck.created', 'bottleneck.updated']);
    expect(log[1]!.data).toEqual({ status: ['open', 'reframing'], narrative: ['', 'Present the summit as cost-saving for donors'] });

    const before = world.app.rowCounts();
    const err = await rejection(world.owner.caller.bottleneck.update({ coalitionId: cid, bottleneckId: b.id, version: 1, status: 'resolved' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.cause.current).toMatchObject({ status: 'reframing', version: 2 });
    expect(world.app.rowCounts()).toEqual(before);
    expect(world.app.db.select().from(bottlenecks).where(eq(bottlenecks.id, b.id)).get()!.status).toBe('reframing');
  });

  it('refuses tracks and milestones of another coalition, and viewers, writing nothing', async () => {
    const cid = await createCoalition(world);
    const foreign = await createForeignCoalition(world);
    const foreignTrack = insertTrack(world.app, foreign, 'Theirs');
    const foreignMilestone = await world.outsider.caller.milestone.create({ coalitionId: foreign, title: 'Theirs', dueDate: '2026-01-01' });
    const foreignBottleneck = await world.outsider.caller.bottleneck.create({ coalitionId: foreign, title: 'Theirs' });
    const mine = await world.editor.caller.bottleneck.create({ coalitionId: cid, title: 'Mine' });
    const before = world.app.rowCounts();
    const ed = world.editor.caller.bottleneck;
    for (const call of [
      ed.create({ coalitionId: cid, title: 'X', trackId: foreignTrack }),
      ed.create({ coalitionId: cid, title: 'X', milestoneId: foreignMilestone.id }),
      ed.update({ coalitionId: cid, bottleneckId: mine.id, version: 1, milestoneId: foreignMilestone.id }),
      ed.update({ coalitionId: cid, bottleneckId: foreignBottleneck.id, version: 1, title: 'Hijacked' }),
      ed.delete({ coalitionId: cid, bottleneckId: foreignBottleneck.id }),
      world.viewer.caller.bottleneck.list({ coalitionId: cid, trackId: foreignTrack }),
      world.viewer.caller.bottleneck.list({ coalitionId: cid, milestoneId: foreignMilestone.id }),
    ]) {
      expect((await rejection(call)).code).toBe('NOT_FOUND');
    }
    const v = world.viewer.caller.bottleneck;
    for (const call of [
      v.create({ coalitionId: cid, title: 'X' }),
      v.update({ coalitionId: cid, bottleneckId: mine.id, version: 1, severity: 'low' }),
      v.delete({ coalitionId: cid, bottleneckId: mine.id }),
    ]) {
      expect((await rejection(call)).code).toBe('FORBIDDEN');
    }
    const invalid = await rejection(ed.create({ coalitionId: cid, title: 'x'.repeat(301), narrative: 'y'.repeat(10001) }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(invalid.message).toMatch(/title/);
    expect(invalid.message).toMatch(/narrative/);
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('deletes a bottleneck with its comments, logging once', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.bottleneck;
    const b = await ed.create({ coalitionId: cid, title: 'Veto threat' });
    const keep = await ed.create({ coalitionId: cid, title: 'Keep' });
    await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'bottleneck', targetId: b.id, body: 'How do we reframe?' });
    await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'bottleneck', targetId: keep.id, body: 'Still here' });
    const activityBefore = world.app.rowCounts().activity!;
    expect(await ed.delete({ coalitionId: cid, bottleneckId: b.id })).toEqual({ ok: true, undoToken: expect.any(String) });
    expect(world.app.rowCounts().activity).toBe(activityBefore + 1);
    expect(world.app.db.select().from(comments).where(eq(comments.coalitionId, cid)).all().map((c) => c.body)).toEqual(['Still here']);
    expect((await world.viewer.caller.bottleneck.list({ coalitionId: cid })).map((x) => x.title)).toEqual(['Keep']);
  });
});
