/**
 * Undoing a delete: each kind comes back whole (same ids, dependencies both ways, assignments,
 * comments, the links the delete nulled, its history and followers), in one transaction; only
 * for its coalition, by the person who deleted or an owner, once, for a limited time; and what
 * changed meanwhile is restored without the dangling link, or refused with a reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  activity,
  bottlenecks,
  comments,
  follows,
  milestoneDependencies,
  milestones,
  partners,
  trackAssignments,
  tracks,
  undoEntries,
} from '@coalition/db';
import { UNDO_KEEP_MS } from '@coalition/domain';
import { addMember, createCoalition, createForeignCoalition, createPlanWorld, rejection, type PlanWorld } from '../support/planFixtures.ts';

let now = Date.UTC(2026, 2, 1, 9);
let world: PlanWorld;
beforeAll(async () => {
  world = await createPlanWorld({ now: () => now });
});
/** Each call happens a little later (ordering of history rows, updatedAt). */
const tick = () => (now += 1000);

/** Every plan row of the coalition, in a stable order. Relinked rows get a new version: `loose` leaves version and updatedAt out. */
function planState(cid: string, { loose = false } = {}) {
  const db = world.app.db;
  // (Typed as the full rows either way: only the comparisons read them.)
  const strip = <T extends Record<string, unknown>>(rows: T[]) => (loose ? rows.map(({ version: _v, updatedAt: _u, ...r }) => r) : rows) as T[];
  return {
    partners: db.select().from(partners).where(eq(partners.coalitionId, cid)).orderBy(asc(partners.id)).all(),
    tracks: db.select().from(tracks).where(eq(tracks.coalitionId, cid)).orderBy(asc(tracks.id)).all(),
    milestones: strip(db.select().from(milestones).where(eq(milestones.coalitionId, cid)).orderBy(asc(milestones.id)).all()),
    dependencies: db
      .select()
      .from(milestoneDependencies)
      .where(eq(milestoneDependencies.coalitionId, cid))
      .orderBy(asc(milestoneDependencies.milestoneId), asc(milestoneDependencies.dependsOnId))
      .all(),
    assignments: db
      .select()
      .from(trackAssignments)
      .where(eq(trackAssignments.coalitionId, cid))
      .orderBy(asc(trackAssignments.partnerId), asc(trackAssignments.trackId))
      .all(),
    bottlenecks: strip(db.select().from(bottlenecks).where(eq(bottlenecks.coalitionId, cid)).orderBy(asc(bottlenecks.id)).all()),
    comments: db.select().from(comments).where(eq(comments.coalitionId, cid)).orderBy(asc(comments.id)).all(),
    follows: db.select().from(follows).where(eq(follows.coalitionId, cid)).orderBy(asc(follows.userId), asc(follows.entityId)).all(),
  };
}

const historyOf = (cid: string, type: string, id: string) =>
  world.app.db
    .select({ id: activity.id, action: activity.action })
    .from(activity)
    .where(and(eq(activity.coalitionId, cid), eq(activity.entityType, type), eq(activity.entityId, id)))
    .orderBy(asc(activity.id))
    .all();

