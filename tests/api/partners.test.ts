import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { comments, milestones, newId, partners, trackAssignments } from '@coalition/db';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { activityCount, activityOf, breakActivityLog, countQueries, createTeam, type Team } from '../support/team.ts';

const DAY = 86_400_000;

function insertMilestone(app: TestApp, coalitionId: string, values: Partial<typeof milestones.$inferInsert> = {}) {
  const now = Date.now();
  return app.db
    .insert(milestones)
    .values({ id: newId(), coalitionId, title: 'A milestone', dueDate: '2030-01-01', createdAt: now, updatedAt: now, ...values })
    .returning()
    .get();
}

describe('partner.create and partner.get', () => {
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
  });

  it('creates a partner with defaults, derives state vs non-state, and logs one activity row', async () => {
    const { coalitionId } = team;
    const before = activityCount(app, coalitionId);
    const p = await team.editor.caller.partner.create({ coalitionId, name: '  Canada ', kind: 'state' });
    expect(p).toMatchObject({
      name: 'Canada',
      kind: 'state',
      isStateActor: true,
      country: '',
      contributions: [],
      influence: 3,
      interest: 3,
      stage: 'identified',
      committedOn: null,
      version: 1,
      tracks: [],
    });
    const ngo = await team.editor.caller.partner.create({ coalitionId, name: 'ICBL', kind: 'civil_society' });
    expect(ngo.isStateActor).toBe(false);
    expect(activityCount(app, coalitionId)).toBe(before + 2);
    const last = activityOf(app, coalitionId).at(-1)!;
    expect(last).toMatchObject({ action: 'partner.created', entityType: 'partner', entityId: ngo.id, actorId: team.editor.id });
  });

  it('sets committedOn to today when created already committed or champion', async () => {
    const { coalitionId } = team;
    const today = new Date().toISOString().slice(0, 10);
    const c = await team.editor.caller.partner.create({ coalitionId, name: 'Norway', kind: 'state', stage: 'champion' });
    expect(c.committedOn).toBe(today);
    const d = await team.editor.caller.partner.create({ coalitionId, name: 'Austria', kind: 'state', stage: 'in_dialogue' });
    expect(d.committedOn).toBeNull();
  });

  it('refuses invalid fields with a message per field and writes nothing', async () => {
    const { coalitionId } = team;
    const counts = app.rowCounts();
    const err = await team.editor.caller.partner
      .create({
        coalitionId,
        name: '',
        kind: 'state',
        influence: 6,
        interest: 2.5,
        contributions: ['ideas', 'ideas'],
        country: 'x'.repeat(101),
      })
      .catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    for (const field of ['name', 'influence', 'interest', 'contributions', 'country']) expect(err.message).toMatch(field);
    await expect(
      // @ts-expect-error an unknown kind
      team.editor.caller.partner.create({ coalitionId, name: 'X', kind: 'alien' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('gets a partner with its tracks (names, roles, in track order) and how many milestones it owns', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'UNDP', kind: 'intergovernmental', contributions: ['networks'] });
    const t1 = await team.editor.caller.track.create({ coalitionId, name: 'Security' });
    const t2 = await team.editor.caller.track.create({ coalitionId, name: 'Justice' });
    await team.editor.caller.assignment.set({ coalitionId, partnerId: p.id, trackId: t2.id, role: 'lead' });
    await team.editor.caller.assignment.set({ coalitionId, partnerId: p.id, trackId: t1.id, role: 'observer' });
    insertMilestone(app, coalitionId, { ownerPartnerId: p.id });
    insertMilestone(app, coalitionId, { ownerPartnerId: p.id, trackId: t1.id });
    const got = await team.viewer.caller.partner.get({ coalitionId, partnerId: p.id });
    expect(got).toMatchObject({ id: p.id, isStateActor: true, contributions: ['networks'], ownedMilestones: 2 });
    expect(got.tracks).toEqual([
      { trackId: t1.id, trackName: 'Security', role: 'observer' },
      { trackId: t2.id, trackName: 'Justice', role: 'lead' },
    ]);
  });

  it('answers NOT_FOUND for a partner of another coalition, and for a non-member', async () => {
    const foreign = await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Theirs', kind: 'media' });
    await expect(team.owner.caller.partner.get({ coalitionId: team.coalitionId, partnerId: foreign.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(team.outsider.caller.partner.list({ coalitionId: team.coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets a viewer read but not create, update or delete', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'Viewer test', kind: 'academia' });
    const counts = app.rowCounts();
    await expect(team.viewer.caller.partner.create({ coalitionId, name: 'No', kind: 'media' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      team.viewer.caller.partner.update({ coalitionId, partnerId: p.id, version: 1, name: 'Renamed' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(team.viewer.caller.partner.delete({ coalitionId, partnerId: p.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.rowCounts()).toEqual(counts);
    expect((await team.viewer.caller.partner.list({ coalitionId })).map((x) => x.name)).toContain('Viewer test');
  });
});

describe('partner.list filters and sorting', () => {
  let app: TestApp;
  let team: Team;
  let trackA: string;
  let trackB: string;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    const c = team.editor.caller;
    const coalitionId = team.coalitionId;
    const make = (input: Omit<Parameters<typeof c.partner.create>[0], 'coalitionId'>) => c.partner.create({ coalitionId, ...input });
    const canada = await make({ name: 'Canada', kind: 'state', country: 'Canada', stage: 'champion', influence: 5, interest: 5, contributions: ['political_support', 'resources'] });
    const icbl = await make({ name: 'ICBL', kind: 'civil_society', country: 'Global', contact: 'jody@icbl.example', stage: 'committed', influence: 4, contributions: ['networks', 'ideas'] });
    const icrc = await make({ name: 'ICRC', kind: 'intergovernmental', country: 'Switzerland', stage: 'in_dialogue', influence: 5, contributions: ['ideas'] });
    await make({ name: 'usa', kind: 'state', country: 'United States', stage: 'identified', influence: 5, interest: 1 });
    await make({ name: 'Ford Foundation', kind: 'philanthropy', country: 'United States', stage: 'approached', influence: 2, contributions: ['resources'] });
    await make({ name: '100%_Campaign', kind: 'civil_society', country: 'Norway', stage: 'approached', influence: 1 });
    trackA = (await c.track.create({ coalitionId, name: 'Treaty text' })).id;
    trackB = (await c.track.create({ coalitionId, name: 'Stockpiles' })).id;
    await c.assignment.set({ coalitionId, partnerId: canada.id, trackId: trackA, role: 'lead' });
    await c.assignment.set({ coalitionId, partnerId: icbl.id, trackId: trackA, role: 'co_lead' });
    await c.assignment.set({ coalitionId, partnerId: icbl.id, trackId: trackB, role: 'contributor' });
    await c.assignment.set({ coalitionId, partnerId: icrc.id, trackId: trackB, role: 'lead' });
    // Another coalition's partners never show up.
    await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Canada (theirs)', kind: 'state' });
  });

  const names = async (input: Record<string, unknown> = {}) =>
    (await team.viewer.caller.partner.list({ coalitionId: team.coalitionId, ...input })).map((p) => p.name);

  it('lists by name (case-insensitive) by default, with isStateActor and tracks for each partner', async () => {
    expect(await names()).toEqual(['100%_Campaign', 'Canada', 'Ford Foundation', 'ICBL', 'ICRC', 'usa']);
    const list = await team.viewer.caller.partner.list({ coalitionId: team.coalitionId });
    const icbl = list.find((p) => p.name === 'ICBL')!;
    expect(icbl.isStateActor).toBe(false);
    expect(icbl.tracks).toEqual([
      { trackId: trackA, role: 'co_lead' },
      { trackId: trackB, role: 'contributor' },
    ]);
    expect(list.find((p) => p.name === 'usa')).toMatchObject({ isStateActor: true, tracks: [] });
    expect(await names({ sortDir: 'desc' })).toEqual(['usa', 'ICRC', 'ICBL', 'Ford Foundation', 'Canada', '100%_Campaign']);
  });

  it('filters by kind, by stage, by contribution (any of them) and by track', async () => {
    expect(await names({ kind: ['state'] })).toEqual(['Canada', 'usa']);
    expect(await names({ kind: ['state', 'intergovernmental'] })).toEqual(['Canada', 'ICRC', 'usa']);
    expect(await names({ stage: ['approached'] })).toEqual(['100%_Campaign', 'Ford Foundation']);
    expect(await names({ contribution: ['ideas'] })).toEqual(['ICBL', 'ICRC']);
    expect(await names({ contribution: ['resources', 'networks'] })).toEqual(['Canada', 'Ford Foundation', 'ICBL']);
    expect(await names({ trackId: trackA })).toEqual(['Canada', 'ICBL']);
    expect(await names({ trackId: trackB })).toEqual(['ICBL', 'ICRC']);
    expect(await names({ kind: [], stage: [] })).toHaveLength(6);
  });

  it('searches name, country and contact case-insensitively, taking % and _ literally', async () => {
    expect(await names({ search: 'ic' })).toEqual(['ICBL', 'ICRC']);
    expect(await names({ search: 'UNITED states' })).toEqual(['Ford Foundation', 'usa']);
    expect(await names({ search: 'JODY@' })).toEqual(['ICBL']);
    expect(await names({ search: '%' })).toEqual(['100%_Campaign']);
    expect(await names({ search: 'd_s' })).toEqual([]);
    expect(await names({ search: '%_c' })).toEqual(['100%_Campaign']);
    expect(await names({ search: '   ' })).toHaveLength(6);
    await expect(names({ search: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('combines filters', async () => {
    expect(await names({ kind: ['state', 'civil_society'], stage: ['committed', 'champion'] })).toEqual(['Canada', 'ICBL']);
    expect(await names({ trackId: trackB, contribution: ['networks'] })).toEqual(['ICBL']);
    expect(await names({ search: 'united', kind: ['state'] })).toEqual(['usa']);
    expect(await names({ trackId: trackA, stage: ['identified'] })).toEqual([]);
  });

  it('sorts by engagement stage in engagement order, not alphabetically', async () => {
    expect(await names({ sortBy: 'stage' })).toEqual(['usa', '100%_Campaign', 'Ford Foundation', 'ICRC', 'ICBL', 'Canada']);
    // Descending: champions first; ties stay by name.
    expect(await names({ sortBy: 'stage', sortDir: 'desc' })).toEqual(['Canada', 'ICBL', 'ICRC', '100%_Campaign', 'Ford Foundation', 'usa']);
  });

  it('sorts by influence, interest and kind with name as the tie-break, and honours the limit', async () => {
    expect(await names({ sortBy: 'influence', sortDir: 'desc' })).toEqual(['Canada', 'ICRC', 'usa', 'ICBL', 'Ford Foundation', '100%_Campaign']);
    expect((await names({ sortBy: 'interest' }))[0]).toBe('usa');
    expect(await names({ sortBy: 'kind' })).toEqual(['100%_Campaign', 'ICBL', 'ICRC', 'Ford Foundation', 'Canada', 'usa']);
    expect(await names({ limit: 2 })).toEqual(['100%_Campaign', 'Canada']);
    await expect(names({ limit: 1001 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a track filter from another coalition as NOT_FOUND', async () => {
    const theirs = await team.outsider.caller.track.create({ coalitionId: team.otherCoalitionId, name: 'Theirs' });
    await expect(names({ trackId: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the tracks of all listed partners in one extra query, however many partners there are', async () => {
    const input = { coalitionId: team.coalitionId };
    const few = await countQueries(app, () => team.viewer.caller.partner.list({ ...input, limit: 1 }));
    const all = await countQueries(app, () => team.viewer.caller.partner.list(input));
    expect(few).toBeGreaterThanOrEqual(3);
    expect(all).toBe(few);
  });
});

describe('partner.update', () => {
  let now = Date.UTC(2026, 2, 2, 12);
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp({ now: () => now });
    team = await createTeam(app);
  });

  it('sets committedOn the first time the stage reaches committed, and never clears it', async () => {
    const { coalitionId } = team;
    const c = team.editor.caller;
    let p = await c.partner.create({ coalitionId, name: 'Belgium', kind: 'state', stage: 'approached' });
    expect(p.committedOn).toBeNull();
    p = await c.partner.update({ coalitionId, partnerId: p.id, version: p.version, stage: 'in_dialogue' });
    expect(p.committedOn).toBeNull();
    now += DAY;
    p = await c.partner.update({ coalitionId, partnerId: p.id, version: p.version, stage: 'committed' });
    expect(p.committedOn).toBe('2026-03-03');
    now += DAY;
    p = await c.partner.update({ coalitionId, partnerId: p.id, version: p.version, stage: 'in_dialogue' });
    expect(p.committedOn).toBe('2026-03-03');
    now += DAY;
    p = await c.partner.update({ coalitionId, partnerId: p.id, version: p.version, stage: 'champion' });
    expect(p.committedOn).toBe('2026-03-03');
    p = await c.partner.update({ coalitionId, partnerId: p.id, version: p.version, notes: 'Hosted the Ottawa conference' });
    expect(p).toMatchObject({ committedOn: '2026-03-03', stage: 'champion', version: 6 });
  });

  it('logs the changed fields as a diff, one activity row per update', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'Mines Action Canada', kind: 'civil_society', influence: 2 });
    const before = activityCount(app, coalitionId);
    const after = await team.editor.caller.partner.update({
      coalitionId,
      partnerId: p.id,
      version: 1,
      influence: 4,
      contributions: ['ideas', 'networks'],
      country: 'Canada',
      stage: 'committed',
      name: 'Mines Action Canada',
    });
    expect(after).toMatchObject({ version: 2, influence: 4, isStateActor: false, contributions: ['ideas', 'networks'] });
    expect(activityCount(app, coalitionId)).toBe(before + 1);
    const row = activityOf(app, coalitionId).at(-1)!;
    expect(row).toMatchObject({ action: 'partner.updated', entityId: p.id });
    expect(row.data).toEqual({
      influence: [2, 4],
      contributions: [[], ['ideas', 'networks']],
      country: ['', 'Canada'],
      stage: ['identified', 'committed'],
      committedOn: [null, '2026-03-05'],
    });
    expect(row.summary).toMatch(/identified to committed/);
  });

  it('refuses a stale version with CONFLICT carrying the current partner, and overwrites nothing', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'Handicap International', kind: 'civil_society' });
    await team.owner.caller.partner.update({ coalitionId, partnerId: p.id, version: 1, notes: 'Owner edit' });
    const counts = app.rowCounts();
    const err = await team.editor.caller.partner
      .update({ coalitionId, partnerId: p.id, version: 1, notes: 'Editor edit', stage: 'champion' })
      .catch((e) => e);
    expect(err.code).toBe('CONFLICT');
    expect(err.cause.current).toMatchObject({ notes: 'Owner edit', version: 2 });
    const row = app.db.select().from(partners).where(eq(partners.id, p.id)).get()!;
    expect(row).toMatchObject({ notes: 'Owner edit', stage: 'identified', committedOn: null, version: 2 });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('answers NOT_FOUND for a partner of another coalition and writes nothing', async () => {
    const foreign = await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Theirs', kind: 'state' });
    const counts = app.rowCounts();
    await expect(
      team.editor.caller.partner.update({ coalitionId: team.coalitionId, partnerId: foreign.id, version: 1, name: 'Hijacked' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Naming one's own coalition with the foreign id does not help either.
    await expect(
      team.editor.caller.partner.update({ coalitionId: team.otherCoalitionId, partnerId: foreign.id, version: 1, name: 'Hijacked' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(app.rowCounts()).toEqual(counts);
    expect(app.db.select().from(partners).where(eq(partners.id, foreign.id)).get()!.name).toBe('Theirs');
  });

  it('writes the change and its activity row in one transaction: no activity, no change', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'Atomic', kind: 'media' });
    const counts = app.rowCounts();
    const restore = breakActivityLog(app);
    try {
      await expect(team.editor.caller.partner.update({ coalitionId, partnerId: p.id, version: 1, stage: 'committed' })).rejects.toThrow();
      await expect(team.editor.caller.partner.create({ coalitionId, name: 'Ghost', kind: 'media' })).rejects.toThrow();
      await expect(team.editor.caller.partner.delete({ coalitionId, partnerId: p.id })).rejects.toThrow();
    } finally {
      restore();
    }
    expect(app.db.select().from(partners).where(eq(partners.id, p.id)).get()).toMatchObject({ stage: 'identified', version: 1, committedOn: null });
    expect(app.rowCounts()).toEqual(counts);
  });
});

describe('partner.delete', () => {
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
  });

  it('removes the partner, its assignments and the comments on it; its milestones stay without an owner', async () => {
    const { coalitionId } = team;
    const c = team.editor.caller;
    const p = await c.partner.create({ coalitionId, name: 'Departing', kind: 'private_sector' });
    const keep = await c.partner.create({ coalitionId, name: 'Staying', kind: 'media' });
    const t = await c.track.create({ coalitionId, name: 'Finance' });
    await c.assignment.set({ coalitionId, partnerId: p.id, trackId: t.id, role: 'lead' });
    await c.assignment.set({ coalitionId, partnerId: keep.id, trackId: t.id, role: 'supporter' });
    const m = insertMilestone(app, coalitionId, { ownerPartnerId: p.id, trackId: t.id });
    const now = Date.now();
    const comment = (targetType: 'partner' | 'track', targetId: string) =>
      app.db.insert(comments).values({ id: newId(), coalitionId, targetType, targetId, authorId: team.editor.id, body: 'Note', createdAt: now, updatedAt: now }).run();
    comment('partner', p.id);
    comment('partner', p.id);
    comment('partner', keep.id);
    comment('track', t.id);
    const before = app.rowCounts();

    const result = await c.partner.delete({ coalitionId, partnerId: p.id });
    expect(result).toEqual({ ok: true, milestonesUnowned: 1, undoToken: expect.any(String) });

    expect(app.db.select().from(partners).where(eq(partners.id, p.id)).get()).toBeUndefined();
    expect(app.db.select().from(trackAssignments).all().map((a) => a.partnerId)).toEqual([keep.id]);
    expect(app.db.select().from(comments).all().map((x) => x.targetId).sort()).toEqual([keep.id, t.id].sort());
    expect(app.db.select().from(milestones).where(eq(milestones.id, m.id)).get()).toMatchObject({ ownerPartnerId: null, trackId: t.id });
    const after = app.rowCounts();
    expect(after).toMatchObject({
      partners: before.partners! - 1,
      track_assignments: before.track_assignments! - 1,
      comments: before.comments! - 2,
      milestones: before.milestones,
      activity: before.activity! + 1,
    });
    const row = activityOf(app, coalitionId).at(-1)!;
    expect(row).toMatchObject({ action: 'partner.deleted', entityId: p.id });
    expect(row.data).toMatchObject({ name: 'Departing', kind: 'private_sector' });
    await expect(c.partner.get({ coalitionId, partnerId: p.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND for a partner of another coalition and deletes nothing', async () => {
    const foreign = await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Theirs', kind: 'state' });
    const counts = app.rowCounts();
    await expect(team.editor.caller.partner.delete({ coalitionId: team.coalitionId, partnerId: foreign.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(app.rowCounts()).toEqual(counts);
  });
});
