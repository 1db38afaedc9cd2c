/**
 * coalition.dashboard through the real router: the computed parts on a small known plan,
 * the fixed number of SQL statements whatever the plan size, and speed on a large plan.
 * Plan rows are inserted directly with drizzle (the other routers are built in parallel).
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  activity,
  bottlenecks,
  coalitions,
  memberships,
  milestoneDependencies,
  milestones,
  newId,
  partners,
  trackAssignments,
  tracks,
  type Db,
} from '@coalition/db';
import { addDays, type Contribution } from '@coalition/domain';
import { join } from 'node:path';
import { DASHBOARD_QUERY_COUNT, DashboardReader, DashboardService } from '../../packages/api/src/services/dashboard/index.ts';
import { countStatements, createTestApp, type TestUser } from '../support/harness.ts';

const TODAY = '2026-06-01'; // a Monday
const GOAL = '2026-12-31';
const NOW = Date.parse('2026-05-20T10:00:00Z');

type MilestoneRow = typeof milestones.$inferInsert;
type PartnerRow = typeof partners.$inferInsert;

async function newCoalition(user: TestUser, name = 'Landmine ban') {
  return user.caller.coalition.create({ name, goal: 'Convene the signing conference', goalDate: GOAL, description: 'Ottawa process' });
}

/** Inserts rows in chunks (SQLite limits the number of bound parameters per statement). */
function insertMany<T extends object>(db: Db, table: Parameters<Db['insert']>[0], rows: T[], chunk = 500) {
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += chunk) tx.insert(table).values(rows.slice(i, i + chunk) as never).run();
  });
}

/**
 * The small known plan (ids are the letters; see the expected numbers in the test).
 * Chain: a(done) → b → c → d → g(summit);  e → f → g;  c → f;  i → k.
 */
