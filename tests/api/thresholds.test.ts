/**
 * Threshold milestones ("40 states ratify"): the milestone's act and threshold, the eligible
 * partners, recording acts (eligible only, never in the future, one per partner and act), the
 * whip-count board's numbers and pace, and the milestone following its count in the same
 * transaction: progress, done on the day the threshold was met, back in progress below it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { milestones, newId, partnerActs, positionChanges, thresholdEligible } from '@coalition/db';
import { addDays, thresholdPace } from '@coalition/domain';
import { fieldErrorsOf } from '@coalition/api';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { activityCount, activityOf, createTeam, type Team } from '../support/team.ts';

const today = () => new Date().toISOString().slice(0, 10);
const ago = (days: number) => addDays(today(), -days);
/** The field errors a refused call carries (what the form shows beside each field). */
const fieldErrors = (call: Promise<unknown>) =>
  call.then(
    () => expect.unreachable('the call was refused'),
    (err: { code: string; cause: unknown }) => ({ code: err.code, fields: fieldErrorsOf(err.cause) }),
  );

describe('threshold milestones', () => {
  let app: TestApp;
  let team: Team;
  let states: Record<'austria' | 'belgium' | 'canada' | 'denmark' | 'egypt', string>;
  let milestoneId: string;

  const c = () => ({ coalitionId: team.coalitionId });
  const board = () => team.viewer.caller.threshold.board({ ...c(), milestoneId });
  const milestone = () => app.db.select().from(milestones).where(eq(milestones.id, milestoneId)).get()!;

  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    const mk = (name: string) => team.editor.caller.partner.create({ ...c(), name, kind: 'state', country: name }).then((p) => p.id);
    states = { austria: await mk('Austria'), belgium: await mk('Belgium'), canada: await mk('Canada'), denmark: await mk('Denmark'), egypt: await mk('Egypt') };
    const m = await team.editor.caller.milestone.create({ ...c(), title: 'Three ratifications', dueDate: addDays(today(), 200), progress: 40, thresholdAct: 'ratified', threshold: 3 });
    milestoneId = m.id;
  });

  it('creates a milestone with its act and threshold (both or neither); its progress is the count, none yet', async () => {
    expect(milestone()).toMatchObject({ thresholdAct: 'ratified', threshold: 3, progress: 0, status: 'planned' });
    for (const partial of [{ thresholdAct: 'ratified' as const }, { threshold: 40 }]) {
      await expect(team.editor.caller.milestone.create({ ...c(), title: 'Half a threshold', dueDate: today(), ...partial })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/act that counts|how many acts/),
      });
    }
    const plain = await team.editor.caller.milestone.create({ ...c(), title: 'Ordinary', dueDate: today() });
    // Both or neither on the merged values of an update, too.
    expect(await fieldErrors(team.editor.caller.milestone.update({ ...c(), milestoneId: plain.id, version: 1, threshold: 12 }))).toEqual({
      code: 'BAD_REQUEST',
      fields: { thresholdAct: [expect.stringMatching(/Choose the act that counts/)] },
    });
    await expect(team.editor.caller.milestone.update({ ...c(), milestoneId, version: milestone().version, threshold: null })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.editor.caller.milestone.create({ ...c(), title: 'Too many', dueDate: today(), thresholdAct: 'ratified', threshold: 10_001 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses acts and eligible partners on a milestone without a threshold, and its board', async () => {
    const plain = await team.editor.caller.milestone.create({ ...c(), title: 'No threshold here', dueDate: today() });
    const refusal = { code: 'BAD_REQUEST', message: expect.stringMatching(/“No threshold here” is not reached by a count of acts/) };
    await expect(team.viewer.caller.threshold.board({ ...c(), milestoneId: plain.id })).rejects.toMatchObject(refusal);
    await expect(team.editor.caller.threshold.setEligible({ ...c(), milestoneId: plain.id, partnerIds: [states.austria] })).rejects.toMatchObject(refusal);
    await expect(team.editor.caller.threshold.recordAct({ ...c(), milestoneId: plain.id, partnerId: states.austria, act: 'ratified', actedOn: today() })).rejects.toMatchObject(refusal);
  });

  it('sets the eligible partners: all of them the coalition’s, up to 2000, and a viewer may not', async () => {
    const rows = () => app.db.select().from(thresholdEligible).where(eq(thresholdEligible.milestoneId, milestoneId)).all().length;
    const foreign = await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Elsewhere', kind: 'state' });
    await expect(team.editor.caller.threshold.setEligible({ ...c(), milestoneId, partnerIds: [states.austria, foreign.id] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Partner not found in this coalition' });
    await expect(team.editor.caller.threshold.setEligible({ ...c(), milestoneId, partnerIds: Array.from({ length: 2001 }, () => newId()) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.viewer.caller.threshold.setEligible({ ...c(), milestoneId, partnerIds: [states.austria] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(rows()).toBe(0);
    const acts = activityCount(app, team.coalitionId);
    const r = await team.editor.caller.threshold.setEligible({ ...c(), milestoneId, partnerIds: [states.austria, states.belgium, states.canada, states.denmark, states.austria] });
    expect(r).toEqual({ eligible: 4, added: 4, removed: 0 });
    expect(rows()).toBe(4);
    expect(activityOf(app, team.coalitionId).at(-1)).toMatchObject({ action: 'milestone.eligible_set', entityType: 'milestone', entityId: milestoneId, summary: 'made 4 partners eligible for "Three ratifications"' });
    // The same set again changes nothing and logs nothing.
    await team.editor.caller.threshold.setEligible({ ...c(), milestoneId, partnerIds: [states.denmark, states.canada, states.belgium, states.austria] });
    expect(activityCount(app, team.coalitionId)).toBe(acts + 1);
  });

  it('records acts of eligible partners only, dated today or earlier, once per partner and act', async () => {
    const rows = () => app.db.select().from(partnerActs).all().length;
    const before = { rows: rows(), activity: activityCount(app, team.coalitionId) };
    const record = (partnerId: string, extra: object = {}) => team.editor.caller.threshold.recordAct({ ...c(), milestoneId, partnerId, act: 'ratified', actedOn: today(), ...extra });
    await expect(record(states.egypt)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '“Egypt” is not eligible for this milestone: add it to the eligible partners first' });
    expect(await fieldErrors(record(states.austria, { actedOn: addDays(today(), 1) }))).toEqual({ code: 'BAD_REQUEST', fields: { actedOn: [expect.stringMatching(/today .* or earlier/)] } });
    await expect(record(states.austria, { act: 'ratified_twice' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.viewer.caller.threshold.recordAct({ ...c(), milestoneId, partnerId: states.austria, act: 'ratified', actedOn: today() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect({ rows: rows(), activity: activityCount(app, team.coalitionId) }).toEqual(before);

    const first = await record(states.austria, { actedOn: ago(100), note: 'Deposited in New York' });
    expect(first.act).toMatchObject({ partnerId: states.austria, act: 'ratified', actedOn: ago(100), note: 'Deposited in New York', version: 1 });
    expect('coalitionId' in first.act).toBe(false);
    expect(first.progress).toEqual({ count: 1, threshold: 3, percent: 33, reachedOn: null });
    // The act's row, then the milestone's own line: its first act started it.
    const [row, started] = activityOf(app, team.coalitionId).slice(-2) as [ReturnType<typeof activityOf>[number], ReturnType<typeof activityOf>[number]];
    expect(started).toMatchObject({ action: 'milestone.updated', summary: 'marked "Three ratifications" as in progress' });
    expect(row).toMatchObject({ action: 'milestone.act_recorded', entityType: 'milestone', entityId: milestoneId, summary: `recorded that "Austria" ratified on ${ago(100)}, toward "Three ratifications"` });
    expect(row.data).toMatchObject({ count: 1, threshold: 3, progress: [0, 33] });
    // The second record of the same act is refused, naming the first (edit it instead); nothing is replaced.
    await expect(record(states.austria, { actedOn: ago(5) })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: `“Austria” is already recorded as ratified on ${ago(100)}: edit that record instead` });
    expect(app.db.select().from(partnerActs).where(eq(partnerActs.id, first.act.id)).get()!.actedOn).toBe(ago(100));
  });

  it('the board: eligible partners by name with acts and whip group, counts per group, progress and pace', async () => {
    await team.editor.caller.threshold.recordAct({ ...c(), milestoneId, partnerId: states.belgium, act: 'signed', actedOn: ago(60) });
    await team.editor.caller.threshold.recordAct({ ...c(), milestoneId, partnerId: states.canada, act: 'voted_no', actedOn: ago(40) });
    // Denmark is supportive on the goal (a goal-level position change); a track-level one is ignored.
    const now = Date.now();
    app.db.insert(positionChanges).values([
      { id: newId(), coalitionId: team.coalitionId, partnerId: states.denmark, position: 'supportive', shownOn: ago(30), createdAt: now },
      { id: newId(), coalitionId: team.coalitionId, partnerId: states.belgium, position: 'champion', shownOn: ago(30), createdAt: now, trackId: null },
    ]).run();
    const b = await board();
    expect(b.milestone).toMatchObject({ id: milestoneId, thresholdAct: 'ratified', threshold: 3, status: 'in_progress' });
    expect(b.eligible.map((e) => [e.name, e.group])).toEqual([
      ['Austria', 'committed'],
      ['Belgium', 'committed'], // signed only (does not count), but a champion
      ['Canada', 'opposed'],
      ['Denmark', 'likely'],
    ]);
    expect(b.eligible[0]).toMatchObject({ kind: 'state', country: 'Austria', position: 'unknown', acts: [{ act: 'ratified', actedOn: ago(100), note: 'Deposited in New York', version: 1 }] });
    expect(b.counts).toEqual({ committed: 2, likely: 1, undecided: 0, opposed: 1 });
    expect(b.progress).toEqual({ count: 1, threshold: 3, percent: 33, reachedOn: null });
    // The pace is thresholdPace's over the acts that count (the signature does not).
    const pace = thresholdPace([ago(100)], 3, today());
    expect(b.pace).toEqual({ date: pace.range!.likely, low: pace.range!.optimistic, high: pace.range!.pessimistic, perMonth: pace.perMonth });
    expect(b.pace!.low <= b.pace!.date && b.pace!.date <= b.pace!.high && b.pace!.low > today()).toBe(true);
    // The list shows the count beside the threshold ("1/3"); ordinary milestones carry null.
    const listed = await team.viewer.caller.milestone.list({ ...c(), search: 'ratifications' });
    expect(listed.items.find((m) => m.id === milestoneId)).toMatchObject({ thresholdCount: 1, threshold: 3 });
    const plain = await team.viewer.caller.milestone.list({ ...c(), search: 'Ordinary' });
    expect(plain.items[0]).toMatchObject({ thresholdCount: null });
    // Belgium back to sceptical today: a later change wins.
    app.db.insert(positionChanges).values({ id: newId(), coalitionId: team.coalitionId, partnerId: states.belgium, position: 'sceptical', shownOn: today(), createdAt: now + 1 }).run();
    expect((await board()).counts).toEqual({ committed: 1, likely: 1, undecided: 0, opposed: 2 });
  });

  it('the milestone follows its count: in progress, done on the day the threshold was met, back in progress below it', async () => {
    const rec = (partnerId: string, actedOn: string) => team.editor.caller.threshold.recordAct({ ...c(), milestoneId, partnerId, act: 'ratified', actedOn });
    const belgium = await rec(states.belgium, ago(20));
    expect(milestone()).toMatchObject({ status: 'in_progress', progress: 66, completedOn: null });
    const versionBefore = milestone().version;
    const denmark = await rec(states.denmark, ago(10));
    expect(denmark.progress).toEqual({ count: 3, threshold: 3, percent: 100, reachedOn: ago(10) });
    expect(milestone()).toMatchObject({ status: 'done', progress: 100, completedOn: ago(10), version: versionBefore + 1 });
    // The act's row, then the milestone's own history line (which tells its followers).
    const [act, done] = activityOf(app, team.coalitionId).slice(-2);
    expect(act).toMatchObject({ action: 'milestone.act_recorded' });
    expect(done).toMatchObject({ action: 'milestone.updated', entityId: milestoneId, summary: 'completed "Three ratifications"' });
    expect(done!.data).toMatchObject({ status: ['in_progress', 'done'], completedOn: [null, ago(10)] });
    expect((await board()).pace).toBeNull();

    // An earlier date for Denmark's act moves the completion date to the new third act (Belgium's, 20 days ago).
    await expect(team.editor.caller.threshold.updateAct({ ...c(), actId: denmark.act.id, version: 2, actedOn: ago(150) })).rejects.toMatchObject({ code: 'CONFLICT' });
    const moved = await team.editor.caller.threshold.updateAct({ ...c(), actId: denmark.act.id, version: 1, actedOn: ago(150) });
    expect(moved.act.version).toBe(2);
    expect(milestone()).toMatchObject({ status: 'done', completedOn: ago(20) });
    expect(activityOf(app, team.coalitionId).at(-1)!.summary).toBe('updated the record that "Denmark" ratified, toward "Three ratifications" (date)');
    await expect(team.editor.caller.threshold.updateAct({ ...c(), actId: denmark.act.id, version: 2, actedOn: addDays(today(), 3) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Changing Belgium's signature into a second ratification clashes with the one it has.
    const signature = (await board()).eligible.find((e) => e.name === 'Belgium')!.acts.find((a) => a.act === 'signed')!;
    await expect(team.editor.caller.threshold.updateAct({ ...c(), actId: signature.id, version: 1, act: 'ratified' })).rejects.toMatchObject({ message: expect.stringMatching(/already recorded as ratified/) });

    // Deleting an act below the threshold reopens it.
    await team.editor.caller.threshold.deleteAct({ ...c(), actId: belgium.act.id });
    expect(milestone()).toMatchObject({ status: 'in_progress', progress: 66, completedOn: null });
    expect(activityOf(app, team.coalitionId).at(-1)).toMatchObject({ action: 'milestone.updated', summary: 'marked "Three ratifications" as in progress' });
    expect(activityOf(app, team.coalitionId).at(-2)).toMatchObject({ action: 'milestone.act_deleted', summary: 'removed the record that "Belgium" ratified, toward "Three ratifications"' });
    await expect(team.editor.caller.threshold.deleteAct({ ...c(), actId: belgium.act.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.viewer.caller.threshold.deleteAct({ ...c(), actId: denmark.act.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // A lower threshold set on the milestone itself is counted at once: 2 of 2 → done on the 2nd act's day.
    const lowered = await team.editor.caller.milestone.update({ ...c(), milestoneId, version: milestone().version, threshold: 2 });
    expect(lowered).toMatchObject({ threshold: 2, status: 'done', progress: 100, completedOn: ago(100) });
    const raised = await team.editor.caller.milestone.update({ ...c(), milestoneId, version: lowered.version, threshold: 4 });
    expect(raised).toMatchObject({ threshold: 4, status: 'in_progress', progress: 50, completedOn: null });
  });

  it('keeps a partner with acts eligible, and recounts when a partner with acts is deleted', async () => {
    await expect(team.editor.caller.threshold.setEligible({ ...c(), milestoneId, partnerIds: [states.belgium] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '“Austria”, “Canada”, “Denmark” have acts recorded toward this milestone: delete those acts first to make them ineligible',
    });
    const m = await team.editor.caller.milestone.update({ ...c(), milestoneId, version: milestone().version, threshold: 2 });
    expect(m.status).toBe('done');
    await team.editor.caller.partner.delete({ ...c(), partnerId: states.denmark });
    expect(milestone()).toMatchObject({ status: 'in_progress', progress: 50 });
    expect(activityOf(app, team.coalitionId).at(-1)).toMatchObject({ action: 'milestone.updated', entityId: milestoneId });
    expect((await board()).eligible.map((e) => e.name)).toEqual(['Austria', 'Belgium', 'Canada']);
  });

  it('undoing a delete brings the eligible partners and acts back, recounted', async () => {
    const m = await team.editor.caller.milestone.create({ ...c(), title: 'Two sign', dueDate: addDays(today(), 30), thresholdAct: 'signed', threshold: 2 });
    await team.editor.caller.threshold.setEligible({ ...c(), milestoneId: m.id, partnerIds: [states.austria, states.belgium, states.canada] });
    await team.editor.caller.threshold.recordAct({ ...c(), milestoneId: m.id, partnerId: states.austria, act: 'signed', actedOn: ago(3) });
    await team.editor.caller.threshold.recordAct({ ...c(), milestoneId: m.id, partnerId: states.belgium, act: 'signed', actedOn: ago(2) });
    const row = () => app.db.select().from(milestones).where(eq(milestones.id, m.id)).get();
    expect(row()).toMatchObject({ status: 'done', completedOn: ago(2) });
    // The partner whose signature met the threshold goes: the milestone reopens; undo: done again, same day.
    const { undoToken } = await team.editor.caller.partner.delete({ ...c(), partnerId: states.belgium });
    expect(row()).toMatchObject({ status: 'in_progress', progress: 50 });
    await team.editor.caller.undo.restore({ ...c(), token: undoToken });
    expect(row()).toMatchObject({ status: 'done', completedOn: ago(2) });
    const b = await team.viewer.caller.threshold.board({ ...c(), milestoneId: m.id });
    expect(b.eligible.map((e) => [e.name, e.acts.length])).toEqual([['Austria', 1], ['Belgium', 1], ['Canada', 0]]);
    // The milestone itself goes and comes back with its eligible partners and acts.
    const del = await team.editor.caller.milestone.delete({ ...c(), milestoneId: m.id });
    expect(app.db.select().from(partnerActs).where(eq(partnerActs.milestoneId, m.id)).all()).toEqual([]);
    await team.editor.caller.undo.restore({ ...c(), token: del.undoToken });
    expect((await team.viewer.caller.threshold.board({ ...c(), milestoneId: m.id })).progress).toEqual({ count: 2, threshold: 2, percent: 100, reachedOn: ago(2) });
    expect(row()).toMatchObject({ status: 'done', completedOn: ago(2) });
  });

  it('leaves a milestone marked done by hand below its threshold done when acts come in', async () => {
    const m = await team.editor.caller.milestone.create({ ...c(), title: 'Forty states sign', dueDate: today(), thresholdAct: 'signed', threshold: 40 });
    await team.editor.caller.threshold.setEligible({ ...c(), milestoneId: m.id, partnerIds: [states.austria] });
    const done = await team.editor.caller.milestone.update({ ...c(), milestoneId: m.id, version: 1, status: 'done' });
    await team.editor.caller.threshold.recordAct({ ...c(), milestoneId: m.id, partnerId: states.austria, act: 'signed', actedOn: today() });
    expect(app.db.select().from(milestones).where(eq(milestones.id, m.id)).get()).toMatchObject({ status: 'done', progress: 100, version: done.version });
    const b = await team.viewer.caller.threshold.board({ ...c(), milestoneId: m.id });
    expect(b.progress).toEqual({ count: 1, threshold: 40, percent: 2, reachedOn: null });
  });

  it('refuses ids of another coalition as not found', async () => {
    const other = await team.outsider.caller.milestone.create({ coalitionId: team.otherCoalitionId, title: 'Theirs', dueDate: today(), thresholdAct: 'ratified', threshold: 2 });
    await expect(team.viewer.caller.threshold.board({ ...c(), milestoneId: other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.outsider.caller.threshold.board({ ...c(), milestoneId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const act = app.db.select().from(partnerActs).where(eq(partnerActs.milestoneId, milestoneId)).get()!;
    await expect(team.outsider.caller.threshold.updateAct({ coalitionId: team.otherCoalitionId, actId: act.id, version: act.version, note: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.outsider.caller.threshold.deleteAct({ coalitionId: team.otherCoalitionId, actId: act.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
