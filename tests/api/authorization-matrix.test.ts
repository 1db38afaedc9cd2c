/**
 * The authorization matrix: every procedure of the router, called as anonymous, a signed-in
 * non-member, a viewer, an editor and an owner, with the ids of its own coalition and of a
 * foreign one. A procedure missing from MATRIX fails the test; a denied call changes no row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createSession, generateSessionToken, hashToken } from '@coalition/auth';
import { appRouter, createCallerFactory, createContext } from '@coalition/api';
import {
  baselineDates,
  baselines,
  bottlenecks,
  calendarFeeds,
  coalitions,
  comments,
  interactions,
  invitations,
  memberships,
  milestoneDependencies,
  milestones,
  newId,
  partnerActs,
  partners,
  publicLinks,
  thresholdEligible,
  positionChanges,
  trackAssignments,
  tracks,
  undoEntries,
} from '@coalition/db';
import { createTestApp, type TestApp } from '../support/harness.ts';

type AuthLevel = 'public' | 'user' | 'viewer' | 'editor' | 'owner';
type Actor = 'anonymous' | 'nonMember' | 'viewer' | 'editor' | 'owner';

interface Fixture {
  coalitionId: string;
  partnerId: string;
  partner2Id: string;
  trackId: string;
  track2Id: string;
  milestoneId: string;
  milestone2Id: string;
  milestone3Id: string;
  bottleneckId: string;
  commentId: string;
  invitationId: string;
  invitationToken: string;
  interactionId: string;
  /** A ratification by `partnerId` toward `milestone3Id` (a threshold milestone: 2 ratifications). */
  actId: string;
  positionChangeId: string;
  /** An undo entry for a comment the editor deleted (restorable by the editor or an owner). */
  undoToken: string;
  /** A baseline the editor saved (deletable by the editor or an owner). */
  baselineId: string;
}

interface Entry {
  auth: AuthLevel;
  input: (f: Fixture, users: Users) => unknown;
  /** Input whose entity ids belong to the foreign coalition (sent with the caller's own coalitionId). */
  foreign?: (own: Fixture, foreign: Fixture, users: Users) => unknown;
  /** Only the author may call it (comments): other roles at or above `auth` get FORBIDDEN. */
  authorOnly?: boolean;
}

type Users = Record<Exclude<Actor, 'anonymous'>, { id: string; email: string }> & { foreignOwner: { id: string; email: string } };

const c = (f: Fixture) => ({ coalitionId: f.coalitionId });

/** A live calendar feed of `userId`, inserted directly: its id and its token. */
function calendarFeedOf(userId: string) {
  const token = generateSessionToken();
  const id = newId();
  app.db.insert(calendarFeeds).values({ id, userId, tokenHash: hashToken(token), createdAt: Date.now() }).run();
  return { id, token };
}
/** A feed of the calling actor: each actor's fixture invites that actor's email (the nonMember's for anonymous). */
function calendarFeedOfCaller(f: Fixture) {
  const { id } = app.db.$client
    .prepare('SELECT u.id FROM invitations i JOIN users u ON lower(u.email) = lower(i.email) WHERE i.id = ?')
    .get(f.invitationId) as { id: string };
  return calendarFeedOf(id).id;
}

/** A live public-page link of the coalition, inserted directly: its token. */
function publicLinkOf(coalitionId: string) {
  const token = generateSessionToken();
  app.db.insert(publicLinks).values({ id: newId(), coalitionId, tokenHash: hashToken(token), createdAt: Date.now() }).run();
  return token;
}