function seedKnownPlan(db: Db, coalitionId: string, ownerId: string) {
  const base = { coalitionId, createdAt: NOW, updatedAt: NOW };
  db.update(coalitions).set({ createdAt: NOW }).where(eq(coalitions.id, coalitionId)).run();
  const T = { t1: newId(), t2: newId(), t3: newId() };
  insertMany(db, tracks, [
    { ...base, id: T.t1, name: 'Diplomacy', color: '#dc2626', position: 0 },
    { ...base, id: T.t2, name: 'Civil society', color: '#16a34a', position: 1 },
    { ...base, id: T.t3, name: 'Finance', color: '#2563eb', position: 2, status: 'achieved' as const },
  ]);
  const P = { norway: newId(), icbl: newId(), canada: newId(), icrc: newId(), uni: newId() };
  const p = (id: string, name: string, kind: PartnerRow['kind'], contributions: Contribution[], influence: number, interest: number, stage: PartnerRow['stage'], committedOn: string | null = null): PartnerRow => ({
    ...base, id, name, kind, contributions, influence, interest, stage, committedOn,
  });
  insertMany(db, partners, [
    p(P.norway, 'Norway', 'state', ['political_support', 'resources'], 5, 4, 'committed', '2026-05-04'),
    p(P.icbl, 'ICBL', 'civil_society', ['ideas', 'networks'], 4, 5, 'champion', '2026-05-27'),
    p(P.canada, 'Canada', 'state', ['political_support'], 5, 3, 'approached'),
    p(P.icrc, 'ICRC', 'intergovernmental', ['ideas'], 4, 2, 'identified'),
    p(P.uni, 'University', 'academia', ['ideas'], 2, 4, 'in_dialogue'),
  ]);
  insertMany(db, trackAssignments, [
    { ...base, partnerId: P.norway, trackId: T.t1, role: 'lead' as const },
    { ...base, partnerId: P.icrc, trackId: T.t1, role: 'supporter' as const },
    { ...base, partnerId: P.icbl, trackId: T.t2, role: 'contributor' as const },
    { ...base, partnerId: P.uni, trackId: T.t2, role: 'observer' as const },
    { ...base, partnerId: P.canada, trackId: T.t3, role: 'lead' as const },
  ]);
  const M: Record<string, string> = {};
  const m = (key: string, title: string, trackId: string | null, dueDate: string, more: Partial<MilestoneRow> = {}): MilestoneRow => {
    M[key] = newId();
    return { ...base, id: M[key]!, title, trackId, dueDate, ...more };
  };
  insertMany(db, milestones, [
    m('a', 'Ottawa conference', T.t1, '2026-05-15', { status: 'done', progress: 100, completedOn: '2026-05-12' }),
    m('b', 'Draft treaty', T.t1, '2026-07-10', { startDate: '2026-06-10' }),
    m('c', 'Negotiating text', T.t1, '2026-07-05'),
    m('d', 'Signing', T.t1, '2026-09-30', { startDate: '2026-08-01' }),
    m('e', 'Mobilise NGOs', T.t2, '2026-06-20', { startDate: '2026-05-01', status: 'in_progress', progress: 40 }),
    m('f', 'Public campaign', T.t2, '2026-09-01'),
    m('g', 'Summit', null, '2026-10-01'),
    m('h', 'Old idea', T.t2, '2026-05-01', { status: 'dropped', progress: 90 }),
    m('i', 'Petition', T.t2, '2026-05-25', { status: 'done', progress: 100, completedOn: '2026-05-24' }),
    m('j', 'Briefing', T.t1, '2026-05-31', { status: 'at_risk', progress: 30 }),
    m('k', 'Media kit', T.t2, '2026-06-15'),
    m('l', 'Report', T.t2, '2026-06-16'),
    m('n', 'Press day', T.t1, TODAY, { status: 'in_progress', progress: 50 }),
  ]);
  const d = (a: string, b: string) => ({ coalitionId, milestoneId: M[a]!, dependsOnId: M[b]!, createdAt: NOW });
  insertMany(db, milestoneDependencies, [d('b', 'a'), d('c', 'b'), d('d', 'c'), d('f', 'e'), d('f', 'c'), d('g', 'd'), d('g', 'f'), d('k', 'i')]);
  insertMany(db, bottlenecks, [
    { ...base, id: newId(), title: 'Great-power opposition', severity: 'critical' as const, status: 'open' as const },
    { ...base, id: newId(), title: 'Arms-control framing', severity: 'high' as const, status: 'reframing' as const, trackId: T.t1 },
    { ...base, id: newId(), title: 'Funding gap', severity: 'critical' as const, status: 'resolved' as const },
    { ...base, id: newId(), title: 'Translation', severity: 'low' as const, status: 'open' as const, milestoneId: M.k! },
  ]);
  insertMany(
    db,
    activity,
    Array.from({ length: 11 }, (_, i) => ({
      coalitionId,
      actorId: i === 10 ? null : ownerId,
      action: 'milestone.updated',
      entityType: 'milestone',
      entityId: M.b!,
      summary: `update ${i}`,
      createdAt: NOW + i,
    })),
  );
  return { T, P, M };
}

/**
 * A synthetic plan: `tracks` tracks, `partners` partners (3 assignments each), `milestones`
 * milestones chained within each track, plus bottlenecks and activity.
 */
