import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activity, milestones, type Activity } from '@coalition/db';
import { createCoalition, createPlanWorld, insertTrack, rejection, type PlanWorld } from '../support/planFixtures.ts';

let now = Date.UTC(2026, 2, 10, 9);
let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld({ now: () => now });
});

describe('activity', () => {
  it('writes exactly one row per change, in the change’s own transaction, and none for a refused change', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Track');
    const published: Activity[] = [];
    const unsubscribe = world.app.services.events.subscribe(cid, (e) => published.push(e));
    const count = () => world.app.rowCounts().activity!;
    const ed = world.editor.caller;
    try {
      const steps: [string, () => Promise<unknown>][] = [];
      let a = '';
      let b = '';
      steps.push(['milestone.created', async () => (a = (await ed.milestone.create({ coalitionId: cid, trackId: track, title: 'A', dueDate: '2026-04-01' })).id)]);
      steps.push(['milestone.created', async () => (b = (await ed.milestone.create({ coalitionId: cid, title: 'B', dueDate: '2026-05-01' })).id)]);
      steps.push(['milestone.updated', () => ed.milestone.update({ coalitionId: cid, milestoneId: a, version: 1, status: 'done' })]);
      steps.push(['milestone.dependency_added', () => ed.milestone.addDependency({ coalitionId: cid, milestoneId: b, dependsOnId: a })]);
      steps.push(['bottleneck.created', () => ed.bottleneck.create({ coalitionId: cid, title: 'Stalled', milestoneId: a })]);
      steps.push(['comment.added', () => ed.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: b, body: 'Looks good' })]);
      steps.push(['milestone.deleted', () => ed.milestone.delete({ coalitionId: cid, milestoneId: b })]);
      for (const [action, step] of steps) {
        now += 1000;
        const before = count();
        await step();
        expect(count(), action).toBe(before + 1);
        expect(published.at(-1)).toMatchObject({ action, createdAt: now, actorId: world.editor.id });
      }
      expect(published).toHaveLength(steps.length);
      // The log's instant is the change's own: the update and its activity row share `now`.
      const row = world.app.db.select().from(milestones).where(eq(milestones.id, a)).get()!;
      const updated = world.app.db.select().from(activity).where(eq(activity.action, 'milestone.updated')).all().find((x) => x.entityId === a)!;
      expect(updated.createdAt).toBe(row.updatedAt);

      // Refused: a cycle, a stale version, a viewer. No rows, no events.
      const c = (await ed.milestone.create({ coalitionId: cid, title: 'C', dueDate: '2026-06-01', dependsOn: [a] })).id;
      const before = world.app.rowCounts();
      const publishedBefore = published.length;
      await rejection(ed.milestone.addDependency({ coalitionId: cid, milestoneId: a, dependsOnId: c }));
      await rejection(ed.milestone.update({ coalitionId: cid, milestoneId: a, version: 1, title: 'Stale' }));
      await rejection(world.viewer.caller.milestone.delete({ coalitionId: cid, milestoneId: a }));
      expect(world.app.rowCounts()).toEqual(before);
      expect(published).toHaveLength(publishedBefore);
    } finally {
      unsubscribe();
    }
  });

  it('lists newest first and pages by activity id without gaps or duplicates', async () => {
    const cid = await createCoalition(world);
    for (let i = 0; i < 11; i++) {
      await world.editor.caller.bottleneck.create({ coalitionId: cid, title: `B${i}` });
    }
    const all = world.app.db.select({ id: activity.id }).from(activity).where(eq(activity.coalitionId, cid)).all();
    expect(all).toHaveLength(12); // coalition.created + 11

    const seen: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await world.viewer.caller.activity.list({ coalitionId: cid, limit: 5, cursor });
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((x) => x.id).sort((x, y) => y - x));

    const first = await world.viewer.caller.activity.list({ coalitionId: cid, limit: 1 });
    expect(first.items[0]).toMatchObject({
      action: 'bottleneck.created',
      entityType: 'bottleneck',
      summary: 'flagged the medium bottleneck "B10"',
      data: { title: 'B10', severity: 'medium', status: 'open' },
      actor: { id: world.editor.id, name: world.editor.name },
    });
    expect(Object.keys(first.items[0]!).sort()).toEqual(
      ['action', 'actor', 'createdAt', 'data', 'entityId', 'entityType', 'id', 'summary', 'trackId'].sort(),
    );
    expect(first.nextCursor).toBe(first.items[0]!.id);
    expect((await rejection(world.viewer.caller.activity.list({ coalitionId: cid, limit: 201 }))).code).toBe('BAD_REQUEST');
  });

  it('filters by actor, entity type, track and one item’s history', async () => {
    const cid = await createCoalition(world);
    const trackA = insertTrack(world.app, cid, 'A');
    const trackB = insertTrack(world.app, cid, 'B');
    const m1 = await world.editor.caller.milestone.create({ coalitionId: cid, trackId: trackA, title: 'M1', dueDate: '2026-04-01' });
    const m2 = await world.owner.caller.milestone.create({ coalitionId: cid, trackId: trackB, title: 'M2', dueDate: '2026-04-01' });
    await world.owner.caller.milestone.update({ coalitionId: cid, milestoneId: m1.id, version: 1, progress: 50 });
    await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: m1.id, body: 'Halfway' });
    await world.editor.caller.bottleneck.create({ coalitionId: cid, title: 'Snag', trackId: trackB });

    const list = async (input: Record<string, unknown>) =>
      (await world.viewer.caller.activity.list({ coalitionId: cid, ...input })).items.map((x) => x.action);
    expect(await list({ actorId: world.editor.id })).toEqual(['bottleneck.created', 'comment.added', 'milestone.created']);
    expect(await list({ actorId: world.owner.id })).toEqual(['milestone.updated', 'milestone.created', 'coalition.created']);
    expect(await list({ entityType: 'bottleneck' })).toEqual(['bottleneck.created']);
    expect(await list({ trackId: trackA })).toEqual(['comment.added', 'milestone.updated', 'milestone.created']);
    expect(await list({ trackId: trackB })).toEqual(['bottleneck.created', 'milestone.created']);
    // An item's history includes its discussion.
    expect(await list({ entity: { type: 'milestone', id: m1.id } })).toEqual(['comment.added', 'milestone.updated', 'milestone.created']);
    expect(await list({ entity: { type: 'milestone', id: m2.id }, actorId: world.editor.id })).toEqual([]);
    const page = await world.viewer.caller.activity.list({ coalitionId: cid, trackId: trackA, limit: 2 });
    expect(page.items).toHaveLength(2);
    const rest = await world.viewer.caller.activity.list({ coalitionId: cid, trackId: trackA, limit: 2, cursor: page.nextCursor! });
    expect(rest.items.map((x) => x.action)).toEqual(['milestone.created']);
    expect(rest.nextCursor).toBeNull();
  });

  it('shows a removed actor as nobody, and keeps other coalitions’ activity out of reach', async () => {
    const cid = await createCoalition(world);
    world.app.db
      .insert(activity)
      .values({ coalitionId: cid, actorId: null, action: 'import.done', entityType: 'coalition', entityId: cid, summary: 'imported', createdAt: now })
      .run();
    const [latest] = (await world.viewer.caller.activity.list({ coalitionId: cid, limit: 1 })).items;
    expect(latest).toMatchObject({ action: 'import.done', actor: null });
    expect((await rejection(world.outsider.caller.activity.list({ coalitionId: cid }))).code).toBe('NOT_FOUND');
    const foreign = (await world.outsider.caller.coalition.create({ name: 'Elsewhere', goal: 'Other', goalDate: '2031-01-01' })).id;
    const foreignTrack = insertTrack(world.app, foreign, 'Theirs');
    expect((await rejection(world.viewer.caller.activity.list({ coalitionId: cid, trackId: foreignTrack }))).code).toBe('NOT_FOUND');
  });
});
