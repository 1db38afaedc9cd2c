import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { activity, comments, milestoneDependencies, milestones } from '@coalition/db';
import {
  addMember,
  createCoalition,
  createForeignCoalition,
  createPlanWorld,
  insertPartner,
  insertTrack,
  rejection,
  type PlanWorld,
} from '../support/planFixtures.ts';

// A fixed clock: "today" is 2026-03-10 for the completion-date rules.
let now = Date.UTC(2026, 2, 10, 12);
let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld({ now: () => now });
});

/** A valid id (20 chars of a-z2-7) made from a number. */
function fixedId(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  for (let k = 0; k < 20; k++, n = Math.floor(n / 32)) out = alphabet[n % 32] + out;
  return out;
}

const activityFor = (entityId: string) =>
  world.app.db.select().from(activity).where(eq(activity.entityId, entityId)).orderBy(activity.id).all();

describe('milestone create and get', () => {
  it('creates a milestone with defaults, logs it on its track, and returns it with its relations', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Treaty text');
    const owner = insertPartner(world.app, cid, 'Canada');
    const ed = world.editor.caller.milestone;
    const draft = await ed.create({ coalitionId: cid, trackId: track, title: 'Draft text', dueDate: '2026-05-01' });
    expect(draft).toMatchObject({ status: 'planned', progress: 0, version: 1, trackId: track, completedOn: null, dependsOn: [] });

    const signing = await ed.create({
      coalitionId: cid,
      trackId: track,
      title: '  Signing conference  ',
      description: 'Ottawa, December',
      startDate: '2026-04-01',
      dueDate: '2026-04-20',
      ownerPartnerId: owner,
      dependsOn: [draft.id, draft.id],
    });
    expect(signing.title).toBe('Signing conference');
    expect(signing.dependsOn).toEqual([draft.id]);

    const log = activityFor(signing.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'milestone.created', entityType: 'milestone', trackId: track, actorId: world.editor.id });

    const got = await world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: signing.id });
    expect(got.track).toEqual({ id: track, name: 'Treaty text', color: '#1d4ed8' });
    expect(got.owner).toEqual({ id: owner, name: 'Canada' });
    expect(got.dependsOn).toEqual([{ id: draft.id, title: 'Draft text', dueDate: '2026-05-01', status: 'planned', completedOn: null }]);
    expect(got.dependents).toEqual([]);
    // The draft is due after the signing it must precede: flagged.
    expect(got.lateDependencies).toEqual([draft.id]);

    const draftView = await world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: draft.id });
    expect(draftView.dependents.map((d) => d.id)).toEqual([signing.id]);
    expect(draftView.track).not.toBeNull();
    expect(draftView.owner).toBeNull();
  });

  it('refuses a start date after the due date, naming the field, and writes nothing', async () => {
    const cid = await createCoalition(world);
    const before = world.app.rowCounts();
    const err = await rejection(
      world.editor.caller.milestone.create({ coalitionId: cid, title: 'Backwards', startDate: '2026-06-02', dueDate: '2026-06-01' }),
    );
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.cause.field).toBe('startDate');
    const zodErr = await rejection(world.editor.caller.milestone.create({ coalitionId: cid, title: '', dueDate: '2026-02-30' }));
    expect(zodErr.code).toBe('BAD_REQUEST');
    expect(zodErr.message).toMatch(/title/);
    expect(zodErr.message).toMatch(/dueDate/);
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('refuses ids from another coalition as not found, writing nothing', async () => {
    const cid = await createCoalition(world);
    const foreign = await createForeignCoalition(world);
    const foreignTrack = insertTrack(world.app, foreign, 'Theirs');
    const foreignPartner = insertPartner(world.app, foreign, 'Theirs');
    const foreignMilestone = await world.outsider.caller.milestone.create({ coalitionId: foreign, title: 'Theirs', dueDate: '2026-01-01' });
    const mine = await world.editor.caller.milestone.create({ coalitionId: cid, title: 'Mine', dueDate: '2026-01-01' });
    const before = world.app.rowCounts();
    const ed = world.editor.caller.milestone;
    for (const call of [
      ed.create({ coalitionId: cid, title: 'X', dueDate: '2026-01-01', trackId: foreignTrack }),
      ed.create({ coalitionId: cid, title: 'X', dueDate: '2026-01-01', ownerPartnerId: foreignPartner }),
      ed.create({ coalitionId: cid, title: 'X', dueDate: '2026-01-01', dependsOn: [foreignMilestone.id] }),
      ed.update({ coalitionId: cid, milestoneId: mine.id, version: 1, trackId: foreignTrack }),
      ed.update({ coalitionId: cid, milestoneId: mine.id, version: 1, dependsOn: [foreignMilestone.id] }),
      ed.update({ coalitionId: cid, milestoneId: foreignMilestone.id, version: 1, title: 'Hijacked' }),
      ed.delete({ coalitionId: cid, milestoneId: foreignMilestone.id }),
      world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: foreignMilestone.id }),
      world.viewer.caller.milestone.list({ coalitionId: cid, trackId: foreignTrack }),
      world.viewer.caller.milestone.list({ coalitionId: cid, ownerPartnerId: foreignPartner }),
      // Not a member of the other coalition at all.
      ed.list({ coalitionId: foreign }),
    ]) {
      expect((await rejection(call)).code).toBe('NOT_FOUND');
    }
    expect(world.app.rowCounts()).toEqual(before);
    expect(world.app.db.select().from(milestones).where(eq(milestones.id, foreignMilestone.id)).get()!.title).toBe('Theirs');
  });

  it('lets a viewer read but not change milestones', async () => {
    const cid = await createCoalition(world);
    const m = await world.editor.caller.milestone.create({ coalitionId: cid, title: 'Read me', dueDate: '2026-01-01' });
    const other = await world.editor.caller.milestone.create({ coalitionId: cid, title: 'Other', dueDate: '2026-01-02' });
    const before = world.app.rowCounts();
    const v = world.viewer.caller.milestone;
    for (const call of [
      v.create({ coalitionId: cid, title: 'X', dueDate: '2026-01-01' }),
      v.update({ coalitionId: cid, milestoneId: m.id, version: 1, status: 'done' }),
      v.delete({ coalitionId: cid, milestoneId: m.id }),
      v.addDependency({ coalitionId: cid, milestoneId: m.id, dependsOnId: other.id }),
      v.removeDependency({ coalitionId: cid, milestoneId: m.id, dependsOnId: other.id }),
    ]) {
      expect((await rejection(call)).code).toBe('FORBIDDEN');
    }
    expect(world.app.rowCounts()).toEqual(before);
    expect((await v.list({ coalitionId: cid })).items).toHaveLength(2);
  });
});