function seedScaledPlan(db: Db, coalitionId: string, n: { tracks: number; partners: number; milestones: number }) {
  const base = { coalitionId, createdAt: NOW, updatedAt: NOW };
  const kinds = ['state', 'intergovernmental', 'civil_society', 'academia', 'philanthropy', 'private_sector', 'media', 'individual'] as const;
  const stages = ['identified', 'approached', 'in_dialogue', 'committed', 'champion'] as const;
  const statuses = ['planned', 'in_progress', 'at_risk', 'blocked', 'done', 'dropped'] as const;
  const contributions = ['ideas', 'resources', 'networks', 'political_support'] as const;
  const trackIds = Array.from({ length: n.tracks }, () => newId());
  insertMany(db, tracks, trackIds.map((id, i) => ({ ...base, id, name: `Track ${i}`, position: i })));
  const partnerIds = Array.from({ length: n.partners }, () => newId());
  insertMany(
    db,
    partners,
    partnerIds.map((id, i) => {
      const stage = stages[i % stages.length]!;
      return {
        ...base,
        id,
        name: `Partner ${i}`,
        kind: kinds[i % kinds.length]!,
        contributions: [contributions[i % 4]!, contributions[(i + 1) % 4]!],
        influence: (i % 5) + 1,
        interest: ((i * 3) % 5) + 1,
        stage,
        committedOn: stage === 'committed' || stage === 'champion' ? addDays('2024-01-01', i % 800) : null,
      };
    }),
  );
  insertMany(
    db,
    trackAssignments,
    partnerIds.flatMap((partnerId, i) =>
      [0, 1, 2].map((k) => ({
        ...base,
        partnerId,
        trackId: trackIds[(i + k * 5) % trackIds.length]!,
        role: (['lead', 'co_lead', 'contributor', 'supporter', 'observer'] as const)[(i + k) % 5]!,
      })),
    ).filter((a, idx, all) => all.findIndex((b) => b.partnerId === a.partnerId && b.trackId === a.trackId) === idx),
  );
  const milestoneRows: MilestoneRow[] = Array.from({ length: n.milestones }, (_, i) => {
    const status = statuses[i % statuses.length]!;
    const dueDate = addDays('2024-06-01', (i * 7) % 1200);
    return {
      ...base,
      id: newId(),
      trackId: i % 10 === 0 ? null : trackIds[i % trackIds.length]!,
      title: `Milestone ${i}`,
      startDate: i % 3 === 0 ? addDays(dueDate, -30) : null,
      dueDate,
      status,
      progress: status === 'done' ? 100 : (i * 13) % 100,
      completedOn: status === 'done' ? addDays(dueDate, (i % 5) - 2) : null,
    };
  });
  insertMany(db, milestones, milestoneRows);
  // Chain each milestone to the previous one of the same track (a long DAG per track).
  const lastInTrack = new Map<string | null, string>();
  const deps: (typeof milestoneDependencies.$inferInsert)[] = [];
  for (const row of milestoneRows) {
    const prev = lastInTrack.get(row.trackId ?? null);
    if (prev) deps.push({ coalitionId, milestoneId: row.id, dependsOnId: prev, createdAt: NOW });
    lastInTrack.set(row.trackId ?? null, row.id);
  }
  insertMany(db, milestoneDependencies, deps);
  insertMany(
    db,
    bottlenecks,
    Array.from({ length: Math.max(1, n.tracks * 2) }, (_, i) => ({
      ...base,
      id: newId(),
      title: `Bottleneck ${i}`,
      severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!,
      status: (['open', 'reframing', 'resolved'] as const)[i % 3]!,
    })),
  );
  insertMany(
    db,
    activity,
    Array.from({ length: n.milestones }, (_, i) => ({
      coalitionId,
      action: 'milestone.created',
      entityType: 'milestone',
      entityId: milestoneRows[i]!.id,
      summary: `created ${milestoneRows[i]!.title}`,
      createdAt: NOW + i,
    })),
  );
}

