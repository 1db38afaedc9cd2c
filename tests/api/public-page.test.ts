/**
 * The public page: an owner publishes it under a secret link (shown once, only its hash kept),
 * rotates or revokes it; anyone with the link reads a summary that holds nothing private.
 * The coalition seeded here puts a unique marker string in every private field; no public
 * answer may contain any of them, nor any id.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '@coalition/auth';
import { activity, coalitions, memberships, newId, partners, positionChanges, publicLinks } from '@coalition/db';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';
import { activityCount, createTeam, type Team } from '../support/team.ts';

/** 15 June 2027, midday UTC: the coalition's today (UTC) is 2027-06-15. */
const NOW = Date.UTC(2027, 5, 15, 12);
const TODAY = '2027-06-15';

const tokenOf = (url: string) => /\/p\/([a-z2-7]+)$/.exec(url)![1]!;

/** Every private value written into the coalition. */
const markers: string[] = [];
const mark = (what: string) => {
  const m = `ZQX${what}${markers.length}PRIVATE`;
  markers.push(m);
  return m;
};

let app: TestApp;
let team: Team;
let member: TestUser;
/** Every id of the seeded coalition (none may reach the public). */
const ids: string[] = [];

beforeAll(async () => {
  app = createTestApp({ now: () => NOW });
  team = await createTeam(app);
  const { owner, coalitionId } = team;
  const o = owner.caller;
  const c = { coalitionId };
  ids.push(coalitionId, team.owner.id, team.editor.id, team.viewer.id);

  // A member whose name and email are markers.
  member = await app.signUp(mark('MemberName'), undefined, `${mark('memberemail').toLowerCase()}@example.org`);
  app.db.insert(memberships).values({ coalitionId, userId: member.id, role: 'editor', createdAt: NOW }).run();
  ids.push(member.id);
  await o.invitation.create({ ...c, email: `${mark('invitee').toLowerCase()}@example.org`, role: 'viewer' });
  const coalition = await o.coalition.get(c);
  await o.coalition.update({ ...c, version: coalition.version, description: mark('CoalitionDescription') });

  const treaty = await o.track.create({ ...c, name: 'Treaty text', objective: mark('TrackObjective') });
  const ratify = await o.track.create({ ...c, name: 'Ratification', objective: mark('TrackObjective') });
  ids.push(treaty.id, ratify.id);

  const pub = await o.partner.create({
    ...c,
    name: 'Norway',
    kind: 'state',
    country: 'Norway',
    contact: mark('PublicPartnerContact'),
    notes: mark('PublicPartnerNotes'),
    contributions: ['political_support'],
    influence: 5,
    interest: 4,
    stage: 'committed',
  });
  const secret = await o.partner.create({
    ...c,
    name: mark('PrivatePartnerName'),
    kind: 'state',
    country: mark('PrivatePartnerCountry'),
    contact: mark('PrivatePartnerContact'),
    notes: mark('PrivatePartnerNotes'),
    contributions: ['ideas'],
    influence: 4,
    interest: 2,
    stage: 'in_dialogue',
  });
  ids.push(pub.id, secret.id);
  app.db.update(partners).set({ positionPublic: true }).where(eq(partners.id, pub.id)).run();

  const done = await o.milestone.create({
    ...c,
    title: 'Draft text agreed',
    description: mark('MilestoneDescription'),
    dueDate: '2027-03-01',
    trackId: treaty.id,
    ownerPartnerId: secret.id,
  });
  await o.milestone.update({ ...c, milestoneId: done.id, version: done.version, status: 'done', completedOn: '2027-03-10' });
  const open = await o.milestone.create({
    ...c,
    title: 'Ministerial meeting',
    description: mark('MilestoneDescription'),
    dueDate: '2027-09-01',
    trackId: ratify.id,
    progress: 40,
    responsibleUserId: member.id,
  });
  const wide = await o.milestone.create({ ...c, title: 'Summit', dueDate: '2030-05-01' });
  const dropped = await o.milestone.create({ ...c, title: mark('DroppedMilestone'), dueDate: '2027-07-01', status: 'dropped' });
  ids.push(done.id, open.id, wide.id, dropped.id);

  await o.comment.add({ ...c, targetType: 'milestone', targetId: open.id, body: mark('CommentBody') });
  await o.comment.add({ ...c, targetType: 'track', targetId: treaty.id, body: mark('CommentBody') });
  const bottleneck = await o.bottleneck.create({
    ...c,
    title: mark('BottleneckTitle'),
    description: mark('BottleneckDescription'),
    narrative: mark('BottleneckNarrative'),
    severity: 'high',
    status: 'open',
    trackId: treaty.id,
  });
  ids.push(bottleneck.id);
  const interaction = await o.interaction.create({
    ...c,
    partnerId: pub.id,
    kind: 'meeting',
    occurredOn: '2027-05-02',
    ourPeople: [member.id],
    theirPeople: mark('TheirPeople'),
    summary: mark('InteractionSummary'),
    ask: mark('InteractionAsk'),
    outcome: mark('InteractionOutcome'),
    nextStep: mark('NextStep'),
    nextStepDue: '2027-07-01',
    nextStepUserId: member.id,
  });
  ids.push(interaction.id);

  // Positions over time: the public partner became a champion (and a later, future change does
  // not count yet); the private partner is opposed, a word that must not appear anywhere.
  const position = (partnerId: string, shownOn: string, p: 'champion' | 'sceptical' | 'opposed' | 'supportive', trackId: string | null = null) => {
    const id = newId();
    ids.push(id);
    app.db
      .insert(positionChanges)
      .values({ id, coalitionId, partnerId, trackId, position: p, shownOn, note: mark('PositionNote'), authorId: owner.id, createdAt: NOW })
      .run();
  };
  position(pub.id, '2027-01-10', 'sceptical');
  position(pub.id, '2027-05-02', 'champion');
  position(pub.id, '2027-12-01', 'supportive'); // after today
  position(secret.id, '2027-04-01', 'opposed');
  position(secret.id, '2027-02-01', 'opposed', treaty.id);
});

