/**
 * Baselines: saving a snapshot of the plan's dates, the reason a move past the latest baseline
 * needs (refused without one, nothing written; with one, a slips row and the history line),
 * bulk shifts under one reason, the list and the slips list's numbers, and who may do what.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { appRouter } from '@coalition/api';
import { activity, baselineDates, baselines, milestones, slips } from '@coalition/db';
import { createCoalition, createForeignCoalition, createPlanWorld, rejection, type PlanWorld } from '../support/planFixtures.ts';

// "Today" is 2026-03-10 in the coalition; each call moves the clock a second on.
let clock = Date.UTC(2026, 2, 10, 12);
let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld({ now: () => (clock += 1000) });
});

async function plan(cid: string) {
  const ed = world.editor.caller.milestone;
  const a = await ed.create({ coalitionId: cid, title: 'Draft text', startDate: '2026-04-01', dueDate: '2026-05-01' });
  const b = await ed.create({ coalitionId: cid, title: 'Consult capitals', dueDate: '2026-06-01' });
  const c = await ed.create({ coalitionId: cid, title: 'Signing', startDate: '2026-06-15', dueDate: '2026-07-01' });
  return { a, b, c };
}

const rowOf = (id: string) => world.app.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
const slipsOf = (milestoneId: string) => world.app.db.select().from(slips).where(eq(slips.milestoneId, milestoneId)).all();
const updatesOf = (milestoneId: string) =>
  world.app.db.select().from(activity).where(and(eq(activity.entityId, milestoneId), eq(activity.action, 'milestone.updated'))).orderBy(activity.id).all();

describe('baseline.create', () => {
  it('snapshots every milestone’s start and due date in one transaction, with its activity row', async () => {
    const cid = await createCoalition(world);
    const { a, b, c } = await plan(cid);
    const saved = await world.editor.caller.baseline.create({ coalitionId: cid, name: '  Q2 plan  ' });
    expect(saved).toMatchObject({ name: 'Q2 plan', count: 3 });
    const dates = world.app.db.select().from(baselineDates).where(eq(baselineDates.baselineId, saved.id)).all();
    expect(dates.map((d) => [d.milestoneId, d.startDate, d.dueDate]).sort()).toEqual(
      [
        [a.id, '2026-04-01', '2026-05-01'],
        [b.id, null, '2026-06-01'],
        [c.id, '2026-06-15', '2026-07-01'],
      ].sort(),
    );
    const log = world.app.db.select().from(activity).where(and(eq(activity.coalitionId, cid), eq(activity.action, 'baseline.created'))).all();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ entityType: 'baseline', entityId: saved.id, actorId: world.editor.id, summary: 'saved the baseline "Q2 plan" (the dates of 3 milestones)' });

    // The ghost bars read the latest baseline by default.
    const ghost = await world.viewer.caller.baseline.dates({ coalitionId: cid });
    expect(ghost.baseline).toMatchObject({ id: saved.id, name: 'Q2 plan' });
    expect(ghost.dates).toHaveLength(3);
  });

  it('refuses a bad name, an empty plan, and a viewer, writing nothing', async () => {
    const cid = await createCoalition(world);
    const before = world.app.rowCounts();
    expect((await rejection(world.editor.caller.baseline.create({ coalitionId: cid, name: 'x' }))).message).toMatch(/no milestones yet/);
    expect((await rejection(world.editor.caller.baseline.create({ coalitionId: cid, name: '   ' }))).code).toBe('BAD_REQUEST');
    expect((await rejection(world.editor.caller.baseline.create({ coalitionId: cid, name: 'n'.repeat(121) }))).code).toBe('BAD_REQUEST');
    await plan(cid);
    const afterPlan = world.app.rowCounts();
    expect((await rejection(world.viewer.caller.baseline.create({ coalitionId: cid, name: 'Mine' }))).code).toBe('FORBIDDEN');
    expect((await rejection(world.outsider.caller.baseline.create({ coalitionId: cid, name: 'Mine' }))).code).toBe('NOT_FOUND');
    expect(world.app.rowCounts()).toEqual(afterPlan);
    expect(before.baselines).toBe(afterPlan.baselines);
  });
});

describe('moving a due date past the latest baseline', () => {
  it('without a reason is refused with SLIP_REASON_REQUIRED naming the baseline date, and nothing is written', async () => {
    const cid = await createCoalition(world);
    const { a } = await plan(cid);
    await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Q2 plan' });
    const before = world.app.rowCounts();
    const err = await rejection(world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-05-24' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('Moving “Draft text” to 2026-05-24 puts it 23 days past its baseline date 2026-05-01 (baseline “Q2 plan”). Give a reason for the slip.');
    expect(err.cause).toMatchObject({ problem: 'SLIP_REASON_REQUIRED' });
    expect(err.cause.problemInfo.slips).toEqual([{ milestoneId: a.id, title: 'Draft text', baselineDue: '2026-05-01', fromDue: '2026-05-01', toDue: '2026-05-24', days: 23 }]);
    expect(world.app.rowCounts()).toEqual(before);
    expect(rowOf(a.id)).toMatchObject({ dueDate: '2026-05-01', version: a.version });
    // What the client receives: the problem it recognises, with what its dialog shows.
    const format = (appRouter._def._config as unknown as { errorFormatter: (o: unknown) => { data: Record<string, unknown> } }).errorFormatter;
    const wire = format({ error: err, type: 'mutation', path: 'milestone.update', input: undefined, ctx: undefined, shape: { message: err.message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
    expect(wire.data).toMatchObject({ code: 'BAD_REQUEST', problem: 'SLIP_REASON_REQUIRED', problemInfo: { baseline: { name: 'Q2 plan' }, slips: [{ title: 'Draft text', days: 23 }] } });

    // A blank reason is no reason.
    expect((await rejection(world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-05-24', slipReason: '  ' }))).code).toBe('BAD_REQUEST');
    expect(world.app.rowCounts()).toEqual(before);
  });

  it('with a reason writes the move, a slips row and the reason in the milestone’s history line', async () => {
    const cid = await createCoalition(world);
    const { a } = await plan(cid);
    const base = await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Q2 plan' });
    const row = await world.editor.caller.milestone.update({
      coalitionId: cid,
      milestoneId: a.id,
      version: a.version,
      dueDate: '2026-05-24',
      slipReason: 'The capital asked for another consultation round',
    });
    expect(row).toMatchObject({ dueDate: '2026-05-24', version: a.version + 1 });
    expect(slipsOf(a.id)).toMatchObject([
      { coalitionId: cid, baselineId: base.id, fromDue: '2026-05-01', toDue: '2026-05-24', reason: 'The capital asked for another consultation round', authorId: world.editor.id },
    ]);
    const line = updatesOf(a.id).at(-1)!;
    expect(line.summary).toBe('updated "Draft text" (due date) — 23 days past the baseline "Q2 plan". Reason: The capital asked for another consultation round');
    expect(line.data).toMatchObject({ dueDate: ['2026-05-01', '2026-05-24'], slip: { days: 23, baseline: 'Q2 plan' } });

    // Further still: another reason is needed (later than the current date, past the baseline).
    expect((await rejection(world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: row.version, dueDate: '2026-06-01' }))).cause.problem).toBe('SLIP_REASON_REQUIRED');
  });

  it('needs nothing to move earlier, to stay within the baseline, or for a milestone newer than the baseline', async () => {
    const cid = await createCoalition(world);
    const { a, b } = await plan(cid);
    await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Q2 plan' });
    const ed = world.editor.caller.milestone;
    const earlier = await ed.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-04-20' });
    const within = await ed.update({ coalitionId: cid, milestoneId: a.id, version: earlier.version, dueDate: '2026-05-01' });
    expect(within.dueDate).toBe('2026-05-01');
    // The start date alone, other fields: no due date moves.
    await ed.update({ coalitionId: cid, milestoneId: b.id, version: b.version, title: 'Consult the capitals', startDate: '2026-05-15' });
    const fresh = await ed.create({ coalitionId: cid, title: 'Added later', dueDate: '2026-08-01' });
    await ed.update({ coalitionId: cid, milestoneId: fresh.id, version: fresh.version, dueDate: '2027-08-01' });
    expect(world.app.db.select().from(slips).where(eq(slips.coalitionId, cid)).all()).toEqual([]);
    // A stale version is a conflict first, whatever the dates.
    expect((await rejection(ed.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-09-01' }))).code).toBe('CONFLICT');
  });

  it('is measured against the latest baseline', async () => {
    const cid = await createCoalition(world);
    const { a } = await plan(cid);
    await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Old' });
    const moved = await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-05-20', slipReason: 'Late draft' });
    await world.owner.caller.baseline.create({ coalitionId: cid, name: 'Rebaselined' });
    // Within the new baseline's 2026-05-20: no reason needed, although past the old one.
    const back = await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: moved.version, dueDate: '2026-05-10' });
    const again = await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: back.version, dueDate: '2026-05-20' });
    expect(again.dueDate).toBe('2026-05-20');
    expect((await rejection(world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: again.version, dueDate: '2026-05-21' }))).message).toMatch(
      /1 day past its baseline date 2026-05-20 \(baseline “Rebaselined”\)/,
    );
  });
});

describe('milestone.bulkUpdate date shifts', () => {
  it('one reason covers every row moved past the baseline; without it nothing is written', async () => {
    const cid = await createCoalition(world);
    const { a, b, c } = await plan(cid);
    const base = await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Q2 plan' });
    const fresh = await world.editor.caller.milestone.create({ coalitionId: cid, title: 'Added later', dueDate: '2026-08-01' });
    const items = [a, b, c, fresh].map((m) => ({ id: m.id, version: m.version }));
    const before = world.app.rowCounts();
    const err = await rejection(world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items, change: { shift: { days: 14 } } }));
    expect(err.cause.problem).toBe('SLIP_REASON_REQUIRED');
    expect(err.message).toMatch(/^This moves 3 milestones past the baseline “Q2 plan”: “Draft text” to 2026-05-15, 14 days past 2026-05-01; /);
    expect(err.cause.problemInfo.slips).toHaveLength(3);
    expect(world.app.rowCounts()).toEqual(before);

    const res = await world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items, change: { shift: { days: 14 } }, slipReason: 'Elections moved the session' });
    expect(res.updated).toHaveLength(4);
    const written = world.app.db.select().from(slips).where(eq(slips.coalitionId, cid)).all();
    expect(written).toHaveLength(3);
    expect(written.every((s) => s.reason === 'Elections moved the session' && s.baselineId === base.id)).toBe(true);
    expect(updatesOf(c.id).at(-1)!.summary).toBe('updated "Signing" (start date, due date) — 14 days past the baseline "Q2 plan". Reason: Elections moved the session');
    expect(updatesOf(fresh.id).at(-1)!.summary).toBe('updated "Added later" (due date)');

    // Shifting back (earlier) needs nothing; shifting only start dates needs nothing.
    const back = await world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items: res.updated.map((m) => ({ id: m.id, version: m.version })), change: { shift: { days: -7 } } });
    await world.editor.caller.milestone.bulkUpdate({ coalitionId: cid, items: back.updated.map((m) => ({ id: m.id, version: m.version })), change: { shift: { days: 3, dates: 'start' } } });
    expect(world.app.db.select().from(slips).where(eq(slips.coalitionId, cid)).all()).toHaveLength(3);
  });
});

describe('baseline.list and baseline.slips', () => {
  it('lists baselines newest first with their counts, and the slips biggest first with who, when and why', async () => {
    const cid = await createCoalition(world);
    const { a, b, c } = await plan(cid);
    const first = await world.editor.caller.baseline.create({ coalitionId: cid, name: 'First' });
    const ed = world.editor.caller.milestone;
    const a1 = await ed.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-05-11', slipReason: 'Translation took longer' });
    await ed.update({ coalitionId: cid, milestoneId: a.id, version: a1.version, dueDate: '2026-05-31', slipReason: 'Second reading needed' });
    await world.owner.caller.milestone.update({ coalitionId: cid, milestoneId: c.id, version: c.version, dueDate: '2026-08-01', slipReason: 'Summit postponed' });
    await ed.update({ coalitionId: cid, milestoneId: b.id, version: b.version, dueDate: '2026-05-25' });
    const fresh = await ed.create({ coalitionId: cid, title: 'Added later', dueDate: '2026-09-01' });
    const second = await world.owner.caller.baseline.create({ coalitionId: cid, name: 'Second' });

    const list = await world.viewer.caller.baseline.list({ coalitionId: cid });
    expect(list.map((x) => [x.id, x.name, x.count, x.slipCount, x.createdBy?.name, x.canDelete])).toEqual([
      [second.id, 'Second', 4, 0, 'Olivia Owner', false],
      [first.id, 'First', 3, 3, 'Edgar Editor', false],
    ]);
    expect((await world.editor.caller.baseline.list({ coalitionId: cid })).map((x) => x.canDelete)).toEqual([false, true]);
    expect((await world.owner.caller.baseline.list({ coalitionId: cid })).map((x) => x.canDelete)).toEqual([true, true]);

    // Against the first baseline: Signing +31, Draft text +30; Consult capitals moved 7 days earlier.
    const s = await world.viewer.caller.baseline.slips({ coalitionId: cid, baselineId: first.id });
    expect(s.baseline).toMatchObject({ id: first.id, name: 'First' });
    expect(s.slipped.map((x) => [x.title, x.baselineDue, x.currentDue, x.days])).toEqual([
      ['Signing', '2026-07-01', '2026-08-01', 31],
      ['Draft text', '2026-05-01', '2026-05-31', 30],
    ]);
    expect(s.slipped[1]!.reasons.map((r) => [r.reason, r.fromDue, r.toDue, r.author?.name])).toEqual([
      ['Second reading needed', '2026-05-11', '2026-05-31', 'Edgar Editor'],
      ['Translation took longer', '2026-05-01', '2026-05-11', 'Edgar Editor'],
    ]);
    expect(s.slipped[0]!.reasons[0]).toMatchObject({ reason: 'Summit postponed', author: { name: 'Olivia Owner' } });
    expect(s.earlier.map((x) => [x.milestoneId, x.days])).toEqual([[b.id, -7]]);
    expect(s).toMatchObject({ onTime: 0, notInBaseline: 1 });
    expect(fresh.id).not.toBe(b.id);

    // The latest (default) has nothing slipped yet.
    const latest = await world.viewer.caller.baseline.slips({ coalitionId: cid });
    expect(latest).toMatchObject({ baseline: { id: second.id }, slipped: [], earlier: [], onTime: 4, notInBaseline: 0 });
  });

  it('answers empty without a baseline, and refuses another coalition’s baseline', async () => {
    const cid = await createCoalition(world);
    expect(await world.viewer.caller.baseline.slips({ coalitionId: cid })).toEqual({ baseline: null, slipped: [], earlier: [], onTime: 0, notInBaseline: 0 });
    expect(await world.viewer.caller.baseline.dates({ coalitionId: cid })).toEqual({ baseline: null, dates: [] });
    expect(await world.viewer.caller.baseline.list({ coalitionId: cid })).toEqual([]);

    const foreign = await createForeignCoalition(world);
    await world.outsider.caller.milestone.create({ coalitionId: foreign, title: 'Theirs', dueDate: '2026-05-01' });
    const theirs = await world.outsider.caller.baseline.create({ coalitionId: foreign, name: 'Theirs' });
    expect((await rejection(world.owner.caller.baseline.slips({ coalitionId: cid, baselineId: theirs.id }))).code).toBe('NOT_FOUND');
    expect((await rejection(world.owner.caller.baseline.dates({ coalitionId: cid, baselineId: theirs.id }))).code).toBe('NOT_FOUND');
    const before = world.app.rowCounts();
    expect((await rejection(world.owner.caller.baseline.delete({ coalitionId: cid, baselineId: theirs.id }))).code).toBe('NOT_FOUND');
    expect(world.app.rowCounts()).toEqual(before);
    expect((await rejection(world.owner.caller.baseline.dates({ coalitionId: cid, baselineId: 'not-an-id' }))).code).toBe('BAD_REQUEST');
  });
});

describe('baseline.delete', () => {
  it('an owner, or the person who saved it, deletes a baseline with its dates and slips; another editor and a viewer cannot', async () => {
    const cid = await createCoalition(world);
    const { a } = await plan(cid);
    const byOwner = await world.owner.caller.baseline.create({ coalitionId: cid, name: 'Owner’s' });
    const byEditor = await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Editor’s' });
    await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: a.id, version: a.version, dueDate: '2026-06-01', slipReason: 'Slow' });

    const before = world.app.rowCounts();
    const refused = await rejection(world.editor.caller.baseline.delete({ coalitionId: cid, baselineId: byOwner.id }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Only an owner or the person who saved this baseline can delete it');
    expect((await rejection(world.viewer.caller.baseline.delete({ coalitionId: cid, baselineId: byEditor.id }))).code).toBe('FORBIDDEN');
    expect(world.app.rowCounts()).toEqual(before);

    await world.editor.caller.baseline.delete({ coalitionId: cid, baselineId: byEditor.id });
    expect(world.app.db.select().from(baselineDates).where(eq(baselineDates.baselineId, byEditor.id)).all()).toEqual([]);
    expect(slipsOf(a.id)).toEqual([]);
    expect(world.app.db.select().from(activity).where(and(eq(activity.coalitionId, cid), eq(activity.action, 'baseline.deleted'))).get()).toMatchObject({
      summary: 'deleted the baseline "Editor’s"',
      actorId: world.editor.id,
    });
    // The latest is the owner's again.
    expect((await world.viewer.caller.baseline.dates({ coalitionId: cid })).baseline?.id).toBe(byOwner.id);
    await world.owner.caller.baseline.delete({ coalitionId: cid, baselineId: byOwner.id });
    expect(world.app.db.select().from(baselines).where(eq(baselines.coalitionId, cid)).all()).toEqual([]);
    expect((await rejection(world.owner.caller.baseline.delete({ coalitionId: cid, baselineId: byOwner.id }))).code).toBe('NOT_FOUND');
  });
});

describe('undoing a milestone’s delete', () => {
  it('brings back its baseline dates and the slips recorded against them', async () => {
    const cid = await createCoalition(world);
    const { b } = await plan(cid);
    const saved = await world.editor.caller.baseline.create({ coalitionId: cid, name: 'Agreed plan' });
    const current = rowOf(b.id);
    await world.editor.caller.milestone.update({ coalitionId: cid, milestoneId: b.id, version: current.version, dueDate: '2026-06-20', slipReason: 'Capitals asked for more time' });
    const before = await world.viewer.caller.baseline.slips({ coalitionId: cid });
    const { undoToken } = await world.editor.caller.milestone.delete({ coalitionId: cid, milestoneId: b.id });
    expect(world.app.db.select().from(baselineDates).where(eq(baselineDates.milestoneId, b.id)).all()).toHaveLength(0);
    expect(slipsOf(b.id)).toHaveLength(0);

    await world.editor.caller.undo.restore({ coalitionId: cid, token: undoToken });
    const ghost = await world.viewer.caller.baseline.dates({ coalitionId: cid, baselineId: saved.id });
    expect(ghost.dates.find((d) => d.milestoneId === b.id)).toMatchObject({ dueDate: '2026-06-01' });
    expect(slipsOf(b.id)).toHaveLength(1);
    expect(await world.viewer.caller.baseline.slips({ coalitionId: cid })).toEqual(before);
  });
});
