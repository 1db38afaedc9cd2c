import { partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { isCoalitionQuery, keysForEvent, liveKey, ownChange, type LiveChange } from './liveKeys.ts';

const C = 'cccccccccccccccccccc';
const OTHER = 'dddddddddddddddddddd';
const M = 'mmmmmmmmmmmmmmmmmmmm';
const P = 'pppppppppppppppppppp';

/** Real keys as @trpc/tanstack-react-query builds them (with `type`, filters, limits). */
const real = {
  milestoneListInfinite: [['milestone', 'list'], { input: { coalitionId: C, status: ['done'], limit: 200 }, type: 'infinite' }],
  milestoneListPicker: [['milestone', 'list'], { input: { coalitionId: C, limit: 500 }, type: 'query' }],
  milestoneGet: [['milestone', 'get'], { input: { coalitionId: C, milestoneId: M }, type: 'query' }],
  otherMilestoneGet: [['milestone', 'get'], { input: { coalitionId: C, milestoneId: 'x'.repeat(20) }, type: 'query' }],
  otherCoalitionList: [['milestone', 'list'], { input: { coalitionId: OTHER, limit: 200 }, type: 'infinite' }],
  history: [['activity', 'list'], { input: { coalitionId: C, entity: { type: 'milestone', id: M }, limit: 20 }, type: 'infinite' }],
  partnerList: [['partner', 'list'], { input: { coalitionId: C, sortBy: 'name' }, type: 'query' }],
  comments: [['comment', 'list'], { input: { coalitionId: C, targetType: 'milestone', targetId: M }, type: 'query' }],
  otherComments: [['comment', 'list'], { input: { coalitionId: C, targetType: 'partner', targetId: P }, type: 'query' }],
  coalitionList: [['coalition', 'list'], { type: 'query' }],
  me: [['auth', 'me'], { type: 'query' }],
} satisfies Record<string, QueryKey>;

const hits = (keys: QueryKey[], key: QueryKey) => keys.some((k) => partialMatchKey(key, k));
const ev = (action: string, entityType: string, entityId: string, data: unknown = {}): LiveChange => ({ action, entityType, entityId, data });

describe('keysForEvent', () => {
  it('a milestone status change refreshes every list variant, the details, timeline, tracks, dashboard and feeds', () => {
    const keys = keysForEvent(ev('milestone.updated', 'milestone', M, { status: ['planned', 'done'] }), C);
    expect(hits(keys, real.milestoneListInfinite)).toBe(true);
    expect(hits(keys, real.milestoneListPicker)).toBe(true);
    expect(hits(keys, real.milestoneGet)).toBe(true);
    // Status shows in dependents' details (late dependencies).
    expect(hits(keys, real.otherMilestoneGet)).toBe(true);
    expect(hits(keys, real.history)).toBe(true);
    expect(keys).toContainEqual(liveKey('milestone.timeline', { coalitionId: C }));
    expect(keys).toContainEqual(liveKey('track.list', { coalitionId: C }));
    expect(keys).toContainEqual(liveKey('coalition.dashboard', { coalitionId: C }));
    expect(hits(keys, real.partnerList)).toBe(false);
    expect(hits(keys, real.comments)).toBe(false);
  });

  it('a progress-only change refreshes only that milestone’s detail', () => {
    const keys = keysForEvent(ev('milestone.updated', 'milestone', M, { progress: [10, 40] }), C);
    expect(hits(keys, real.milestoneGet)).toBe(true);
    expect(hits(keys, real.otherMilestoneGet)).toBe(false);
  });

  it('an act toward a threshold milestone refreshes its board, its detail, the lists and roll-ups; the eligible set only the board and detail', () => {
    const board = [['threshold', 'board'], { input: { coalitionId: C, milestoneId: M }, type: 'query' }] satisfies QueryKey;
    const otherBoard = [['threshold', 'board'], { input: { coalitionId: C, milestoneId: 'x'.repeat(20) }, type: 'query' }] satisfies QueryKey;
    const act = keysForEvent(ev('milestone.act_recorded', 'milestone', M, { actId: 'a', partnerId: P, act: 'ratified', count: 3, progress: [50, 75] }), C);
    expect(hits(act, board)).toBe(true);
    expect(hits(act, otherBoard)).toBe(false);
    expect(hits(act, real.milestoneGet)).toBe(true);
    expect(hits(act, real.otherMilestoneGet)).toBe(false);
    expect(hits(act, real.milestoneListInfinite)).toBe(true);
    expect(act).toContainEqual(liveKey('coalition.list'));
    expect(keysForEvent(ownChange('milestone.act_deleted', M), C)).toEqual(keysForEvent(ev('milestone.act_deleted', 'milestone', M, {}), C));
    const eligible = keysForEvent(ev('milestone.eligible_set', 'milestone', M, { count: 40 }), C);
    expect(hits(eligible, board)).toBe(true);
    expect(hits(eligible, real.milestoneListInfinite)).toBe(false);
    // The status change an act causes (its own event) and a renamed partner reach the board too.
    expect(hits(keysForEvent(ev('milestone.updated', 'milestone', M, { status: ['in_progress', 'done'] }), C), board)).toBe(true);
    expect(hits(keysForEvent(ev('partner.updated', 'partner', P, { name: ['A', 'B'] }), C), otherBoard)).toBe(true);
    expect(hits(keysForEvent(ev('partner.updated', 'partner', P, { notes: ['A', 'B'] }), C), otherBoard)).toBe(false);
  });

  it('assignment changes (logged on the partner) refresh the matrix, tracks and that partner', () => {
    const keys = keysForEvent(ev('assignment.set', 'partner', P, { role: [null, 'lead'] }), C);
    expect(keys).toContainEqual(liveKey('assignment.matrix', { coalitionId: C }));
    expect(keys).toContainEqual(liveKey('track.list', { coalitionId: C }));
    expect(keys).toContainEqual(liveKey('partner.get', { coalitionId: C, partnerId: P }));
    expect(hits(keys, real.partnerList)).toBe(true);
    expect(hits(keys, real.milestoneListInfinite)).toBe(false);
  });

  it('a comment refreshes only its own thread and the mentions inbox', () => {
    const keys = keysForEvent(ev('comment.added', 'milestone', M, { commentId: 'c', excerpt: 'hi', mentions: [] }), C);
    expect(hits(keys, real.comments)).toBe(true);
    expect(hits(keys, real.otherComments)).toBe(false);
    expect(keys).toContainEqual(liveKey('comment.mentions', { coalitionId: C }));
    expect(hits(keys, real.milestoneListInfinite)).toBe(false);
  });

  it('an interaction (logged on the partner) refreshes that partner’s dialogue log and the coverage only', () => {
    const keys = keysForEvent({ action: 'interaction.logged', entityType: 'partner', entityId: 'p1', data: {} }, 'c1');
    expect(keys.slice(0, 2)).toEqual([
      [['interaction', 'list'], { input: { coalitionId: 'c1', partnerId: 'p1' } }],
      [['interaction', 'coverage'], { input: { coalitionId: 'c1' } }],
    ]);
    expect(keys.some((k) => JSON.stringify(k).includes('"partner","list"'))).toBe(false);
    expect(keysForEvent(ownChange('interaction.logged', 'p1'), 'c1')).toEqual(keys);
  });

  it('baselines: saving or deleting one refreshes the picker, the ghost bars and the slips; a due date change, the slips only', () => {
    for (const action of ['baseline.created', 'baseline.deleted'] as const) {
      const keys = keysForEvent(ownChange(action, 'b1'), C);
      expect(keys.slice(0, 3)).toEqual([liveKey('baseline.list', { coalitionId: C }), liveKey('baseline.dates', { coalitionId: C }), liveKey('baseline.slips', { coalitionId: C })]);
      expect(hits(keys, real.milestoneListInfinite)).toBe(false);
    }
    const due = keysForEvent(ev('milestone.updated', 'milestone', M, { dueDate: ['2026-01-01', '2026-02-01'] }), C);
    expect(due).toContainEqual(liveKey('baseline.slips', { coalitionId: C }));
    expect(due).not.toContainEqual(liveKey('baseline.dates', { coalitionId: C }));
    expect(keysForEvent(ev('milestone.updated', 'milestone', M, { progress: [1, 2] }), C)).not.toContainEqual(liveKey('baseline.slips', { coalitionId: C }));
    expect(keysForEvent(ev('milestone.deleted', 'milestone', M), C)).toContainEqual(liveKey('baseline.dates', { coalitionId: C }));
  });

  it('a position change (logged on the partner) refreshes that partner’s positions, the current positions and the support chart', () => {
    const keys = keysForEvent({ action: 'position.recorded', entityType: 'partner', entityId: 'p1', data: {} }, 'c1');
    expect(keys.slice(0, 3)).toEqual([
      [['position', 'list'], { input: { coalitionId: 'c1', partnerId: 'p1' } }],
      [['position', 'current'], { input: { coalitionId: 'c1' } }],
      [['position', 'supportGrowth'], { input: { coalitionId: 'c1' } }],
    ]);
    expect(keys.some((k) => JSON.stringify(k).includes('"partner","list"'))).toBe(false);
    // An eligible partner's position decides its whip group on every threshold milestone's board.
    expect(keys).toContainEqual([['threshold', 'board'], { input: { coalitionId: 'c1' } }]);
    // An eligible partner's position decides its whip group on every threshold milestone's board.
    expect(keys).toContainEqual([['threshold', 'board'], { input: { coalitionId: 'c1' } }]);
    expect(keysForEvent(ownChange('position.recorded', 'p1'), 'c1')).toEqual(keys);
    // An interaction moved to another day moves the positions it showed.
    const movedKeys = keysForEvent({ action: 'interaction.updated', entityType: 'partner', entityId: 'p1', data: { occurredOn: ['2026-01-01', '2026-01-02'] } }, 'c1');
    expect(movedKeys).toContainEqual([['position', 'supportGrowth'], { input: { coalitionId: 'c1' } }]);
    // A deleted interaction unlinks the partner's positions; a partner deleted or restored takes them along.
    expect(keysForEvent(ownChange('interaction.deleted', 'p1'), 'c1')).toContainEqual([['position', 'list'], { input: { coalitionId: 'c1', partnerId: 'p1' } }]);
    for (const action of ['partner.deleted', 'partner.restored'] as const) {
      const partnerKeys = keysForEvent(ownChange(action, 'p1'), 'c1');
      expect(partnerKeys).toContainEqual([['position', 'current'], { input: { coalitionId: 'c1' } }]);
      expect(partnerKeys).toContainEqual([['position', 'supportGrowth'], { input: { coalitionId: 'c1' } }]);
    }
  });

  it('an undone delete brings back what the delete took: lists, every detail, the item’s thread, the timeline', () => {
    for (const [deleted, restored] of [
      [ev('milestone.deleted', 'milestone', M), ev('milestone.restored', 'milestone', M, { title: 'X' })],
      [ev('partner.deleted', 'partner', P), ev('partner.restored', 'partner', P, { name: 'X' })],
      [ev('track.deleted', 'track', 't'), ev('track.restored', 'track', 't', { name: 'X' })],
      [ev('bottleneck.deleted', 'bottleneck', 'b'), ev('bottleneck.restored', 'bottleneck', 'b')],
    ] as const) {
      const back = keysForEvent(restored, C).map((k) => JSON.stringify(k));
      for (const key of keysForEvent(deleted, C)) expect(back).toContain(JSON.stringify(key));
    }
    const milestone = keysForEvent(ev('milestone.restored', 'milestone', M), C);
    // Its comments come back with it; other threads are untouched.
    expect(hits(milestone, real.comments)).toBe(true);
    expect(hits(milestone, real.otherComments)).toBe(false);
    expect(hits(milestone, real.otherMilestoneGet)).toBe(true);
    expect(keysForEvent(ev('partner.restored', 'partner', P), C)).toContainEqual(liveKey('assignment.matrix', { coalitionId: C }));
    // A restored comment refreshes its thread; a restored matrix role, the matrix.
    expect(hits(keysForEvent(ev('comment.restored', 'milestone', M), C), real.comments)).toBe(true);
    expect(keysForEvent(ev('assignment.restored', 'partner', P, { role: [null, 'lead'] }), C)).toContainEqual(liveKey('assignment.matrix', { coalitionId: C }));
  });

  it('member, invitation and coalition events', () => {
    expect(keysForEvent(ev('member.joined', 'member', 'u'), C)).toContainEqual(liveKey('invitation.list', { coalitionId: C }));
    expect(keysForEvent(ev('invitation.created', 'invitation', 'i'), C)).toContainEqual(liveKey('invitation.list', { coalitionId: C }));
    const coalition = keysForEvent(ev('coalition.updated', 'coalition', C, { name: ['a', 'b'] }), C);
    expect(coalition).toContainEqual(liveKey('coalition.get', { coalitionId: C }));
    expect(hits(coalition, real.coalitionList)).toBe(true);
    // Publishing or revoking the public page refreshes the owners' status card.
    for (const action of ['publicPage.published', 'publicPage.revoked']) {
      expect(keysForEvent(ev(action, 'coalition', C), C)).toContainEqual(liveKey('publicPage.status', { coalitionId: C }));
    }
  });

  it('never touches another coalition or unrelated queries, and never returns a match-everything key', () => {
    const actions = [
      ev('milestone.deleted', 'milestone', M),
      ev('partner.deleted', 'partner', P),
      ev('track.deleted', 'track', 't'),
      ev('track.reordered', 'coalition', C),
      ev('bottleneck.created', 'bottleneck', 'b'),
      ev('something.new', 'thing', 'x'),
    ];
    for (const e of actions) {
      const keys = keysForEvent(e, C);
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) expect(Array.isArray(k[0]) && (k[0] as string[]).length).toBe(2);
      expect(hits(keys, real.otherCoalitionList)).toBe(false);
      expect(hits(keys, real.me)).toBe(false);
      expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(keys.length);
    }
  });

  it('the forecast follows what moves the odds (the plan, its ranges, the goal date, a partner’s acts), not a comment', () => {
    const forecast = liveKey('forecast.get', { coalitionId: C });
    expect(keysForEvent(ev('milestone.updated', 'milestone', M, { estimateLikely: ['2029-01-01', '2029-02-01'] }), C)).toContainEqual(forecast);
    expect(keysForEvent(ev('milestone.dependency_added', 'milestone', M), C)).toContainEqual(forecast);
    expect(keysForEvent(ev('coalition.updated', 'coalition', C, { goalDate: ['2030-01-01', '2031-01-01'] }), C)).toContainEqual(forecast);
    expect(keysForEvent(ev('partner.deleted', 'partner', P), C)).toContainEqual(forecast);
    expect(keysForEvent(ev('coalition.updated', 'coalition', C, { name: ['A', 'B'] }), C)).not.toContainEqual(forecast);
    expect(keysForEvent(ev('comment.added', 'milestone', M, { commentId: 'c', excerpt: 'hi', mentions: [] }), C)).not.toContainEqual(forecast);
  });
});