/** A small plan: two tracks, two partners with roles, milestones A ← B ← C (C waits for B, B for A), comments, a bottleneck. */
async function plan() {
  const cid = await createCoalition(world);
  const ed = world.editor.caller;
  const c = { coalitionId: cid };
  tick();
  const t1 = await ed.track.create({ ...c, name: 'Treaty text', objective: '' });
  const t2 = await ed.track.create({ ...c, name: 'Ratification', objective: '' });
  const norway = await ed.partner.create({ ...c, name: 'Norway', kind: 'state', country: 'NO', contact: '', contributions: ['political_support'], influence: 5, interest: 4, stage: 'committed', notes: 'Host' });
  const icbl = await ed.partner.create({ ...c, name: 'ICBL', kind: 'civil_society', country: '', contact: '', contributions: [], influence: 3, interest: 5, stage: 'in_dialogue', notes: '' });
  await ed.assignment.set({ ...c, partnerId: norway.id, trackId: t1.id, role: 'lead' });
  await ed.assignment.set({ ...c, partnerId: norway.id, trackId: t2.id, role: 'contributor' });
  await ed.assignment.set({ ...c, partnerId: icbl.id, trackId: t1.id, role: 'co_lead' });
  tick();
  const a = await ed.milestone.create({ ...c, trackId: t1.id, title: 'Draft agreed', dueDate: '2026-05-01', ownerPartnerId: norway.id });
  const b = await ed.milestone.create({
    ...c,
    trackId: t1.id,
    title: 'Signing',
    dueDate: '2026-07-01',
    ownerPartnerId: norway.id,
    responsibleUserId: world.owner.id,
    dependsOn: [a.id],
  });
  const cc = await ed.milestone.create({ ...c, trackId: t2.id, title: 'Ratified', dueDate: '2026-12-01', dependsOn: [b.id] });
  tick();
  await ed.milestone.update({ ...c, milestoneId: b.id, version: 1, status: 'in_progress', progress: 20 });
  const bn = await ed.bottleneck.create({ ...c, title: 'Veto threat', description: '', severity: 'high', status: 'open', narrative: '', trackId: t1.id, milestoneId: b.id });
  tick();
  for (const [targetType, targetId] of [
    ['milestone', b.id],
    ['partner', norway.id],
    ['track', t1.id],
    ['bottleneck', bn.id],
  ] as const) {
    await ed.comment.add({ ...c, targetType, targetId, body: `On ${targetType}: @Olivia Owner please look` });
    await world.owner.caller.comment.add({ ...c, targetType, targetId, body: `Reply on ${targetType}` });
    tick();
  }
  return { cid, c, t1, t2, norway, icbl, a, b, cc, bn };
}

