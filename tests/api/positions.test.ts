/**
 * Positions over time: recording a partner's position (goal or track, linked to the interaction
 * that showed it), the partner's list, every partner's position today with its movement, the
 * weekly support series; the checks (ids of the coalition, an interaction with that partner, no
 * future day, editors only); positionPublic for owners only; undo and export/import keep them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { partners, positionChanges } from '@coalition/db';
import { addDays, weekStart } from '@coalition/domain';
import { fieldErrorsOf } from '@coalition/api';
import { supportSeries } from '../../packages/api/src/services/positions.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { activityCount, activityOf, createTeam, type Team } from '../support/team.ts';

describe('positions over time', () => {
  let app: TestApp;
  let team: Team;
  let today: string;
  let mexico: { id: string };
  let icbl: { id: string };
  let trackId: string;
  const c = () => ({ coalitionId: team.coalitionId });

  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    today = (await team.viewer.caller.position.current(c())).today;
    mexico = await team.editor.caller.partner.create({ ...c(), name: 'Mexico', kind: 'state', influence: 5 });
    icbl = await team.editor.caller.partner.create({ ...c(), name: 'ICBL', kind: 'civil_society', influence: 4 });
    trackId = (await team.editor.caller.track.create({ ...c(), name: 'Treaty text' })).id;
  });

  it('records changes (goal and track) linked to the interaction that showed them; lists them newest first', async () => {
    const meeting = await team.editor.caller.interaction.create({ ...c(), partnerId: mexico.id, kind: 'meeting', occurredOn: addDays(today, -40) });
    const first = await team.editor.caller.position.record({ ...c(), partnerId: mexico.id, position: 'sceptical', shownOn: addDays(today, -120) });
    expect(first).toMatchObject({ position: 'sceptical', trackId: null, interactionId: null, note: '', authorName: 'Editor' });
    const second = await team.editor.caller.position.record({
      ...c(),
      partnerId: mexico.id,
      position: 'supportive',
      shownOn: addDays(today, -40),
      interactionId: meeting.id,
      note: 'Will co-sponsor if the text names the review',
    });
    expect(second).toMatchObject({ interactionId: meeting.id, interactionOn: addDays(today, -40), interactionKind: 'meeting' });
    await team.owner.caller.position.record({ ...c(), partnerId: mexico.id, position: 'champion', shownOn: addDays(today, -10), trackId });

    const list = await team.viewer.caller.position.list({ ...c(), partnerId: mexico.id });
    expect(list.map((r) => [r.position, r.trackName])).toEqual([
      ['champion', 'Treaty text'],
      ['supportive', null],
      ['sceptical', null],
    ]);
    // Each is in the partner's history, in words.
    const row = activityOf(app, team.coalitionId).find((a) => a.action === 'position.recorded' && a.data && (a.data as { positionChangeId?: string }).positionChangeId === second.id)!;
    expect(row).toMatchObject({ entityType: 'partner', entityId: mexico.id });
    expect(row.summary).toBe(`recorded "Mexico" as supportive on the goal on ${addDays(today, -40)}`);
    const history = await team.viewer.caller.activity.list({ ...c(), entity: { type: 'partner', id: mexico.id } });
    expect(history.items.filter((a) => a.action === 'position.recorded')).toHaveLength(3);
  });

  it('gives each partner its goal position today and its movement over 90 days (track positions aside)', async () => {
    const now = await team.viewer.caller.position.current(c());
    expect(now.windowDays).toBe(90);
    expect(now.partners.find((p) => p.partnerId === mexico.id)).toEqual({
      partnerId: mexico.id,
      position: 'supportive',
      shownOn: addDays(today, -40),
      was: 'sceptical',
      movement: 2,
    });
    expect(now.partners.find((p) => p.partnerId === icbl.id)).toBeUndefined();
  });

  it('counts champion + supportive partners by week, state and non-state, from the first change to today', async () => {
    await team.editor.caller.position.record({ ...c(), partnerId: icbl.id, position: 'champion', shownOn: addDays(today, -3) });
    const { points } = await team.viewer.caller.position.supportGrowth(c());
    expect(points[0]!.week).toBe(weekStart(addDays(today, -120)));
    expect(points.at(-1)).toEqual({ week: weekStart(today), state: 1, nonState: 1 });
    // Mexico turned supportive in the week of day −40 (the track's champion change does not count).
    const turned = points.findIndex((p) => p.state === 1);
    expect(points[turned]!.week).toBe(weekStart(addDays(today, -40)));
    expect(points.every((p) => p.state <= 1)).toBe(true);
    // The public page's function gives the same series.
    expect(supportSeries(app.db, team.coalitionId, today)).toEqual(points);
    // A coalition with no change has no series.
    expect((await team.outsider.caller.position.supportGrowth({ coalitionId: team.otherCoalitionId })).points).toEqual([]);
  });

  it('refuses a future day, an interaction with another partner, ids of another coalition and a viewer — writing nothing', async () => {
    const rows = app.db.select().from(positionChanges).all().length;
    const acts = activityCount(app, team.coalitionId);
    const future = await team.editor.caller.position.record({ ...c(), partnerId: mexico.id, position: 'opposed', shownOn: addDays(today, 1) }).catch((e) => e);
    expect(future).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/today or an earlier day/) });
    expect(fieldErrorsOf(future.cause)).toEqual({ shownOn: [expect.any(String)] });

    const icblCall = await team.editor.caller.interaction.create({ ...c(), partnerId: icbl.id, kind: 'call', occurredOn: today });
    const wrongPartner = await team.editor.caller.position.record({ ...c(), partnerId: mexico.id, position: 'neutral', shownOn: today, interactionId: icblCall.id }).catch((e) => e);
    expect(wrongPartner).toMatchObject({ code: 'BAD_REQUEST', message: 'That interaction was with another partner, not Mexico' });

    const foreignPartner = await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Elsewhere', kind: 'state' });
    const foreignTrack = await team.outsider.caller.track.create({ coalitionId: team.otherCoalitionId, name: 'Theirs' });
    const foreignCall = await team.outsider.caller.interaction.create({ coalitionId: team.otherCoalitionId, partnerId: foreignPartner.id, kind: 'call', occurredOn: today });
    for (const input of [
      { partnerId: foreignPartner.id },
      { partnerId: mexico.id, trackId: foreignTrack.id },
      { partnerId: mexico.id, interactionId: foreignCall.id },
    ]) {
      await expect(team.editor.caller.position.record({ ...c(), position: 'neutral', shownOn: today, ...input })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(team.editor.caller.position.list({ ...c(), partnerId: foreignPartner.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.editor.caller.position.record({ ...c(), partnerId: mexico.id, position: 'lukewarm' as 'neutral', shownOn: today })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.editor.caller.position.record({ ...c(), partnerId: mexico.id, position: 'neutral', shownOn: today, note: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.viewer.caller.position.record({ ...c(), partnerId: mexico.id, position: 'neutral', shownOn: today })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.db.select().from(positionChanges).all().length).toBe(rows);
    expect(activityCount(app, team.coalitionId)).toBe(acts + 1); // the call logged above
  });

  it('logs an interaction with the position it showed in one transaction; a future interaction cannot carry one', async () => {
    const i = await team.editor.caller.interaction.create({ ...c(), partnerId: icbl.id, kind: 'side_event', occurredOn: addDays(today, -1), position: 'supportive' });
    const [latest] = await team.viewer.caller.position.list({ ...c(), partnerId: icbl.id });
    expect(latest).toMatchObject({ position: 'supportive', shownOn: addDays(today, -1), interactionId: i.id, interactionKind: 'side_event' });
    const rows = activityOf(app, team.coalitionId).slice(-2).map((a) => a.action);
    expect(rows).toEqual(['interaction.logged', 'position.recorded']);

    const before = app.rowCounts();
    const refused = await team.editor.caller.interaction.create({ ...c(), partnerId: icbl.id, kind: 'meeting', occurredOn: addDays(today, 5), position: 'champion' }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(fieldErrorsOf(refused.cause)).toEqual({ position: [expect.stringMatching(/has taken place/)] });
    expect(app.rowCounts()).toEqual(before);
    // Without a position, a planned meeting is fine.
    await team.editor.caller.interaction.create({ ...c(), partnerId: icbl.id, kind: 'meeting', occurredOn: addDays(today, 5) });
  });

  it('moving an interaction to another day moves the positions it showed; never into the future', async () => {
    const i = await team.editor.caller.interaction.create({ ...c(), partnerId: icbl.id, kind: 'call', occurredOn: addDays(today, -3), position: 'champion' });
    const moved = await team.editor.caller.interaction.update({ ...c(), interactionId: i.id, version: i.version, occurredOn: addDays(today, -6) });
    const linked = () => app.db.select().from(positionChanges).where(eq(positionChanges.interactionId, i.id)).all();
    expect(linked().map((p) => p.shownOn)).toEqual([addDays(today, -6)]);

    const before = app.rowCounts();
    const refused = await team.editor.caller.interaction.update({ ...c(), interactionId: i.id, version: moved.version, occurredOn: addDays(today, 2) }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(fieldErrorsOf(refused.cause)).toEqual({ occurredOn: [expect.stringMatching(/showed a position/)] });
    expect(app.rowCounts()).toEqual(before);
    expect(linked().map((p) => p.shownOn)).toEqual([addDays(today, -6)]);
  });

  it('deletes a change (editors), which leaves the partner’s history; deleting the interaction keeps the change unlinked', async () => {
    const i = await team.editor.caller.interaction.create({ ...c(), partnerId: icbl.id, kind: 'call', occurredOn: today, position: 'neutral' });
    const [linked] = await team.viewer.caller.position.list({ ...c(), partnerId: icbl.id });
    expect(linked!.interactionId).toBe(i.id);
    await team.editor.caller.interaction.delete({ ...c(), interactionId: i.id });
    const [unlinked] = await team.viewer.caller.position.list({ ...c(), partnerId: icbl.id });
    expect(unlinked).toMatchObject({ id: linked!.id, interactionId: null, interactionOn: null });

    await expect(team.viewer.caller.position.delete({ ...c(), positionChangeId: linked!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await team.editor.caller.position.delete({ ...c(), positionChangeId: linked!.id });
    expect((await team.viewer.caller.position.list({ ...c(), partnerId: icbl.id })).some((r) => r.id === linked!.id)).toBe(false);
    expect(activityOf(app, team.coalitionId).at(-1)).toMatchObject({ action: 'position.deleted', entityId: icbl.id });
    expect(activityOf(app, team.coalitionId).at(-1)!.summary).toBe(`removed the position recorded for "ICBL" on ${today} (neutral on the goal)`);
    await expect(team.editor.caller.position.delete({ ...c(), positionChangeId: linked!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('undo of a partner delete brings back its positions, linked to its interactions; undo of a track delete, the positions on it', async () => {
    const before = await team.viewer.caller.position.list({ ...c(), partnerId: mexico.id });
    expect(before.length).toBeGreaterThan(0);
    const { undoToken } = await team.editor.caller.partner.delete({ ...c(), partnerId: mexico.id });
    expect(app.db.select().from(positionChanges).where(eq(positionChanges.partnerId, mexico.id)).all()).toEqual([]);
    expect((await team.viewer.caller.position.current(c())).partners.some((p) => p.partnerId === mexico.id)).toBe(false);
    await team.editor.caller.undo.restore({ ...c(), token: undoToken });
    expect(await team.viewer.caller.position.list({ ...c(), partnerId: mexico.id })).toEqual(before);

    const track = await team.editor.caller.track.delete({ ...c(), trackId });
    expect((await team.viewer.caller.position.list({ ...c(), partnerId: mexico.id })).length).toBe(before.length - 1);
    await team.editor.caller.undo.restore({ ...c(), token: track.undoToken });
    expect(await team.viewer.caller.position.list({ ...c(), partnerId: mexico.id })).toEqual(before);
  });

  it('only an owner may show a partner’s position on the public page (create and update); editors may save the rest', async () => {
    await expect(team.editor.caller.partner.create({ ...c(), name: 'Brazil', kind: 'state', positionPublic: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const p = await team.editor.caller.partner.get({ ...c(), partnerId: mexico.id });
    expect(p.positionPublic).toBe(false);
    const before = app.rowCounts();
    const refused = await team.editor.caller.partner.update({ ...c(), partnerId: mexico.id, version: p.version, positionPublic: true }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Only an owner/) });
    expect(app.rowCounts()).toEqual(before);
    // The whole form, with the flag unchanged, is an editor's ordinary save.
    const saved = await team.editor.caller.partner.update({ ...c(), partnerId: mexico.id, version: p.version, positionPublic: false, notes: 'Capital is on board' });
    const shown = await team.owner.caller.partner.update({ ...c(), partnerId: mexico.id, version: saved.version, positionPublic: true });
    expect(shown.positionPublic).toBe(true);
    expect(activityOf(app, team.coalitionId).at(-1)!.summary).toBe('updated "Mexico" (public position)');
    // An editor's stale form is a conflict, not a refusal.
    await expect(team.editor.caller.partner.update({ ...c(), partnerId: mexico.id, version: saved.version, positionPublic: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    // A relationship owner must be a member.
    await expect(team.editor.caller.partner.update({ ...c(), partnerId: mexico.id, version: shown.version, relationshipOwnerId: team.outsider.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const owned = await team.editor.caller.partner.update({ ...c(), partnerId: mexico.id, version: shown.version, relationshipOwnerId: team.editor.id });
    expect(owned.relationshipOwnerId).toBe(team.editor.id);
  });

  it('export then import round-trips interactions, positions, the relationship owner and positionPublic', async () => {
    const file = JSON.parse(JSON.stringify(await team.viewer.caller.transfer.exportJson(c())));
    const exportedMexico = file.partners.find((p: { name: string }) => p.name === 'Mexico');
    expect(exportedMexico).toMatchObject({ positionPublic: true, relationshipOwnerEmail: team.editor.email.toLowerCase() });
    expect(file.interactions.length).toBeGreaterThan(0);
    expect(file.positionChanges.length).toBe(app.db.select().from(positionChanges).where(eq(positionChanges.coalitionId, team.coalitionId)).all().length);
    expect(JSON.stringify(file)).not.toContain(team.editor.id);

    // The editor imports: they are the new coalition's only member, so they stay Mexico's owner;
    // the viewer, named among "our people" in the file, is not a member there and is left out.
    const withViewer = file.interactions.find((i: { partnerId: string }) => i.partnerId === exportedMexico.id);
    withViewer.ourPeopleEmails = [team.viewer.email.toLowerCase(), team.editor.email.toLowerCase()];
    const imported = await team.editor.caller.transfer.importJson({ data: file, name: 'Copy' });
    expect(imported.imported).toMatchObject({ interactions: file.interactions.length, positionChanges: file.positionChanges.length });
    const copy = { coalitionId: imported.id };
    const copyMexico = app.db.select().from(partners).where(eq(partners.coalitionId, imported.id)).all().find((p) => p.name === 'Mexico')!;
    expect(copyMexico).toMatchObject({ positionPublic: true, relationshipOwnerId: team.editor.id });
    const origList = await team.viewer.caller.position.list({ ...c(), partnerId: mexico.id });
    const copyList = await team.editor.caller.position.list({ ...copy, partnerId: copyMexico.id });
    const shape = (rows: typeof origList) => rows.map((r) => [r.position, r.shownOn, r.trackName, r.interactionOn, r.interactionKind, r.note]);
    expect(shape(copyList)).toEqual(shape(origList));
    const log = await team.editor.caller.interaction.list({ ...copy, partnerId: copyMexico.id });
    expect(log.items.find((i) => i.occurredOn === withViewer.occurredOn)!.ourPeople).toEqual([team.editor.id]);
    expect((await team.editor.caller.position.supportGrowth(copy)).points).toEqual((await team.viewer.caller.position.supportGrowth(c())).points);

    // Someone else imports: every member reference becomes nobody.
    const other = await team.outsider.caller.transfer.importJson({ data: file, name: 'Theirs' });
    const theirMexico = app.db.select().from(partners).where(eq(partners.coalitionId, other.id)).all().find((p) => p.name === 'Mexico')!;
    expect(theirMexico.relationshipOwnerId).toBeNull();

    // An interaction of another partner named by a position change is refused, naming it.
    const bad = JSON.parse(JSON.stringify(file));
    const linked = bad.positionChanges.findIndex((p: { interactionId: string | null }) => p.interactionId !== null);
    const icblId: string = bad.partners.find((p: { name: string }) => p.name === 'ICBL').id;
    const change = bad.positionChanges[linked];
    change.partnerId = change.partnerId === icblId ? exportedMexico.id : icblId;
    const refused = await team.outsider.caller.transfer.importJson({ data: bad }).catch((e) => e);
    expect(fieldErrorsOf(refused.cause)).toEqual({ [`data.positionChanges.${linked}.interactionId`]: [expect.stringMatching(/another partner/)] });
  });
});
