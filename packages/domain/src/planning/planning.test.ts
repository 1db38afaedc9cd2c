import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber } from '../index.ts';
import {
  coalitionBalance,
  criticalPath,
  dependencyViolations,
  forwardPass,
  milestoneDuration,
  milestoneProgress,
  momentumSeries,
  rollUpProgress,
  scheduleHealth,
  type PlanAssignment,
  type PlanDependency,
  type PlanMilestone,
  type PlanPartner,
  type PlanTrack,
} from '../index.ts';

const TODAY = '2026-06-01'; // a Monday

function ms(id: string, fields: Partial<PlanMilestone> = {}): PlanMilestone {
  return {
    id,
    trackId: null,
    title: id.toUpperCase(),
    startDate: null,
    dueDate: '2026-12-01',
    status: 'planned',
    progress: 0,
    completedOn: null,
    ...fields,
  };
}
function track(id: string, position: number, fields: Partial<PlanTrack> = {}): PlanTrack {
  return { id, name: `Track ${id}`, color: '#2563eb', position, status: 'active', ...fields };
}
function partner(id: string, fields: Partial<PlanPartner> = {}): PlanPartner {
  return {
    id,
    name: id,
    kind: 'civil_society',
    contributions: [],
    influence: 3,
    interest: 3,
    stage: 'identified',
    committedOn: null,
    ...fields,
  };
}
const dep = (milestoneId: string, dependsOnId: string): PlanDependency => ({ milestoneId, dependsOnId });

describe('progress roll-up', () => {
  const tracks = [track('t1', 1), track('t2', 0), track('t3', 2)];
  const milestones = [
    ms('m1', { trackId: 't1', status: 'done', progress: 40, dueDate: '2026-05-01' }), // counts as 100
    ms('m2', { trackId: 't1', status: 'in_progress', progress: 50, dueDate: '2026-05-20' }), // overdue
    ms('m3', { trackId: 't1', progress: 0, dueDate: TODAY }), // due today: not overdue
    ms('m4', { trackId: 't1', status: 'dropped', progress: 90, dueDate: '2026-01-01' }), // left out
    ms('m5', { trackId: 't2', status: 'at_risk', progress: 25, dueDate: '2026-05-31' }), // overdue
    ms('m6', { trackId: 't2', progress: 10 }),
    ms('m7', { progress: 0 }), // coalition-wide
  ];

  it('counts done as 100 and clamps progress', () => {
    expect(milestoneProgress({ status: 'done', progress: 0 })).toBe(100);
    expect(milestoneProgress({ status: 'blocked', progress: 35 })).toBe(35);
  });

  it('averages milestones per track and over the whole coalition, without dropped ones', () => {
    const r = rollUpProgress(milestones, tracks, TODAY);
    // (100 + 50 + 0 + 25 + 10 + 0) / 6 = 30.83
    expect(r.coalition).toEqual({ progress: 31, milestoneCount: 6, doneCount: 1, droppedCount: 1, overdueCount: 2 });
    expect(r.byStatus).toEqual({ planned: 3, in_progress: 1, at_risk: 1, blocked: 0, done: 1, dropped: 1 });
    // Sorted by position: t2, t1, t3.
    expect(r.tracks.map((t) => [t.id, t.progress, t.milestoneCount, t.doneCount, t.overdueCount])).toEqual([
      ['t2', 18, 2, 0, 1], // (25 + 10) / 2 = 17.5 → 18
      ['t1', 50, 3, 1, 1], // (100 + 50 + 0) / 3
      ['t3', 0, 0, 0, 0], // empty track
    ]);
    expect(r.coalitionWide).toEqual({ progress: 0, milestoneCount: 1, doneCount: 0, droppedCount: 0, overdueCount: 0 });
  });

  it('weighs the overall figure by milestone, not by track', () => {
    const r = rollUpProgress(
      [ms('a', { trackId: 't1', status: 'done' }), ms('b', { trackId: 't2' }), ms('c', { trackId: 't2' }), ms('d', { trackId: 't2' })],
      tracks,
      TODAY,
    );
    expect(r.tracks.find((t) => t.id === 't1')!.progress).toBe(100);
    expect(r.tracks.find((t) => t.id === 't2')!.progress).toBe(0);
    expect(r.coalition.progress).toBe(25); // not 50, the mean of the two track bars
  });

  it('is all zeros for an empty plan', () => {
    const r = rollUpProgress([], [], TODAY);
    expect(r).toMatchObject({ coalition: { progress: 0, milestoneCount: 0, doneCount: 0 }, tracks: [] });
  });
});

