import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, criticalPath, forwardPass, fromDayNumber, type PlanDependency, type PlanMilestone } from '../index.ts';
import { forecastPlan, likelihoodPercent, type RangeEstimate } from './simulate.ts';
import { seededRandom, triangularAt } from './random.ts';
import { gammaQuantile, thresholdPace } from './threshold.ts';
import { positionMovement, positionOn, supportGrowth, whipCount, type PositionChange } from './positions.ts';

const TODAY = '2026-06-01';
const day = (n: number) => addDays(TODAY, n);
const offset = (iso: string) => Math.round((Date.parse(iso) - Date.parse(TODAY)) / 86_400_000);

function ms(id: string, fields: Partial<PlanMilestone> = {}): PlanMilestone {
  return { id, trackId: null, title: id.toUpperCase(), startDate: null, dueDate: day(30), status: 'planned', progress: 0, completedOn: null, ...fields };
}
const range = (o: number, l: number, p: number): RangeEstimate => ({ optimistic: day(o), likely: day(l), pessimistic: day(p) });

describe('forecastPlan against closed forms', () => {
  it('one ranged milestone: its percentiles are the triangular distribution’s quantiles', () => {
    // Triangular on [100, 1100] with the mode at 100: F(x) = 1 − (1100 − x)² / 1000², so the
    // q-quantile is 1100 − 1000·√(1 − q): P50 392.9, P80 652.8, P95 876.4 days from today.
    const f = forecastPlan([ms('a', { dueDate: day(400) })], [], new Map([['a', range(100, 100, 1100)]]), TODAY, day(393), { runs: 20_000 });
    const a = f.milestones[0]!;
    expect(offset(a.p50)).toBeGreaterThanOrEqual(393 - 10);
    expect(offset(a.p50)).toBeLessThanOrEqual(393 + 10);
    expect(Math.abs(offset(a.p80) - 653)).toBeLessThanOrEqual(10);
    expect(Math.abs(offset(a.p95) - 876)).toBeLessThanOrEqual(10);
    expect(f.probabilityByGoal).toBeGreaterThan(0.48);
    expect(f.probabilityByGoal).toBeLessThan(0.52);
    // On time by its due date (day 400): F(400.5) = 1 − (699.5/1000)² ≈ 0.511.
    expect(Math.abs(a.onTime - 0.511)).toBeLessThan(0.02);
    expect(f.resolutionDays).toBe(1);
  });

  it('two milestones in parallel: ready when both are, P(ready by g) = F(g)²', () => {
    // Each triangular on [10, 1010], mode 510: F(510) = ½, so P(both by day 510) = ¼; the
    // median of the later one solves F(x)² = ½: x = 1010 − 1000·√(0.2929/2) ≈ 627.3.
    const est = new Map([
      ['a', range(10, 510, 1010)],
      ['b', range(10, 510, 1010)],
    ]);
    const f = forecastPlan([ms('a'), ms('b')], [], est, TODAY, day(510), { runs: 20_000 });
    expect(Math.abs(f.probabilityByGoal - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(offset(f.ready!.p50) - 627)).toBeLessThanOrEqual(10);
    // Each is the last one about half the time.
    for (const m of f.milestones) expect(Math.abs(m.criticality - 0.5)).toBeLessThan(0.03);
  });

  it('a dependency carries its range to what waits for it, and names it on the late path', () => {
    const est = new Map([['a', range(100, 100, 1100)]]);
    const plan = [ms('a'), ms('b', { dueDate: day(50) })];
    const deps: PlanDependency[] = [{ milestoneId: 'b', dependsOnId: 'a' }];
    const f = forecastPlan(plan, deps, est, TODAY, day(2000), { runs: 5000 });
    const [a, b] = f.milestones;
    expect([b!.p50, b!.p80, b!.p95]).toEqual([a!.p50, a!.p80, a!.p95]);
    expect(a!.criticality).toBe(1);
    expect(b!.criticality).toBe(1);
    expect(b!.onTime).toBe(0); // b is due on day 50; a finishes on day 100 at the earliest
    expect(f.lateDrivers.map((d) => d.id).sort()).toEqual(['a', 'b']);
    expect(f.probabilityByGoal).toBe(1);
  });

  it('without estimates it is the critical path: every percentile is the earliest finish', () => {
    const plan = [
      ms('a', { startDate: day(-10), dueDate: day(20), status: 'in_progress', progress: 40 }),
      ms('b', { dueDate: day(10) }),
      ms('c', { dueDate: day(5), status: 'done', completedOn: day(-3) }),
      ms('d', { dueDate: day(15) }),
      ms('x', { dueDate: day(90), status: 'dropped' }),
    ];
    const deps: PlanDependency[] = [
      { milestoneId: 'b', dependsOnId: 'a' },
      { milestoneId: 'd', dependsOnId: 'b' },
      { milestoneId: 'b', dependsOnId: 'c' },
    ];
    const f = forecastPlan(plan, deps, new Map(), TODAY, day(19), { runs: 50 });
    const { schedule } = forwardPass(plan, deps, TODAY);
    for (const m of f.milestones) {
      const ef = fromDayNumber(schedule.get(m.id)!.ef);
      expect([m.p50, m.p80, m.p95]).toEqual([ef, ef, ef]);
    }
    expect(f.milestones.map((m) => m.id)).not.toContain('x');
    const cp = criticalPath(plan, deps, TODAY, day(19));
    expect(f.ready).toEqual({ p50: cp.projectedFinish, p80: cp.projectedFinish, p95: cp.projectedFinish });
    expect(f.probabilityByGoal).toBe(0); // a (due day 20) drives b and d: the plan needs day 20, the goal is day 19
    // The late path in every run is the critical path's chain.
    expect(cp.milestoneIds).toEqual(['a', 'b', 'd']);
    expect(f.lateDrivers).toEqual(['a', 'b', 'd'].map((id) => ({ id, title: id.toUpperCase(), criticality: 1 })));
    expect(forecastPlan(plan, deps, new Map(), TODAY, day(20)).probabilityByGoal).toBe(1);
  });

  it('is reproducible with a seed, and a done milestone ignores its estimate', () => {
    const plan = [ms('a'), ms('b'), ms('c', { status: 'done', completedOn: day(-1) })];
    const est = new Map([
      ['a', range(0, 30, 200)],
      ['b', range(5, 10, 400)],
      ['c', range(100, 200, 300)],
    ]);
    const one = forecastPlan(plan, [], est, TODAY, day(100), { seed: 7 });
    expect(forecastPlan(plan, [], est, TODAY, day(100), { seed: 7 })).toEqual(one);
    expect(one.milestones.find((m) => m.id === 'c')!.p95).toBe(day(-1));
    expect(forecastPlan(plan, [], est, TODAY, day(100), { seed: 8 }).probabilityByGoal).not.toBe(one.probabilityByGoal);
  });

  it('an empty plan is ready, and the percentage never rounds to certainty', () => {
    expect(forecastPlan([], [], new Map(), TODAY, day(10)).probabilityByGoal).toBe(1);
    expect(likelihoodPercent(0.996)).toBe(99);
    expect(likelihoodPercent(0.004)).toBe(1);
    expect(likelihoodPercent(0.62)).toBe(62);
  });

  it('property: P50 ≤ P80 ≤ P95, within the estimates, and never before what it waits for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
        (ranges, edges) => {
          const plan = ranges.map((_, i) => ms(`m${i}`, { dueDate: day(150) }));
          const est = new Map<string, RangeEstimate>(ranges.map(([x, y, z], i) => {
            const [o, l, p] = [x, y, z].sort((u, v) => u - v) as [number, number, number];
            return [`m${i}`, range(o, l, p)];
          }));
          // Only edges to an earlier index: a DAG.
          const deps = edges
            .map(([u, v]) => [u % ranges.length, v % ranges.length] as const)
            .filter(([u, v]) => v < u)
            .map(([u, v]) => ({ milestoneId: `m${u}`, dependsOnId: `m${v}` }));
          const f = forecastPlan(plan, deps, est, TODAY, day(150), { runs: 200, seed: 3 });
          const by = new Map(f.milestones.map((m) => [m.id, m]));
          for (const m of f.milestones) {
            expect(m.p50 <= m.p80 && m.p80 <= m.p95).toBe(true);
            expect(m.p50 >= est.get(m.id)!.optimistic).toBe(true);
          }
          for (const d of deps) expect(by.get(d.milestoneId)!.p50 >= by.get(d.dependsOnId)!.p50).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('draws from the triangular distribution it documents', () => {
    const random = seededRandom(42);
    let below = 0;
    for (let i = 0; i < 10_000; i++) if (triangularAt(random(), 0, 0, 10) <= 5) below++;
    // F(5) = 1 − (10 − 5)² / 100 = 0.75
    expect(Math.abs(below / 10_000 - 0.75)).toBeLessThan(0.015);
  });
});

describe('thresholdPace', () => {
  it('counts acts, says when the threshold was met, and stops projecting', () => {
    const dates = ['1998-01-10', '1998-02-01', '1998-03-01', '1998-09-16'];
    const p = thresholdPace(dates, 3, '1998-12-01');
    expect(p).toMatchObject({ count: 4, threshold: 3, progress: 100, reachedOn: '1998-03-01', projected: null, range: null });
  });

  it('projects the remaining acts at the recent pace (Gamma quantiles)', () => {
    // 12 acts in the last 180 days: one every 15 days; 28 still needed. The median of
    // Gamma(28, 1/15) is close to (28 − 1/3)·15 = 415 days.
    const dates = Array.from({ length: 12 }, (_, i) => addDays(TODAY, -15 * i - 1));
    const p = thresholdPace(dates, 40, TODAY);
    expect(p.count).toBe(12);
    expect(p.progress).toBe(30);
    expect(p.perMonth).toBe(2);
    expect(Math.abs(offset(p.projected!) - 415)).toBeLessThanOrEqual(2);
    expect(p.range!.optimistic < p.range!.likely && p.range!.likely < p.range!.pessimistic).toBe(true);
    // Future-dated acts are not counted yet.
    expect(thresholdPace([...dates, day(5)], 40, TODAY).count).toBe(12);
  });

  it('has no pace without recent acts, and Wilson–Hilferty is close to the exact exponential median', () => {
    expect(thresholdPace(['2020-01-01'], 10, TODAY)).toMatchObject({ count: 1, projected: null, range: null, perMonth: 0 });
    // k = 1: exponential, exact median ln 2 / rate.
    expect(Math.abs(gammaQuantile(1, 1 / 30, 0) - 30 * Math.LN2)).toBeLessThan(0.5);
  });
});

describe('positions over time', () => {
  const changes: PositionChange[] = [
    { partnerId: 'fr', date: '2026-01-05', position: 'neutral' },
    { partnerId: 'fr', date: '2026-03-02', position: 'supportive' },
    { partnerId: 'ngo', date: '2026-02-10', position: 'champion' },
    { partnerId: 'ngo', date: '2026-04-01', position: 'sceptical' },
    { partnerId: 'us', date: '2026-02-20', position: 'opposed' },
  ];

  it('reads the position on a day from the latest change up to it', () => {
    expect(positionOn(changes.filter((c) => c.partnerId === 'fr'), '2026-01-01')).toBe('unknown');
    expect(positionOn(changes.filter((c) => c.partnerId === 'fr'), '2026-03-01')).toBe('neutral');
    expect(positionOn(changes.filter((c) => c.partnerId === 'fr'), '2026-03-02')).toBe('supportive');
  });

  it('counts supporters week by week, state and non-state apart', () => {
    const partners = [
      { id: 'fr', kind: 'state' as const },
      { id: 'us', kind: 'state' as const },
      { id: 'ngo', kind: 'civil_society' as const },
    ];
    const series = supportGrowth(partners, changes, '2026-02-02', '2026-04-06');
    const at = (week: string) => series.find((p) => p.week === week)!;
    expect(series[0]!.week).toBe('2026-02-02');
    expect(at('2026-02-02')).toMatchObject({ state: 0, nonState: 0 });
    expect(at('2026-02-09')).toMatchObject({ state: 0, nonState: 1 });
    expect(at('2026-03-02')).toMatchObject({ state: 1, nonState: 1 });
    expect(at('2026-03-30')).toMatchObject({ state: 1, nonState: 0 });
    expect(series.at(-1)!.week).toBe('2026-04-06');
  });

  it('says how far each partner moved, and groups a whip count', () => {
    const moved = positionMovement(changes, '2026-04-15', 60); // since 14 Feb
    expect(moved.get('fr')).toBe(1); // neutral → supportive
    expect(moved.get('ngo')).toBe(-3); // champion → sceptical
    expect(moved.has('us')).toBe(false); // unknown on 14 Feb
    expect(
      whipCount([
        { act: 'ratified', counts: true, position: 'sceptical' },
        { act: null, counts: false, position: 'champion' },
        { act: null, counts: false, position: 'supportive' },
        { act: 'abstained', counts: false, position: 'unknown' },
        { act: 'voted_no', counts: false, position: 'supportive' },
        { act: null, counts: false, position: 'opposed' },
      ]),
    ).toEqual({ committed: 2, likely: 1, undecided: 1, opposed: 2 });
  });
});