const MATRIX: Record<string, Entry> = {
  // auth
  'auth.me': { auth: 'public', input: () => undefined },
  'auth.signUp': { auth: 'public', input: () => ({ name: 'New', email: `n${newId()}@example.org`, password: 'password-123' }) },
  'auth.signIn': { auth: 'public', input: (_f, u) => ({ email: u.owner.email, password: 'correct horse battery' }) },
  'auth.signOut': { auth: 'user', input: () => undefined },
  'auth.signOutEverywhere': { auth: 'user', input: () => undefined },
  // coalition
  'coalition.templates': { auth: 'public', input: () => undefined },
  'coalition.list': { auth: 'user', input: () => undefined },
  'coalition.create': { auth: 'user', input: () => ({ name: 'N', goal: 'G', goalDate: '2030-01-01' }) },
  'coalition.createFromTemplate': { auth: 'user', input: () => ({ templateId: 'ottawa-landmines' }) },
  'coalition.get': { auth: 'viewer', input: c },
  'coalition.update': { auth: 'editor', input: (f) => ({ ...c(f), version: 1, name: 'Renamed' }) },
  'coalition.delete': { auth: 'owner', input: (f) => ({ ...c(f), confirmName: 'Fixture' }) },
  'coalition.dashboard': { auth: 'viewer', input: c },
  // the odds of reaching the goal
  'forecast.get': { auth: 'viewer', input: c },
  // members and invitations
  'member.list': { auth: 'viewer', input: c },
  'member.changeRole': {
    auth: 'owner',
    input: (f, u) => ({ ...c(f), userId: u.viewer.id, role: 'editor' }),
    foreign: (f, _g, u) => ({ ...c(f), userId: u.foreignOwner.id, role: 'editor' }),
  },
  'member.remove': {
    auth: 'owner',
    input: (f, u) => ({ ...c(f), userId: u.viewer.id }),
    foreign: (f, _g, u) => ({ ...c(f), userId: u.foreignOwner.id }),
  },
  'member.leave': { auth: 'viewer', input: c },
  'invitation.create': { auth: 'owner', input: (f) => ({ ...c(f), email: 'new@example.org', role: 'viewer' }) },
  'invitation.list': { auth: 'owner', input: c },
  'invitation.revoke': {
    auth: 'owner',
    input: (f) => ({ ...c(f), invitationId: f.invitationId }),
    foreign: (f, g) => ({ ...c(f), invitationId: g.invitationId }),
  },
  'invitation.preview': { auth: 'public', input: (f) => ({ token: f.invitationToken }) },
  'invitation.accept': { auth: 'user', input: (f) => ({ token: f.invitationToken }) },
  // partners
  'partner.list': { auth: 'viewer', input: c },
  'partner.get': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), partnerId: f.partnerId }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId }),
  },
  'partner.create': {
    auth: 'editor',
    input: (f) => ({
      ...c(f),
      name: 'New partner',
      kind: 'civil_society',
      country: '',
      contact: '',
      contributions: ['ideas'],
      influence: 3,
      interest: 3,
      stage: 'identified',
      notes: '',
    }),
  },
  'partner.update': {
    auth: 'editor',
    input: (f) => ({ ...c(f), partnerId: f.partnerId, version: 1, influence: 5 }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId, version: 1, influence: 5 }),
  },
  'partner.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), partnerId: f.partnerId }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId }),
  },
  // tracks and assignments
  'track.list': { auth: 'viewer', input: c },
  'track.create': { auth: 'editor', input: (f) => ({ ...c(f), name: 'New track', objective: '', color: '#123456' }) },
  'track.update': {
    auth: 'editor',
    input: (f) => ({ ...c(f), trackId: f.trackId, version: 1, name: 'Renamed' }),
    foreign: (f, g) => ({ ...c(f), trackId: g.trackId, version: 1, name: 'Renamed' }),
  },
  'track.reorder': {
    auth: 'editor',
    input: (f) => ({ ...c(f), trackIds: [f.track2Id, f.trackId] }),
    foreign: (f, g) => ({ ...c(f), trackIds: [g.track2Id, g.trackId] }),
  },
  'track.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), trackId: f.track2Id }),
    foreign: (f, g) => ({ ...c(f), trackId: g.track2Id }),
  },
  'assignment.matrix': { auth: 'viewer', input: c },
  'assignment.set': {
    auth: 'editor',
    input: (f) => ({ ...c(f), partnerId: f.partner2Id, trackId: f.trackId, role: 'contributor' }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partner2Id, trackId: f.trackId, role: 'contributor' }),
  },
  'assignment.remove': {
    auth: 'editor',
    input: (f) => ({ ...c(f), partnerId: f.partnerId, trackId: f.trackId }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId, trackId: g.trackId }),
  },
  // milestones
  'milestone.list': {
    auth: 'viewer',
    input: c,
    foreign: (f, g) => ({ ...c(f), trackId: g.trackId, ownerPartnerId: g.partnerId }),
  },
  'milestone.timeline': { auth: 'viewer', input: c },
  'milestone.get': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), milestoneId: f.milestoneId }),
    foreign: (f, g) => ({ ...c(f), milestoneId: g.milestoneId }),
  },
  'milestone.create': {
    auth: 'editor',
    input: (f) => ({ ...c(f), title: 'New', dueDate: '2029-01-01', trackId: f.trackId, dependsOn: [f.milestoneId] }),
    foreign: (f, g) => ({ ...c(f), title: 'New', dueDate: '2029-01-01', trackId: g.trackId }),
  },
  'milestone.update': {
    auth: 'editor',
    input: (f) => ({ ...c(f), milestoneId: f.milestoneId, version: 1, status: 'done' }),
    foreign: (f, g) => ({ ...c(f), milestoneId: g.milestoneId, version: 1, status: 'done' }),
  },
  'milestone.bulkUpdate': {
    auth: 'editor',
    input: (f) => ({ ...c(f), items: [{ id: f.milestoneId, version: 1 }, { id: f.milestone2Id, version: 1 }], change: { status: 'at_risk' } }),
    foreign: (f, g) => ({ ...c(f), items: [{ id: f.milestoneId, version: 1 }, { id: g.milestone2Id, version: 1 }], change: { status: 'at_risk' } }),
  },
  'milestone.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), milestoneId: f.milestone3Id }),
    foreign: (f, g) => ({ ...c(f), milestoneId: g.milestone3Id }),
  },
  'milestone.addDependency': {
    auth: 'editor',
    input: (f) => ({ ...c(f), milestoneId: f.milestone3Id, dependsOnId: f.milestoneId }),
    foreign: (f, g) => ({ ...c(f), milestoneId: f.milestone3Id, dependsOnId: g.milestoneId }),
  },
  'milestone.removeDependency': {
    auth: 'editor',
    input: (f) => ({ ...c(f), milestoneId: f.milestone2Id, dependsOnId: f.milestoneId }),
    foreign: (f, g) => ({ ...c(f), milestoneId: g.milestone2Id, dependsOnId: g.milestoneId }),
  },
  // bottlenecks
  'bottleneck.list': { auth: 'viewer', input: c },
  'bottleneck.create': {
    auth: 'editor',
    input: (f) => ({ ...c(f), title: 'Veto', description: '', severity: 'high', status: 'open', narrative: '', trackId: f.trackId }),
    foreign: (f, g) => ({ ...c(f), title: 'Veto', description: '', severity: 'high', status: 'open', narrative: '', milestoneId: g.milestoneId }),
  },
  'bottleneck.update': {
    auth: 'editor',
    input: (f) => ({ ...c(f), bottleneckId: f.bottleneckId, version: 1, status: 'reframing' }),
    foreign: (f, g) => ({ ...c(f), bottleneckId: g.bottleneckId, version: 1, status: 'reframing' }),
  },
  'bottleneck.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), bottleneckId: f.bottleneckId }),
    foreign: (f, g) => ({ ...c(f), bottleneckId: g.bottleneckId }),
  },
  // comments
  'comment.list': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), targetType: 'milestone', targetId: f.milestoneId }),
    foreign: (f, g) => ({ ...c(f), targetType: 'milestone', targetId: g.milestoneId }),
  },
  'comment.add': {
    auth: 'editor',
    input: (f) => ({ ...c(f), targetType: 'track', targetId: f.trackId, body: 'Agreed' }),
    foreign: (f, g) => ({ ...c(f), targetType: 'track', targetId: g.trackId, body: 'Agreed' }),
  },
  'comment.edit': {
    auth: 'editor',
    authorOnly: true,
    input: (f) => ({ ...c(f), commentId: f.commentId, version: 1, body: 'Edited' }),
    foreign: (f, g) => ({ ...c(f), commentId: g.commentId, version: 1, body: 'Edited' }),
  },
  'comment.delete': {
    auth: 'editor',
    authorOnly: true,
    input: (f) => ({ ...c(f), commentId: f.commentId }),
    foreign: (f, g) => ({ ...c(f), commentId: g.commentId }),
  },
  'comment.mentions': { auth: 'viewer', input: c },
  // the policy dialogue log
  'interaction.list': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), partnerId: f.partnerId }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId }),
  },
  'interaction.create': {
    auth: 'editor',
    input: (f) => ({ ...c(f), partnerId: f.partnerId, kind: 'call', occurredOn: '2027-02-01' }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId, kind: 'call', occurredOn: '2027-02-01' }),
  },
  'interaction.update': {
    auth: 'editor',
    input: (f) => ({ ...c(f), interactionId: f.interactionId, version: 1, summary: 'Met the minister' }),
    foreign: (f, g) => ({ ...c(f), interactionId: g.interactionId, version: 1, summary: 'Met the minister' }),
  },
  'interaction.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), interactionId: f.interactionId }),
    foreign: (f, g) => ({ ...c(f), interactionId: g.interactionId }),
  },
  'interaction.coverage': { auth: 'viewer', input: c },
  // baselines and slips
  'baseline.create': { auth: 'editor', input: (f) => ({ ...c(f), name: 'Q3 plan' }) },
  'baseline.list': { auth: 'viewer', input: c },
  'baseline.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), baselineId: f.baselineId }),
    foreign: (f, g) => ({ ...c(f), baselineId: g.baselineId }),
  },
  'baseline.dates': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), baselineId: f.baselineId }),
    foreign: (f, g) => ({ ...c(f), baselineId: g.baselineId }),
  },
  'baseline.slips': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), baselineId: f.baselineId }),
    foreign: (f, g) => ({ ...c(f), baselineId: g.baselineId }),
  },
  // threshold milestones
  'threshold.board': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), milestoneId: f.milestone3Id }),
    foreign: (f, g) => ({ ...c(f), milestoneId: g.milestone3Id }),
  },
  'threshold.setEligible': {
    auth: 'editor',
    input: (f) => ({ ...c(f), milestoneId: f.milestone3Id, partnerIds: [f.partnerId, f.partner2Id] }),
    foreign: (f, g) => ({ ...c(f), milestoneId: f.milestone3Id, partnerIds: [f.partnerId, g.partnerId] }),
  },
  'threshold.recordAct': {
    auth: 'editor',
    input: (f) => ({ ...c(f), milestoneId: f.milestone3Id, partnerId: f.partnerId, act: 'signed', actedOn: '2020-01-01' }),
    foreign: (f, g) => ({ ...c(f), milestoneId: f.milestone3Id, partnerId: g.partnerId, act: 'signed', actedOn: '2020-01-01' }),
  },
  'threshold.updateAct': {
    auth: 'editor',
    input: (f) => ({ ...c(f), actId: f.actId, version: 1, note: 'Deposited in New York' }),
    foreign: (f, g) => ({ ...c(f), actId: g.actId, version: 1, note: 'Deposited in New York' }),
  },
  'threshold.deleteAct': {
    auth: 'editor',
    input: (f) => ({ ...c(f), actId: f.actId }),
    foreign: (f, g) => ({ ...c(f), actId: g.actId }),
  },
  // positions over time
  'position.list': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), partnerId: f.partnerId }),
    foreign: (f, g) => ({ ...c(f), partnerId: g.partnerId }),
  },
  'position.record': {
    auth: 'editor',
    input: (f) => ({ ...c(f), partnerId: f.partnerId, position: 'supportive', shownOn: '2026-01-10', trackId: f.trackId, interactionId: f.interactionId }),
    foreign: (f, g) => ({ ...c(f), partnerId: f.partnerId, position: 'supportive', shownOn: '2026-01-10', interactionId: g.interactionId }),
  },
  'position.delete': {
    auth: 'editor',
    input: (f) => ({ ...c(f), positionChangeId: f.positionChangeId }),
    foreign: (f, g) => ({ ...c(f), positionChangeId: g.positionChangeId }),
  },
  'position.current': { auth: 'viewer', input: c },
  'position.supportGrowth': { auth: 'viewer', input: c },
  // undo
  'undo.restore': {
    auth: 'editor',
    input: (f) => ({ ...c(f), token: f.undoToken }),
    foreign: (f, g) => ({ ...c(f), token: g.undoToken }),
  },
  // activity and live
  'activity.list': { auth: 'viewer', input: c, foreign: (f, g) => ({ ...c(f), trackId: g.trackId }) },
  'live.events': { auth: 'viewer', input: (f) => ({ ...c(f), clientId: 'matrix-client-1' }) },
  'live.setLocation': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), clientId: 'matrix-client-1', milestoneId: f.milestoneId }),
  },
  'live.presence': { auth: 'viewer', input: c },
  // calendar feeds: personal, no coalition role (a coalition-bound one needs membership, checked in the service)
  'inbox.list': { auth: 'user', input: () => ({}) },
  'inbox.unreadCount': { auth: 'user', input: () => undefined },
  'inbox.markRead': { auth: 'user', input: () => ({ ids: [1] }) },
  'inbox.markAllRead': { auth: 'user', input: () => undefined },
  'inbox.follow': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), entityType: 'milestone', entityId: f.milestoneId, following: true }),
    foreign: (f, g) => ({ ...c(f), entityType: 'milestone', entityId: g.milestoneId, following: true }),
  },
  'inbox.following': {
    auth: 'viewer',
    input: (f) => ({ ...c(f), entityType: 'partner', entityId: f.partnerId }),
    foreign: (f, g) => ({ ...c(f), entityType: 'partner', entityId: g.partnerId }),
  },
  // the command palette's search
  'search.query': { auth: 'viewer', input: (f) => ({ ...c(f), q: 'a' }) },
  'mail.preference': { auth: 'viewer', input: c },
  'mail.setPreference': { auth: 'viewer', input: (f) => ({ ...c(f), mode: 'digest' }) },
  'calendar.list': { auth: 'user', input: () => undefined },
  'calendar.create': { auth: 'user', input: () => ({}), foreign: (_f, g) => ({ coalitionId: g.coalitionId }) },
  'calendar.revoke': {
    auth: 'user',
    input: (f) => ({ feedId: calendarFeedOfCaller(f) }),
    foreign: () => ({ feedId: foreignCalendarFeedId }),
  },
  'calendar.feed': { auth: 'public', input: (_f, u) => ({ token: calendarFeedOf(u.owner.id).token }) },
  // the public page: owners publish, rotate and revoke it; anyone with the link reads it
  'publicPage.status': { auth: 'owner', input: c },
  'publicPage.publish': { auth: 'owner', input: c },
  'publicPage.revoke': { auth: 'owner', input: c },
  'publicPage.view': { auth: 'public', input: (f) => ({ token: publicLinkOf(f.coalitionId) }) },
  // export and import
  'transfer.exportJson': { auth: 'viewer', input: c },
  'transfer.milestonesCsv': { auth: 'viewer', input: c },
  'transfer.icalendar': { auth: 'viewer', input: c },
  'transfer.importJson': {
    auth: 'user',
    input: () => ({
      data: {
        format: 'coalition-planner/v1',
        coalition: { name: 'Imported', goal: 'Goal', goalDate: '2030-01-01', description: '' },
        partners: [],
        tracks: [],
        assignments: [],
        milestones: [],
        dependencies: [],
        bottlenecks: [],
        comments: [],
      },
    }),
  },
  'transfer.previewImport': {
    auth: 'user',
    input: () => ({ data: { format: 'coalition-planner/v1', coalition: { name: 'Previewed', goal: 'Goal', goalDate: '2030-01-01' } } }),
  },
};