describe('milestone status, progress and completion', () => {
  it('done sets progress 100 and completes today; leaving done clears the date; progress alone starts, never finishes', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const m = await ed.create({ coalitionId: cid, title: 'Ratifications', dueDate: '2026-09-01', progress: 30 });
    // Progress above 0 is work under way: a planned milestone is in progress.
    expect(m).toMatchObject({ status: 'in_progress', progress: 30 });

    const hundred = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, progress: 100 });
    expect(hundred).toMatchObject({ status: 'in_progress', progress: 100, completedOn: null, version: 2 });

    const done = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 2, status: 'done', progress: 10 });
    expect(done).toMatchObject({ status: 'done', progress: 100, completedOn: '2026-03-10', version: 3 });

    const reopened = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 3, status: 'at_risk', progress: 90 });
    expect(reopened).toMatchObject({ status: 'at_risk', progress: 90, completedOn: null });

    const backdated = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 4, status: 'done', completedOn: '2026-02-27' });
    expect(backdated).toMatchObject({ status: 'done', progress: 100, completedOn: '2026-02-27' });

    const created = await ed.create({ coalitionId: cid, title: 'Already done', dueDate: '2026-01-01', status: 'done' });
    expect(created).toMatchObject({ progress: 100, completedOn: '2026-03-10' });
  });

  it('refuses a completion date on an open milestone and a start after the merged due date', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const m = await ed.create({ coalitionId: cid, title: 'Consultations', startDate: '2026-04-01', dueDate: '2026-05-01' });
    const before = world.app.rowCounts();
    const completed = await rejection(ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, completedOn: '2026-03-01' }));
    expect([completed.code, completed.cause.field]).toEqual(['BAD_REQUEST', 'completedOn']);
    const due = await rejection(ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, dueDate: '2026-03-15' }));
    expect([due.code, due.cause.field]).toEqual(['BAD_REQUEST', 'dueDate']);
    const start = await rejection(ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, startDate: '2026-05-02' }));
    expect([start.code, start.cause.field]).toEqual(['BAD_REQUEST', 'startDate']);
    expect(world.app.rowCounts()).toEqual(before);
    expect((await ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, startDate: null, dueDate: '2026-03-15' })).version).toBe(2);
  });

  it('logs one milestone.updated row with the changes and the track', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Finance');
    const ed = world.editor.caller.milestone;
    const m = await ed.create({ coalitionId: cid, trackId: track, title: 'Pledging', dueDate: '2026-08-01' });
    now += 60_000;
    const after = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, status: 'done', title: 'Pledging conference' });
    const log = activityFor(m.id);
    expect(log.map((a) => a.action)).toEqual(['milestone.created', 'milestone.updated']);
    expect(log[1]).toMatchObject({
      trackId: track,
      actorId: world.editor.id,
      createdAt: after.updatedAt,
      data: {
        title: ['Pledging', 'Pledging conference'],
        status: ['planned', 'done'],
        progress: [0, 100],
        completedOn: [null, '2026-03-10'],
      },
    });
    expect(log[1]!.summary).toContain('completed "Pledging conference"');
  });

  it('refuses a stale version with the current row, and overwrites nothing', async () => {
    const cid = await createCoalition(world);
    const m = await world.editor.caller.milestone.create({ coalitionId: cid, title: 'Shared', dueDate: '2026-08-01' });
    await world.owner.caller.milestone.update({ coalitionId: cid, milestoneId: m.id, version: 1, title: 'Owner title' });
    const before = world.app.rowCounts();
    const err = await rejection(
      world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: m.id, version: 1, title: 'Editor title', status: 'done' }),
    );
    expect(err.code).toBe('CONFLICT');
    expect(err.cause.current).toMatchObject({ id: m.id, title: 'Owner title', version: 2, status: 'planned' });
    expect(world.app.rowCounts()).toEqual(before);
    expect(world.app.db.select().from(milestones).where(eq(milestones.id, m.id)).get()).toMatchObject({ title: 'Owner title', version: 2 });
  });

  it('replaces dependencies on update, refusing a cycle by name', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const a = await ed.create({ coalitionId: cid, title: 'A', dueDate: '2026-01-01' });
    const b = await ed.create({ coalitionId: cid, title: 'B', dueDate: '2026-02-01', dependsOn: [a.id] });
    const c = await ed.create({ coalitionId: cid, title: 'C', dueDate: '2026-03-01' });
    const updated = await ed.update({ coalitionId: cid, milestoneId: b.id, version: 1, dependsOn: [c.id] });
    expect(updated.dependsOn).toEqual([c.id]);
    expect(activityFor(b.id).at(-1)!.data).toEqual({ dependsOn: [[a.id], [c.id]] });
    const before = world.app.rowCounts();
    const err = await rejection(ed.update({ coalitionId: cid, milestoneId: c.id, version: 1, dependsOn: [b.id], title: 'C2' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('This dependency would create a cycle: "C" → "B" → "C"');
    const self = await rejection(ed.update({ coalitionId: cid, milestoneId: c.id, version: 1, dependsOn: [c.id] }));
    expect(self.code).toBe('BAD_REQUEST');
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('deletes a milestone with its dependency edges and comments, logging once', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const a = await ed.create({ coalitionId: cid, title: 'Going', dueDate: '2026-01-01' });
    const b = await ed.create({ coalitionId: cid, title: 'Staying', dueDate: '2026-02-01', dependsOn: [a.id] });
    await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: a.id, body: 'About to go' });
    await world.editor.caller.comment.add({ coalitionId: cid, targetType: 'milestone', targetId: b.id, body: 'Stays' });
    const activityBefore = world.app.rowCounts().activity!;
    await ed.delete({ coalitionId: cid, milestoneId: a.id });
    expect(world.app.rowCounts().activity).toBe(activityBefore + 1);
    expect(activityFor(a.id).at(-1)).toMatchObject({ action: 'milestone.deleted' });
    expect(world.app.db.select().from(milestoneDependencies).where(eq(milestoneDependencies.coalitionId, cid)).all()).toEqual([]);
    const left = world.app.db.select().from(comments).where(eq(comments.coalitionId, cid)).all();
    expect(left.map((c) => c.body)).toEqual(['Stays']);
    expect((await rejection(world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: a.id }))).code).toBe('NOT_FOUND');
  });
});

