import { describe, expect, it } from 'vitest';
import { zMilestoneBulkChange } from '../entities/milestoneBulk.ts';
import { bulkPatch } from './milestoneBulk.ts';
import { whatsNextKey, type MilestoneState } from './milestones.ts';

const today = '2026-03-10';
const m = (over: Partial<MilestoneState> = {}): MilestoneState => ({ status: 'planned', progress: 0, startDate: '2026-03-01', dueDate: '2026-04-01', completedOn: null, ...over });
const change = (c: unknown) => zMilestoneBulkChange.parse(c);

describe('bulkPatch', () => {
  it('shifts both dates by default, only one when asked, and keeps a missing start missing', () => {
    expect(bulkPatch(m(), change({ shift: { days: 7 } }), today)).toEqual({ ok: true, patch: { startDate: '2026-03-08', dueDate: '2026-04-08' } });
    expect(bulkPatch(m(), change({ shift: { days: -3, dates: 'due' } }), today)).toEqual({ ok: true, patch: { dueDate: '2026-03-29' } });
    expect(bulkPatch(m({ startDate: null }), change({ shift: { days: 7, dates: 'start' } }), today)).toEqual({ ok: true, patch: {} });
  });

  it('refuses a shift that puts the start after the due date, or a date out of range', () => {
    expect(bulkPatch(m(), change({ shift: { days: -40, dates: 'due' } }), today)).toMatchObject({ ok: false, field: 'dueDate' });
    expect(bulkPatch(m({ dueDate: '2200-12-01', startDate: null }), change({ shift: { days: 60 } }), today)).toMatchObject({ ok: false, field: 'dueDate' });
  });

  it('applies the status rules: done means 100% and completed today', () => {
    expect(bulkPatch(m(), change({ status: 'done' }), today)).toEqual({ ok: true, patch: { status: 'done', progress: 100, completedOn: today } });
    expect(bulkPatch(m({ status: 'done', progress: 100, completedOn: '2026-03-02' }), change({ status: 'at_risk' }), today)).toEqual({ ok: true, patch: { status: 'at_risk', completedOn: null } });
  });

  it('passes the references through, null included', () => {
    expect(bulkPatch(m(), change({ trackId: null, responsibleUserId: null }), today)).toEqual({ ok: true, patch: { trackId: null, responsibleUserId: null } });
  });

  it('needs at least one change and a non-zero whole shift', () => {
    expect(zMilestoneBulkChange.safeParse({}).success).toBe(false);
    expect(zMilestoneBulkChange.safeParse({ shift: { days: 0 } }).success).toBe(false);
    expect(zMilestoneBulkChange.safeParse({ shift: { days: 1.5 } }).success).toBe(false);
  });
});

describe('whatsNextKey', () => {
  it('orders open milestones by due date before done and dropped ones', () => {
    const rows = [
      { title: 'done early', status: 'done' as const, dueDate: '2026-01-01' },
      { title: 'later', status: 'planned' as const, dueDate: '2026-09-01' },
      { title: 'overdue', status: 'blocked' as const, dueDate: '2026-02-01' },
      { title: 'dropped', status: 'dropped' as const, dueDate: '2026-02-15' },
    ];
    const sorted = [...rows].sort((a, b) => whatsNextKey(a).localeCompare(whatsNextKey(b)));
    expect(sorted.map((r) => r.title)).toEqual(['overdue', 'later', 'done early', 'dropped']);
  });
});