describe('overdue and due soon', () => {
  const milestones = [
    ms('soon14', { dueDate: '2026-06-15' }),
    ms('late1', { dueDate: '2026-05-31', status: 'at_risk' }),
    ms('today', { dueDate: TODAY, status: 'in_progress', progress: 60 }),
    ms('day15', { dueDate: '2026-06-16' }),
    ms('doneLate', { dueDate: '2026-05-01', status: 'done' }),
    ms('droppedLate', { dueDate: '2026-05-01', status: 'dropped' }),
    ms('late61', { dueDate: '2026-04-01', status: 'blocked' }),
  ];

  it('puts the boundaries where they belong, oldest first', () => {
    const s = scheduleHealth(milestones, TODAY);
    expect(s.overdue.map((m) => [m.id, m.days, m.dueText])).toEqual([
      ['late61', -61, '61 days overdue'],
      ['late1', -1, '1 day overdue'],
    ]);
    expect(s.overdueCount).toBe(2);
    expect(s.dueSoon.map((m) => [m.id, m.days, m.dueText])).toEqual([
      ['today', 0, 'due today'],
      ['soon14', 14, 'due in 14 days'],
    ]);
    expect(s.dueSoonCount).toBe(2);
    expect(s.dueSoon[0]).toEqual({
      id: 'today',
      title: 'TODAY',
      trackId: null,
      dueDate: TODAY,
      status: 'in_progress',
      progress: 60,
      days: 0,
      dueText: 'due today',
    });
  });

  it('lists blocked then at-risk open milestones as needing attention', () => {
    const s = scheduleHealth(
      [...milestones, ms('risky', { status: 'at_risk', dueDate: '2026-09-01' }), ms('stuck', { status: 'blocked', dueDate: '2026-10-01' })],
      TODAY,
    );
    expect(s.attention.map((m) => m.id)).toEqual(['late61', 'stuck', 'late1', 'risky']);
    expect([s.attentionCount, s.blockedCount, s.atRiskCount]).toEqual([4, 2, 2]);
  });

  it('caps the lists but keeps the totals', () => {
    const many = Array.from({ length: 70 }, (_, i) => ms(`x${i}`, { dueDate: fromDayNumber(20_000 + i) }));
    const s = scheduleHealth(many, TODAY);
    expect(s.overdue).toHaveLength(50);
    expect(s.overdueCount).toBe(70);
    expect(s.overdue[0]!.id).toBe('x0');
    expect(scheduleHealth(milestones, TODAY, 1).overdue.map((m) => m.id)).toEqual(['late61']);
  });
});

