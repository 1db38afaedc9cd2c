import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { trackAssignments } from '@coalition/db';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { activityCount, activityOf, breakActivityLog, countQueries, createTeam, type Team } from '../support/team.ts';

describe('assignments: the partner × track matrix', () => {
  let app: TestApp;
  let team: Team;
  let partnerId: string;
  let stateId: string;
  let trackId: string;
  let otherTrackId: string;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    const c = team.editor.caller;
    const coalitionId = team.coalitionId;
    partnerId = (await c.partner.create({ coalitionId, name: 'Amnesty International', kind: 'civil_society', influence: 4 })).id;
    stateId = (await c.partner.create({ coalitionId, name: 'Germany', kind: 'state', stage: 'committed' })).id;
    trackId = (await c.track.create({ coalitionId, name: 'Court statute' })).id;
    otherTrackId = (await c.track.create({ coalitionId, name: 'Ratification' })).id;
  });

  const rowsFor = (p: string, t: string) =>
    app.db.select().from(trackAssignments).where(and(eq(trackAssignments.partnerId, p), eq(trackAssignments.trackId, t))).all();

  it('sets a role, then changes it in place: one row per partner and track', async () => {
    const { coalitionId } = team;
    const before = activityCount(app, coalitionId);
    const first = await team.editor.caller.assignment.set({ coalitionId, partnerId, trackId, role: 'contributor' });
    expect(first).toMatchObject({ coalitionId, partnerId, trackId, role: 'contributor' });
    const second = await team.editor.caller.assignment.set({ coalitionId, partnerId, trackId, role: 'lead' });
    expect(second).toMatchObject({ partnerId, trackId, role: 'lead', createdAt: first.createdAt });
    expect(rowsFor(partnerId, trackId)).toHaveLength(1);
    expect(rowsFor(partnerId, trackId)[0]!.role).toBe('lead');

    const rows = activityOf(app, coalitionId).slice(before);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ action: 'assignment.set', trackId, data: { role: [null, 'contributor'] } });
    expect(rows[1]).toMatchObject({ action: 'assignment.set', trackId, data: { role: ['contributor', 'lead'] } });

    // Setting the role it already has changes and logs nothing.
    const same = await team.editor.caller.assignment.set({ coalitionId, partnerId, trackId, role: 'lead' });
    expect(same.role).toBe('lead');
    expect(activityCount(app, coalitionId)).toBe(before + 2);
  });

  it('shows the whole matrix in one call of three queries', async () => {
    const { coalitionId } = team;
    await team.editor.caller.assignment.set({ coalitionId, partnerId: stateId, trackId: otherTrackId, role: 'supporter' });
    const matrix = await team.viewer.caller.assignment.matrix({ coalitionId });
    expect(matrix.tracks).toEqual([
      { id: trackId, name: 'Court statute', color: expect.any(String), position: 0, status: 'active' },
      { id: otherTrackId, name: 'Ratification', color: expect.any(String), position: 1, status: 'active' },
    ]);
    expect(matrix.partners).toEqual([
      { id: partnerId, name: 'Amnesty International', kind: 'civil_society', stage: 'identified', influence: 4, isStateActor: false },
      { id: stateId, name: 'Germany', kind: 'state', stage: 'committed', influence: 3, isStateActor: true },
    ]);
    expect(matrix.assignments).toEqual(
      expect.arrayContaining([
        { partnerId, trackId, role: 'lead' },
        { partnerId: stateId, trackId: otherTrackId, role: 'supporter' },
      ]),
    );
    expect(matrix.assignments).toHaveLength(2);
    // The same assignments appear on the partner list.
    const list = await team.viewer.caller.partner.list({ coalitionId, trackId: otherTrackId });
    expect(list.map((p) => [p.name, p.tracks])).toEqual([['Germany', [{ trackId: otherTrackId, role: 'supporter' }]]]);

    const withoutCall = await countQueries(app, () => team.viewer.caller.coalition.get({ coalitionId }));
    const withMatrix = await countQueries(app, () => team.viewer.caller.assignment.matrix({ coalitionId }));
    // coalition.get runs one query after the membership check; the matrix runs three.
    expect(withMatrix - withoutCall).toBe(2);
  });

  it('refuses a partner or a track from another coalition as NOT_FOUND and writes nothing', async () => {
    const { coalitionId, otherCoalitionId } = team;
    const theirPartner = await team.outsider.caller.partner.create({ coalitionId: otherCoalitionId, name: 'Theirs', kind: 'media' });
    const theirTrack = await team.outsider.caller.track.create({ coalitionId: otherCoalitionId, name: 'Their track' });
    await team.outsider.caller.assignment.set({ coalitionId: otherCoalitionId, partnerId: theirPartner.id, trackId: theirTrack.id, role: 'lead' });
    const counts = app.rowCounts();
    const e = team.editor.caller.assignment;
    await expect(e.set({ coalitionId, partnerId: theirPartner.id, trackId, role: 'lead' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(e.set({ coalitionId, partnerId, trackId: theirTrack.id, role: 'lead' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(e.remove({ coalitionId, partnerId: theirPartner.id, trackId: theirTrack.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Not a member of the other coalition: naming it does not help.
    await expect(
      e.remove({ coalitionId: otherCoalitionId, partnerId: theirPartner.id, trackId: theirTrack.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(app.rowCounts()).toEqual(counts);
    expect(rowsFor(theirPartner.id, theirTrack.id)).toHaveLength(1);
  });

  it('lets a viewer read the matrix but not change it', async () => {
    const { coalitionId } = team;
    const counts = app.rowCounts();
    await expect(team.viewer.caller.assignment.set({ coalitionId, partnerId, trackId: otherTrackId, role: 'observer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(team.viewer.caller.assignment.remove({ coalitionId, partnerId, trackId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('refuses an unknown role', async () => {
    const { coalitionId } = team;
    const counts = app.rowCounts();
    await expect(
      // @ts-expect-error an unknown role
      team.editor.caller.assignment.set({ coalitionId, partnerId, trackId: otherTrackId, role: 'boss' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('removes an assignment with one activity row; removing it again is NOT_FOUND', async () => {
    const { coalitionId } = team;
    const before = activityCount(app, coalitionId);
    expect(await team.editor.caller.assignment.remove({ coalitionId, partnerId, trackId })).toEqual({ ok: true, undoToken: expect.any(String) });
    expect(rowsFor(partnerId, trackId)).toHaveLength(0);
    expect(activityCount(app, coalitionId)).toBe(before + 1);
    expect(activityOf(app, coalitionId).at(-1)).toMatchObject({
      action: 'assignment.removed',
      entityId: partnerId,
      trackId,
      data: { role: ['lead', null] },
    });
    const counts = app.rowCounts();
    await expect(team.editor.caller.assignment.remove({ coalitionId, partnerId, trackId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(app.rowCounts()).toEqual(counts);
  });

  it('writes an assignment and its activity row in one transaction', async () => {
    const { coalitionId } = team;
    const counts = app.rowCounts();
    const restore = breakActivityLog(app);
    try {
      await expect(team.editor.caller.assignment.set({ coalitionId, partnerId, trackId, role: 'observer' })).rejects.toThrow();
      await expect(team.editor.caller.assignment.remove({ coalitionId, partnerId: stateId, trackId: otherTrackId })).rejects.toThrow();
    } finally {
      restore();
    }
    expect(app.rowCounts()).toEqual(counts);
    expect(rowsFor(stateId, otherTrackId)).toHaveLength(1);
  });
});
