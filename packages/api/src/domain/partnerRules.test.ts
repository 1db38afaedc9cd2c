import { describe, expect, it } from 'vitest';
import { committedOnAfter, containsPattern, groupByPartner, hasUniqueContributions, withStateActor } from './partnerRules.ts';

describe('partner rules', () => {
  it('sets committedOn once, the first time the stage is committed or champion', () => {
    expect(committedOnAfter(null, 'in_dialogue', '2026-01-02')).toBeNull();
    expect(committedOnAfter(null, 'committed', '2026-01-02')).toBe('2026-01-02');
    expect(committedOnAfter(null, 'champion', '2026-01-02')).toBe('2026-01-02');
    expect(committedOnAfter('2025-05-05', 'champion', '2026-01-02')).toBe('2025-05-05');
    expect(committedOnAfter('2025-05-05', 'identified', '2026-01-02')).toBe('2025-05-05');
  });

  it('derives state actors from the kind', () => {
    expect(withStateActor({ kind: 'intergovernmental' as const, name: 'UN' })).toEqual({ kind: 'intergovernmental', name: 'UN', isStateActor: true });
    expect(withStateActor({ kind: 'philanthropy' as const }).isStateActor).toBe(false);
  });

  it('checks contributions are listed once', () => {
    expect(hasUniqueContributions(['ideas', 'networks'])).toBe(true);
    expect(hasUniqueContributions(['ideas', 'ideas'])).toBe(false);
  });

  it('escapes LIKE wildcards in search text', () => {
    expect(containsPattern('a%b_c\\d')).toBe('%a\\%b\\_c\\\\d%');
    expect(containsPattern('plain')).toBe('%plain%');
  });

  it('groups assignment rows by partner in order', () => {
    const grouped = groupByPartner([
      { partnerId: 'p1', trackId: 't1', role: 'lead' },
      { partnerId: 'p2', trackId: 't1', role: 'observer' },
      { partnerId: 'p1', trackId: 't2', role: 'supporter' },
    ]);
    expect(grouped.get('p1')).toEqual([
      { trackId: 't1', role: 'lead' },
      { trackId: 't2', role: 'supporter' },
    ]);
    expect(grouped.get('p2')).toEqual([{ trackId: 't1', role: 'observer' }]);
    expect(grouped.get('p3')).toBeUndefined();
  });
});
