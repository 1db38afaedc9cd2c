import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { activity, milestones } from '@coalition/db';
import { createCoalition, createForeignCoalition, createPlanWorld, insertPartner, insertTrack, rejection, type PlanWorld } from '../support/planFixtures.ts';

// "Today" is 2026-03-10 in the coalition.
const now = Date.UTC(2026, 2, 10, 12);
let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld({ now: () => now });
});

const updatesOf = (ids: string[]) =>
  world.app.db
    .select()
    .from(activity)
    .where(and(inArray(activity.entityId, ids), eq(activity.action, 'milestone.updated')))
    .orderBy(activity.id)
    .all();
const rowsOf = (ids: string[]) => world.app.db.select().from(milestones).where(inArray(milestones.id, ids)).all();

async function threeMilestones(cid: string) {
  const ed = world.editor.caller.milestone;
  const a = await ed.create({ coalitionId: cid, title: 'Draft text', startDate: '2026-03-01', dueDate: '2026-04-01' });
  const b = await ed.create({ coalitionId: cid, title: 'Consult capitals', startDate: '2026-03-20', dueDate: '2026-04-10' });
  const c = await ed.create({ coalitionId: cid, title: 'Signing', dueDate: '2026-05-01' });
  return [a, b, c] as const;
}

describe('milestone.bulkUpdate', () => {
  it('applies one change to every selected milestone, with one history line each that reads like a single edit', async () => {
    const cid = await createCoalition(world);
    const ms = await threeMilestones(cid);
    const items = ms.map((m) => ({ id: m.id, version: m.version }));
    const ids = ms.map((m) => m.id);

    const res = await world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items, change: { status: 'at_risk' } });
    expect(res.conflicts).toEqual([]);
    expect(res.updated.map((m) => m.status)).toEqual(['at_risk', 'at_risk', 'at_risk']);
    expect(rowsOf(ids).every((m) => m.status === 'at_risk' && m.version === 2)).toBe(true);
    const log = updatesOf(ids);
    expect(log).toHaveLength(3);
    expect(new Set(log.map((r) => r.entityId))).toEqual(new Set(ids));
    expect(log.every((r) => r.actorId === world.editor.id)).toBe(true);

    // The same history sentence as the single edit of the same field.
    const single = await world.editor.caller.milestone.create({ coalitionId: cid, title: 'Single edit', dueDate: '2026-06-01' });
    await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: single.id, version: 1, status: 'at_risk' });
    const [singleLine] = updatesOf([single.id]);
    expect(log[0]!.summary.replace('Draft text', 'Single edit')).toBe(singleLine!.summary);
    expect(log[0]!.data).toEqual(singleLine!.data);

    // Shift by 7 days moves start and due dates; a milestone without a start keeps none.
    const shifted = await world.editor.caller.milestone.bulkUpdate({
      coalitionId: cid,
      items: ids.map((id) => ({ id, version: 2 })),
      change: { shift: { days: 7 } },
    });
    const byId = new Map(shifted.updated.map((m) => [m.id, m]));
    expect(byId.get(ms[0].id)).toMatchObject({ startDate: '2026-03-08', dueDate: '2026-04-08', version: 3 });
    expect(byId.get(ms[2].id)).toMatchObject({ startDate: null, dueDate: '2026-05-08' });
    expect(updatesOf(ids)).toHaveLength(6);

    // Status done follows the rules on every row: 100% and completed today.
    const done = await world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items: ids.map((id) => ({ id, version: 3 })), change: { status: 'done' } });
    expect(done.updated.every((m) => m.progress === 100 && m.completedOn === '2026-03-10')).toBe(true);
  });

  it('sets track, owner and responsible member; rows already so are left untouched', async () => {
    const cid = await createCoalition(world);
    const track = insertTrack(world.app, cid, 'Treaty');
    const partner = insertPartner(world.app, cid, 'Canada');
    const [a, b] = await threeMilestones(cid);
    await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: 1, trackId: track });
    const res = await world.editor.caller.milestone.bulkUpdate({
      coalitionId: cid,
      items: [
        { id: a.id, version: 2 },
        { id: b.id, version: 1 },
      ],
      change: { trackId: track },
    });
    expect(res.updated.map((m) => m.id)).toEqual([b.id]);
    expect(res.unchanged).toEqual([a.id]);
    expect(rowsOf([a.id])[0]!.version).toBe(2);

    const owned = await world.editor.caller.milestone.bulkUpdate({
      coalitionId: cid,
      items: [
        { id: a.id, version: 2 },
        { id: b.id, version: 2 },
      ],
      change: { ownerPartnerId: partner, responsibleUserId: world.viewer.id },
    });
    expect(owned.updated.every((m) => m.ownerPartnerId === partner && m.responsibleUserId === world.viewer.id)).toBe(true);
  });

  it('leaves rows at a stale version alone and reports them by row while the others apply', async () => {
    const cid = await createCoalition(world);
    const [a, b, c] = await threeMilestones(cid);
    // Someone else edits b after the list was loaded.
    await world.owner.caller.milestone.update({ coalitionId: cid, milestoneId: b.id, version: 1, progress: 40 });
    const res = await world.editor.caller.milestone.bulkUpdate({
      coalitionId: cid,
      items: [a, b, c].map((m) => ({ id: m.id, version: 1 })),
      change: { status: 'blocked' },
    });
    expect(res.updated.map((m) => m.id).sort()).toEqual([a.id, c.id].sort());
    expect(res.conflicts).toHaveLength(1);
    expect(res.conflicts[0]).toMatchObject({ id: b.id, title: 'Consult capitals', current: { version: 2, progress: 40, status: 'in_progress' } });
    const rowB = rowsOf([b.id])[0]!;
    expect(rowB).toMatchObject({ status: 'in_progress', version: 2 });
    // Only the owner's edit is in b's history, not a bulk line.
    expect(updatesOf([b.id])).toHaveLength(1);
    expect(updatesOf([a.id, c.id])).toHaveLength(2);
  });

  it('refuses ids of another coalition and writes nothing', async () => {
    const cid = await createCoalition(world);
    const [a] = await threeMilestones(cid);
    const foreign = await createForeignCoalition(world);
    const theirs = await world.outsider.caller.milestone.create({ coalitionId: foreign, title: 'Theirs', dueDate: '2026-05-01' });
    const err = await rejection(
      world.editor.caller.milestone.bulkUpdate({
        coalitionId: cid,
        items: [
          { id: a.id, version: 1 },
          { id: theirs.id, version: 1 },
        ],
        change: { status: 'dropped' },
      }),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(rowsOf([a.id, theirs.id]).map((m) => [m.status, m.version])).toEqual([
      ['planned', 1],
      ['planned', 1],
    ]);
    expect(updatesOf([a.id, theirs.id])).toHaveLength(0);

    // A track of another coalition is refused the same way.
    const theirTrack = insertTrack(world.app, foreign, 'Their track');
    const err2 = await rejection(world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items: [{ id: a.id, version: 1 }], change: { trackId: theirTrack } }));
    expect(err2.code).toBe('NOT_FOUND');
    expect(rowsOf([a.id])[0]!.trackId).toBeNull();
  });

  it('refuses a viewer', async () => {
    const cid = await createCoalition(world);
    const [a] = await threeMilestones(cid);
    const err = await rejection(world.viewer.caller.milestone.bulkUpdate({ coalitionId: cid, items: [{ id: a.id, version: 1 }], change: { status: 'done' } }));
    expect(err.code).toBe('FORBIDDEN');
    expect(rowsOf([a.id])[0]!.status).toBe('planned');
  });

  it('refuses a shift that puts a start after its due date, names the milestone, and writes nothing', async () => {
    const cid = await createCoalition(world);
    const [a, b, c] = await threeMilestones(cid);
    // Moving only the due dates 25 days earlier: b (start 03-20, due 04-10) would start after it is due.
    const err = await rejection(
      world.editor.caller.milestone.bulkUpdate({
        coalitionId: cid,
        items: [a, b, c].map((m) => ({ id: m.id, version: 1 })),
        change: { shift: { days: -25, dates: 'due' } },
      }),
    );
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('Nothing was changed');
    expect(err.message).toContain('“Consult capitals”: The due date must be on or after the start date');
    expect(err.message).not.toContain('Draft text');
    expect(rowsOf([a.id, b.id, c.id]).map((m) => m.dueDate).sort()).toEqual(['2026-04-01', '2026-04-10', '2026-05-01']);
    expect(updatesOf([a.id, b.id, c.id])).toHaveLength(0);
  });

  it('validates the input with clear messages', async () => {
    const cid = await createCoalition(world);
    const [a] = await threeMilestones(cid);
    const call = (input: Record<string, unknown>) => rejection(world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, ...input } as never));
    expect((await call({ items: [], change: { status: 'done' } })).message).toContain('Select at least one milestone');
    expect((await call({ items: [{ id: a.id, version: 1 }], change: {} })).message).toContain('Choose what to change');
    expect((await call({ items: [{ id: a.id, version: 1 }], change: { shift: { days: 0 } } })).message).toContain('at least one day');
    expect((await call({ items: [{ id: a.id, version: 1 }, { id: a.id, version: 1 }], change: { status: 'done' } })).message).toContain('listed twice');
    const many = Array.from({ length: 501 }, () => ({ id: a.id, version: 1 }));
    expect((await call({ items: many, change: { status: 'done' } })).message).toContain('At most 500');
    expect(rowsOf([a.id])[0]!.version).toBe(1);
  });
});

describe('the "what is next" order', () => {
  it('puts open milestones first by due date (overdue leading), then done and dropped, and pages on it', async () => {
    const cid = await createCoalition(world);
    const ed = world.editor.caller.milestone;
    const specs: [string, string, 'planned' | 'done' | 'dropped' | 'at_risk'][] = [
      ['Done early', '2026-01-10', 'done'],
      ['Overdue', '2026-02-01', 'planned'],
      ['Dropped', '2026-02-15', 'dropped'],
      ['Due soon', '2026-03-15', 'at_risk'],
      ['Later', '2026-09-01', 'planned'],
      ['Done late', '2026-12-01', 'done'],
      ['Overdue too', '2026-02-01', 'planned'],
    ];
    for (const [title, dueDate, status] of specs) await ed.create({ coalitionId: cid, title, dueDate, status });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await world.viewer.caller.milestone.list({ coalitionId: cid, sortBy: 'next', limit: 2, cursor });
      seen.push(...page.items.map((m) => m.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.slice(0, 2).sort()).toEqual(['Overdue', 'Overdue too']);
    expect(seen.slice(2)).toEqual(['Due soon', 'Later', 'Done early', 'Dropped', 'Done late']);
  });
});