describe('undo a delete: everything comes back', () => {
  it('a milestone: same row, dependencies both ways, comments, the bottleneck on it, its history and followers', async () => {
    const p = await plan();
    const before = planState(p.cid);
    const history = historyOf(p.cid, 'milestone', p.b.id);
    expect(history.length).toBeGreaterThanOrEqual(3);
    tick();
    const { undoToken } = await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.b.id });
    expect(undoToken).toMatch(/^[a-z2-7]{20}$/);
    const gone = planState(p.cid);
    expect(gone.milestones.map((m) => m.id)).not.toContain(p.b.id);
    expect(gone.dependencies).toEqual([]);
    expect(gone.bottlenecks[0]!.milestoneId).toBeNull();
    expect(gone.comments.filter((x) => x.targetId === p.b.id)).toEqual([]);

    tick();
    const result = await world.editor.caller.undo.restore({ ...p.c, token: undoToken });
    expect(result).toEqual({ change: { action: 'milestone.restored', entityType: 'milestone', entityId: p.b.id }, label: 'Signing', notes: [] });
    const after = planState(p.cid);
    // The milestone itself exactly as it was; the bottleneck linked again (one version later).
    expect(after.milestones).toEqual(before.milestones);
    expect({ ...after, bottlenecks: [] }).toEqual({ ...before, bottlenecks: [] });
    expect(after.bottlenecks.map(({ version: _v, updatedAt: _u, ...r }) => r)).toEqual(before.bottlenecks.map(({ version: _v, updatedAt: _u, ...r }) => r));
    expect(after.bottlenecks[0]!.version).toBe(before.bottlenecks[0]!.version + 1);

    const got = await world.viewer.caller.milestone.get({ ...p.c, milestoneId: p.b.id });
    expect(got.dependsOn.map((d) => d.id)).toEqual([p.a.id]);
    expect(got.dependents.map((d) => d.id)).toEqual([p.cc.id]);
    const thread = await world.viewer.caller.comment.list({ ...p.c, targetType: 'milestone', targetId: p.b.id });
    expect(thread.map((x) => x.body)).toEqual(['On milestone: @Olivia Owner please look', 'Reply on milestone']);
    // Its history is there again, with the delete and the restore at the end.
    const feed = await world.viewer.caller.activity.list({ ...p.c, entity: { type: 'milestone', id: p.b.id }, limit: 50 });
    const actions = feed.items.map((r) => r.action).reverse();
    expect(actions.slice(0, history.length)).toEqual(history.map((h) => h.action));
    expect(actions.slice(-2)).toEqual(['milestone.deleted', 'milestone.restored']);
    expect(feed.items[0]!.summary).toBe('restored the deleted milestone "Signing"');
  });

  it('a partner: its roles on tracks, the milestones it owned, its comments', async () => {
    const p = await plan();
    const before = planState(p.cid);
    const { undoToken, milestonesUnowned } = await world.editor.caller.partner.delete({ ...p.c, partnerId: p.norway.id });
    expect(milestonesUnowned).toBe(2);
    expect(planState(p.cid).assignments).toHaveLength(1);
    await world.editor.caller.undo.restore({ ...p.c, token: undoToken });
    expect(planState(p.cid, { loose: true })).toEqual((() => {
      const strip = <T extends Record<string, unknown>>(rows: T[]) => rows.map(({ version: _v, updatedAt: _u, ...r }) => r);
      return { ...before, milestones: strip(before.milestones), bottlenecks: strip(before.bottlenecks) };
    })());
    expect(planState(p.cid).partners).toEqual(before.partners);
    const partner = await world.viewer.caller.partner.get({ ...p.c, partnerId: p.norway.id });
    expect(partner.ownedMilestones).toBe(2);
    expect(partner.tracks.map((t) => t.role)).toEqual(['lead', 'contributor']);
  });

  it('a track: its assignments, its milestones and bottlenecks back on it, its comments', async () => {
    const p = await plan();
    const before = planState(p.cid, { loose: true });
    const { undoToken, milestonesDetached } = await world.editor.caller.track.delete({ ...p.c, trackId: p.t1.id });
    expect(milestonesDetached).toBe(2);
    await world.editor.caller.undo.restore({ ...p.c, token: undoToken });
    expect(planState(p.cid, { loose: true })).toEqual(before);
    const list = await world.viewer.caller.track.list(p.c);
    expect(list.map((t) => [t.name, t.milestoneCount, t.partnerCount])).toEqual([
      ['Treaty text', 2, 2],
      ['Ratification', 1, 1],
    ]);
  });

  it('a bottleneck with its comments; a single comment; a role cleared in the matrix', async () => {
    const p = await plan();
    const before = planState(p.cid);
    const bn = await world.editor.caller.bottleneck.delete({ ...p.c, bottleneckId: p.bn.id });
    await world.editor.caller.undo.restore({ ...p.c, token: bn.undoToken });
    expect(planState(p.cid)).toEqual(before);

    const [mine] = await world.editor.caller.comment.list({ ...p.c, targetType: 'partner', targetId: p.norway.id });
    const del = await world.editor.caller.comment.delete({ ...p.c, commentId: mine!.id });
    const back = await world.editor.caller.undo.restore({ ...p.c, token: del.undoToken });
    expect(back.change).toEqual({ action: 'comment.restored', entityType: 'partner', entityId: p.norway.id });
    expect(planState(p.cid)).toEqual(before);

    const cleared = await world.editor.caller.assignment.remove({ ...p.c, partnerId: p.icbl.id, trackId: p.t1.id });
    const role = await world.editor.caller.undo.restore({ ...p.c, token: cleared.undoToken });
    expect(role.change).toEqual({ action: 'assignment.restored', entityType: 'partner', entityId: p.icbl.id });
    expect(planState(p.cid)).toEqual(before);
    const summaries = (await world.viewer.caller.activity.list({ ...p.c, limit: 3 })).items.map((r) => r.summary);
    expect(summaries).toEqual(['put "ICBL" back on "Treaty text" as co-lead', 'removed "ICBL" from "Treaty text"', 'restored a deleted comment on partner "Norway"']);
  });
});

