import { describe, expect, it } from 'vitest';
import { followsFrom, recipientsOf, type ChangeForInbox } from './notifications.ts';

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
