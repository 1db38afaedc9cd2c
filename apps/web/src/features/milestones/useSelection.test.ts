import { describe, expect, it } from 'vitest';
import { rangeBetween } from './useSelection.ts';
import { guardedPath } from '../../lib/useLeaveGuard.tsx';

describe('rangeBetween (shift-click)', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  it('takes the rows between the anchor and the clicked one, either direction, in list order', () => {
    expect(rangeBetween(ids, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(rangeBetween(ids, 'e', 'c')).toEqual(['c', 'd', 'e']);
  });
  it('falls back to the clicked row when the anchor left the list', () => {
    expect(rangeBetween(ids, 'zz', 'c')).toEqual(['c']);
    expect(rangeBetween(ids, null, 'c')).toEqual(['c']);
    expect(rangeBetween(ids, 'a', 'zz')).toEqual([]);
  });
});

describe('guardedPath (leave guard)', () => {
  const here = new URL('https://plan.example/c/abc/milestones/xyz') as unknown as Location;
  it('asks about other in-app pages only', () => {
    expect(guardedPath('/c/abc/milestones', here)).toBe('/c/abc/milestones');
    expect(guardedPath('https://plan.example/c/abc?tab=1#top', here)).toBe('/c/abc?tab=1#top');
    expect(guardedPath('https://elsewhere.example/', here)).toBeNull();
    expect(guardedPath('#comments', here)).toBeNull();
    expect(guardedPath('/sign-in?next=/c/abc', here)).toBeNull();
  });
});