async function publish(user: TestUser = team.owner) {
  return user.caller.publicPage.publish({ coalitionId: team.coalitionId });
}

describe('public page', () => {
  it('is off until an owner publishes it; the URL is returned once and only its hash is kept', async () => {
    const { owner, coalitionId } = team;
    expect(await owner.caller.publicPage.status({ coalitionId })).toEqual({ published: false, publishedAt: null, publishedBy: null });
    const { url, status } = await publish();
    expect(url).toMatch(/^http:\/\/localhost:3000\/p\/[a-z2-7]{32}$/);
    expect(status).toEqual({ published: true, publishedAt: NOW, publishedBy: { id: owner.id, name: 'Owner' } });
    expect(await owner.caller.publicPage.status({ coalitionId })).toEqual(status);
    const stored = app.db.select().from(publicLinks).where(eq(publicLinks.coalitionId, coalitionId)).all();
    expect(stored.filter((l) => l.revokedAt === null).map((l) => l.tokenHash)).toEqual([hashToken(tokenOf(url))]);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(url));
    expect(JSON.stringify(await owner.caller.publicPage.status({ coalitionId }))).not.toContain(tokenOf(url));
    expect(activityCount(app, coalitionId, 'publicPage.published')).toBeGreaterThan(0);
  });

  it('shows the goal, countdown, progress by track, reached and next milestones, momentum and public partners', async () => {
    const { url } = await publish();
    const page = await app.anonymous.publicPage.view({ token: tokenOf(url) });
    expect(page.coalition).toEqual({ name: 'Summit coalition', goal: 'Convene the summit', goalDate: '2030-06-01' });
    expect(page.today).toBe(TODAY);
    expect(page.daysToGoal).toBe(1082);
    // The dashboard's own roll-up: one definition.
    const dashboard = await team.viewer.caller.coalition.dashboard({ coalitionId: team.coalitionId });
    expect(page.progress.overall).toBe(dashboard.progress.coalition.progress);
    expect(page.progress.tracks).toEqual(dashboard.progress.tracks.map((t) => ({ name: t.name, color: t.color, progress: t.progress })));
    expect(page.progress.tracks.map((t) => [t.name, t.progress])).toEqual([
      ['Treaty text', 100],
      ['Ratification', 40],
    ]);
    expect(page.progress).toMatchObject({ reached: 1, total: 3 });
    expect(page.milestones.reached).toEqual([{ title: 'Draft text agreed', date: '2027-03-10', track: 'Treaty text' }]);
    expect(page.milestones.next).toEqual([
      { title: 'Ministerial meeting', date: '2027-09-01', track: 'Ratification' },
      { title: 'Summit', date: '2030-05-01', track: null },
    ]);
    expect(page.momentum).toEqual(dashboard.momentum);
    expect(page.momentum.at(-1)).toMatchObject({ cumulativeMilestones: 1, cumulativePartners: 1 });
    // Support growth: the members' own weekly series (one function), counts only.
    const growth = await team.viewer.caller.position.supportGrowth({ coalitionId: team.coalitionId });
    expect(page.supportGrowth).toEqual(growth.points);
    expect(page.supportGrowth.length).toBeGreaterThan(0);
    expect(Object.keys(page.supportGrowth[0]!).sort()).toEqual(['nonState', 'state', 'week']);
    // The public partner with its position on the goal today (the December change is not yet).
    expect(page.partners).toEqual([{ name: 'Norway', kind: 'state', country: 'Norway', position: 'champion' }]);
  });

  it('holds no private field: no marker, no id, no private position anywhere in the answer', async () => {
    const { url } = await publish();
    const page = await app.anonymous.publicPage.view({ token: tokenOf(url) });
    // Signed in or not, the same page.
    expect(await team.viewer.caller.publicPage.view({ token: tokenOf(url) })).toEqual(page);
    const text = JSON.stringify(page);
    expect(markers.length).toBeGreaterThan(20);
    expect(markers.filter((m) => text.includes(m))).toEqual([]);
    expect(ids.filter((id) => text.includes(id))).toEqual([]);
    // Nobody's name or email; no private partner's position (the only "opposed" partner is private).
    for (const word of ['Owner', 'Editor', 'Viewer', '@example.org', 'opposed', 'sceptical', 'PRIVATE']) expect(text).not.toContain(word);
    // Only the allow-listed keys.
    expect(Object.keys(page).sort()).toEqual(['coalition', 'daysToGoal', 'milestones', 'momentum', 'partners', 'progress', 'supportGrowth', 'today']);
  });

  it('a partner whose position is not public is not on the page; marking it public shows it', async () => {
    const { coalitionId } = team;
    const { url } = await publish();
    const token = tokenOf(url);
    expect((await app.anonymous.publicPage.view({ token })).partners.map((p) => p.name)).toEqual(['Norway']);
    const secret = app.db.select().from(partners).where(eq(partners.coalitionId, coalitionId)).all().find((p) => !p.positionPublic)!;
    app.db.update(partners).set({ positionPublic: true }).where(eq(partners.id, secret.id)).run();
    try {
      const shown = (await app.anonymous.publicPage.view({ token })).partners;
      // Its goal-level position (the track-level one is not the goal's).
      expect(shown).toContainEqual({ name: secret.name, kind: 'state', country: secret.country, position: 'opposed' });
    } finally {
      app.db.update(partners).set({ positionPublic: false }).where(eq(partners.id, secret.id)).run();
    }
  });

  it('publishing again rotates the link: the old one is dead, one live link per coalition', async () => {
    const { coalitionId } = team;
    const first = await publish();
    const second = await publish();
    expect(tokenOf(second.url)).not.toBe(tokenOf(first.url));
    await expect(app.anonymous.publicPage.view({ token: tokenOf(first.url) })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Page not found' });
    await expect(app.anonymous.publicPage.view({ token: tokenOf(second.url) })).resolves.toMatchObject({ coalition: { name: 'Summit coalition' } });
    const live = app.db.select().from(publicLinks).where(eq(publicLinks.coalitionId, coalitionId)).all().filter((l) => l.revokedAt === null);
    expect(live).toHaveLength(1);
    const last = app.db.select().from(activity).where(eq(activity.coalitionId, coalitionId)).all().at(-1)!;
    expect(last).toMatchObject({ action: 'publicPage.published', entityType: 'coalition', entityId: coalitionId, actorId: team.owner.id });
    expect(last.summary).toMatch(/new link/);
  });

  it('revoking unpublishes at once, logs it once, and an unknown, malformed or revoked link gets the very same NOT_FOUND', async () => {
    const { owner, coalitionId } = team;
    const { url } = await publish();
    const token = tokenOf(url);
    const before = activityCount(app, coalitionId, 'publicPage.revoked');
    expect(await owner.caller.publicPage.revoke({ coalitionId })).toEqual({ published: false, publishedAt: null, publishedBy: null });
    expect(activityCount(app, coalitionId, 'publicPage.revoked')).toBe(before + 1);
    // Again: nothing to revoke, nothing logged.
    expect(await owner.caller.publicPage.revoke({ coalitionId })).toMatchObject({ published: false });
    expect(activityCount(app, coalitionId, 'publicPage.revoked')).toBe(before + 1);

    const answer = async (t: string) => {
      try {
        await app.anonymous.publicPage.view({ token: t });
        return 'found';
      } catch (error) {
        const e = error as { code: string; message: string };
        return { code: e.code, message: e.message };
      }
    };
    const revoked = await answer(token);
    expect(revoked).toEqual({ code: 'NOT_FOUND', message: 'Page not found' });
    expect(await answer('a'.repeat(32))).toEqual(revoked);
    expect(await answer('NOT-A-TOKEN!')).toEqual(revoked);
    expect(await answer('')).toEqual(revoked);
    // An invitation's or a calendar's token is not a page's.
    const cal = await owner.caller.calendar.create({ coalitionId });
    expect(await answer(/\/calendar\/([a-z2-7]+)\.ics$/.exec(cal.url)![1]!)).toEqual(revoked);
  });

  it('only owners publish, revoke or see the status: editors and viewers get FORBIDDEN, outsiders NOT_FOUND, writing nothing', async () => {
    const { editor, viewer, outsider, coalitionId } = team;
    await publish();
    const before = app.rowCounts();
    for (const user of [editor, viewer]) {
      await expect(user.caller.publicPage.publish({ coalitionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(user.caller.publicPage.revoke({ coalitionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(user.caller.publicPage.status({ coalitionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(outsider.caller.publicPage.publish({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.anonymous.publicPage.publish({ coalitionId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(team.owner.caller.publicPage.publish({ coalitionId: 'not an id' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect({ ...app.rowCounts(), sessions: 0 }).toEqual({ ...before, sessions: 0 });
    // Still published.
    expect((await team.owner.caller.publicPage.status({ coalitionId })).published).toBe(true);
  });

  it('refuses an overlong token as bad input, and one coalition’s link never shows another', async () => {
    await expect(app.anonymous.publicPage.view({ token: 'a'.repeat(201) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const other = await team.outsider.caller.publicPage.publish({ coalitionId: team.otherCoalitionId });
    const page = await app.anonymous.publicPage.view({ token: tokenOf(other.url) });
    expect(page.coalition.name).toBe('Other coalition');
    expect(page.partners).toEqual([]);
    expect(JSON.stringify(page)).not.toContain('Norway');
  });

  it('follows the coalition’s time zone for today and the countdown', async () => {
    const { url } = await publish();
    // 15 June 12:00 UTC is already 16 June in Kiritimati (UTC+14).
    app.db.update(coalitions).set({ timeZone: 'Pacific/Kiritimati' }).where(eq(coalitions.id, team.coalitionId)).run();
    try {
      const page = await app.anonymous.publicPage.view({ token: tokenOf(url) });
      expect([page.today, page.daysToGoal]).toEqual(['2027-06-16', 1081]);
    } finally {
      app.db.update(coalitions).set({ timeZone: 'UTC' }).where(eq(coalitions.id, team.coalitionId)).run();
    }
  });
});
