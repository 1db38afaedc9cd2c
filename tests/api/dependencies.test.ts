import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activity, milestoneDependencies, newId } from '@coalition/db';
import { createCoalition, createForeignCoalition, createPlanWorld, insertTrack, rejection, type PlanWorld } from '../support/planFixtures.ts';

let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld();
});

async function plan(titles: string[], trackId?: string) {
  const cid = await createCoalition(world);
  const track = trackId ?? insertTrack(world.app, cid, 'Track');
  const ids: Record<string, string> = {};
  for (const [i, title] of titles.entries()) {
    ids[title] = (
      await world.editor.caller.milestone.create({ coalitionId: cid, trackId: track, title, dueDate: `2026-0${i + 1}-01` })
    ).id;
  }
  return { cid, track, ids };
}

const edges = (cid: string) =>
  world.app.db
    .select({ m: milestoneDependencies.milestoneId, d: milestoneDependencies.dependsOnId })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.coalitionId, cid))
    .all();

describe('milestone dependencies', () => {
  it('adds a dependency once, logs it on the waiting milestone, and treats a duplicate as a no-op', async () => {
    const { cid, track, ids } = await plan(['Draft', 'Signing']);
    const ed = world.editor.caller.milestone;
    expect(await ed.addDependency({ coalitionId: cid, milestoneId: ids.Signing!, dependsOnId: ids.Draft! })).toEqual({ ok: true, added: true });
    const before = world.app.rowCounts();
    expect(await ed.addDependency({ coalitionId: cid, milestoneId: ids.Signing!, dependsOnId: ids.Draft! })).toEqual({ ok: true, added: false });
    expect(world.app.rowCounts()).toEqual(before);
    expect(edges(cid)).toEqual([{ m: ids.Signing, d: ids.Draft }]);
    const log = world.app.db.select().from(activity).where(eq(activity.action, 'milestone.dependency_added')).all().filter((a) => a.coalitionId === cid);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ entityId: ids.Signing, trackId: track, summary: 'made "Signing" depend on "Draft"' });
    const got = await world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: ids.Signing! });
    expect(got.dependsOn.map((d) => d.id)).toEqual([ids.Draft]);
    expect(got.lateDependencies).toEqual([]);
  });

  it('a cycle through a long chain gets a short error: the first and last few named, the rest counted', async () => {
    const cid = await createCoalition(world);
    // A chain of 1,500 milestones, each waiting for the one before (written directly: faster than 1,500 calls).
    const sqlite = world.app.db.$client;
    const ids = Array.from({ length: 1500 }, () => newId());
    const now = Date.now();
    sqlite.transaction(() => {
      const m = sqlite.prepare('INSERT INTO milestones (id, coalition_id, title, due_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      const d = sqlite.prepare('INSERT INTO milestone_dependencies (coalition_id, milestone_id, depends_on_id, created_at) VALUES (?, ?, ?, ?)');
      ids.forEach((id, i) => m.run(id, cid, `Step ${i} of a very long chain of consultations and drafting sessions`, '2027-01-01', now, now));
      for (let i = 1; i < ids.length; i++) d.run(cid, ids[i], ids[i - 1], now);
    })();
    const err = await rejection(world.editor.caller.milestone.addDependency({ coalitionId: cid, milestoneId: ids[0]!, dependsOnId: ids[1499]! }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message.length).toBeLessThan(1000);
    expect(err.message).toMatch(/^This dependency would create a cycle of 1,500 milestones: "Step 0 of a very long chain/);
    expect(err.message).toContain('… 1,495 more …');
  });

  it('refuses a cycle, naming it by titles, and writes nothing', async () => {
    const { cid, ids } = await plan(['Consultations', 'Draft treaty', 'Ministerial', 'Unrelated']);
    const ed = world.editor.caller.milestone;
    // Ministerial waits for Draft treaty, which waits for Consultations.
    await ed.addDependency({ coalitionId: cid, milestoneId: ids['Draft treaty']!, dependsOnId: ids.Consultations! });
    await ed.addDependency({ coalitionId: cid, milestoneId: ids.Ministerial!, dependsOnId: ids['Draft treaty']! });
    await ed.addDependency({ coalitionId: cid, milestoneId: ids.Unrelated!, dependsOnId: ids.Consultations! });
    const before = world.app.rowCounts();
    const err = await rejection(ed.addDependency({ coalitionId: cid, milestoneId: ids.Consultations!, dependsOnId: ids.Ministerial! }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('This dependency would create a cycle: "Consultations" → "Ministerial" → "Draft treaty" → "Consultations"');
    const direct = await rejection(ed.addDependency({ coalitionId: cid, milestoneId: ids.Consultations!, dependsOnId: ids['Draft treaty']! }));
    expect(direct.message).toBe('This dependency would create a cycle: "Consultations" → "Draft treaty" → "Consultations"');
    const self = await rejection(ed.addDependency({ coalitionId: cid, milestoneId: ids.Unrelated!, dependsOnId: ids.Unrelated! }));
    expect(self.code).toBe('BAD_REQUEST');
    expect(self.message).toMatch(/itself/);
    expect(world.app.rowCounts()).toEqual(before);
    // Parallel branches are fine: not every shared ancestor is a cycle.
    expect((await ed.addDependency({ coalitionId: cid, milestoneId: ids.Ministerial!, dependsOnId: ids.Unrelated! })).added).toBe(true);
  });

  it('refuses milestones of another coalition as not found', async () => {
    const { cid, ids } = await plan(['Mine']);
    const foreign = await createForeignCoalition(world);
    const theirs = await world.outsider.caller.milestone.create({ coalitionId: foreign, title: 'Theirs', dueDate: '2026-01-01' });
    const before = world.app.rowCounts();
    const ed = world.editor.caller.milestone;
    for (const call of [
      ed.addDependency({ coalitionId: cid, milestoneId: ids.Mine!, dependsOnId: theirs.id }),
      ed.addDependency({ coalitionId: cid, milestoneId: theirs.id, dependsOnId: ids.Mine! }),
      ed.removeDependency({ coalitionId: cid, milestoneId: ids.Mine!, dependsOnId: theirs.id }),
    ]) {
      expect((await rejection(call)).code).toBe('NOT_FOUND');
    }
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('removes a dependency, and answers NOT_FOUND for an edge that does not exist', async () => {
    const { cid, ids } = await plan(['First', 'Second']);
    const ed = world.editor.caller.milestone;
    await ed.addDependency({ coalitionId: cid, milestoneId: ids.Second!, dependsOnId: ids.First! });
    const activityBefore = world.app.rowCounts().activity!;
    expect(await ed.removeDependency({ coalitionId: cid, milestoneId: ids.Second!, dependsOnId: ids.First! })).toEqual({ ok: true });
    expect(edges(cid)).toEqual([]);
    expect(world.app.rowCounts().activity).toBe(activityBefore + 1);
    const before = world.app.rowCounts();
    const missing = await rejection(ed.removeDependency({ coalitionId: cid, milestoneId: ids.Second!, dependsOnId: ids.First! }));
    expect(missing.code).toBe('NOT_FOUND');
    // The reverse direction was never an edge either.
    const reverse = await rejection(ed.removeDependency({ coalitionId: cid, milestoneId: ids.First!, dependsOnId: ids.Second! }));
    expect(reverse.code).toBe('NOT_FOUND');
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('flags dependencies that finish after the milestone is due, and feeds the timeline', async () => {
    const { cid, ids } = await plan(['Early', 'Target', 'Late']);
    const ed = world.editor.caller.milestone;
    await ed.addDependency({ coalitionId: cid, milestoneId: ids.Target!, dependsOnId: ids.Early! });
    await ed.addDependency({ coalitionId: cid, milestoneId: ids.Target!, dependsOnId: ids.Late! });
    const got = await world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: ids.Target! });
    expect(got.dependsOn.map((d) => d.title)).toEqual(['Early', 'Late']);
    expect(got.lateDependencies).toEqual([ids.Late]);
    // Finished early: no longer late.
    await ed.update({ coalitionId: cid, milestoneId: ids.Late!, version: 1, status: 'done', completedOn: '2026-01-15' });
    expect((await world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: ids.Target! })).lateDependencies).toEqual([]);
    const timeline = await world.viewer.caller.milestone.timeline({ coalitionId: cid });
    expect(timeline.milestones.map((m) => m.title)).toEqual(['Early', 'Target', 'Late']);
    expect(timeline.dependencies).toHaveLength(2);
    expect(timeline.dependencies).toContainEqual({ milestoneId: ids.Target, dependsOnId: ids.Late });
  });

  it('viewers cannot change dependencies', async () => {
    const { cid, ids } = await plan(['One', 'Two']);
    const before = world.app.rowCounts();
    const err = await rejection(world.viewer.caller.milestone.addDependency({ coalitionId: cid, milestoneId: ids.Two!, dependsOnId: ids.One! }));
    expect(err.code).toBe('FORBIDDEN');
    expect(world.app.rowCounts()).toEqual(before);
  });
});
