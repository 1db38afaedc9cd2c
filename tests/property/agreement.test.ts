/**
 * Every place that shows a number or a flag about the plan gives the same answer, on random
 * plans (fast-check, 200 plans per property), in random time zones at an instant a few
 * minutes either side of the coalition's local midnight (so its "today" and the UTC date
 * differ):
 *
 *  1. percentages: home card (coalition.list) = dashboard = export summary; track.list =
 *     dashboard track bars = export summary tracks; all = an oracle on the raw rows;
 *  2. today and the countdown: dashboard = todayIn / daysToGoal (home card, top-bar chip);
 *  3. overdue / due soon / needs attention: dashboard lists = milestone list (DueText's
 *     dueState) = timeline rows = track.list overdue counts = oracle;
 *  4. late dependencies: milestone.get = milestone.list = timeline arrows = dashboard
 *     dependency problems = oracle;
 *  5. the schedule verdict: dashboard.outlook = scheduleOutlook(criticalPath); negative slack
 *     always reads "late".
 *
 * One test app (one SQLite file) for the file; a fresh coalition per generated plan, written
 * straight into the database and removed after the run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { daysToGoal, dueState, scheduleOutlook, todayIn } from '@coalition/domain';
import { buildTimelineModel } from '../../apps/web/src/features/milestones/timelineModel.ts';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';
import {
  dropPlan,
  instantNearMidnight,
  neverExpire,
  oracleBucket,
  oracleDue,
  oracleLate,
  oracleLatePairs,
  pairKey,
  planArb,
  seedPlan,
  shift,
  sorted,
  wallClock,
  type GenPlan,
  type SeededPlan,
} from './plans.ts';

const RUNS = 200;
const TIMEOUT = 120_000;

let clock = Date.now();
let app: TestApp;
let user: TestUser;

beforeAll(async () => {
  app = createTestApp({ now: () => clock });
  user = await app.signUp('Property Tester');
  // The clock jumps across 2024–2031 from one plan to the next: keep the one session valid.
  neverExpire(app.db);
});

afterAll(() => {
  app.db.$client.close();
  rmSync(app.dir, { recursive: true, force: true });
});

/** Seeds the plan, sets the server clock to its instant, runs `check`, and removes the plan. */
async function withPlan(gen: GenPlan, check: (plan: SeededPlan) => Promise<void>): Promise<void> {
  const plan = seedPlan(app.db, user.id, gen);
  clock = plan.instant.clock;
  try {
    await check(plan);
  } finally {
    dropPlan(app.db, plan.coalitionId);
  }
}

/** Every item of milestone.list, following keyset pages. */
async function listAll(coalitionId: string, limit: number) {
  const items = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await user.caller.milestone.list({ coalitionId, limit, ...(cursor ? { cursor } : {}) });
    items.push(...res.items);
    if (!res.nextCursor) return items;
    cursor = res.nextCursor;
  }
  throw new Error('milestone.list never ended');
}

const idsWhere = <T extends { id: string }>(xs: readonly T[], pred: (x: T) => boolean) => sorted(xs.filter(pred).map((x) => x.id));

const bucketOf = (b: { progress: number; milestoneCount: number; doneCount: number; droppedCount: number; overdueCount: number }) => ({
  progress: b.progress,
  milestoneCount: b.milestoneCount,
  doneCount: b.doneCount,
  droppedCount: b.droppedCount,
  overdueCount: b.overdueCount,
});