const RANK: Record<AuthLevel, number> = { public: 0, user: 1, viewer: 2, editor: 3, owner: 4 };
const ACTOR_RANK: Record<Actor, number> = { anonymous: 0, nonMember: 1, viewer: 2, editor: 3, owner: 4 };

let app: TestApp;
let users: Users;

beforeAll(async () => {
  app = createTestApp();
  const signUp = async (name: string) => {
    const u = await app.signUp(name);
    return { id: u.id, email: u.email };
  };
  users = {
    nonMember: await signUp('Nadia Nonmember'),
    viewer: await signUp('Vera Viewer'),
    editor: await signUp('Ed Editor'),
    owner: await signUp('Olu Owner'),
    foreignOwner: await signUp('Fay Foreign'),
  };
});

/** Another person's live calendar feed, for calendar.revoke's foreign check (made before it counts rows). */
let foreignCalendarFeedId: string;
beforeAll(() => {
  foreignCalendarFeedId = calendarFeedOf(users.foreignOwner.id).id;
});

/** A coalition with one of everything, inserted directly (cheap enough to build per call). */
function buildFixture(roles: Partial<Record<'viewer' | 'editor' | 'owner', string>>, invitedEmail: string): Fixture {
  const now = Date.now();
  const ts = { createdAt: now, updatedAt: now };
  const f: Fixture = {
    coalitionId: newId(),
    partnerId: newId(),
    partner2Id: newId(),
    trackId: newId(),
    track2Id: newId(),
    milestoneId: newId(),
    milestone2Id: newId(),
    milestone3Id: newId(),
    bottleneckId: newId(),
    commentId: newId(),
    invitationId: newId(),
    invitationToken: generateSessionToken(),
    interactionId: newId(),
    actId: newId(),
    positionChangeId: newId(),
    undoToken: newId(),
    baselineId: newId(),
  };
  const db = app.db;
  db.transaction((tx) => {
    tx.insert(coalitions).values({ id: f.coalitionId, name: 'Fixture', goal: 'Goal', goalDate: '2030-01-01', ...ts }).run();
    for (const [role, userId] of Object.entries(roles)) {
      tx.insert(memberships).values({ coalitionId: f.coalitionId, userId: userId!, role: role as 'owner', createdAt: now }).run();
    }
    const coalitionId = f.coalitionId;
    tx.insert(partners).values([
      { id: f.partnerId, coalitionId, name: 'Norway', kind: 'state', ...ts },
      { id: f.partner2Id, coalitionId, name: 'ICBL', kind: 'civil_society', ...ts },
    ]).run();
    tx.insert(tracks).values([
      { id: f.trackId, coalitionId, name: 'Treaty', position: 0, ...ts },
      { id: f.track2Id, coalitionId, name: 'Ratification', position: 1, ...ts },
    ]).run();
    tx.insert(trackAssignments).values({ coalitionId, partnerId: f.partnerId, trackId: f.trackId, role: 'lead', ...ts }).run();
    tx.insert(milestones).values([
      { id: f.milestoneId, coalitionId, trackId: f.trackId, title: 'Text agreed', dueDate: '2028-01-01', ...ts },
      { id: f.milestone2Id, coalitionId, trackId: f.trackId, title: 'Signing', dueDate: '2028-06-01', ...ts },
      { id: f.milestone3Id, coalitionId, trackId: null, title: 'Entry into force', dueDate: '2029-06-01', thresholdAct: 'ratified', threshold: 2, ...ts },
    ]).run();
    tx.insert(thresholdEligible).values({ coalitionId, milestoneId: f.milestone3Id, partnerId: f.partnerId }).run();
    tx.insert(partnerActs).values({ id: f.actId, coalitionId, milestoneId: f.milestone3Id, partnerId: f.partnerId, act: 'ratified', actedOn: '2020-01-01', ...ts }).run();
    tx.insert(milestoneDependencies).values({ coalitionId, milestoneId: f.milestone2Id, dependsOnId: f.milestoneId, createdAt: now }).run();
    tx.insert(bottlenecks).values({ id: f.bottleneckId, coalitionId, trackId: f.trackId, title: 'Veto threat', ...ts }).run();
    tx.insert(comments).values({
      id: f.commentId,
      coalitionId,
      targetType: 'milestone',
      targetId: f.milestoneId,
      authorId: roles.editor ?? roles.owner ?? null,
      body: 'First thoughts',
      ...ts,
    }).run();
    tx.insert(interactions).values({ id: f.interactionId, coalitionId, partnerId: f.partnerId, kind: 'meeting', occurredOn: '2027-01-10', ...ts }).run();
    tx.insert(baselines).values({ id: f.baselineId, coalitionId, name: 'Q2 plan', createdBy: roles.editor ?? roles.owner ?? null, createdAt: now }).run();
    tx.insert(baselineDates).values({ baselineId: f.baselineId, milestoneId: f.milestoneId, startDate: null, dueDate: '2028-01-01' }).run();
    tx.insert(positionChanges).values({ id: f.positionChangeId, coalitionId, partnerId: f.partnerId, position: 'sceptical', shownOn: '2027-01-10', interactionId: f.interactionId, createdAt: now }).run();
    tx.insert(invitations).values({
      id: f.invitationId,
      coalitionId,
      email: invitedEmail,
      role: 'viewer',
      tokenHash: hashToken(f.invitationToken),
      expiresAt: now + 86_400_000,
      createdAt: now,
    }).run();
    const deletedComment = { id: newId(), coalitionId, targetType: 'milestone' as const, targetId: f.milestoneId, authorId: roles.editor ?? roles.owner ?? null, body: 'Deleted', mentions: [], version: 1, ...ts };
    tx.insert(undoEntries).values({
      id: f.undoToken,
      coalitionId,
      userId: (roles.editor ?? roles.owner)!,
      kind: 'comment',
      entityId: deletedComment.id,
      payload: { kind: 'comment', comment: deletedComment, targetLabel: 'Text agreed' },
      createdAt: now,
      expiresAt: now + 60_000,
    }).run();
  });
  return f;
}