describe('critical path', () => {
  // A(done) → B → C → D → G(summit);  E → F → G;  C → F;  H is dropped, I waits for H.
  const plan = [
    ms('a', { status: 'done', completedOn: '2026-05-10', dueDate: '2026-05-15' }),
    ms('b', { startDate: '2026-06-10', dueDate: '2026-07-10', trackId: 't1' }), // 30 days
    ms('c', { dueDate: '2026-07-05', trackId: 't1' }), // 1 day, but B is only reached Jul 10
    ms('d', { startDate: '2026-08-01', dueDate: '2026-09-30', trackId: 't1' }), // 60 days
    ms('e', { startDate: '2026-05-01', dueDate: '2026-06-20', trackId: 't2' }), // 50 days, not started
    ms('f', { dueDate: '2026-09-01', trackId: 't2' }),
    ms('g', { dueDate: '2026-10-01', title: 'Summit' }),
    ms('h', { status: 'dropped', dueDate: '2027-01-01' }),
    ms('i', { dueDate: '2026-06-10' }),
  ];
  const deps = [dep('b', 'a'), dep('c', 'b'), dep('d', 'c'), dep('f', 'e'), dep('f', 'c'), dep('g', 'd'), dep('g', 'f'), dep('i', 'h')];

  it('computes durations: a milestone is reached on a day, so a one-day event takes none', () => {
    expect(milestoneDuration({ startDate: null, dueDate: '2026-07-01' })).toBe(0);
    expect(milestoneDuration({ startDate: '2026-07-01', dueDate: '2026-07-01' })).toBe(0);
    expect(milestoneDuration({ startDate: '2026-06-10', dueDate: '2026-07-10' })).toBe(30);
  });

  it('a one-day event on the goal date, left alone, is on time (the demo summit read "1 day late")', () => {
    const summit = ms('summit', { startDate: '2026-09-21', dueDate: '2026-09-21' });
    const cp = criticalPath([summit], [], TODAY, '2026-09-21');
    expect(cp.projectedFinish).toBe('2026-09-21');
    expect(cp.slackDays).toBe(0);
  });

  it('an overdue milestone not yet started can still be reached today, not before', () => {
    const late = ms('late', { dueDate: '2026-05-20' });
    expect(fromDayNumber(forwardPass([late], [], TODAY).schedule.get('late')!.ef)).toBe(TODAY);
  });

  it('runs the forward pass as documented', () => {
    const { schedule } = forwardPass(plan, deps, TODAY);
    const ef = (id: string) => fromDayNumber(schedule.get(id)!.ef);
    expect(ef('a')).toBe('2026-05-10'); // done: its completion date
    expect(ef('b')).toBe('2026-07-10'); // on time: its due date
    expect(ef('c')).toBe('2026-07-10'); // cannot be reached before B is (Jul 10)
    expect(ef('d')).toBe('2026-09-30'); // its own start (Aug 1) is later than C
    expect(ef('e')).toBe('2026-07-21'); // planned start May 1 is past: starts today, 50 days
    expect(ef('f')).toBe('2026-09-01');
    expect(ef('g')).toBe('2026-10-01');
    expect(ef('i')).toBe('2026-06-10'); // the dropped dependency is ignored
    expect(schedule.has('h')).toBe(false);
  });

  it('traces the chain to the latest finish, with its slack to the goal', () => {
    const cp = criticalPath(plan, deps, TODAY, '2026-12-31');
    expect(cp.milestoneIds).toEqual(['a', 'b', 'c', 'd', 'g']);
    expect(cp.items.map((i) => i.earliestFinish)).toEqual(['2026-05-10', '2026-07-10', '2026-07-10', '2026-09-30', '2026-10-01']);
    expect(cp.items[4]).toEqual({ id: 'g', title: 'Summit', trackId: null, dueDate: '2026-10-01', earliestFinish: '2026-10-01', completedOn: null });
    // A done step says so (the dashboard marks it done instead of listing it as due).
    expect(cp.items.map((i) => i.completedOn)).toEqual(['2026-05-10', null, null, null, null]);
    expect(cp.projectedFinish).toBe('2026-10-01');
    expect(cp.goalDate).toBe('2026-12-31');
    expect(cp.slackDays).toBe(91);
    expect(criticalPath(plan, deps, TODAY, '2026-09-15').slackDays).toBe(-16);
  });

  it('follows a late dependency past its own due date', () => {
    // C now takes 123 days (Jul 5 → Nov 5) and pushes D, then the summit, past the goal date.
    const late = plan.map((m) => (m.id === 'c' ? { ...m, startDate: '2026-07-05', dueDate: '2026-11-05' } : m));
    const cp = criticalPath(late, deps, TODAY, '2026-12-31');
    // C: Jul 5 + 123 days → Nov 5 (B, Jul 10, is earlier); D (own finish Sep 30) cannot be reached before C: Nov 5;
    // the summit (due Oct 1) cannot be reached before D: Nov 5.
    expect(cp.milestoneIds).toEqual(['a', 'b', 'c', 'd', 'g']);
    expect(cp.items.map((i) => i.earliestFinish)).toEqual(['2026-05-10', '2026-07-10', '2026-11-05', '2026-11-05', '2026-11-05']);
    expect(cp.slackDays).toBe(56);
    expect(criticalPath(late, deps, TODAY, '2026-10-31').slackDays).toBe(-5);
  });

  it('does not start unstarted work before today, but lets work under way continue', () => {
    const { schedule } = forwardPass(
      [
        ms('planned', { startDate: '2026-05-01', dueDate: '2026-05-20' }),
        ms('running', { startDate: '2026-05-01', dueDate: '2026-06-10', status: 'in_progress' }),
        ms('atRisk', { startDate: '2026-05-01', dueDate: '2026-06-10', status: 'at_risk', progress: 30 }),
        ms('lateRunning', { startDate: '2026-05-01', dueDate: '2026-05-20', status: 'in_progress' }),
        ms('doneNoDate', { dueDate: '2026-04-30', status: 'done' }),
      ],
      [],
      TODAY,
    );
    const ef = (id: string) => fromDayNumber(schedule.get(id)!.ef);
    expect(ef('planned')).toBe('2026-06-20'); // 19 days from today
    expect(ef('running')).toBe('2026-06-10');
    expect(ef('atRisk')).toBe('2026-06-10'); // progress > 0: under way
    expect(ef('lateRunning')).toBe(TODAY); // unfinished: not in the past
    expect(ef('doneNoDate')).toBe('2026-04-30');
  });

  it('is empty without milestones and survives a cycle in bad data', () => {
    expect(criticalPath([ms('x', { status: 'dropped' })], [], TODAY, '2026-12-31')).toEqual({
      milestoneIds: [],
      items: [],
      projectedFinish: null,
      goalDate: '2026-12-31',
      slackDays: null,
    });
    const cp = criticalPath([ms('x', { dueDate: '2026-07-01' }), ms('y', { dueDate: '2026-07-02' })], [dep('x', 'y'), dep('y', 'x')], TODAY, '2026-12-31');
    expect(cp.milestoneIds.length).toBeGreaterThan(0);
    expect(cp.projectedFinish).not.toBeNull();
  });

  it('handles a long chain quickly', () => {
    const n = 5000;
    const chain = Array.from({ length: n }, (_, i) => ms(`m${i}`, { dueDate: addDays(TODAY, i + 1) }));
    const chainDeps = chain.slice(1).map((m, i) => dep(m.id, `m${i}`));
    const cp = criticalPath(chain, chainDeps, TODAY, addDays(TODAY, n + 10));
    expect(cp.milestoneIds).toHaveLength(n);
    expect(cp.milestoneIds[0]).toBe('m0');
    expect(cp.slackDays).toBe(10);
  });
});