describe('milestone list', () => {
  let cid: string;
  let trackA: string;
  let trackB: string;
  let partner: string;
  beforeAll(async () => {
    cid = await createCoalition(world, 'Listing coalition');
    trackA = insertTrack(world.app, cid, 'Alpha');
    trackB = insertTrack(world.app, cid, 'Beta');
    partner = insertPartner(world.app, cid, 'Norway');
    const ed = world.editor.caller.milestone;
    const statuses = ['planned', 'in_progress', 'at_risk', 'blocked', 'done', 'dropped'] as const;
    // 30 milestones over only 5 distinct due dates, so pages must break ties by id.
    for (let i = 0; i < 30; i++) {
      now += 1000;
      await ed.create({
        coalitionId: cid,
        trackId: i % 3 === 0 ? null : i % 3 === 1 ? trackA : trackB,
        title: `Milestone ${String(i).padStart(2, '0')}${i === 7 ? ' 100% ratified_' : ''}`,
        dueDate: `2026-0${(i % 5) + 1}-15`,
        status: statuses[i % 6],
        progress: (i % 4) * 25,
        ownerPartnerId: i % 10 === 0 ? partner : null,
      });
    }
  });

  async function walk(input: Record<string, unknown>, limit: number) {
    const seen: Awaited<ReturnType<typeof world.viewer.caller.milestone.list>>['items'] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await world.viewer.caller.milestone.list({ coalitionId: cid, ...input, limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 100);
    return { seen, pages };
  }

  it('walks every page by due date with no duplicates or gaps among equal dates', async () => {
    const { seen, pages } = await walk({}, 7);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((m) => m.id)).size).toBe(30);
    const expected = [...seen].sort((x, y) => x.dueDate.localeCompare(y.dueDate) || (x.id < y.id ? -1 : 1));
    expect(seen.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    // Exactly full pages end with nextCursor null on the last one.
    const exact = await walk({}, 10);
    expect(exact.pages).toBe(3);
    expect(exact.seen.map((m) => m.id)).toEqual(expected.map((m) => m.id));
  });

  it('pages stably through every sort, both directions', async () => {
    const rank = ['planned', 'in_progress', 'at_risk', 'blocked', 'done', 'dropped'];
    const keys = {
      title: (m: any) => m.title.toLowerCase(),
      status: (m: any) => rank.indexOf(m.status),
      progress: (m: any) => m.progress,
      updatedAt: (m: any) => m.updatedAt,
    };
    for (const [sortBy, key] of Object.entries(keys)) {
      for (const sortDir of ['asc', 'desc'] as const) {
        const { seen } = await walk({ sortBy, sortDir }, 4);
        expect(new Set(seen.map((m) => m.id)).size).toBe(30);
        const sign = sortDir === 'asc' ? 1 : -1;
        const sorted = [...seen].sort((x, y) => {
          const a = key(x);
          const b = key(y);
          return (a < b ? -sign : a > b ? sign : 0) || (x.id < y.id ? -sign : sign);
        });
        expect(seen.map((m) => m.id), `${sortBy} ${sortDir}`).toEqual(sorted.map((m) => m.id));
      }
    }
  });

  it('filters by track, coalition-wide, status, owner, due range and search', async () => {
    const list = (input: Record<string, unknown>) => world.viewer.caller.milestone.list({ coalitionId: cid, ...input });
    const a = await list({ trackId: trackA });
    expect(a.items).toHaveLength(10);
    expect(a.items.every((m) => m.trackId === trackA)).toBe(true);
    const wide = await list({ trackId: null });
    expect(wide.items).toHaveLength(10);
    expect(wide.items.every((m) => m.trackId === null)).toBe(true);
    const status = await list({ status: ['done', 'blocked'] });
    expect(status.items).toHaveLength(10);
    expect(new Set(status.items.map((m) => m.status))).toEqual(new Set(['done', 'blocked']));
    expect((await list({ ownerPartnerId: partner })).items.map((m) => m.title).sort()).toEqual(['Milestone 00', 'Milestone 10', 'Milestone 20']);
    const range = await list({ dueFrom: '2026-02-01', dueTo: '2026-03-31' });
    expect(range.items).toHaveLength(12);
    expect(range.items.every((m) => m.dueDate >= '2026-02-15' && m.dueDate <= '2026-03-15')).toBe(true);
    // LIKE wildcards in the search are literal.
    expect((await list({ search: '100%' })).items.map((m) => m.title)).toEqual(['Milestone 07 100% ratified_']);
    expect((await list({ search: 'd_' })).items.map((m) => m.title)).toEqual(['Milestone 07 100% ratified_']);
    expect((await list({ search: 'milestone 1', trackId: trackA })).items.map((m) => m.title).sort()).toEqual(['Milestone 10', 'Milestone 13', 'Milestone 16', 'Milestone 19']);
    expect((await list({ trackId: trackA, status: ['dropped'], dueTo: '2026-01-31' })).items).toEqual([]);
  });

  it('carries each item’s dependencies, and rejects a cursor it did not make', async () => {
    const page = await world.viewer.caller.milestone.list({ coalitionId: cid, limit: 3 });
    const [first, second, third] = page.items;
    await world.editor.caller.milestone.addDependency({ coalitionId: cid, milestoneId: third!.id, dependsOnId: first!.id });
    await world.editor.caller.milestone.addDependency({ coalitionId: cid, milestoneId: third!.id, dependsOnId: second!.id });
    const again = await world.viewer.caller.milestone.list({ coalitionId: cid, limit: 3 });
    expect(again.items[2]!.dependsOn.sort()).toEqual([first!.id, second!.id].sort());
    expect(again.items[0]!.dependsOn).toEqual([]);
    expect(again.items[0]).toMatchObject({ coalitionId: cid, version: 1, description: '' });

    const bad = await rejection(world.viewer.caller.milestone.list({ coalitionId: cid, cursor: 'not-a-cursor' }));
    expect([bad.code, bad.cause.field]).toEqual(['BAD_REQUEST', 'cursor']);
    // A due-date cursor given to the progress sort.
    const wrongSort = await rejection(world.viewer.caller.milestone.list({ coalitionId: cid, sortBy: 'progress', cursor: page.nextCursor! }));
    expect(wrongSort.code).toBe('BAD_REQUEST');
    expect((await rejection(world.viewer.caller.milestone.list({ coalitionId: cid, limit: 501 }))).code).toBe('BAD_REQUEST');
  });

  it('reads a page in a fixed number of queries, whatever its size', async () => {
    const sqlite = world.app.db.$client;
    const prepare = sqlite.prepare.bind(sqlite);
    let queries = 0;
    sqlite.prepare = ((source: string) => {
      queries++;
      return prepare(source);
    }) as typeof sqlite.prepare;
    try {
      const count = async (limit: number) => {
        queries = 0;
        await world.viewer.caller.milestone.list({ coalitionId: cid, limit });
        return queries;
      };
      const small = await count(2);
      expect(small).toBeGreaterThan(1);
      expect(await count(30)).toBe(small);
    } finally {
      sqlite.prepare = prepare;
    }
  });

  it('gives the timeline every milestone and edge of a 5,000-milestone plan', async () => {
    const big = await createCoalition(world, 'Large plan');
    const ids: string[] = [];
    const t = Date.now();
    const sqlite = world.app.db.$client;
    const addMilestone = sqlite.prepare(
      'INSERT INTO milestones (id, coalition_id, title, due_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const addEdge = sqlite.prepare(
      'INSERT INTO milestone_dependencies (coalition_id, milestone_id, depends_on_id, created_at) VALUES (?, ?, ?, ?)',
    );
    sqlite.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        const id = fixedId(i);
        ids.push(id);
        addMilestone.run(id, big, `M${i}`, '2027-01-01', t, t);
        if (i > 0) addEdge.run(big, id, ids[i - 1]!, t);
      }
    })();
    const timeline = await world.viewer.caller.milestone.timeline({ coalitionId: big });
    expect(timeline.milestones).toHaveLength(5000);
    expect(timeline.dependencies).toHaveLength(4999);
    expect(Object.keys(timeline.milestones[0]!).sort()).toEqual(
      ['completedOn', 'dueDate', 'id', 'ownerPartnerId', 'progress', 'responsibleUserId', 'startDate', 'status', 'title', 'trackId', 'version'].sort(),
    );
    // Closing the 5,000-long chain into a cycle is refused, naming its first and last steps and
    // counting the rest (the search is iterative: no stack overflow).
    const err = await rejection(
      world.editor.caller.milestone.addDependency({ coalitionId: big, milestoneId: ids[0]!, dependsOnId: ids[4999]! }),
    );
    expect(err.message).toBe('This dependency would create a cycle of 5,000 milestones: "M0" → "M4999" → "M4998" → "M4997" → … 4,995 more … → "M1" → "M0"');
    expect(world.app.db.select().from(milestoneDependencies).where(and(eq(milestoneDependencies.coalitionId, big), eq(milestoneDependencies.milestoneId, ids[0]!))).all()).toEqual([]);
  });
});

