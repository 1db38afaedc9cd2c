import { describe, expect, it } from 'vitest';
import { activitySummary, compareWithBaseline, slipOf, zMilestoneBulkUpdate, zMilestoneUpdate, zSlipReason } from '../index.ts';

describe('slipOf', () => {
  it('a move later than both the baseline and the current date slips by its distance from the baseline', () => {
    expect(slipOf('2026-10-20', '2026-10-20', '2026-11-12')).toBe(23);
    // Already past its baseline and moved further: a slip again, counted from the baseline.
    expect(slipOf('2026-10-20', '2026-11-01', '2026-11-12')).toBe(23);
    // Earlier than the baseline before, past it after.
    expect(slipOf('2026-10-20', '2026-10-01', '2026-10-21')).toBe(1);
  });

  it('needs no reason to move earlier, to stay, or to stay within the baseline', () => {
    expect(slipOf('2026-10-20', '2026-11-12', '2026-11-01')).toBe(0); // earlier, still past: an improvement
    expect(slipOf('2026-10-20', '2026-11-12', '2026-11-12')).toBe(0); // unchanged
    expect(slipOf('2026-10-20', '2026-10-01', '2026-10-20')).toBe(0); // later, but on the baseline's date
    expect(slipOf('2026-10-20', '2026-09-01', '2026-10-15')).toBe(0); // later, within the baseline
  });

  it('a milestone without a baseline date never slips', () => {
    expect(slipOf(null, '2026-10-20', '2027-10-20')).toBe(0);
    expect(slipOf(undefined, '2026-10-20', '2027-10-20')).toBe(0);
  });

  it('counts across months and years in calendar days', () => {
    expect(slipOf('2026-12-31', '2026-12-31', '2027-03-01')).toBe(60);
    expect(slipOf('2028-02-28', '2028-02-28', '2028-03-01')).toBe(2); // a leap year
  });
});

describe('compareWithBaseline', () => {
  const baseline = [
    { milestoneId: 'a', dueDate: '2026-05-01' },
    { milestoneId: 'b', dueDate: '2026-06-01' },
    { milestoneId: 'c', dueDate: '2026-07-01' },
    { milestoneId: 'd', dueDate: '2026-08-01' },
    { milestoneId: 'e', dueDate: '2026-09-01' },
  ];
  const current = [
    { id: 'a', dueDate: '2026-05-11' }, // +10
    { id: 'b', dueDate: '2026-07-01' }, // +30
    { id: 'c', dueDate: '2026-07-01' }, // on time
    { id: 'd', dueDate: '2026-07-25' }, // -7
    { id: 'e', dueDate: '2026-08-02' }, // -30
    { id: 'f', dueDate: '2026-10-01' }, // added after the baseline
  ];
  const reasons = [
    { milestoneId: 'b', createdAt: 100, reason: 'first' },
    { milestoneId: 'b', createdAt: 300, reason: 'third' },
    { milestoneId: 'b', createdAt: 200, reason: 'second' },
    { milestoneId: 'a', createdAt: 50, reason: 'only' },
  ];

  it('lists the slipped milestones biggest slip first, with their reasons newest first', () => {
    const r = compareWithBaseline(current, baseline, reasons);
    expect(r.slipped.map((s) => [s.milestone.id, s.baselineDue, s.days])).toEqual([
      ['b', '2026-06-01', 30],
      ['a', '2026-05-01', 10],
    ]);
    expect(r.slipped[0]!.reasons.map((x) => x.reason)).toEqual(['third', 'second', 'first']);
    expect(r.slipped[1]!.reasons.map((x) => x.reason)).toEqual(['only']);
  });

  it('lists those that moved earlier, furthest ahead first, and counts the rest', () => {
    const r = compareWithBaseline(current, baseline, reasons);
    expect(r.earlier.map((s) => [s.milestone.id, s.days])).toEqual([
      ['e', -30],
      ['d', -7],
    ]);
    expect(r.onTime).toBe(1);
    expect(r.notInBaseline).toBe(1);
  });

  it('an empty baseline compares nothing', () => {
    expect(compareWithBaseline(current, [], [])).toEqual({ slipped: [], earlier: [], onTime: 0, notInBaseline: 6 });
  });
});

describe('slip reasons in inputs and history', () => {
  it('a reason is optional on an update and a bulk change, 1 to 1000 characters, trimmed', () => {
    const base = { coalitionId: 'cccccccccccccccccccc', milestoneId: 'mmmmmmmmmmmmmmmmmmmm', version: 1 };
    expect(zMilestoneUpdate.safeParse({ ...base, dueDate: '2026-01-01' }).success).toBe(true);
    expect(zMilestoneUpdate.parse({ ...base, slipReason: '  Capital asked for time  ' }).slipReason).toBe('Capital asked for time');
    expect(zMilestoneUpdate.safeParse({ ...base, slipReason: '   ' }).success).toBe(false);
    expect(zSlipReason.safeParse('x'.repeat(1000)).success).toBe(true);
    expect(zSlipReason.safeParse('x'.repeat(1001)).success).toBe(false);
    const bulk = { coalitionId: base.coalitionId, items: [{ id: base.milestoneId, version: 1 }], change: { shift: { days: 7 } } };
    expect(zMilestoneBulkUpdate.parse({ ...bulk, slipReason: 'Elections' }).slipReason).toBe('Elections');
  });

  it('the history line of a slip says how far past which baseline, and why', () => {
    const line = activitySummary({
      action: 'milestone.updated',
      title: 'Signing',
      changes: { dueDate: ['2026-10-20', '2026-11-12'] },
      slip: { days: 23, baseline: 'Q3 plan', reason: 'The capital asked for another consultation' },
    });
    expect(line).toBe('updated "Signing" (due date) — 23 days past the baseline "Q3 plan". Reason: The capital asked for another consultation');
    const long = activitySummary({ action: 'milestone.updated', title: 'S', changes: { dueDate: ['a', 'b'] }, slip: { days: 1, baseline: 'B', reason: 'y'.repeat(1000) } });
    expect(long.length).toBeLessThan(400);
    expect(long.endsWith('…')).toBe(true);
    expect(activitySummary({ action: 'baseline.created', name: 'Q3 plan', count: 12 })).toBe('saved the baseline "Q3 plan" (the dates of 12 milestones)');
  });
});
