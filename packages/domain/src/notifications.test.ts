import { describe, expect, it } from 'vitest';
import { followsFrom, mayNotify, recipientsOf, type ChangeForInbox } from './notifications.ts';

const members = new Set(['ann', 'bob', 'cat', 'dan']);
const change = (c: Partial<ChangeForInbox>): ChangeForInbox => ({ action: 'x', actorId: 'ann', entityType: 'milestone', entityId: 'm1', data: {}, ...c });

describe('recipientsOf', () => {
  it('a comment tells the people it mentions (mention) and the other followers (comment), never the author', () => {
    const r = recipientsOf(change({ action: 'comment.added', data: { mentions: ['bob', 'ann'] } }), ['ann', 'bob', 'cat'], members);
    expect(r).toEqual([
      { userId: 'bob', kind: 'mention' },
      { userId: 'cat', kind: 'comment' },
    ]);
  });

  it('only members hear anything (someone who left the coalition is not told)', () => {
    expect(recipientsOf(change({ action: 'comment.added', data: { mentions: ['gone'] } }), ['also-gone'], members)).toEqual([]);
  });

  it('a status change tells the followers; other edits tell nobody', () => {
    expect(recipientsOf(change({ action: 'milestone.updated', data: { status: ['planned', 'at_risk'] } }), ['bob', 'cat'], members)).toEqual([
      { userId: 'bob', kind: 'status_change' },
      { userId: 'cat', kind: 'status_change' },
    ]);
    expect(recipientsOf(change({ action: 'milestone.updated', data: { title: ['A', 'B'] } }), ['bob'], members)).toEqual([]);
  });

  it('making someone responsible tells them, once, even if they also follow', () => {
    const r = recipientsOf(change({ action: 'milestone.updated', data: { responsibleUserId: [null, 'bob'], status: ['planned', 'in_progress'] } }), ['bob', 'cat'], members);
    expect(r).toEqual([
      { userId: 'bob', kind: 'responsible' },
      { userId: 'cat', kind: 'status_change' },
    ]);
    expect(recipientsOf(change({ action: 'milestone.created', data: { responsibleUserId: 'dan' } }), [], members)).toEqual([{ userId: 'dan', kind: 'responsible' }]);
  });

  it('a role change tells the member whose role it is', () => {
    expect(recipientsOf(change({ action: 'member.role_changed', entityType: 'member', entityId: 'cat' }), [], members)).toEqual([{ userId: 'cat', kind: 'role_given' }]);
  });
});

describe('followsFrom', () => {
  it('the actor follows what they create, edit or comment on; the responsible member follows their milestone', () => {
    expect(followsFrom(change({ action: 'milestone.updated' }))).toEqual([{ userId: 'ann', entityType: 'milestone', entityId: 'm1' }]);
    expect(followsFrom(change({ action: 'comment.added', entityType: 'partner', entityId: 'p1' }))).toEqual([{ userId: 'ann', entityType: 'partner', entityId: 'p1' }]);
    expect(followsFrom(change({ action: 'milestone.created', data: { responsibleUserId: 'bob' } }))).toEqual([
      { userId: 'ann', entityType: 'milestone', entityId: 'm1' },
      { userId: 'bob', entityType: 'milestone', entityId: 'm1' },
    ]);
  });

  it('deleting, or changes to things that cannot be followed, make nobody follow', () => {
    expect(followsFrom(change({ action: 'milestone.deleted' }))).toEqual([]);
    expect(followsFrom(change({ action: 'coalition.updated', entityType: 'coalition', entityId: 'c1' }))).toEqual([]);
    expect(followsFrom(change({ action: 'milestone.updated', actorId: null }))).toEqual([]);
  });
});

describe('mayNotify (the inbox skips its member query when it is false)', () => {
  // Every kind of change the rules know, naming bob (not the actor) or no one.
  const changes: ChangeForInbox[] = [
    change({ action: 'comment.added', data: { mentions: ['bob'] } }),
    change({ action: 'comment.added', data: {} }),
    change({ action: 'milestone.created', data: { responsibleUserId: 'bob' } }),
    change({ action: 'milestone.created', data: {} }),
    change({ action: 'milestone.updated', data: { responsibleUserId: [null, 'bob'] } }),
    change({ action: 'milestone.updated', data: { status: ['planned', 'done'] } }),
    change({ action: 'bottleneck.updated', data: { responsibleUserId: ['cat', 'bob'] } }),
    change({ action: 'interaction.logged', entityType: 'partner', data: { nextStepUserId: 'bob' } }),
    change({ action: 'interaction.logged', entityType: 'partner', data: {} }),
    change({ action: 'interaction.updated', entityType: 'partner', data: { nextStepUserId: [null, 'bob'] } }),
    change({ action: 'member.role_changed', entityType: 'member', entityId: 'bob' }),
    change({ action: 'partner.updated', entityType: 'partner', data: { name: ['A', 'B'] } }),
  ];
  it('is true whenever someone would be told without followers, and for every change once there are followers', () => {
    for (const c of changes) {
      expect(mayNotify(c, 0), c.action).toBe(recipientsOf(c, [], members).length > 0);
      if (recipientsOf(c, ['cat'], members).length > 0) expect(mayNotify(c, 1)).toBe(true);
    }
    expect(changes.filter((c) => mayNotify(c, 0)).length).toBe(7);
  });
});
