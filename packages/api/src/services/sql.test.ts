import { describe, expect, it } from 'vitest';
import { containsPattern, groupByPartner } from './sql.ts';
import { withStateActor } from './partners.ts';

describe('service helpers', () => {
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

  it('adds the derived state-actor flag to a partner row', () => {
    expect(withStateActor({ kind: 'intergovernmental' as const, name: 'UN' })).toEqual({ kind: 'intergovernmental', name: 'UN', isStateActor: true });
    expect(withStateActor({ kind: 'philanthropy' as const }).isStateActor).toBe(false);
  });
});