function callerAs(actor: Actor, signal: AbortSignal) {
  let token: string | null = null;
  if (actor !== 'anonymous') {
    token = generateSessionToken();
    createSession(app.db, token, users[actor].id);
  }
  return createCallerFactory(appRouter)(() => createContext(app.services, { sessionToken: token, clientAddress: `10.77.${ACTOR_RANK[actor]}.1` }), { signal });
}

async function call(path: string, actor: Actor, input: unknown): Promise<{ ok: true } | { ok: false; error: TRPCError }> {
  const controller = new AbortController();
  const caller = callerAs(actor, controller.signal) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [ns, name] = path.split('.') as [string, string];
  try {
    const result = await caller[ns]![name]!(input);
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
      const it = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      await it.next(); // the stream really opened
      controller.abort();
      await it.return?.();
    }
    return { ok: true };
  } catch (error) {
    controller.abort();
    if (error instanceof TRPCError) return { ok: false, error };
    throw error;
  }
}

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { auth?: AuthLevel } } }>;
const paths = Object.keys(procedures).sort();

describe('authorization matrix', () => {
  it('lists every procedure of the router, with the role its builder declares', () => {
    const missing = paths.filter((p) => !(p in MATRIX));
    const extra = Object.keys(MATRIX).filter((p) => !(p in procedures));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    for (const p of paths) expect([p, procedures[p]!._def.meta?.auth]).toEqual([p, MATRIX[p]!.auth]);
    console.log(`authorization matrix: ${paths.length} procedures x 5 callers`);
  });

  for (const path of Object.keys(MATRIX).sort()) {
    const entry = MATRIX[path]!;
    it(`${path} (${entry.auth})`, async () => {
      for (const actor of ['anonymous', 'nonMember', 'viewer', 'editor', 'owner'] as Actor[]) {
        const f = buildFixture(
          { viewer: users.viewer.id, editor: users.editor.id, owner: users.owner.id },
          actor === 'anonymous' ? users.nonMember.email : users[actor].email,
        );
        const input = entry.input(f, users);
        const before = app.rowCounts();
        const result = await call(path, actor, input);
        const label = `${path} as ${actor}`;
        const allowed = ACTOR_RANK[actor] >= RANK[entry.auth];
        if (!allowed) {
          expect(result.ok, label).toBe(false);
          const expected = actor === 'anonymous' ? 'UNAUTHORIZED' : actor === 'nonMember' ? 'NOT_FOUND' : 'FORBIDDEN';
          expect(result.ok ? null : result.error.code, label).toBe(expected);
          const after = app.rowCounts();
          expect({ ...after, sessions: 0 }, `${label} wrote nothing`).toEqual({ ...before, sessions: 0 });
        } else if (!result.ok) {
          const isAuthor = actor === 'editor';
          const code = result.error.code;
          if (entry.authorOnly && !isAuthor) expect(code, label).toBe('FORBIDDEN');
          else expect(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'], `${label}: ${result.error.message}`).not.toContain(code);
        }
      }
    });

    if (entry.foreign) {
      it(`${path} refuses ids of a foreign coalition`, async () => {
        const own = buildFixture({ viewer: users.viewer.id, editor: users.editor.id, owner: users.owner.id }, users.nonMember.email);
        const foreign = buildFixture({ owner: users.foreignOwner.id }, users.nonMember.email);
        const before = app.rowCounts();
        const result = await call(path, 'owner', entry.foreign!(own, foreign, users));
        expect(result.ok ? null : result.error.code, path).toBe('NOT_FOUND');
        const after = app.rowCounts();
        expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
      });
    }
  }
});
