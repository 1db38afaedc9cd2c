/**
 * forecast.get through the real router: the odds on plans whose answer is known (one ranged
 * milestone: the triangular CDF at the goal date; no ranges: the schedule's yes or no), a
 * threshold milestone's pace, reproducibility, the cache, the worker thread, who may read it,
 * and the ranged estimate's validation on milestone.create / milestone.update.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@coalition/api';
import { milestones, newId, partnerActs, partners } from '@coalition/db';
import { addDays, daysBetween, thresholdPace } from '@coalition/domain';
import { eq } from 'drizzle-orm';
import { DashboardService } from '../../packages/api/src/services/dashboard/index.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { createTeam, type Team } from '../support/team.ts';

/** The forecast's "today" (the team's goal date is 2030-06-01). */
const TODAY = '2029-01-01';
const GOAL = '2030-06-01';

async function setup() {
  const app = createTestApp();
  const team = await createTeam(app);
  return { app, team, coalitionId: team.coalitionId };
}

const range = (o: string, l: string, p: string) => ({ estimateOptimistic: o, estimateLikely: l, estimatePessimistic: p });

/** CDF of the triangular distribution on [a, b] with mode c, at x. */
function triangularCdf(x: number, a: number, c: number, b: number): number {
  if (x <= a) return 0;
  if (x >= b) return 1;
  return x <= c ? (x - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - x) ** 2 / ((b - a) * (b - c));
}

async function milestone(team: Team, fields: Record<string, unknown>) {
  return team.editor.caller.milestone.create({ coalitionId: team.coalitionId, title: 'A milestone', dueDate: '2029-06-01', ...fields });
}

