import { describe, expect, it } from 'vitest';
import { checkReorder, defaultTrackColor, isSameOrder, needsLead, nextTrackPosition, percent, TRACK_PALETTE } from '../index.ts';

const current = [
  { id: 'a', name: 'Alpha' },
  { id: 'b', name: 'Beta' },
  { id: 'c', name: 'Gamma' },
];

describe('track rules', () => {
  it('picks palette colours by position, cycling', () => {
    expect(defaultTrackColor(0)).toBe(TRACK_PALETTE[0].value);
    expect(defaultTrackColor(TRACK_PALETTE.length + 1)).toBe(TRACK_PALETTE[1].value);
    expect(new Set(TRACK_PALETTE.map((c) => c.value)).size).toBe(TRACK_PALETTE.length);
  });

  it('puts a new track last', () => {
    expect(nextTrackPosition(null)).toBe(0);
    expect(nextTrackPosition(4)).toBe(5);
  });

  it('accepts a permutation of the tracks and names what is wrong otherwise', () => {
    expect(checkReorder(current, ['c', 'a', 'b'])).toBeNull();
    expect(checkReorder([], [])).toBeNull();
    const unknown = checkReorder(current, ['a', 'b', 'c', 'x', 'x'])!;
    expect(unknown).toMatchObject({ kind: 'unknown', unknown: ['x'] });
    expect(unknown.message).toMatch(/Not tracks of this coalition: x\./);
    const p = checkReorder(current, ['a', 'a'])!;
    expect(p).toMatchObject({ kind: 'incomplete', missing: ['Beta', 'Gamma'], duplicated: ['Alpha'] });
    expect(p.message).toMatch(/missing "Beta", "Gamma"/);
    expect(p.message).toMatch(/more than once: "Alpha"/);
    expect(isSameOrder(current, ['a', 'b', 'c'])).toBe(true);
    expect(isSameOrder(current, ['b', 'a', 'c'])).toBe(false);
  });

  it('averages progress to a whole percentage, 0 without milestones', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(100, 3)).toBe(33);
    expect(percent(200, 3)).toBe(67);
  });

  it('an open track without a lead needs one; an achieved or dropped one does not', () => {
    expect(needsLead({ status: 'active' }, false)).toBe(true);
    expect(needsLead({ status: 'on_hold' }, false)).toBe(true);
    expect(needsLead({ status: 'active' }, true)).toBe(false);
    expect(needsLead({ status: 'achieved' }, false)).toBe(false);
    expect(needsLead({ status: 'dropped' }, false)).toBe(false);
  });
});
