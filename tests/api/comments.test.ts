import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { activity, comments } from '@coalition/db';
import {
  createCoalition,
  createForeignCoalition,
  createPlanWorld,
  insertPartner,
  insertTrack,
  rejection,
  type PlanWorld,
} from '../support/planFixtures.ts';

let now = Date.UTC(2026, 2, 10, 9);
let world: PlanWorld;
beforeAll(async () => {
  // owner, editor, viewer, outsider
  world = await createPlanWorld({ now: () => now }, ['Alice Martin', 'Alice Wong', 'Bob Stone', 'Otto Outsider']);
});

describe('comments', () => {
  it('lists a discussion oldest first with authors, on each kind of target', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Legal track');
    const partner = insertPartner(world.app, cid, 'Amnesty');
    const milestone = await world.editor.caller.milestone.create({ coalitionId: cid, trackId: track, title: 'Rome conference', dueDate: '2026-07-17' });
    const bottleneck = await world.editor.caller.bottleneck.create({ coalitionId: cid, title: 'Security Council role' });
    const targets = [
      ['milestone', milestone.id],
      ['track', track],
      ['partner', partner],
      ['bottleneck', bottleneck.id],
    ] as const;
    for (const [targetType, targetId] of targets) {
      // Same millisecond: the order of writing still holds.
      await world.owner.caller.comment.add({ coalitionId: cid, targetType, targetId, body: `first on ${targetType}` });
      await world.editor.caller.comment.add({ coalitionId: cid, targetType, targetId, body: `second on ${targetType}` });
      now += 1000;
      await world.owner.caller.comment.add({ coalitionId: cid, targetType, targetId, body: `third on ${targetType}` });
      const list = await world.viewer.caller.comment.list({ coalitionId: cid, targetType, targetId });
      expect(list.map((c) => c.body)).toEqual([`first on ${targetType}`, `second on ${targetType}`, `third on ${targetType}`]);
      expect(list[1]!.author).toEqual({ id: world.editor.id, name: 'Alice Wong' });
      expect(list[0]).toMatchObject({ targetType, targetId, version: 1, mentions: [] });
    }
    // Activity sits in the target's history, on its track where it has one.
    const onMilestone = world.app.db
      .select()
      .from(activity)
      .where(and(eq(activity.entityType, 'milestone'), eq(activity.entityId, milestone.id), eq(activity.action, 'comment.added')))
      .all();
    expect(onMilestone).toHaveLength(3);
    expect(onMilestone[0]).toMatchObject({ trackId: track, summary: 'commented on milestone "Rome conference"' });
    const onTrack = world.app.db.select().from(activity).where(and(eq(activity.entityId, track), eq(activity.action, 'comment.added'))).all();
    expect(onTrack.every((a) => a.trackId === track && a.entityType === 'track')).toBe(true);
    const onPartner = world.app.db.select().from(activity).where(eq(activity.entityId, partner)).all();
    expect(onPartner.every((a) => a.trackId === null)).toBe(true);
  });

  it('answers NOT_FOUND for a target that is missing or in another coalition, writing nothing', async () => {
    const cid = await createCoalition(world);
    const foreign = await createForeignCoalition(world);
    const foreignTrack = insertTrack(world.app, foreign, 'Theirs');
    const myTrack = insertTrack(world.app, cid, 'Mine');
    const before = world.app.rowCounts();
    for (const call of [
      world.viewer.caller.comment.list({ coalitionId: cid, targetType: 'track', targetId: foreignTrack }),
      world.editor.caller.comment.add({ coalitionId: cid, targetType: 'track', targetId: foreignTrack, body: 'Sneaky' }),
      // Right id, wrong type.
      world.editor.caller.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: myTrack, body: 'Wrong type' }),
    ]) {
      expect((await rejection(call)).code).toBe('NOT_FOUND');
    }
    const empty = await rejection(world.editor.caller.comment.add({ coalitionId: cid, targetType: 'track', targetId: myTrack, body: '   ' }));
    expect(empty.code).toBe('BAD_REQUEST');
    const viewer = await rejection(world.viewer.caller.comment.add({ coalitionId: cid, targetType: 'track', targetId: myTrack, body: 'Hi' }));
    expect(viewer.code).toBe('FORBIDDEN');
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('parses @mentions of members on add and again on edit', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Outreach');
    const c = await world.owner.caller.comment.add({
      coalitionId: cid,
      targetType: 'track',
      targetId: track,
      body: '@alice wong can you brief @Bob? (@Alice alone is ambiguous; @Otto is not a member; mail bob@stone.org)',
    });
    expect(c.mentions).toEqual([world.editor.id, world.viewer.id]);
    expect(world.app.db.select().from(comments).where(eq(comments.id, c.id)).get()!.mentions).toEqual([world.editor.id, world.viewer.id]);

    const edited = await world.owner.caller.comment.edit({ coalitionId: cid, commentId: c.id, version: 1, body: 'Only @Bob Stone now' });
    expect(edited).toMatchObject({ version: 2, body: 'Only @Bob Stone now', mentions: [world.viewer.id] });
    const log = world.app.db.select().from(activity).where(eq(activity.action, 'comment.edited')).all().filter((a) => a.coalitionId === cid);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ entityType: 'track', entityId: track, trackId: track, actorId: world.owner.id });
  });

  it('lets only the author edit or delete a comment', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Track');
    const c = await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'track', targetId: track, body: 'Mine' });
    const before = world.app.rowCounts();
    // Not even the coalition owner.
    const edit = await rejection(world.owner.caller.comment.edit({ coalitionId: cid, commentId: c.id, version: 1, body: 'Theirs now' }));
    expect(edit.code).toBe('FORBIDDEN');
    expect((await rejection(world.owner.caller.comment.delete({ coalitionId: cid, commentId: c.id }))).code).toBe('FORBIDDEN');
    expect((await rejection(world.viewer.caller.comment.delete({ coalitionId: cid, commentId: c.id }))).code).toBe('FORBIDDEN');
    expect(world.app.rowCounts()).toEqual(before);

    await world.editor.caller.comment.edit({ coalitionId: cid, commentId: c.id, version: 1, body: 'Mine, edited' });
    const stale = await rejection(world.editor.caller.comment.edit({ coalitionId: cid, commentId: c.id, version: 1, body: 'Older tab' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.cause.current).toMatchObject({ body: 'Mine, edited', version: 2 });

    const activityBefore = world.app.rowCounts().activity!;
    expect(await world.editor.caller.comment.delete({ coalitionId: cid, commentId: c.id })).toEqual({ ok: true, undoToken: expect.any(String) });
    expect(world.app.rowCounts().activity).toBe(activityBefore + 1);
    expect(await world.viewer.caller.comment.list({ coalitionId: cid, targetType: 'track', targetId: track })).toEqual([]);
    expect((await rejection(world.editor.caller.comment.delete({ coalitionId: cid, commentId: c.id }))).code).toBe('NOT_FOUND');
  });

  it('shows me the comments that mention me, newest first, with what they are about', async () => {
    const cid = await createCoalition(world);
    const other = await createCoalition(world, 'Other coalition');
    const track = insertTrack(world.app, cid, 'Finance');
    const milestone = await world.editor.caller.milestone.create({ coalitionId: cid, trackId: track, title: 'Donor round', dueDate: '2026-06-01' });
    const otherTrack = insertTrack(world.app, other, 'Elsewhere');
    await world.owner.caller.comment.add({ coalitionId: cid, targetType: 'track', targetId: track, body: '@Bob Stone first' });
    now += 1000;
    await world.owner.caller.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: milestone.id, body: 'no mention here' });
    await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: milestone.id, body: 'second, @bob' });
    await world.editor.caller.comment.add({ coalitionId: other, targetType: 'track', targetId: otherTrack, body: '@bob in another coalition' });

    const inbox = await world.viewer.caller.comment.mentions({ coalitionId: cid });
    expect(inbox.map((c) => c.body)).toEqual(['second, @bob', '@Bob Stone first']);
    expect(inbox[0]).toMatchObject({
      author: { id: world.editor.id, name: 'Alice Wong' },
      target: { type: 'milestone', id: milestone.id, label: 'Donor round', trackId: track },
    });
    expect(inbox[1]!.target).toEqual({ type: 'track', id: track, label: 'Finance', trackId: track });
    expect(await world.viewer.caller.comment.mentions({ coalitionId: cid, limit: 1 })).toHaveLength(1);
    expect(await world.owner.caller.comment.mentions({ coalitionId: cid })).toEqual([]);
  });
});