describe('coalition.dashboard', () => {
  it('computes every part of the dashboard on a known plan', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const coalition = await newCoalition(alice);
    const { T, P, M } = seedKnownPlan(app.db, coalition.id, alice.id);

    const dash = await alice.caller.coalition.dashboard({ coalitionId: coalition.id, today: TODAY });

    expect(dash.coalition).toEqual({
      id: coalition.id,
      name: 'Landmine ban',
      goal: 'Convene the signing conference',
      goalDate: GOAL,
      description: 'Ottawa process',
      timeZone: 'UTC',
    });
    expect(dash.today).toBe(TODAY);
    expect(dash.daysToGoal).toBe(213);

    // Roll-up: 12 counted milestones (h is dropped): 100+0+0+0+40+0+0+100+30+0+0+50 = 320 → 26.7 → 27.
    expect(dash.progress.coalition).toEqual({ progress: 27, milestoneCount: 12, doneCount: 2, droppedCount: 1, overdueCount: 1 });
    expect(dash.progress.byStatus).toEqual({ planned: 7, in_progress: 2, at_risk: 1, blocked: 0, done: 2, dropped: 1 });
    expect(dash.progress.tracks).toEqual([
      // a100 b0 c0 d0 j30 n50 → 180 / 6
      { id: T.t1, name: 'Diplomacy', color: '#dc2626', position: 0, status: 'active', progress: 30, milestoneCount: 6, doneCount: 1, droppedCount: 0, overdueCount: 1 },
      // e40 f0 i100 k0 l0 → 140 / 5
      { id: T.t2, name: 'Civil society', color: '#16a34a', position: 1, status: 'active', progress: 28, milestoneCount: 5, doneCount: 1, droppedCount: 1, overdueCount: 0 },
      { id: T.t3, name: 'Finance', color: '#2563eb', position: 2, status: 'achieved', progress: 0, milestoneCount: 0, doneCount: 0, droppedCount: 0, overdueCount: 0 },
    ]);
    expect(dash.progress.coalitionWide).toEqual({ progress: 0, milestoneCount: 1, doneCount: 0, droppedCount: 0, overdueCount: 0 });

    // Schedule: overdue is strictly before today; due soon is today … today + 14 inclusive.
    expect(dash.schedule.overdue).toEqual([
      { id: M.j, title: 'Briefing', trackId: T.t1, dueDate: '2026-05-31', status: 'at_risk', progress: 30, days: -1, dueText: '1 day overdue' },
    ]);
    expect(dash.schedule.overdueCount).toBe(1);
    expect(dash.schedule.dueSoon.map((x) => [x.title, x.days])).toEqual([
      ['Press day', 0],
      ['Media kit', 14],
    ]);
    expect(dash.schedule.dueSoonCount).toBe(2); // 'Report' (15 days) is out, 'Mobilise NGOs' (19 days) too
    // At risk and blocked open milestones are listed (the at-risk 'Briefing').
    expect(dash.schedule.attention.map((x) => x.title)).toEqual(['Briefing']);

    // Critical path: a (done May 12) → b (Jun 10 + 30 d) → c (not before b: Jul 10) → d (Aug 1 + 60 d) → summit.
    expect(dash.criticalPath.milestoneIds).toEqual([M.a, M.b, M.c, M.d, M.g]);
    expect(dash.criticalPath.items.map((x) => [x.title, x.dueDate, x.earliestFinish])).toEqual([
      ['Ottawa conference', '2026-05-15', '2026-05-12'],
      ['Draft treaty', '2026-07-10', '2026-07-10'],
      ['Negotiating text', '2026-07-05', '2026-07-10'],
      ['Signing', '2026-09-30', '2026-09-30'],
      ['Summit', '2026-10-01', '2026-10-01'],
    ]);
    expect(dash.criticalPath.projectedFinish).toBe('2026-10-01');
    expect(dash.criticalPath.goalDate).toBe(GOAL);
    expect(dash.criticalPath.slackDays).toBe(91);
    // The schedule verdict is the critical path's, in words.
    expect(dash.outlook).toEqual({ kind: 'slack', days: 91, text: '91 days of slack', tone: 'ok' });

    expect(dash.dependencyViolations).toEqual([
      {
        milestoneId: M.c,
        title: 'Negotiating text',
        dueDate: '2026-07-05',
        dependsOnId: M.b,
        dependsOnTitle: 'Draft treaty',
        dependsOnFinish: '2026-07-10',
      },
    ]);
    expect(dash.dependencyViolationCount).toBe(1);

    // Momentum from the week before the first commitment (Mon May 4) to this week.
    expect(dash.momentum).toEqual([
      { week: '2026-04-27', milestonesCompleted: 0, partnersCommitted: 0, cumulativeMilestones: 0, cumulativePartners: 0 },
      { week: '2026-05-04', milestonesCompleted: 0, partnersCommitted: 1, cumulativeMilestones: 0, cumulativePartners: 1 },
      { week: '2026-05-11', milestonesCompleted: 1, partnersCommitted: 0, cumulativeMilestones: 1, cumulativePartners: 1 },
      { week: '2026-05-18', milestonesCompleted: 1, partnersCommitted: 0, cumulativeMilestones: 2, cumulativePartners: 1 },
      { week: '2026-05-25', milestonesCompleted: 0, partnersCommitted: 1, cumulativeMilestones: 2, cumulativePartners: 2 },
      { week: '2026-06-01', milestonesCompleted: 0, partnersCommitted: 0, cumulativeMilestones: 2, cumulativePartners: 2 },
    ]);

    expect(dash.balance.stateCount).toBe(3); // Norway, Canada, ICRC (intergovernmental)
    expect(dash.balance.nonStateCount).toBe(2);
    expect(dash.balance.byKind).toMatchObject({ state: 2, intergovernmental: 1, civil_society: 1, academia: 1, media: 0 });
    expect(dash.balance.byStage).toEqual({ identified: 1, approached: 1, in_dialogue: 1, committed: 1, champion: 1 });
    // Open tracks only (Finance is achieved); the observer University does not count.
    expect(dash.balance.contributionsByTrack).toEqual([
      { trackId: T.t1, name: 'Diplomacy', covered: ['ideas', 'resources', 'political_support'], missing: ['networks'], hasLead: true },
      { trackId: T.t2, name: 'Civil society', covered: ['ideas', 'networks'], missing: ['resources', 'political_support'], hasLead: false },
    ]);
    expect(dash.balance.tracksWithoutLead).toEqual([{ id: T.t2, name: 'Civil society' }]);
    expect(dash.balance.engageNext).toEqual([
      { id: P.canada, name: 'Canada', kind: 'state', influence: 5, interest: 3, stage: 'approached' },
      { id: P.icrc, name: 'ICRC', kind: 'intergovernmental', influence: 4, interest: 2, stage: 'identified' },
    ]);

    expect(dash.bottlenecks).toEqual({ open: 3, critical: 1 });

    // 12 activity rows (coalition.created + 11): the last 10, newest first.
    expect(dash.recentActivity).toHaveLength(10);
    expect(dash.recentActivity.map((a) => a.summary)).toEqual([
      'update 10', 'update 9', 'update 8', 'update 7', 'update 6', 'update 5', 'update 4', 'update 3', 'update 2', 'update 1',
    ]);
    expect(dash.recentActivity[0]).toMatchObject({ action: 'milestone.updated', entityType: 'milestone', entityId: M.b, actor: null });
    expect(dash.recentActivity[1]!.actor).toEqual({ id: alice.id, name: 'Alice' });
    expect(typeof dash.recentActivity[1]!.createdAt).toBe('number');
    expect(JSON.parse(JSON.stringify(dash))).toEqual(dash); // plain JSON
  });

  it('reads only its own coalition, for members only, viewers included', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const bob = await app.signUp('Bob');
    const carol = await app.signUp('Carol');
    const mine = await newCoalition(alice);
    seedKnownPlan(app.db, mine.id, alice.id);
    const other = await newCoalition(bob, 'Rome Statute');
    seedScaledPlan(app.db, other.id, { tracks: 3, partners: 20, milestones: 60 });
    app.db.insert(memberships).values({ coalitionId: mine.id, userId: carol.id, role: 'viewer', createdAt: NOW }).run();

    const asViewer = await carol.caller.coalition.dashboard({ coalitionId: mine.id, today: TODAY });
    expect(asViewer.progress.coalition.milestoneCount).toBe(12);
    expect(asViewer.balance.stateCount + asViewer.balance.nonStateCount).toBe(5);
    expect(asViewer.progress.tracks).toHaveLength(3);

    await expect(alice.caller.coalition.dashboard({ coalitionId: other.id, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.anonymous.coalition.dashboard({ coalitionId: mine.id, today: TODAY })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(alice.caller.coalition.dashboard({ coalitionId: mine.id, today: '2026-02-30' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('works on an empty coalition', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const c = await newCoalition(alice);
    app.db.update(coalitions).set({ createdAt: NOW }).where(eq(coalitions.id, c.id)).run();
    const dash = await alice.caller.coalition.dashboard({ coalitionId: c.id, today: TODAY });
    expect(dash.progress).toMatchObject({ coalition: { progress: 0, milestoneCount: 0, doneCount: 0 }, tracks: [] });
    expect(dash.outlook.kind).toBe('empty');
    expect(dash.criticalPath).toEqual({ milestoneIds: [], items: [], projectedFinish: null, goalDate: GOAL, slackDays: null });
    expect(dash.momentum.map((w) => w.week)).toEqual(['2026-05-11', '2026-05-18', '2026-05-25', '2026-06-01']); // from the week before creation
    expect(dash.bottlenecks).toEqual({ open: 0, critical: 0 });
    expect(dash.recentActivity.map((a) => a.action)).toEqual(['coalition.created']);
    expect(dash.balance.engageNext).toEqual([]);
  });

  it('runs a fixed number of SQL statements whatever the size of the plan', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const small = await newCoalition(alice, 'Small');
    const large = await newCoalition(alice, 'Large');
    seedScaledPlan(app.db, small.id, { tracks: 3, partners: 20, milestones: 100 });
    seedScaledPlan(app.db, large.id, { tracks: 30, partners: 200, milestones: 1000 });

    const a = await countStatements(app, () => alice.caller.coalition.dashboard({ coalitionId: small.id, today: TODAY }));
    const b = await countStatements(app, () => alice.caller.coalition.dashboard({ coalitionId: large.id, today: TODAY }));
    expect(a.result.progress.coalition.milestoneCount).toBeLessThan(b.result.progress.coalition.milestoneCount);
    expect(b.result.progress.tracks).toHaveLength(30);
    expect(b.statements.length).toBe(a.statements.length);
    expect(b.statements).toEqual(a.statements);

    // Of those, the dashboard's own: one per table read (prepared once per connection),
    // inside one read transaction so every figure comes from the same snapshot.
    const reader = new DashboardReader(app.db.$client);
    const direct = await countStatements(app, () => reader.read(large.id));
    expect(direct.statements[0]).toBe('BEGIN');
    expect(direct.statements.at(-1)).toBe('COMMIT');
    expect(direct.statements.slice(1, -1)).toHaveLength(DASHBOARD_QUERY_COUNT);
    expect(reader.queriesLastRead).toBe(DASHBOARD_QUERY_COUNT);
  });

  it('handles a large plan: 5,000 milestones, 500 partners, 15 tracks (speed is measured by pnpm bench)', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const c = await newCoalition(alice, 'World Summit');
    seedScaledPlan(app.db, c.id, { tracks: 15, partners: 500, milestones: 5000 });
    // Warm the code paths (JIT) on a small plan first, as a running server would be.
    const warm = await newCoalition(alice, 'Warm-up');
    seedScaledPlan(app.db, warm.id, { tracks: 3, partners: 20, milestones: 100 });
    await alice.caller.coalition.dashboard({ coalitionId: warm.id, today: TODAY });

    // Best of 3 wall-clock runs: the minimum filters out time the test process spent
    // descheduled (CI machines run other work); CPU time is logged beside it.
    const runs: { wall: number; cpu: number }[] = [];
    let dash!: Awaited<ReturnType<typeof alice.caller.coalition.dashboard>>;
    for (let i = 0; i < 3; i++) {
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      dash = await alice.caller.coalition.dashboard({ coalitionId: c.id, today: TODAY });
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpu0);
      runs.push({ wall, cpu: (cpu.user + cpu.system) / 1000 });
    }
    const best = Math.min(...runs.map((r) => r.wall));
    console.log(
      `dashboard on 5,000 milestones / 500 partners / 15 tracks: best ${best.toFixed(1)} ms; runs ${runs
        .map((r) => `${r.wall.toFixed(1)} ms (cpu ${r.cpu.toFixed(1)} ms)`)
        .join(', ')}`,
    );
    expect(dash.progress.coalition.milestoneCount + dash.progress.coalition.droppedCount).toBe(5000);
    expect(dash.progress.tracks).toHaveLength(15);
    expect(dash.balance.stateCount + dash.balance.nonStateCount).toBe(500);
    expect(dash.schedule.overdue).toHaveLength(50);
    expect(dash.schedule.overdueCount).toBeGreaterThan(50);
    expect(dash.criticalPath.milestoneIds.length).toBeGreaterThan(1);
    expect(dash.momentum.length).toBeLessThanOrEqual(260);
    expect(dash.recentActivity).toHaveLength(10);
  });
});

describe('dashboard cache and worker', () => {
  it('serves a repeat from the cache, and any change (one activity row) recomputes it', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const c = await newCoalition(alice);
    seedScaledPlan(app.db, c.id, { tracks: 3, partners: 20, milestones: 100 });
    const dashboards = app.services.dashboards;
    const first = await alice.caller.coalition.dashboard({ coalitionId: c.id, today: TODAY });
    const computed = dashboards.recomputes;
    const again = await alice.caller.coalition.dashboard({ coalitionId: c.id, today: TODAY });
    expect(again).toEqual(first);
    expect(dashboards.recomputes).toBe(computed); // from the cache
    // Another day is another dashboard.
    await alice.caller.coalition.dashboard({ coalitionId: c.id, today: addDays(TODAY, 1) });
    expect(dashboards.recomputes).toBe(computed + 1);
    // A change anywhere in the plan writes an activity row: the next read recomputes and shows it.
    const track = await alice.caller.track.create({ coalitionId: c.id, name: 'A new track' });
    const after = await alice.caller.coalition.dashboard({ coalitionId: c.id, today: TODAY });
    expect(dashboards.recomputes).toBe(computed + 2);
    expect(after.progress.tracks.map((t) => t.id)).toContain(track.id);
    expect(after.recentActivity[0]).toMatchObject({ action: 'track.created', entityId: track.id });
  });

  it('recomputes on a worker thread with its own read-only connection: the same dashboard, and other calls are answered meanwhile', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const big = await newCoalition(alice, 'Big');
    seedScaledPlan(app.db, big.id, { tracks: 15, partners: 500, milestones: 5000 });
    const inProcess = await alice.caller.coalition.dashboard({ coalitionId: big.id, today: TODAY });

    const worker = new DashboardService(app.db, { workerDbPath: join(app.dir, 'test.db') });
    try {
      const fromWorker = await worker.get(big.id, TODAY);
      expect(fromWorker).toEqual(inProcess);
      // While the worker recomputes (a change made the cache stale), the main thread is free:
      // a one-row read issued after the recompute started is answered before it ends.
      await alice.caller.track.create({ coalitionId: big.id, name: 'Stale-maker' });
      const order: string[] = [];
      const recompute = worker.get(big.id, TODAY).then(() => order.push('dashboard'));
      await alice.caller.coalition.get({ coalitionId: big.id }).then(() => order.push('get'));
      await recompute;
      expect(order).toEqual(['get', 'dashboard']);
      expect(worker.recomputes).toBe(2);
    } finally {
      await worker.close();
    }
  });
});
