/**
 * The policy dialogue log: logging interactions with a partner, the next step landing in the
 * responsible member's inbox, versioned edits, keyset pages, the relationship owner, and
 * dialogue coverage (high-influence partners not contacted for 30/60/90 days, overdue steps).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { interactions, memberships, newId, partners } from '@coalition/db';
import { addDays } from '@coalition/domain';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { activityCount, activityOf, createTeam, type Team } from '../support/team.ts';

const today = () => new Date().toISOString().slice(0, 10);

describe('interactions', () => {
  let app: TestApp;
  let team: Team;
  let partnerId: string;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    const p = await team.editor.caller.partner.create({ coalitionId: team.coalitionId, name: 'Mexico', kind: 'state', influence: 5 });
    partnerId = p.id;
  });

  it('logs an interaction with our people, their people, the ask and a next step that reaches its member', async () => {
    const { coalitionId } = team;
    const before = await team.viewer.caller.inbox.unreadCount();
    const i = await team.editor.caller.interaction.create({
      coalitionId,
      partnerId,
      kind: 'side_event',
      occurredOn: addDays(today(), -3),
      ourPeople: [team.editor.id, team.viewer.id, team.editor.id],
      theirPeople: 'Deputy Permanent Representative',
      summary: 'Walked through the reform package',
      ask: 'Co-sponsor the resolution',
      outcome: 'Will consult the capital',
      nextStep: 'Send the draft text',
      nextStepDue: addDays(today(), 7),
      nextStepUserId: team.viewer.id,
    });
    expect(i).toMatchObject({ kind: 'side_event', ourPeople: [team.editor.id, team.viewer.id], authorName: 'Editor', nextStepUserName: 'Viewer', version: 1 });
    expect('coalitionId' in i).toBe(false);
    const row = activityOf(app, coalitionId).at(-1)!;
    expect(row).toMatchObject({ action: 'interaction.logged', entityType: 'partner', entityId: partnerId });
    expect(row.summary).toBe(`logged a side event with "Mexico" on ${addDays(today(), -3)}`);
    // The member given the next step hears of it (and a viewer may be responsible for one).
    expect((await team.viewer.caller.inbox.unreadCount()).unread).toBe(before.unread + 1);
    const [item] = (await team.viewer.caller.inbox.list({})).items;
    expect(item).toMatchObject({ kind: 'responsible', target: { screen: 'partner', id: partnerId } });

    // Also on a partner nobody follows (e.g. one that came with a template).
    const quiet = newId();
    const now = Date.now();
    app.db.insert(partners).values({ id: quiet, coalitionId, name: 'Quiet', kind: 'state', createdAt: now, updatedAt: now }).run();
    await team.owner.caller.interaction.create({ coalitionId, partnerId: quiet, kind: 'call', occurredOn: today(), nextStep: 'Call again', nextStepDue: addDays(today(), 3), nextStepUserId: team.viewer.id });
    expect((await team.viewer.caller.inbox.unreadCount()).unread).toBe(before.unread + 2);
  });

  it('refuses a next step date without the step, people who are not members, and a foreign partner — writing nothing', async () => {
    const { coalitionId } = team;
    const rows = app.db.select().from(interactions).all().length;
    const acts = activityCount(app, coalitionId);
    await expect(
      team.editor.caller.interaction.create({ coalitionId, partnerId, kind: 'call', occurredOn: today(), nextStepDue: addDays(today(), 1) }),
    ).rejects.toThrow(/Describe the next step/);
    await expect(team.editor.caller.interaction.create({ coalitionId, partnerId, kind: 'call', occurredOn: today(), ourPeople: [team.outsider.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Member not found in this coalition',
    });
    const foreign = await team.outsider.caller.partner.create({ coalitionId: team.otherCoalitionId, name: 'Elsewhere', kind: 'state' });
    await expect(team.editor.caller.interaction.create({ coalitionId, partnerId: foreign.id, kind: 'call', occurredOn: today() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.editor.caller.interaction.create({ coalitionId, partnerId, kind: 'dinner' as 'call', occurredOn: today() })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(team.viewer.caller.interaction.create({ coalitionId, partnerId, kind: 'call', occurredOn: today() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.db.select().from(interactions).all().length).toBe(rows);
    expect(activityCount(app, coalitionId)).toBe(acts);
  });

  it('edits with versions: a stale version is a conflict; clearing the step needs its date cleared too; marking it done', async () => {
    const { coalitionId } = team;
    const i = await team.editor.caller.interaction.create({ coalitionId, partnerId, kind: 'call', occurredOn: today(), nextStep: 'Call back', nextStepDue: addDays(today(), 2) });
    const a = await team.editor.caller.interaction.update({ coalitionId, interactionId: i.id, version: 1, outcome: 'Supportive' });
    expect(a.version).toBe(2);
    await expect(team.owner.caller.interaction.update({ coalitionId, interactionId: i.id, version: 1, outcome: 'Opposed' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(team.editor.caller.interaction.update({ coalitionId, interactionId: i.id, version: 2, nextStep: '' })).rejects.toThrow(/Describe the next step/);
    const done = await team.editor.caller.interaction.update({ coalitionId, interactionId: i.id, version: 2, nextStepDoneOn: today() });
    expect(done.nextStepDoneOn).toBe(today());
    expect(activityOf(app, coalitionId).at(-1)!.summary).toBe('marked a next step with "Mexico" done');
    await team.editor.caller.interaction.delete({ coalitionId, interactionId: i.id });
    expect(activityOf(app, coalitionId).at(-1)!.summary).toBe('deleted a call with "Mexico"');
    await expect(team.editor.caller.interaction.delete({ coalitionId, interactionId: i.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists a partner’s interactions newest first in keyset pages', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'Ghana', kind: 'state' });
    for (let d = 1; d <= 5; d++) await team.editor.caller.interaction.create({ coalitionId, partnerId: p.id, kind: 'email', occurredOn: addDays('2026-01-01', d) });
    const first = await team.viewer.caller.interaction.list({ coalitionId, partnerId: p.id, limit: 2 });
    expect(first.items.map((i) => i.occurredOn)).toEqual(['2026-01-06', '2026-01-05']);
    const second = await team.viewer.caller.interaction.list({ coalitionId, partnerId: p.id, limit: 2, cursor: first.nextCursor! });
    const third = await team.viewer.caller.interaction.list({ coalitionId, partnerId: p.id, limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((i) => i.occurredOn)).toEqual(['2026-01-04', '2026-01-03', '2026-01-02']);
    expect(third.nextCursor).toBeNull();
    // Deleting the partner takes its dialogue log with it; undoing the delete brings it back.
    const { undoToken } = await team.editor.caller.partner.delete({ coalitionId, partnerId: p.id });
    expect(app.db.select().from(interactions).where(eq(interactions.partnerId, p.id)).all()).toEqual([]);
    await team.editor.caller.undo.restore({ coalitionId, token: undoToken });
    expect((await team.viewer.caller.interaction.list({ coalitionId, partnerId: p.id })).items).toHaveLength(5);
  });

  it('sets a relationship owner who is a member, and keeps one who has left', async () => {
    const { coalitionId } = team;
    const p = await team.editor.caller.partner.create({ coalitionId, name: 'Kenya', kind: 'state', relationshipOwnerId: team.viewer.id });
    expect(p.relationshipOwnerId).toBe(team.viewer.id);
    await expect(team.editor.caller.partner.update({ coalitionId, partnerId: p.id, version: 1, relationshipOwnerId: team.outsider.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const q = await team.editor.caller.partner.create({ coalitionId, name: 'Chile', kind: 'state', relationshipOwnerId: team.owner.id });
    app.db.delete(memberships).where(eq(memberships.userId, team.owner.id)).run();
    try {
      const edited = await team.editor.caller.partner.update({ coalitionId, partnerId: q.id, version: 1, relationshipOwnerId: team.owner.id, notes: 'Still theirs' });
      expect(edited.notes).toBe('Still theirs');
    } finally {
      app.db.insert(memberships).values({ coalitionId, userId: team.owner.id, role: 'owner', createdAt: Date.now() }).run();
    }
    expect(activityOf(app, coalitionId).some((r) => r.summary.includes('relationship owner'))).toBe(false);
  });

  it('reports dialogue coverage: high-influence partners by days since contact, and overdue next steps', async () => {
    const app2 = createTestApp();
    const t = await createTeam(app2);
    const { coalitionId } = t;
    const mk = (name: string, influence: number) => t.editor.caller.partner.create({ coalitionId, name, kind: 'state', influence });
    const [recent, stale, never, low] = await Promise.all([mk('Recent', 5), mk('Stale', 4), mk('Never', 5), mk('Low', 2)]);
    await t.editor.caller.interaction.create({ coalitionId, partnerId: recent!.id, kind: 'meeting', occurredOn: addDays(today(), -5), nextStep: 'Share the brief', nextStepDue: addDays(today(), -2), nextStepUserId: t.viewer.id });
    await t.editor.caller.interaction.create({ coalitionId, partnerId: stale!.id, kind: 'letter', occurredOn: addDays(today(), -75) });
    await t.editor.caller.interaction.create({ coalitionId, partnerId: low!.id, kind: 'letter', occurredOn: addDays(today(), -400) });
    const c = await t.viewer.caller.interaction.coverage({ coalitionId });
    expect(c.highInfluence).toBe(3);
    expect(c.bands).toEqual({ within30: 1, over30: 0, over60: 1, over90: 0, never: 1 });
    expect(c.stale.map((s) => s.name)).toEqual(['Never', 'Stale']);
    expect(c.stale[0]!.id).toBe(never!.id);
    expect(c.overdueNextSteps).toMatchObject([{ partnerName: 'Recent', nextStep: 'Share the brief', daysOverdue: 2, nextStepUserId: t.viewer.id }]);
    // Another coalition's log is never counted.
    const other = await t.outsider.caller.partner.create({ coalitionId: t.otherCoalitionId, name: 'Outside', kind: 'state', influence: 5 });
    await t.outsider.caller.interaction.create({ coalitionId: t.otherCoalitionId, partnerId: other.id, kind: 'call', occurredOn: today() });
    expect((await t.viewer.caller.interaction.coverage({ coalitionId })).highInfluence).toBe(3);
  });
});
