import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { estimateProblem, zMilestoneCreate, zMilestoneUpdate } from '../entities/milestone.ts';
import { forecastEstimates, type EstimatedMilestone, type MilestoneAct } from './estimates.ts';
import { forecastPlan } from './simulate.ts';
import { thresholdPace } from './threshold.ts';

const TODAY = '2026-06-01';
const day = (n: number) => addDays(TODAY, n);

function ms(id: string, fields: Partial<EstimatedMilestone> = {}): EstimatedMilestone {
  return { id, status: 'planned', estimateOptimistic: null, estimateLikely: null, estimatePessimistic: null, thresholdAct: null, threshold: null, ...fields };
}
const ranged = (o: number, l: number, p: number) => ({ estimateOptimistic: day(o), estimateLikely: day(l), estimatePessimistic: day(p) });
/** `n` acts, one every `every` days back from yesterday. */
const acts = (milestoneId: string, act: MilestoneAct['act'], n: number, every = 15): MilestoneAct[] =>
  Array.from({ length: n }, (_, i) => ({ milestoneId, act, actedOn: day(-every * i - 1) }));

describe('forecastEstimates', () => {
  it('takes an open milestone’s own three dates, and nothing from done, dropped or unestimated ones', () => {
    const m = forecastEstimates(
      [
        ms('a', ranged(10, 20, 60)),
        ms('b'),
        ms('c', { status: 'done', ...ranged(1, 2, 3) }),
        ms('d', { status: 'dropped', ...ranged(1, 2, 3) }),
        ms('e', { status: 'at_risk', ...ranged(5, 5, 5) }),
      ],
      [],
      TODAY,
    );
    expect([...m.keys()]).toEqual(['a', 'e']);
    expect(m.get('a')).toEqual({ optimistic: day(10), likely: day(20), pessimistic: day(60), source: 'estimate' });
  });

  it('ignores an incomplete or disordered estimate (the database allows neither, but old rows might)', () => {
    const m = forecastEstimates([ms('a', { estimateOptimistic: day(1), estimateLikely: day(2) }), ms('b', ranged(5, 3, 9))], [], TODAY);
    expect(m.size).toBe(0);
  });

  it('gives a threshold milestone the range of its pace, counting only its own act', () => {
    const rows = [
      ...acts('t', 'ratified', 12),
      ...acts('t', 'signed', 30, 3), // signatures do not count toward ratifications
      ...acts('other', 'ratified', 30, 3), // another milestone's
    ];
    const m = forecastEstimates([ms('t', { thresholdAct: 'ratified', threshold: 40, ...ranged(1, 2, 3) })], rows, TODAY);
    const pace = thresholdPace(acts('t', 'ratified', 12).map((a) => a.actedOn), 40, TODAY);
    expect(m.get('t')).toEqual({ ...pace.range!, source: 'pace' });
  });

  it('falls back on the estimate when the threshold has no pace, and gives nothing once it is reached', () => {
    const old = [{ milestoneId: 't', act: 'ratified' as const, actedOn: '2020-01-01' }];
    expect(forecastEstimates([ms('t', { thresholdAct: 'ratified', threshold: 40, ...ranged(1, 2, 3) })], old, TODAY).get('t')?.source).toBe('estimate');
    expect(forecastEstimates([ms('t', { thresholdAct: 'ratified', threshold: 40 })], old, TODAY).has('t')).toBe(false);
    // Reached (3 of 3): no pace, no range; a done threshold milestone none either.
    expect(forecastEstimates([ms('t', { thresholdAct: 'ratified', threshold: 3 })], acts('t', 'ratified', 3), TODAY).has('t')).toBe(false);
    expect(forecastEstimates([ms('t', { status: 'done', thresholdAct: 'ratified', threshold: 40 })], acts('t', 'ratified', 12), TODAY).size).toBe(0);
  });

  it('feeds forecastPlan: a ranged milestone moves the odds, a plan without ranges is the schedule', () => {
    const plan = [{ id: 'a', trackId: null, title: 'A', startDate: null, dueDate: day(30), status: 'planned' as const, progress: 0, completedOn: null }];
    const none = forecastPlan(plan, [], forecastEstimates([ms('a')], [], TODAY), TODAY, day(40));
    expect(none.probabilityByGoal).toBe(1);
    const est = forecastEstimates([ms('a', ranged(20, 40, 60))], [], TODAY);
    const f = forecastPlan(plan, [], est, TODAY, day(40), { runs: 4000 });
    // Symmetric triangle on [20, 60] with its mode at 40: half the runs are ready by day 40.
    expect(Math.abs(f.probabilityByGoal - 0.5)).toBeLessThan(0.05);
  });
});

describe('the ranged estimate’s validation', () => {
  it('wants all three dates or none, in order, and says which field to fix', () => {
    expect(estimateProblem({})).toBeNull();
    expect(estimateProblem({ estimateOptimistic: null, estimateLikely: null, estimatePessimistic: null })).toBeNull();
    expect(estimateProblem({ estimateOptimistic: '', estimateLikely: '', estimatePessimistic: '' })).toBeNull();
    expect(estimateProblem({ estimateOptimistic: day(1), estimateLikely: day(1), estimatePessimistic: day(1) })).toBeNull();
    expect(estimateProblem({ estimateOptimistic: day(1), estimateLikely: '', estimatePessimistic: day(3) })).toEqual({
      field: 'estimateLikely',
      message: 'Give all three dates of the forecast range, or none',
    });
    expect(estimateProblem({ estimateOptimistic: day(1) })?.field).toBe('estimateLikely');
    expect(estimateProblem({ estimateOptimistic: day(5), estimateLikely: day(2), estimatePessimistic: day(9) })).toEqual({
      field: 'estimateLikely',
      message: 'The likely date cannot be before the optimistic one',
    });
    expect(estimateProblem({ estimateOptimistic: day(1), estimateLikely: day(5), estimatePessimistic: day(4) })).toEqual({
      field: 'estimatePessimistic',
      message: 'The pessimistic date cannot be before the likely one',
    });
  });

  it('is part of milestone.create and milestone.update’s input', () => {
    const create = zMilestoneCreate.safeParse({ coalitionId: 'x', title: 'T', dueDate: day(10), ...ranged(5, 2, 9) });
    expect(create.success).toBe(false);
    expect(create.error?.issues[0]).toMatchObject({ path: ['estimateLikely'], message: 'The likely date cannot be before the optimistic one' });
    expect(zMilestoneCreate.safeParse({ title: 'T', dueDate: day(10), ...ranged(1, 2, 9) }).success).toBe(true);
    expect(zMilestoneCreate.safeParse({ title: 'T', dueDate: day(10) }).success).toBe(true);
    const id = 'a'.repeat(20);
    expect(zMilestoneUpdate.safeParse({ milestoneId: id, version: 1, title: 'New' }).success).toBe(true);
    expect(zMilestoneUpdate.safeParse({ milestoneId: id, version: 1, estimateOptimistic: null, estimateLikely: null, estimatePessimistic: null }).success).toBe(true);
    const partial = zMilestoneUpdate.safeParse({ milestoneId: id, version: 1, estimatePessimistic: day(3) });
    expect(partial.error?.issues[0]).toMatchObject({ path: ['estimateOptimistic'], message: 'Send the three dates of the forecast range together' });
  });
});