describe('every screen agrees with every other (property-based)', () => {
  it('sanity: the generated instant is minutes from local midnight and has the intended local date', () => {
    fc.assert(
      fc.property(planArb({ maxMilestones: 0 }), (gen) => {
        const { clock: at, minuteOffset, localToday, utcDate } = instantNearMidnight(gen.timeZone, gen.baseDay, gen.minutes, gen.second, gen.utcDiffers);
        const w = wallClock(gen.timeZone, at);
        expect(w.date).toBe(localToday);
        expect(minuteOffset < 0 ? w.hour === 23 && w.minute >= 50 : w.hour === 0 && w.minute < 10).toBe(true);
        // Away from UTC, on the chosen side of midnight, the server's UTC date is not the coalition's date.
        if (gen.timeZone !== 'UTC') expect(utcDate !== localToday).toBe(gen.utcDiffers);
      }),
      { numRuns: RUNS },
    );
  });

  it('1. percentages: home card = dashboard = export summary, track list = dashboard tracks = export tracks = oracle', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), (gen) =>
        withPlan(gen, async (plan) => {
          const { coalitionId, today } = plan;
          const [cards, dash, exported, trackList] = await Promise.all([
            user.caller.coalition.list(),
            user.caller.coalition.dashboard({ coalitionId }),
            user.caller.transfer.exportJson({ coalitionId }),
            user.caller.track.list({ coalitionId }),
          ]);
          const card = cards.find((c) => c.id === coalitionId);
          expect(card).toBeDefined();

          const oracle = oracleBucket(plan.milestones, today);
          // The coalition's figures.
          expect(bucketOf(card!.progress)).toEqual(oracle);
          expect(bucketOf(dash.progress.coalition)).toEqual(oracle);
          expect({ progress: exported.summary.progress, milestoneCount: exported.summary.milestoneCount, doneCount: exported.summary.doneCount }).toEqual({
            progress: oracle.progress,
            milestoneCount: oracle.milestoneCount,
            doneCount: oracle.doneCount,
          });
          expect(bucketOf(dash.progress.coalitionWide)).toEqual(oracleBucket(plan.milestones.filter((m) => m.trackId === null), today));

          // Each track's figures, in every place.
          expect(sorted(trackList.map((t) => t.id))).toEqual(sorted(plan.trackIds));
          expect(sorted(dash.progress.tracks.map((t) => t.id))).toEqual(sorted(plan.trackIds));
          expect(sorted(exported.summary.tracks.map((t) => t.id))).toEqual(sorted(plan.trackIds));
          const dashTrack = new Map(dash.progress.tracks.map((t) => [t.id, t]));
          const exportTrack = new Map(exported.summary.tracks.map((t) => [t.id, t]));
          for (const t of trackList) {
            const o = oracleBucket(plan.milestones.filter((m) => m.trackId === t.id), today);
            expect(bucketOf(t), `track.list ${t.name}`).toEqual(o);
            expect(bucketOf(dashTrack.get(t.id)!), `dashboard track ${t.name}`).toEqual(o);
            expect(exportTrack.get(t.id), `export track ${t.name}`).toEqual({ id: t.id, progress: o.progress, milestoneCount: o.milestoneCount, doneCount: o.doneCount });
          }
        }),
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('2. today and the countdown: dashboard = todayIn / daysToGoal as the home card and top bar compute them', async () => {
    await fc.assert(
      fc.asyncProperty(planArb({ maxMilestones: 3, maxEdges: 0 }), (gen) =>
        withPlan(gen, async (plan) => {
          const { coalitionId, instant } = plan;
          const [cards, dash] = await Promise.all([user.caller.coalition.list(), user.caller.coalition.dashboard({ coalitionId })]);
          const card = cards.find((c) => c.id === coalitionId)!;
          const tz = card.timeZone;
          expect(tz).toBe(plan.instant.timeZone);
          // The generator's own local date, the domain's todayIn and the dashboard's today.
          expect(todayIn(tz, clock)).toBe(instant.localToday);
          expect(dash.today).toBe(instant.localToday);
          // The home card's and the top-bar chip's countdown vs the dashboard's tile.
          expect(dash.daysToGoal).toBe(daysToGoal(card.goalDate, tz, clock));
          expect(dash.daysToGoal).toBe(gen.goalOffset);
          expect(dash.coalition.goalDate).toBe(card.goalDate);
        }),
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('3. overdue, due soon and needs attention: dashboard = milestone list = timeline = track list = oracle', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), (gen) =>
        withPlan(gen, async (plan) => {
          const { coalitionId, today } = plan;
          const [coalition, dash, items, timeline, trackList] = await Promise.all([
            user.caller.coalition.get({ coalitionId }),
            user.caller.coalition.dashboard({ coalitionId }),
            listAll(coalitionId, gen.pageSize),
            user.caller.milestone.timeline({ coalitionId }),
            user.caller.track.list({ coalitionId }),
          ]);
          // What the browser computes (useCoalitionToday) and what the dashboard says.
          const webToday = todayIn(coalition.timeZone, clock);
          expect(webToday).toBe(today);
          expect(dash.today).toBe(today);

          const allIds = sorted(plan.milestones.map((m) => m.id));
          expect(sorted(items.map((m) => m.id))).toEqual(allIds);
          const model = buildTimelineModel(timeline, trackList, webToday, coalition.goalDate);
          const rows = model.rows.flatMap((r) => (r.kind === 'ms' ? [{ id: r.m.id, due: r.due, late: r.late, trackId: r.m.trackId }] : []));
          expect(sorted(rows.map((r) => r.id))).toEqual(allIds);

          for (const kind of ['overdue', 'soon'] as const) {
            const fromOracle = idsWhere(plan.milestones, (m) => oracleDue(m, today) === kind);
            const dashList = kind === 'overdue' ? dash.schedule.overdue : dash.schedule.dueSoon;
            const dashCount = kind === 'overdue' ? dash.schedule.overdueCount : dash.schedule.dueSoonCount;
            expect(sorted(dashList.map((m) => m.id)), `dashboard ${kind}`).toEqual(fromOracle);
            expect(dashCount, `dashboard ${kind} count`).toBe(fromOracle.length);
            // The list's DueText: dueState(item, today).
            expect(idsWhere(items, (m) => dueState({ dueDate: m.dueDate, status: m.status }, webToday).kind === kind), `list ${kind}`).toEqual(fromOracle);
            expect(idsWhere(rows, (r) => r.due.kind === kind), `timeline ${kind}`).toEqual(fromOracle);
          }
          // The dashboard's wording and day counts are the list's.
          const listDue = new Map(items.map((m) => [m.id, dueState(m, webToday)]));
          for (const s of [...dash.schedule.overdue, ...dash.schedule.dueSoon]) {
            expect({ days: s.days, text: s.dueText }).toEqual({ days: listDue.get(s.id)!.days, text: listDue.get(s.id)!.text });
          }
          // Overdue per track: track.list = dashboard overdue list = dashboard track bar.
          const dashTrack = new Map(dash.progress.tracks.map((t) => [t.id, t]));
          for (const t of trackList) {
            const n = dash.schedule.overdue.filter((m) => m.trackId === t.id).length;
            expect(t.overdueCount, `track ${t.name} overdue`).toBe(n);
            expect(dashTrack.get(t.id)!.overdueCount).toBe(n);
          }
          expect(dash.progress.coalition.overdueCount).toBe(dash.schedule.overdueCount);

          // Needs attention: open and at risk or blocked.
          const attention = idsWhere(plan.milestones, (m) => m.status === 'at_risk' || m.status === 'blocked');
          expect(sorted(dash.schedule.attention.map((m) => m.id))).toEqual(attention);
          expect(dash.schedule.attentionCount).toBe(attention.length);
          expect(idsWhere(items, (m) => m.status === 'at_risk' || m.status === 'blocked')).toEqual(attention);
        }),
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('4. late dependencies: milestone.get = milestone.list = timeline arrows = dashboard problems = oracle', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), (gen) =>
        withPlan(gen, async (plan) => {
          const { coalitionId } = plan;
          const [dash, items, timeline, trackList] = await Promise.all([
            user.caller.coalition.dashboard({ coalitionId }),
            listAll(coalitionId, gen.pageSize),
            user.caller.milestone.timeline({ coalitionId }),
            user.caller.track.list({ coalitionId }),
          ]);
          const model = buildTimelineModel(timeline, trackList, todayIn(plan.instant.timeZone, clock), plan.goalDate);
          const oraclePairs = oracleLatePairs(plan);
          const depsOf = (id: string) => sorted(plan.edges.filter((e) => e.milestoneId === id).map((e) => e.dependsOnId));
          const oracleLateOf = (id: string) => sorted(plan.edges.filter((e) => e.milestoneId === id && oraclePairs.has(pairKey(id, e.dependsOnId))).map((e) => e.dependsOnId));

          // Timeline arrows and rows.
          expect(model.edges.length).toBe(plan.edges.length);
          const timelinePairs = new Set(model.edges.filter((e) => e.late).map((e) => pairKey(e.to.id, e.from.id)));
          expect(sorted(timelinePairs)).toEqual(sorted(oraclePairs));
          expect(model.lateCount).toBe(oraclePairs.size);
          const lateRows = new Set(model.rows.flatMap((r) => (r.kind === 'ms' && r.late ? [r.m.id] : [])));
          expect(sorted(lateRows)).toEqual(sorted(model.lateTargets));

          // The list: each item's dependencies and late ones; the union of its flags.
          const listPairs = new Set<string>();
          for (const m of items) {
            expect(sorted(m.dependsOn), `list dependsOn ${m.title}`).toEqual(depsOf(m.id));
            expect(sorted(m.lateDependencies), `list late ${m.title}`).toEqual(oracleLateOf(m.id));
            expect(m.lateDependencies.length > 0).toBe(lateRows.has(m.id));
            for (const d of m.lateDependencies) listPairs.add(pairKey(m.id, d));
            const row = plan.byId.get(m.id)!;
            if (row.status === 'done' || row.status === 'dropped') expect(m.lateDependencies).toEqual([]);
            for (const d of m.lateDependencies) expect(plan.byId.get(d)!.status).not.toBe('dropped');
          }
          expect(sorted(listPairs)).toEqual(sorted(oraclePairs));

          // The dashboard's dependency problems.
          expect(dash.dependencyViolationCount).toBe(oraclePairs.size);
          const dashPairs = dash.dependencyViolations.map((v) => pairKey(v.milestoneId, v.dependsOnId));
          expect(new Set(dashPairs).size).toBe(dashPairs.length);
          if (oraclePairs.size <= 50) expect(sorted(dashPairs)).toEqual(sorted(oraclePairs));
          else for (const p of dashPairs) expect(oraclePairs.has(p)).toBe(true);
          for (const v of dash.dependencyViolations) {
            const dep = plan.byId.get(v.dependsOnId)!;
            expect(v.dependsOnFinish).toBe(dep.status === 'done' ? dep.completedOn : dep.dueDate);
          }

          // The detail page, for up to 10 milestones: those with late dependencies first, then other waiting ones.
          const rank = (id: string) => (oracleLateOf(id).length ? 0 : depsOf(id).length ? 1 : 2);
          const chosen = [...plan.milestones].sort((a, b) => rank(a.id) - rank(b.id) || a.index - b.index).slice(0, 10);
          const details = await Promise.all(chosen.map((m) => user.caller.milestone.get({ coalitionId, milestoneId: m.id })));
          const itemById = new Map(items.map((m) => [m.id, m]));
          for (const d of details) {
            expect(sorted(d.dependsOn.map((x) => x.id)), `get dependsOn ${d.title}`).toEqual(depsOf(d.id));
            expect(sorted(d.lateDependencies), `get late ${d.title}`).toEqual(sorted(itemById.get(d.id)!.lateDependencies));
            expect(sorted(d.lateDependencies)).toEqual(sorted(model.edges.filter((e) => e.to.id === d.id && e.late).map((e) => e.from.id)));
            for (const x of d.dependsOn) {
              expect(d.lateDependencies.includes(x.id)).toBe(oracleLate(plan.byId.get(d.id)!, plan.byId.get(x.id)!));
            }
          }
        }),
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('5. the schedule verdict: outlook = scheduleOutlook(criticalPath), and negative slack always reads late', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(), (gen) =>
        withPlan(gen, async (plan) => {
          const dash = await user.caller.coalition.dashboard({ coalitionId: plan.coalitionId });
          const cp = dash.criticalPath;
          expect(dash.outlook).toEqual(scheduleOutlook(cp));
          expect(cp.goalDate).toBe(plan.goalDate);
          const counted = plan.milestones.filter((m) => m.status !== 'dropped');
          if (counted.length === 0) {
            expect(cp.slackDays).toBeNull();
            expect(dash.outlook.kind).toBe('empty');
            return;
          }
          expect(cp.slackDays).not.toBeNull();
          expect(cp.projectedFinish).not.toBeNull();
          expect(shift(cp.projectedFinish!, cp.slackDays!)).toBe(plan.goalDate);
          if (cp.slackDays! < 0) {
            expect(dash.outlook.kind).toBe('late');
            expect(dash.outlook.tone).toBe('danger');
            expect(dash.outlook.text).toBe(`${-cp.slackDays!} day${cp.slackDays === -1 ? '' : 's'} late`);
          } else {
            expect(dash.outlook.kind).not.toBe('late');
          }
          // The path ends no earlier than any open milestone is due (nothing finishes before it is due).
          for (const m of counted) if (m.status !== 'done') expect(cp.projectedFinish! >= m.dueDate).toBe(true);
        }),
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe('the demo-style late chain (example)', () => {
  it('a late chain with nothing overdue: outlook late, and the tile reads "N days late"', async () => {
    // Kiritimati (UTC+14), five minutes after local midnight: the UTC date is still the day before.
    const gen: GenPlan = {
      timeZone: 'Pacific/Kiritimati',
      baseDay: Math.round(Date.parse('2026-06-01T00:00:00Z') / 86_400_000),
      minutes: 5,
      second: 0,
      utcDiffers: true,
      goalOffset: 60,
      tracks: [{ status: 'active' }],
      partners: [],
      milestones: [
        // 0: the ratification push, due 4 days after the goal date, under way.
        { track: 0, status: 'in_progress', progress: 40, dueOffset: 64, startLead: 30, completedAgo: 0, owner: null },
        // 1: the summit on the goal date, waiting for the ratification push (a late dependency).
        { track: null, status: 'planned', progress: 0, dueOffset: 60, startLead: null, completedAgo: 0, owner: null },
        // 2: done well before today; 3: due in three weeks.
        { track: 0, status: 'done', progress: 100, dueOffset: -10, startLead: null, completedAgo: 12, owner: null },
        { track: 0, status: 'planned', progress: 0, dueOffset: 21, startLead: 7, completedAgo: 0, owner: null },
      ],
      edges: [[1, 0], [3, 2]],
      assignments: [],
      pageSize: 500,
    };
    await withPlan(gen, async (plan) => {
      expect(plan.instant.utcDate).toBe('2026-05-31');
      const dash = await user.caller.coalition.dashboard({ coalitionId: plan.coalitionId });
      expect(dash.today).toBe('2026-06-01');
      expect(dash.schedule.overdueCount).toBe(0);
      expect(dash.dependencyViolationCount).toBe(1);
      expect(dash.criticalPath.milestoneIds).toEqual([plan.milestones[0]!.id, plan.milestones[1]!.id]);
      expect(dash.criticalPath.projectedFinish).toBe('2026-08-04');
      expect(dash.criticalPath.slackDays).toBe(-4);
      expect(dash.outlook).toEqual({ kind: 'late', days: 4, text: '4 days late', tone: 'danger' });
      // The Schedule tile's value is `d.outlook.text` (Tiles.tsx), as is the Critical path card's verdict.
      const n = -dash.criticalPath.slackDays!;
      expect(dash.outlook.text).toBe(`${n} days late`);
      expect(dash.outlook).toEqual(scheduleOutlook(dash.criticalPath));
    });
  });
});
