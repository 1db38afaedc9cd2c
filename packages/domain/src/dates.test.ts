import { describe, expect, it } from 'vitest';
import { doneOf, plural } from './dates.ts';

describe('counts in words', () => {
  it('agrees the noun with the number', () => {
    expect(plural(1, 'milestone')).toBe('1 milestone');
    expect(plural(0, 'milestone')).toBe('0 milestones');
    expect(plural(1200, 'dependency', 'dependencies')).toBe('1,200 dependencies');
    expect(doneOf(1, 1)).toBe('1 of 1 milestone done');
    expect(doneOf(3, 12)).toBe('3 of 12 milestones done');
  });
});