describe('dependency violations', () => {
  it('flags a milestone whose dependency finishes after its own due date', () => {
    const milestones = [
      ms('b', { dueDate: '2026-07-10' }),
      ms('c', { dueDate: '2026-07-05' }),
      ms('p', { status: 'done', dueDate: '2026-05-01', completedOn: '2026-06-05' }),
      ms('q', { dueDate: '2026-06-03' }),
      ms('qDone', { dueDate: '2026-06-03', status: 'done', completedOn: '2026-06-06' }),
      ms('gone', { dueDate: '2026-12-01', status: 'dropped' }),
      ms('r', { dueDate: '2026-08-01' }),
      ms('ok', { dueDate: '2026-07-10' }),
    ];
    const v = dependencyViolations(milestones, [dep('c', 'b'), dep('q', 'p'), dep('qDone', 'p'), dep('r', 'gone'), dep('ok', 'b')]);
    expect(v).toEqual([
      { milestoneId: 'q', title: 'Q', dueDate: '2026-06-03', dependsOnId: 'p', dependsOnTitle: 'P', dependsOnFinish: '2026-06-05' },
      { milestoneId: 'c', title: 'C', dueDate: '2026-07-05', dependsOnId: 'b', dependsOnTitle: 'B', dependsOnFinish: '2026-07-10' },
    ]);
  });
});

describe('momentum', () => {
  const milestones = [
    ms('a', { status: 'done', completedOn: '2026-05-12' }),
    ms('b', { status: 'done', completedOn: '2026-05-18' }),
    ms('c', { status: 'done', completedOn: '2026-05-24' }),
    ms('d', { status: 'done', completedOn: TODAY }),
    ms('future', { status: 'done', completedOn: '2026-06-02' }),
    ms('noDate', { status: 'done' }),
    ms('reopened', { status: 'in_progress', completedOn: '2026-05-13' }),
  ];
  const partners = [
    partner('p1', { stage: 'committed', committedOn: '2026-05-04' }),
    partner('p2', { stage: 'champion', committedOn: '2026-05-27' }),
    partner('p3', { stage: 'in_dialogue', committedOn: '2026-05-05' }),
    partner('p4', { stage: 'committed' }),
  ];

  it('buckets by Monday from the week before the first event to today, with running totals', () => {
    expect(momentumSeries(milestones, partners, '2026-05-20', TODAY)).toEqual([
      { week: '2026-04-27', milestonesCompleted: 0, partnersCommitted: 0, cumulativeMilestones: 0, cumulativePartners: 0 },
      { week: '2026-05-04', milestonesCompleted: 0, partnersCommitted: 1, cumulativeMilestones: 0, cumulativePartners: 1 },
      { week: '2026-05-11', milestonesCompleted: 1, partnersCommitted: 0, cumulativeMilestones: 1, cumulativePartners: 1 },
      { week: '2026-05-18', milestonesCompleted: 2, partnersCommitted: 0, cumulativeMilestones: 3, cumulativePartners: 1 },
      { week: '2026-05-25', milestonesCompleted: 0, partnersCommitted: 1, cumulativeMilestones: 3, cumulativePartners: 2 },
      { week: '2026-06-01', milestonesCompleted: 1, partnersCommitted: 0, cumulativeMilestones: 4, cumulativePartners: 2 },
    ]);
  });

  it('starts later when too long, carrying earlier totals', () => {
    const s = momentumSeries(milestones, partners, '2026-05-20', TODAY, 3);
    expect(s.map((w) => w.week)).toEqual(['2026-05-18', '2026-05-25', '2026-06-01']);
    expect(s[0]).toMatchObject({ milestonesCompleted: 2, cumulativeMilestones: 3, cumulativePartners: 1 });
    const long = momentumSeries([], [], '2010-01-01', TODAY);
    expect(long).toHaveLength(260);
    expect(long.at(-1)!.week).toBe('2026-06-01');
  });

  it('starts the week before the creation week without events (a line, never lone dots), and never after today', () => {
    expect(momentumSeries([], [], '2026-05-20', '2026-06-03').map((w) => w.week)).toEqual(['2026-05-11', '2026-05-18', '2026-05-25', '2026-06-01']);
    // A coalition created today has two points: zero the week before, and this week.
    expect(momentumSeries([], [], '2026-07-01', TODAY).map((w) => w.week)).toEqual(['2026-05-25', '2026-06-01']);
  });
});