describe('undo is one transaction', () => {
  it('a failure part-way (a comment id taken meanwhile) writes nothing: the milestone stays deleted and the undo stays usable', async () => {
    const p = await plan();
    const [comment] = await world.editor.caller.comment.list({ ...p.c, targetType: 'milestone', targetId: p.b.id });
    const { undoToken } = await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.b.id });
    // Someone's comment now holds one of the captured ids (written directly: ids are random, this cannot happen by chance).
    world.app.db.insert(comments).values({ ...comment!, coalitionId: p.cid, targetType: 'track', targetId: p.t2.id, authorId: world.owner.id, mentions: [] }).run();
    const counts = world.app.rowCounts();
    const err = await rejection(world.editor.caller.undo.restore({ ...p.c, token: undoToken }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('One of its comments is already back: nothing to undo');
    expect({ ...world.app.rowCounts(), sessions: 0 }).toEqual({ ...counts, sessions: 0 });
    expect(world.app.db.select().from(milestones).where(eq(milestones.id, p.b.id)).get()).toBeUndefined();
    expect(world.app.db.select().from(undoEntries).where(eq(undoEntries.id, undoToken)).get()!.usedAt).toBeNull();
    // Once the obstacle is gone, the same undo works.
    world.app.db.delete(comments).where(eq(comments.id, comment!.id)).run();
    await world.editor.caller.undo.restore({ ...p.c, token: undoToken });
    expect(world.app.db.select().from(milestones).where(eq(milestones.id, p.b.id)).get()).toBeDefined();
  });
});

describe('who may undo, and when', () => {
  it('a viewer is refused; another coalition cannot use the token; another editor is refused unless owner', async () => {
    const p = await plan();
    addMember(world.app, p.cid, world.outsider.id, 'editor');
    const foreign = await createForeignCoalition(world);
    const { undoToken } = await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.cc.id });
    const counts = world.app.rowCounts();
    const refused = [
      [world.viewer.caller.undo.restore({ ...p.c, token: undoToken }), 'FORBIDDEN'],
      [world.outsider.caller.undo.restore({ coalitionId: foreign, token: undoToken }), 'NOT_FOUND'],
      [world.outsider.caller.undo.restore({ ...p.c, token: undoToken }), 'FORBIDDEN'],
      [world.editor.caller.undo.restore({ ...p.c, token: 'a'.repeat(20) }), 'NOT_FOUND'],
    ] as const;
    for (const [call, code] of refused) expect((await rejection(call)).code).toBe(code);
    expect(await rejection(world.outsider.caller.undo.restore({ ...p.c, token: undoToken }))).toMatchObject({
      message: 'Only the person who deleted it, or an owner, can undo this delete',
    });
    expect({ ...world.app.rowCounts(), sessions: 0 }).toEqual({ ...counts, sessions: 0 });
    // An owner may undo someone else's delete.
    const r = await world.owner.caller.undo.restore({ ...p.c, token: undoToken });
    expect(r.label).toBe('Ratified');
  });

  it('once only, and not after the time is up; old entries are pruned', async () => {
    const p = await plan();
    const first = await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.cc.id });
    await world.editor.caller.undo.restore({ ...p.c, token: first.undoToken });
    const twice = await rejection(world.editor.caller.undo.restore({ ...p.c, token: first.undoToken }));
    expect([twice.code, twice.message]).toEqual(['CONFLICT', 'This delete has already been undone']);

    const late = await world.editor.caller.bottleneck.delete({ ...p.c, bottleneckId: p.bn.id });
    now += UNDO_KEEP_MS + 1;
    const err = await rejection(world.editor.caller.undo.restore({ ...p.c, token: late.undoToken }));
    expect([err.code, err.message]).toEqual(['BAD_REQUEST', 'Too late to undo: a delete can be undone for 10 minutes']);
    // The next delete prunes what is past its time.
    await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.cc.id });
    const left = world.app.db.select({ id: undoEntries.id }).from(undoEntries).where(inArray(undoEntries.id, [first.undoToken, late.undoToken])).all();
    expect(left).toEqual([]);
  });
});