describe('forecast.get', () => {
  it('one ranged milestone: the probability of being ready by the goal is the triangular CDF there', async () => {
    const { team, coalitionId } = await setup();
    const est = range('2029-03-01', '2029-09-01', '2030-12-01');
    const m = await milestone(team, { title: 'Ratification', ...est });
    const f = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    const [a, c, b] = [est.estimateOptimistic, est.estimateLikely, est.estimatePessimistic].map((d) => daysBetween(TODAY, d)) as [number, number, number];
    // A draw is rounded to a day: ready by the goal day means a draw below it + ½.
    const expected = triangularCdf(daysBetween(TODAY, GOAL) + 0.5, a, c, b);
    expect(Math.abs(f.probabilityByGoal - expected)).toBeLessThan(0.03);
    expect(f).toMatchObject({ goalDate: GOAL, today: TODAY, runs: 2000, seed: 1, openCount: 1, estimatedCount: 1, fromPaceCount: 0 });
    // Its median is the triangle's: c < median here (the right tail is longer).
    const median = b - Math.sqrt(0.5 * (b - a) * (b - c));
    const mine = f.milestones.find((x) => x.id === m.id)!;
    expect(Math.abs(daysBetween(TODAY, mine.p50) - median)).toBeLessThanOrEqual(8);
    expect(mine.p50 <= mine.p80 && mine.p80 <= mine.p95).toBe(true);
    expect(mine).toMatchObject({ source: 'estimate', criticality: 1 });
    expect(f.ready).toEqual({ p50: mine.p50, p80: mine.p80, p95: mine.p95 });
    expect(f.lateDrivers).toEqual([{ id: m.id, title: 'Ratification', criticality: 1 }]);
  });

  it('without ranges it is the schedule: 100 % when the plan finishes by the goal, 0 % when it cannot', async () => {
    const { team, coalitionId } = await setup();
    const a = await milestone(team, { title: 'Early', dueDate: '2029-05-01' });
    let f = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    expect(f).toMatchObject({ probabilityByGoal: 1, estimatedCount: 0, ready: { p50: '2029-05-01', p80: '2029-05-01', p95: '2029-05-01' } });
    expect(f.milestones).toEqual([]); // nothing uncertain: every milestone finishes as planned
    // A milestone due after the goal, waiting for the first: never ready in time.
    const late = await milestone(team, { title: 'Too late', dueDate: '2030-09-01', dependsOn: [a.id] });
    f = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    expect(f.probabilityByGoal).toBe(0);
    expect(f.ready?.p95).toBe('2030-09-01');
    expect(f.lateDrivers.map((d) => d.id)).toEqual([late.id]);
  });

  it('a dependency carries a range to what waits for it, and the ranged one is named on the late path', async () => {
    const { team, coalitionId } = await setup();
    const a = await milestone(team, { title: 'Negotiation', dueDate: '2029-04-01', ...range('2029-03-01', '2029-06-01', '2030-10-01') });
    const b = await milestone(team, { title: 'Signature', dueDate: '2029-05-01', dependsOn: [a.id] });
    await milestone(team, { title: 'Side event', dueDate: '2029-02-01' });
    const f = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    const byId = new Map(f.milestones.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(byId.get(b.id)).toMatchObject({ p50: byId.get(a.id)!.p50, p95: byId.get(a.id)!.p95, source: null, criticality: 1 });
    expect(byId.get(b.id)!.onTime).toBeLessThan(0.1); // b is due on 1 May; a is rarely done by then
    expect(f.lateDrivers.map((d) => d.title).sort()).toEqual(['Negotiation', 'Signature']);
  });

  it('a threshold milestone takes its range from the pace of the acts that count', async () => {
    const { app, team, coalitionId } = await setup();
    const m = await milestone(team, { title: '40 ratifications', dueDate: '2029-12-01' });
    app.db.update(milestones).set({ thresholdAct: 'ratified', threshold: 40 }).where(eq(milestones.id, m.id)).run();
    const now = Date.now();
    const base = { coalitionId, createdAt: now, updatedAt: now };
    const ids = Array.from({ length: 14 }, () => newId());
    app.db.insert(partners).values(ids.map((id, i) => ({ ...base, id, name: `State ${i}`, kind: 'state' as const }))).run();
    // Twelve ratifications, one every 15 days; two signatures (another act: they do not count).
    const ratified = ids.slice(0, 12).map((partnerId, i) => ({ ...base, id: newId(), milestoneId: m.id, partnerId, act: 'ratified' as const, actedOn: addDays(TODAY, -15 * i - 1) }));
    const signed = ids.slice(12).map((partnerId) => ({ ...base, id: newId(), milestoneId: m.id, partnerId, act: 'signed' as const, actedOn: addDays(TODAY, -2) }));
    app.db.insert(partnerActs).values([...ratified, ...signed]).run();
    const f = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    const pace = thresholdPace(ratified.map((r) => r.actedOn), 40, TODAY);
    const mine = f.milestones.find((x) => x.id === m.id)!;
    expect(mine.source).toBe('pace');
    expect(f.fromPaceCount).toBe(1);
    // The median of the pace's range (~415 days) is within the simulated P50's reach.
    expect(Math.abs(daysBetween(pace.range!.likely, mine.p50))).toBeLessThanOrEqual(30);
    expect(mine.p50 >= pace.range!.optimistic && mine.p95 <= pace.range!.pessimistic).toBe(true);
  });

  it('is reproducible: the same plan gives the same numbers, from the cache or a fresh computation', async () => {
    const { app, team, coalitionId } = await setup();
    await milestone(team, { title: 'One', ...range('2029-02-01', '2029-05-01', '2030-01-01') });
    await milestone(team, { title: 'Two', ...range('2029-03-01', '2029-04-01', '2030-09-01') });
    const first = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    const recomputes = app.services.dashboards.forecastRecomputes;
    expect(await team.owner.caller.forecast.get({ coalitionId, today: TODAY })).toEqual(first);
    expect(app.services.dashboards.forecastRecomputes).toBe(recomputes); // from the cache
    const fresh = new DashboardService(app.db);
    expect(await fresh.forecast(coalitionId, TODAY)).toEqual(first);
    expect(first.probabilityByGoal).toBeGreaterThan(0);
    expect(first.probabilityByGoal).toBeLessThan(1);
  });

  it('follows a change of estimate at once (the cache is per plan version)', async () => {
    const { app, team, coalitionId } = await setup();
    const m = await milestone(team, range('2029-02-01', '2029-05-01', '2030-12-01'));
    const before = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    expect(before.probabilityByGoal).toBeLessThan(1);
    const recomputes = app.services.dashboards.forecastRecomputes;
    await team.editor.caller.milestone.update({ coalitionId, milestoneId: m.id, version: m.version, ...range('2029-02-01', '2029-03-01', '2029-04-01') });
    const after = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    expect(app.services.dashboards.forecastRecomputes).toBe(recomputes + 1);
    expect(after.probabilityByGoal).toBe(1);
    expect(after.milestones[0]!.p95 <= '2029-04-01').toBe(true);
  });

  it('is for members: every role reads it, another coalition’s member and anonymous callers are refused', async () => {
    const { app, team, coalitionId } = await setup();
    for (const who of [team.viewer, team.editor, team.owner]) await expect(who.caller.forecast.get({ coalitionId })).resolves.toMatchObject({ goalDate: GOAL });
    await expect(team.outsider.caller.forecast.get({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' }); // not a member: not even its existence
    await expect(app.anonymous.forecast.get({ coalitionId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(team.viewer.caller.forecast.get({ coalitionId: team.otherCoalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(team.viewer.caller.forecast.get({ coalitionId, today: '2029-02-30' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('runs on the worker thread with the same numbers, leaving the main thread free', async () => {
    const { app, team, coalitionId } = await setup();
    const a = await milestone(team, { title: 'Alpha', ...range('2029-02-01', '2029-05-01', '2030-10-01') });
    await milestone(team, { title: 'Beta', dueDate: '2029-08-01', dependsOn: [a.id] });
    const inProcess = await team.viewer.caller.forecast.get({ coalitionId, today: TODAY });
    const worker = new DashboardService(app.db, { workerDbPath: join(app.dir, 'test.db') });
    try {
      const order: string[] = [];
      const fromWorker = worker.forecast(coalitionId, TODAY).then((f) => {
        order.push('forecast');
        return f;
      });
      await team.viewer.caller.coalition.get({ coalitionId }).then(() => order.push('get'));
      expect(await fromWorker).toEqual(inProcess);
      expect(order).toEqual(['get', 'forecast']);
      // The dashboard still comes from the same worker.
      expect((await worker.get(coalitionId, TODAY)).coalition.id).toBe(coalitionId);
    } finally {
      await worker.close();
    }
  });
});

describe('the ranged estimate on milestone.create / milestone.update', () => {
  const errorsOf = (e: { cause?: unknown }) => fieldErrorsOf(e.cause);

  async function expectRefused(app: TestApp, call: Promise<unknown>, fields: Record<string, string[]>) {
    const before = app.rowCounts();
    const err = (await call.catch((e: unknown) => e)) as { code: string; cause?: unknown };
    expect(err.code).toBe('BAD_REQUEST');
    expect(errorsOf(err)).toEqual(fields);
    expect(app.rowCounts()).toEqual(before);
  }

  it('is saved, read back by milestone.get and milestone.list, changed and cleared', async () => {
    const { team, coalitionId } = await setup();
    const m = await milestone(team, range('2029-02-01', '2029-03-01', '2029-05-01'));
    expect(m).toMatchObject(range('2029-02-01', '2029-03-01', '2029-05-01'));
    expect(await team.viewer.caller.milestone.get({ coalitionId, milestoneId: m.id })).toMatchObject(range('2029-02-01', '2029-03-01', '2029-05-01'));
    const list = await team.viewer.caller.milestone.list({ coalitionId });
    expect(list.items[0]).toMatchObject(range('2029-02-01', '2029-03-01', '2029-05-01'));
    // An update that leaves the range out keeps it.
    const renamed = await team.editor.caller.milestone.update({ coalitionId, milestoneId: m.id, version: m.version, title: 'Renamed' });
    expect(renamed).toMatchObject(range('2029-02-01', '2029-03-01', '2029-05-01'));
    const cleared = await team.editor.caller.milestone.update({ coalitionId, milestoneId: m.id, version: renamed.version, estimateOptimistic: null, estimateLikely: null, estimatePessimistic: null });
    expect(cleared).toMatchObject({ estimateOptimistic: null, estimateLikely: null, estimatePessimistic: null });
  });

  it('refuses a partial or disordered range with a message on the field, and writes nothing', async () => {
    const { app, team, coalitionId } = await setup();
    await expectRefused(app, milestone(team, { estimateOptimistic: '2029-02-01', estimateLikely: null, estimatePessimistic: '2029-03-01' }), {
      estimateLikely: ['Give all three dates of the forecast range, or none'],
    });
    await expectRefused(app, milestone(team, range('2029-04-01', '2029-03-01', '2029-05-01')), {
      estimateLikely: ['The likely date cannot be before the optimistic one'],
    });
    await expectRefused(app, milestone(team, range('2029-02-01', '2029-06-01', '2029-05-01')), {
      estimatePessimistic: ['The pessimistic date cannot be before the likely one'],
    });
    await expectRefused(app, milestone(team, range('2029-02-01', '2029-02-30', '2029-05-01')), { estimateLikely: ['Not a real calendar date'] });
    const m = await milestone(team, {});
    await expectRefused(app, team.editor.caller.milestone.update({ coalitionId, milestoneId: m.id, version: m.version, estimatePessimistic: '2029-05-01' }), {
      estimateOptimistic: ['Send the three dates of the forecast range together'],
    });
    await expect(team.viewer.caller.milestone.update({ coalitionId, milestoneId: m.id, version: m.version, ...range('2029-02-01', '2029-03-01', '2029-05-01') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