describe('milestone responsible member', () => {
  it('sets the responsible member on create and on update, logging it, and names them on get, list and timeline', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const m = await ed.create({ coalitionId: cid, title: 'Draft the text', dueDate: '2026-06-01', responsibleUserId: world.viewer.id });
    expect(m.responsibleUserId).toBe(world.viewer.id);
    expect(activityFor(m.id)[0]).toMatchObject({ action: 'milestone.created', data: { responsibleUserId: world.viewer.id } });

    const got = await world.viewer.caller.milestone.get({ coalitionId: cid, milestoneId: m.id });
    expect(got).toMatchObject({ responsibleUserId: world.viewer.id, responsible: { id: world.viewer.id, name: 'Vera Viewer' } });
    const listed = await world.viewer.caller.milestone.list({ coalitionId: cid });
    expect(listed.items.map((i) => i.responsibleUserId)).toEqual([world.viewer.id]);
    const timeline = await world.viewer.caller.milestone.timeline({ coalitionId: cid });
    expect(timeline.milestones.map((i) => i.responsibleUserId)).toEqual([world.viewer.id]);

    // Omitted on update: kept.
    const renamed = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 1, title: 'Draft the treaty text' });
    expect(renamed).toMatchObject({ responsibleUserId: world.viewer.id, version: 2 });
    expect(activityFor(m.id)[1]!.data).toEqual({ title: ['Draft the text', 'Draft the treaty text'] });

    const moved = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 2, responsibleUserId: world.owner.id });
    expect(moved).toMatchObject({ responsibleUserId: world.owner.id, version: 3 });
    expect(activityFor(m.id)[2]).toMatchObject({ action: 'milestone.updated', data: { responsibleUserId: [world.viewer.id, world.owner.id] } });

    const cleared = await ed.update({ coalitionId: cid, milestoneId: m.id, version: 3, responsibleUserId: null });
    expect(cleared.responsibleUserId).toBeNull();
    expect(activityFor(m.id)[3]!.data).toEqual({ responsibleUserId: [world.owner.id, null] });
    expect((await ed.get({ coalitionId: cid, milestoneId: m.id })).responsible).toBeNull();

    // Nobody by default.
    const plain = await ed.create({ coalitionId: cid, title: 'Plain', dueDate: '2026-06-02' });
    expect(plain.responsibleUserId).toBeNull();
    expect(activityFor(plain.id)[0]!.data).not.toHaveProperty('responsibleUserId');

    // The list filters by the responsible member ("mine"); someone not (or no longer) a member matches nothing.
    const mine = await ed.create({ coalitionId: cid, title: 'Mine', dueDate: '2026-06-03', responsibleUserId: world.editor.id });
    const byMe = await world.editor.caller.milestone.list({ coalitionId: cid, responsibleUserId: world.editor.id });
    expect(byMe.items.map((i) => i.id)).toEqual([mine.id]);
    expect((await ed.list({ coalitionId: cid, responsibleUserId: world.outsider.id })).items).toEqual([]);
  });

  it('refuses someone who is not a current member (foreign, former or unknown) as not found, writing nothing', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const m = await ed.create({ coalitionId: cid, title: 'Ratify', dueDate: '2026-07-01', responsibleUserId: world.editor.id });
    // The outsider was a member once and left.
    addMember(world.app, cid, world.outsider.id, 'viewer');
    await world.outsider.caller.member.leave({ coalitionId: cid });
    const before = world.app.rowCounts();
    for (const someone of [world.outsider.id, fixedId(424242)]) {
      for (const call of [
        ed.create({ coalitionId: cid, title: 'Nope', dueDate: '2026-07-02', responsibleUserId: someone }),
        ed.update({ coalitionId: cid, milestoneId: m.id, version: m.version, responsibleUserId: someone }),
      ]) {
        const err = await rejection(call);
        expect(err.code).toBe('NOT_FOUND');
        expect(err.message).toMatch(/^Member not found/);
      }
    }
    expect(world.app.rowCounts()).toEqual(before);
    expect(world.app.db.select().from(milestones).where(eq(milestones.id, m.id)).get()).toMatchObject({ responsibleUserId: world.editor.id, version: 1 });
  });

  it('still refuses a stale version, writing nothing', async () => {
    const cid = await createCoalition(world);
    const m = await world.owner.caller.milestone.create({ coalitionId: cid, title: 'Signing', dueDate: '2026-08-01' });
    await world.owner.caller.milestone.update({ coalitionId: cid, milestoneId: m.id, version: 1, responsibleUserId: world.owner.id });
    const before = world.app.rowCounts();
    const err = await rejection(world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: m.id, version: 1, responsibleUserId: world.editor.id }));
    expect(err.code).toBe('CONFLICT');
    expect(err.cause.current).toMatchObject({ id: m.id, version: 2, responsibleUserId: world.owner.id });
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('clears a removed member as responsible on that coalition\'s milestones only (a new version of each)', async () => {
    const cid = await createCoalition(world);
    const other = await createCoalition(world, 'Other coalition');
    const a = await world.owner.caller.milestone.create({ coalitionId: cid, title: 'A', dueDate: '2026-09-01', responsibleUserId: world.editor.id });
    const b = await world.owner.caller.milestone.create({ coalitionId: cid, title: 'B', dueDate: '2026-09-02', responsibleUserId: world.viewer.id });
    const elsewhere = await world.owner.caller.milestone.create({ coalitionId: other, title: 'C', dueDate: '2026-09-03', responsibleUserId: world.editor.id });

    await world.owner.caller.member.remove({ coalitionId: cid, userId: world.editor.id });
    const row = (id: string) => world.app.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
    expect(row(a.id)).toMatchObject({ responsibleUserId: null, version: 2 });
    expect(row(b.id)).toMatchObject({ responsibleUserId: world.viewer.id, version: 1 });
    expect(row(elsewhere.id)).toMatchObject({ responsibleUserId: world.editor.id, version: 1 });
    expect((await world.owner.caller.milestone.get({ coalitionId: cid, milestoneId: a.id })).responsible).toBeNull();

    // An edit begun before the removal meets a conflict, not a refusal.
    const err = await rejection(world.owner.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: 1, responsibleUserId: world.editor.id }));
    expect(err.code).toBe('CONFLICT');
    // A member who leaves by themselves is cleared too.
    await world.viewer.caller.member.leave({ coalitionId: cid });
    expect(row(b.id)).toMatchObject({ responsibleUserId: null, version: 2 });
  });
});
