import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { positionDateProblem, zPositionRecord } from '../entities/position.ts';
import type { PositionChange } from '../forecast/positions.ts';
import { currentPositions, movementSentence } from './positions.ts';

const TODAY = '2026-06-01';
const ago = (n: number) => addDays(TODAY, -n);
const c = (partnerId: string, daysAgo: number, position: PositionChange['position']): PositionChange => ({ partnerId, date: ago(daysAgo), position });

describe('currentPositions', () => {
  it('gives each partner its position today, the day last shown, and its movement over 90 days', () => {
    const rows = currentPositions(
      [
        c('a', 200, 'sceptical'),
        c('a', 30, 'supportive'),
        c('b', 10, 'neutral'),
        c('c', 120, 'supportive'),
        c('c', 20, 'opposed'),
        c('d', 5, 'champion'),
        c('d', -3, 'opposed'), // after today: not yet
      ],
      TODAY,
    );
    const by = new Map(rows.map((r) => [r.partnerId, r]));
    expect(by.get('a')).toEqual({ partnerId: 'a', position: 'supportive', shownOn: ago(30), was: 'sceptical', movement: 2 });
    // First recorded within the window: it was unknown before, so no movement is claimed.
    expect(by.get('b')).toEqual({ partnerId: 'b', position: 'neutral', shownOn: ago(10), was: 'unknown', movement: 0 });
    expect(by.get('c')).toMatchObject({ position: 'opposed', was: 'supportive', movement: -3 });
    expect(by.get('d')).toMatchObject({ position: 'champion', shownOn: ago(5) });
    expect(rows).toHaveLength(4);
  });

  it('on one day, the later entry wins; a change exactly 90 days ago is the starting point', () => {
    const [row] = currentPositions([c('a', 90, 'opposed'), c('a', 0, 'neutral'), c('a', 0, 'supportive')], TODAY);
    expect(row).toMatchObject({ position: 'supportive', was: 'opposed', movement: 3, shownOn: TODAY });
  });

  it('says the move in words', () => {
    expect(movementSentence('sceptical', 'supportive')).toBe('moved from sceptical to supportive');
  });
});

describe('recording a position', () => {
  it('refuses a day after today, a long note and an unknown position', () => {
    expect(positionDateProblem(TODAY, TODAY)).toBeNull();
    expect(positionDateProblem(addDays(TODAY, 1), TODAY)).toMatch(/today or an earlier day/);
    const base = { partnerId: 'p'.repeat(20), position: 'supportive', shownOn: TODAY };
    expect(zPositionRecord.parse(base)).toEqual({ ...base, trackId: null, interactionId: null, note: '' });
    expect(zPositionRecord.safeParse({ ...base, note: 'x'.repeat(1001) }).success).toBe(false);
    expect(zPositionRecord.safeParse({ ...base, position: 'lukewarm' }).success).toBe(false);
  });
});
