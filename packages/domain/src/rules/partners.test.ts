import { describe, expect, it } from 'vitest';
import { committedOnAfter, hasUniqueContributions, isHigh, isStateActor, quadrantOf, shouldEngageNext } from '../index.ts';

describe('partner rules', () => {
  it('sets committedOn once, the first time the stage is committed or champion', () => {
    expect(committedOnAfter(null, 'in_dialogue', '2026-01-02')).toBeNull();
    expect(committedOnAfter(null, 'committed', '2026-01-02')).toBe('2026-01-02');
    expect(committedOnAfter(null, 'champion', '2026-01-02')).toBe('2026-01-02');
    expect(committedOnAfter('2025-05-05', 'champion', '2026-01-02')).toBe('2025-05-05');
    expect(committedOnAfter('2025-05-05', 'identified', '2026-01-02')).toBe('2025-05-05');
  });

  it('governments and intergovernmental bodies are the state actors', () => {
    expect(isStateActor('state')).toBe(true);
    expect(isStateActor('intergovernmental')).toBe(true);
    expect(isStateActor('philanthropy')).toBe(false);
  });

  it('checks contributions are listed once', () => {
    expect(hasUniqueContributions(['ideas', 'networks'])).toBe(true);
    expect(hasUniqueContributions(['ideas', 'ideas'])).toBe(false);
  });

  it('one threshold for high influence: the map quadrants and whom to engage next agree', () => {
    expect([1, 2, 3, 4, 5].map(isHigh)).toEqual([false, false, false, true, true]);
    expect(quadrantOf({ influence: 4, interest: 2 })).toBe('satisfy');
    expect(quadrantOf({ influence: 3, interest: 5 })).toBe('inform');
    expect(shouldEngageNext({ influence: 4, stage: 'approached' })).toBe(true);
    expect(shouldEngageNext({ influence: 3, stage: 'identified' })).toBe(false);
    expect(shouldEngageNext({ influence: 5, stage: 'in_dialogue' })).toBe(false);
  });
});
