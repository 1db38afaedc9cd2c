/**
 * The inbox: a mention, a status change on what I follow, a comment on it, a role given to me
 * arrive; the author never hears of their own change; only coalitions I am still in are listed;
 * nobody marks another person's items read; following by choice; a nudge for my open tabs.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';

async function join(app: TestApp, owner: TestUser, coalitionId: string, who: TestUser, role: 'viewer' | 'editor' | 'owner') {
  const { link } = await owner.caller.invitation.create({ coalitionId, email: who.email, role });
  await who.caller.invitation.accept({ token: link.split('/invite/')[1]! });
}

async function setup() {
  const app = createTestApp();
  const ann = await app.signUp('Ann Owner');
  const bob = await app.signUp('Bob Editor');
  const cat = await app.signUp('Cat Viewer');
  const { id: coalitionId } = await ann.caller.coalition.create({ name: 'Landmine ban', goal: 'A treaty', goalDate: '2030-01-01' });
  await join(app, ann, coalitionId, bob, 'editor');
  await join(app, ann, coalitionId, cat, 'viewer');
  const m = await ann.caller.milestone.create({ coalitionId, title: 'Oslo conference', dueDate: '2029-09-01' });
  return { app, ann, bob, cat, coalitionId, milestoneId: m.id, version: m.version };
}

const kinds = async (u: TestUser) => (await u.caller.inbox.list({})).items.map((i) => i.kind);

describe('inbox', () => {
  it('a mention reaches the person mentioned, with the excerpt, the coalition and where it links; not the author', async () => {
    const { ann, bob, cat, coalitionId, milestoneId } = await setup();
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Editor can you draft the text?' });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 1 });
    const [item] = (await bob.caller.inbox.list({})).items;
    expect(item).toMatchObject({
      kind: 'mention',
      coalitionId,
      coalitionName: 'Landmine ban',
      actorName: 'Ann Owner',
      excerpt: '@Bob Editor can you draft the text?',
      target: { screen: 'milestone', id: milestoneId },
      readAt: null,
    });
    expect(await kinds(ann)).toEqual([]);
    expect(await kinds(cat)).toEqual([]);
  });

  it('followers hear of status changes and comments on what they follow; other edits tell nobody', async () => {
    const { ann, bob, cat, coalitionId, milestoneId } = await setup();
    // Bob follows by commenting; Cat follows by choice.
    await bob.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: 'I will take this one.' });
    await cat.caller.inbox.follow({ coalitionId, entityType: 'milestone', entityId: milestoneId, following: true });
    expect(await cat.caller.inbox.following({ coalitionId, entityType: 'milestone', entityId: milestoneId })).toEqual({ following: true });
    // Ann created the milestone, so she follows it: Bob's comment reached her.
    expect(await kinds(ann)).toEqual(['comment']);

    const m = await ann.caller.milestone.get({ coalitionId, milestoneId });
    await ann.caller.milestone.update({ coalitionId, milestoneId, version: m.version, title: 'Oslo diplomatic conference' });
    expect(await kinds(bob)).toEqual([]);
    await ann.caller.milestone.update({ coalitionId, milestoneId, version: m.version + 1, status: 'at_risk' });
    expect(await kinds(bob)).toEqual(['status_change']);
    expect(await kinds(cat)).toEqual(['status_change']);

    // Cat stops following: the next change does not reach her.
    await cat.caller.inbox.follow({ coalitionId, entityType: 'milestone', entityId: milestoneId, following: false });
    await ann.caller.milestone.update({ coalitionId, milestoneId, version: m.version + 2, status: 'in_progress' });
    expect(await kinds(cat)).toEqual(['status_change']);
    expect(await kinds(bob)).toEqual(['status_change', 'status_change']);
  });

  it('a role given to me arrives', async () => {
    const { ann, cat, coalitionId } = await setup();
    await ann.caller.member.changeRole({ coalitionId, userId: cat.id, role: 'editor' });
    expect((await cat.caller.inbox.list({})).items).toMatchObject([{ kind: 'role_given', target: { screen: 'members' } }]);
  });

  it('mark read: my own only, one or all, and the count follows', async () => {
    const { ann, bob, cat, coalitionId, milestoneId } = await setup();
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Editor one' });
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Editor two' });
    const ids = (await bob.caller.inbox.list({})).items.map((i) => i.id);
    expect(ids).toHaveLength(2);
    // Someone else cannot mark Bob's items (and is not told they exist).
    expect(await cat.caller.inbox.markRead({ ids })).toEqual({ marked: 0 });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 2 });
    expect(await bob.caller.inbox.markRead({ ids: [ids[0]!] })).toEqual({ marked: 1 });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 1 });
    expect((await bob.caller.inbox.list({ unreadOnly: true })).items.map((i) => i.id)).toEqual([ids[1]]);
    expect(await bob.caller.inbox.markAllRead()).toEqual({ marked: 1 });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 0 });
  });

  it('pages newest first by keyset', async () => {
    const { ann, bob, coalitionId, milestoneId } = await setup();
    for (let i = 0; i < 5; i++) await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: `@Bob Editor note ${i}` });
    const first = await bob.caller.inbox.list({ limit: 3 });
    expect(first.items.map((i) => i.excerpt)).toEqual(['@Bob Editor note 4', '@Bob Editor note 3', '@Bob Editor note 2']);
    const second = await bob.caller.inbox.list({ limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.excerpt)).toEqual(['@Bob Editor note 1', '@Bob Editor note 0']);
    expect(second.nextCursor).toBeNull();
  });

  it('someone who left a coalition no longer reads its items', async () => {
    const { ann, bob, coalitionId, milestoneId } = await setup();
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Editor before you go' });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 1 });
    await ann.caller.member.remove({ coalitionId, userId: bob.id });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 0 });
    expect((await bob.caller.inbox.list({})).items).toEqual([]);
    // And is not notified of anything new there (a mention of a non-member names nobody).
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Editor are you there?' });
    expect(await bob.caller.inbox.unreadCount()).toEqual({ unread: 0 });
  });

  it('a follow names an item of this coalition (a foreign id is not found)', async () => {
    const { app, bob, coalitionId } = await setup();
    const other = await app.signUp('Other');
    const { id: foreign } = await other.caller.coalition.create({ name: 'Other', goal: 'G', goalDate: '2030-01-01' });
    const theirs = await other.caller.milestone.create({ coalitionId: foreign, title: 'Theirs', dueDate: '2029-01-01' });
    await expect(bob.caller.inbox.follow({ coalitionId, entityType: 'milestone', entityId: theirs.id, following: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('after the commit, the people notified are nudged (their open tabs refresh the count); the author is not', async () => {
    const { app, ann, bob, coalitionId, milestoneId } = await setup();
    const nudged: string[] = [];
    const off = [bob, ann].map((u) => app.services.events.subscribeInbox(u.id, () => nudged.push(u.name)));
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Editor ping' });
    expect(nudged).toEqual(['Bob Editor']);
    off.forEach((f) => f());
  });
});

describe('inbox: the responsible member', () => {
  it('making Bob responsible tells Bob (kind responsible) and he follows the milestone, so its next status change reaches him', async () => {
    const { ann, bob, cat, coalitionId, milestoneId, version } = await setup();
    await ann.caller.milestone.update({ coalitionId, milestoneId, version, responsibleUserId: bob.id });
    expect((await bob.caller.inbox.list({})).items).toMatchObject([{ kind: 'responsible', actorName: 'Ann Owner', target: { screen: 'milestone', id: milestoneId } }]);
    expect(await bob.caller.inbox.following({ coalitionId, entityType: 'milestone', entityId: milestoneId })).toEqual({ following: true });
    expect(await kinds(cat)).toEqual([]);

    await ann.caller.milestone.update({ coalitionId, milestoneId, version: version + 1, status: 'in_progress' });
    expect(await kinds(bob)).toEqual(['status_change', 'responsible']);
    expect(await kinds(cat)).toEqual([]);
  });

  it('a milestone created with Cat responsible tells Cat; making yourself responsible tells nobody', async () => {
    const { ann, bob, cat, coalitionId } = await setup();
    const m = await ann.caller.milestone.create({ coalitionId, title: 'Ottawa signing', dueDate: '2029-12-01', responsibleUserId: cat.id });
    expect(await kinds(cat)).toEqual(['responsible']);
    expect(await cat.caller.inbox.following({ coalitionId, entityType: 'milestone', entityId: m.id })).toEqual({ following: true });
    await bob.caller.milestone.update({ coalitionId, milestoneId: m.id, version: m.version, responsibleUserId: bob.id });
    expect(await kinds(bob)).toEqual([]);
    expect(await kinds(ann)).toEqual([]);
  });
});
