import { describe, expect, it } from 'vitest';
import { averageProgress, checkReorder, defaultTrackColor, isSameOrder, nextTrackPosition, TRACK_PALETTE, trackSummary } from './tracks.ts';

const current = [
  { id: 'a', name: 'Alpha' },
  { id: 'b', name: 'Beta' },
  { id: 'c', name: 'Gamma' },
];

describe('track rules', () => {
  it('picks palette colours by position, cycling', () => {
    expect(defaultTrackColor(0)).toBe(TRACK_PALETTE[0]);
    expect(defaultTrackColor(TRACK_PALETTE.length + 1)).toBe(TRACK_PALETTE[1]);
    expect(new Set(TRACK_PALETTE).size).toBe(TRACK_PALETTE.length);
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
    expect(averageProgress(0, 0)).toBe(0);
    expect(averageProgress(100, 3)).toBe(33);
    expect(averageProgress(200, 3)).toBe(67);
  });

  it('summarises a track, excluding dropped milestones from progress', () => {
    expect(
      trackSummary(
        { milestoneCount: 3, milestonesDone: 1, milestonesDropped: 1, progressSum: 150 },
        { partnerCount: 4, leadCount: 0, coLeadCount: 2 },
      ),
    ).toEqual({
      milestoneCount: 3,
      milestonesDone: 1,
      milestonesDropped: 1,
      progress: 75,
      partnerCount: 4,
      leadCount: 0,
      coLeadCount: 2,
      hasLead: false,
    });
    expect(trackSummary(undefined, undefined)).toMatchObject({ milestoneCount: 0, progress: 0, hasLead: false });
  });
});
