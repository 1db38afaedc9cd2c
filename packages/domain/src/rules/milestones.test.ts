import { describe, expect, it } from 'vitest';
import { applyMilestoneRules, blankMilestone, dueState, finishDate, isLateDependency, lateDependencyIds, statusRank, type MilestoneState } from '../index.ts';

const TODAY = '2026-03-10';
const planned: MilestoneState = { status: 'in_progress', progress: 40, startDate: '2026-01-01', dueDate: '2026-06-01', completedOn: null };
const done: MilestoneState = { status: 'done', progress: 100, startDate: '2026-01-01', dueDate: '2026-06-01', completedOn: '2026-03-01' };

describe('applyMilestoneRules', () => {
  it('setting done completes the milestone today at 100%', () => {
    expect(applyMilestoneRules(planned, { status: 'done' }, TODAY)).toEqual({
      ok: true,
      patch: { status: 'done', progress: 100, completedOn: TODAY },
    });
  });

  it('keeps a completion date given with done, and forces 100% over a lower progress', () => {
    expect(applyMilestoneRules(planned, { status: 'done', completedOn: '2026-02-02', progress: 70 }, TODAY)).toEqual({
      ok: true,
      patch: { status: 'done', progress: 100, completedOn: '2026-02-02' },
    });
  });

  it('leaving done clears the completion date and keeps the given progress', () => {
    expect(applyMilestoneRules(done, { status: 'at_risk', progress: 80 }, TODAY)).toEqual({
      ok: true,
      patch: { status: 'at_risk', progress: 80, completedOn: null },
    });
  });

  it('progress above 0 on a planned milestone makes it in progress ("planned" means not started)', () => {
    const fresh: MilestoneState = { status: 'planned', progress: 0, startDate: null, dueDate: '2026-06-01', completedOn: null };
    expect(applyMilestoneRules(fresh, { progress: 30 }, TODAY)).toEqual({ ok: true, patch: { progress: 30, status: 'in_progress' } });
    expect(applyMilestoneRules(fresh, { progress: 30, status: 'planned' }, TODAY)).toEqual({ ok: true, patch: { progress: 30, status: 'in_progress' } });
    expect(applyMilestoneRules({ ...fresh, progress: 20 }, { dueDate: '2026-07-01' }, TODAY)).toEqual({ ok: true, patch: { dueDate: '2026-07-01' } });
    expect(applyMilestoneRules(fresh, { progress: 0 }, TODAY)).toEqual({ ok: true, patch: { progress: 0 } });
    expect(applyMilestoneRules({ ...fresh, status: 'at_risk' }, { progress: 30 }, TODAY)).toEqual({ ok: true, patch: { progress: 30 } });
  });

  it('progress 100 alone does not change the status', () => {
    expect(applyMilestoneRules(planned, { progress: 100 }, TODAY)).toEqual({ ok: true, patch: { progress: 100 } });
  });

  it('only a done milestone has a completion date', () => {
    expect(applyMilestoneRules(planned, { completedOn: '2026-03-01' }, TODAY)).toMatchObject({ ok: false, field: 'completedOn' });
    expect(applyMilestoneRules(done, { status: 'planned', completedOn: '2026-03-01' }, TODAY)).toMatchObject({ ok: false, field: 'completedOn' });
    // Clearing it on a milestone that is not done is harmless.
    expect(applyMilestoneRules(planned, { completedOn: null }, TODAY)).toEqual({ ok: true, patch: {} });
  });

  it('a done milestone may move its completion date but not lose it or its 100%', () => {
    expect(applyMilestoneRules(done, { completedOn: '2026-02-20' }, TODAY)).toEqual({ ok: true, patch: { completedOn: '2026-02-20' } });
    expect(applyMilestoneRules(done, { completedOn: null }, TODAY)).toMatchObject({ ok: false, field: 'completedOn' });
    expect(applyMilestoneRules(done, { progress: 50 }, TODAY)).toMatchObject({ ok: false, field: 'progress' });
    // Re-sending the same status is not a new completion: the date stays.
    expect(applyMilestoneRules(done, { status: 'done', progress: 100 }, TODAY)).toEqual({ ok: true, patch: { status: 'done', progress: 100 } });
  });

  it('checks start ≤ due on the merged result and names the field that was changed', () => {
    expect(applyMilestoneRules(planned, { dueDate: '2025-12-31' }, TODAY)).toMatchObject({ ok: false, field: 'dueDate' });
    expect(applyMilestoneRules(planned, { startDate: '2026-07-01' }, TODAY)).toMatchObject({ ok: false, field: 'startDate' });
    expect(applyMilestoneRules(planned, { startDate: '2026-07-01', dueDate: '2026-07-01' }, TODAY)).toMatchObject({ ok: true });
    expect(applyMilestoneRules(planned, { startDate: null, dueDate: '2025-01-01' }, TODAY)).toMatchObject({ ok: true });
  });

  it('applies to a new milestone created as done', () => {
    expect(applyMilestoneRules(blankMilestone('2026-05-01'), { status: 'done', progress: 0, startDate: null, dueDate: '2026-05-01' }, TODAY)).toEqual({
      ok: true,
      patch: { status: 'done', progress: 100, startDate: null, dueDate: '2026-05-01', completedOn: TODAY },
    });
  });
});