describe('what changed meanwhile', () => {
  it('a milestone comes back without a deleted track or owner, and without edges to deleted milestones', async () => {
    const p = await plan();
    const { undoToken } = await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.b.id });
    await world.editor.caller.track.delete({ ...p.c, trackId: p.t1.id });
    await world.editor.caller.partner.delete({ ...p.c, partnerId: p.norway.id });
    await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.a.id });
    const r = await world.editor.caller.undo.restore({ ...p.c, token: undoToken });
    expect(r.notes).toEqual([
      'Its track was deleted meanwhile: it is back as a coalition-wide milestone.',
      'Its owner partner was deleted meanwhile: it is back without an owner.',
      '1 dependency was not restored: the other milestone was deleted meanwhile.',
    ]);
    const got = await world.viewer.caller.milestone.get({ ...p.c, milestoneId: p.b.id });
    expect([got.trackId, got.ownerPartnerId, got.dependsOn, got.dependents.map((d) => d.id)]).toEqual([null, null, [], [p.cc.id]]);
  });

  it('an edge that would now close a cycle is left out, with the cycle named', async () => {
    const p = await plan();
    const { undoToken } = await world.editor.caller.milestone.delete({ ...p.c, milestoneId: p.b.id });
    // Meanwhile "Draft agreed" was made to wait for "Ratified": B back with A ← B ← C would be a loop.
    await world.editor.caller.milestone.addDependency({ ...p.c, milestoneId: p.a.id, dependsOnId: p.cc.id });
    const r = await world.editor.caller.undo.restore({ ...p.c, token: undoToken });
    expect(r.notes).toEqual(['A dependency was not restored. This dependency would create a cycle: "Ratified" → "Signing" → "Draft agreed" → "Ratified".']);
    const got = await world.viewer.caller.milestone.get({ ...p.c, milestoneId: p.b.id });
    expect(got.dependsOn.map((d) => d.id)).toEqual([p.a.id]);
    expect(got.dependents).toEqual([]);
  });

  it('refuses a comment whose item is gone, and a cleared role whose cell was set again or whose partner is gone', async () => {
    const p = await plan();
    const [mine] = await world.editor.caller.comment.list({ ...p.c, targetType: 'bottleneck', targetId: p.bn.id });
    const del = await world.editor.caller.comment.delete({ ...p.c, commentId: mine!.id });
    await world.editor.caller.bottleneck.delete({ ...p.c, bottleneckId: p.bn.id });
    const e1 = await rejection(world.editor.caller.undo.restore({ ...p.c, token: del.undoToken }));
    expect([e1.code, e1.message]).toEqual(['NOT_FOUND', 'The bottleneck "Veto threat" this comment was on has been deleted: undo that delete first']);

    const cleared = await world.editor.caller.assignment.remove({ ...p.c, partnerId: p.icbl.id, trackId: p.t1.id });
    await world.owner.caller.assignment.set({ ...p.c, partnerId: p.icbl.id, trackId: p.t1.id, role: 'observer' });
    const e2 = await rejection(world.editor.caller.undo.restore({ ...p.c, token: cleared.undoToken }));
    expect([e2.code, e2.message]).toEqual(['CONFLICT', '"ICBL" has a role on "Treaty text" again (set meanwhile): it was left as it is']);

    const cleared2 = await world.editor.caller.assignment.remove({ ...p.c, partnerId: p.norway.id, trackId: p.t2.id });
    await world.editor.caller.partner.delete({ ...p.c, partnerId: p.norway.id });
    const e3 = await rejection(world.editor.caller.undo.restore({ ...p.c, token: cleared2.undoToken }));
    expect([e3.code, e3.message]).toEqual(['NOT_FOUND', 'The partner "Norway" has been deleted meanwhile: its role cannot come back']);
  });
});