describe('coalition balance', () => {
  const partners = [
    partner('P1', { kind: 'state', contributions: ['political_support'], influence: 5, interest: 2, stage: 'identified' }),
    partner('P2', { kind: 'intergovernmental', contributions: ['resources', 'ideas'], influence: 4, interest: 4, stage: 'approached' }),
    partner('P3', { kind: 'civil_society', contributions: ['ideas', 'networks'], influence: 5, interest: 5, stage: 'in_dialogue' }),
    partner('P4', { kind: 'academia', contributions: ['ideas'], influence: 3, interest: 5, stage: 'identified' }),
    partner('P5', { kind: 'philanthropy', contributions: ['resources'], influence: 5, interest: 4, stage: 'approached' }),
    partner('P6', { kind: 'media', contributions: ['networks'], influence: 4, interest: 1, stage: 'committed' }),
  ];
  const tracks = [track('t1', 0), track('t2', 1, { status: 'on_hold' }), track('t3', 2, { status: 'achieved' }), track('t4', 3)];
  const assignments: PlanAssignment[] = [
    { partnerId: 'P1', trackId: 't1', role: 'lead' },
    { partnerId: 'P3', trackId: 't1', role: 'contributor' },
    { partnerId: 'P5', trackId: 't1', role: 'observer' },
    { partnerId: 'P2', trackId: 't2', role: 'co_lead' },
    { partnerId: 'P4', trackId: 't2', role: 'supporter' },
  ];

  it('counts partners by actor type, kind and stage', () => {
    const b = coalitionBalance(partners, tracks, assignments);
    expect([b.stateCount, b.nonStateCount]).toEqual([2, 4]);
    expect(b.byKind).toEqual({
      state: 1,
      intergovernmental: 1,
      civil_society: 1,
      academia: 1,
      philanthropy: 1,
      private_sector: 0,
      media: 1,
      individual: 0,
    });
    expect(b.byStage).toEqual({ identified: 2, approached: 2, in_dialogue: 1, committed: 1, champion: 0 });
  });

  it('lists contributions per open track, leaderless tracks and whom to engage next', () => {
    const b = coalitionBalance(partners, tracks, assignments);
    expect(b.contributionsByTrack).toEqual([
      { trackId: 't1', name: 'Track t1', covered: ['ideas', 'networks', 'political_support'], missing: ['resources'], hasLead: true },
      { trackId: 't2', name: 'Track t2', covered: ['ideas', 'resources'], missing: ['networks', 'political_support'], hasLead: false },
      { trackId: 't4', name: 'Track t4', covered: [], missing: ['ideas', 'resources', 'networks', 'political_support'], hasLead: false },
    ]);
    expect(b.tracksWithoutLead).toEqual([
      { id: 't2', name: 'Track t2' },
      { id: 't4', name: 'Track t4' },
    ]);
    expect(b.engageNext).toEqual([
      { id: 'P5', name: 'P5', kind: 'philanthropy', influence: 5, interest: 4, stage: 'approached' },
      { id: 'P1', name: 'P1', kind: 'state', influence: 5, interest: 2, stage: 'identified' },
      { id: 'P2', name: 'P2', kind: 'intergovernmental', influence: 4, interest: 4, stage: 'approached' },
    ]);
  });

  it('caps engageNext at 10', () => {
    const many = Array.from({ length: 12 }, (_, i) => partner(`n${String(i).padStart(2, '0')}`, { influence: 4 }));
    const b = coalitionBalance(many, [], []);
    expect(b.engageNext).toHaveLength(10);
    expect(b.engageNext[0]!.id).toBe('n00');
  });
});