describe('typed keys and own changes', () => {
  it('builds keys only from the router’s query paths and their inputs', () => {
    expect(liveKey('milestone.get', { coalitionId: C, milestoneId: M })).toEqual([['milestone', 'get'], { input: { coalitionId: C, milestoneId: M } }]);
    expect(liveKey('coalition.list')).toEqual([['coalition', 'list']]);
    // @ts-expect-error — not a procedure of the router: a rename breaks the build, not the cache.
    liveKey('milestone.fetch', { coalitionId: C });
    // @ts-expect-error — a mutation is not a query.
    liveKey('milestone.update', { coalitionId: C });
    // @ts-expect-error — not an input of partner.get.
    liveKey('partner.get', { coalitionId: C, milestoneId: M });
  });

  it('this tab’s own change refreshes exactly what the same change from someone else does', () => {
    const cases: [ReturnType<typeof ownChange>, LiveChange][] = [
      [ownChange('milestone.updated', M, ['status']), ev('milestone.updated', 'milestone', M, { status: ['planned', 'done'], progress: [0, 100] })],
      [ownChange('milestone.updated', M, ['progress']), ev('milestone.updated', 'milestone', M, { progress: [10, 40] })],
      [ownChange('assignment.set', P, ['role']), ev('assignment.set', 'partner', P, { role: [null, 'lead'] })],
      [ownChange('track.reordered', C), ev('track.reordered', 'coalition', C, { order: [[], []] })],
      [ownChange('partner.deleted', P), ev('partner.deleted', 'partner', P, { name: 'X' })],
      [ownChange('coalition.updated', C, ['timeZone']), ev('coalition.updated', 'coalition', C, { timeZone: ['UTC', 'Asia/Kolkata'] })],
    ];
    for (const [mine, theirs] of cases) {
      expect(mine.entityType).toBe(theirs.entityType);
      expect(keysForEvent(mine, C)).toEqual(keysForEvent(theirs, C));
    }
  });

  it('a change of status or progress refreshes the home card’s roll-up; a title change does not', () => {
    expect(keysForEvent(ev('milestone.updated', 'milestone', M, { status: ['planned', 'done'] }), C)).toContainEqual(liveKey('coalition.list'));
    expect(keysForEvent(ev('milestone.updated', 'milestone', M, { title: ['a', 'b'] }), C)).not.toContainEqual(liveKey('coalition.list'));
  });
});

describe('isCoalitionQuery', () => {
  it('matches keys whose input names the coalition', () => {
    expect(isCoalitionQuery(real.milestoneListInfinite, C)).toBe(true);
    expect(isCoalitionQuery(real.otherCoalitionList, C)).toBe(false);
    expect(isCoalitionQuery(real.coalitionList, C)).toBe(false);
    expect(isCoalitionQuery(real.me, C)).toBe(false);
  });
});