describe('schedule helpers', () => {
  it('orders statuses along the lifecycle', () => {
    expect(statusRank('planned')).toBeLessThan(statusRank('in_progress'));
    expect(statusRank('done')).toBeLessThan(statusRank('dropped'));
  });

  it('a dependency is late when it finishes after the open milestone is due, unless it was dropped', () => {
    expect(finishDate({ dueDate: '2026-05-01', completedOn: null })).toBe('2026-05-01');
    expect(finishDate({ dueDate: '2026-05-01', completedOn: '2026-04-01' })).toBe('2026-04-01');
    const dep = (id: string, status: 'planned' | 'done' | 'dropped', dueDate: string, completedOn: string | null = null) => ({ id, status, dueDate, completedOn });
    const deps = [
      dep('a', 'planned', '2026-05-02'), // due after: late
      dep('b', 'planned', '2026-05-01'), // same day: fine
      dep('c', 'done', '2026-09-01', '2026-04-01'), // done early: fine
      dep('d', 'done', '2026-04-01', '2026-05-03'), // finished late
      dep('e', 'dropped', '2026-12-01'), // dropped: holds nothing up
    ];
    const open = { status: 'in_progress' as const, dueDate: '2026-05-01', completedOn: null };
    expect(lateDependencyIds(open, deps)).toEqual(['a', 'd']);
    // A milestone that is done or dropped waits for nothing any more.
    expect(lateDependencyIds({ ...open, status: 'done', completedOn: '2026-05-01' }, deps)).toEqual([]);
    expect(lateDependencyIds({ ...open, status: 'dropped' }, deps)).toEqual([]);
    expect(isLateDependency(open, deps[0]!)).toBe(true);
  });

  it('tells overdue, due soon, later and closed apart around today', () => {
    const today = '2026-05-10';
    expect(dueState({ dueDate: '2026-05-09', status: 'planned' }, today)).toEqual({ kind: 'overdue', days: -1, text: '1 day overdue' });
    expect(dueState({ dueDate: '2026-05-10', status: 'at_risk' }, today)).toEqual({ kind: 'soon', days: 0, text: 'due today' });
    expect(dueState({ dueDate: '2026-05-11', status: 'blocked' }, today).text).toBe('due tomorrow');
    expect(dueState({ dueDate: '2026-05-24', status: 'planned' }, today)).toMatchObject({ kind: 'soon', days: 14 });
    expect(dueState({ dueDate: '2026-05-25', status: 'planned' }, today)).toMatchObject({ kind: 'later', days: 15 });
    expect(dueState({ dueDate: '2026-05-01', status: 'done' }, today).kind).toBe('closed');
    expect(dueState({ dueDate: '2026-05-01', status: 'dropped' }, today).kind).toBe('closed');
  });
});
