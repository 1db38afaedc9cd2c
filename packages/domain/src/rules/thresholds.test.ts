import { describe, expect, it } from 'vitest';
import {
  actCounts,
  applyMilestoneRules,
  ordinal,
  positionOn,
  standingOf,
  thresholdPace,
  thresholdProblem,
  thresholdProgress,
  thresholdStatusPatch,
  twoThirdsOf,
  whipCount,
  whipGroup,
  zMilestoneCreate,
  type ActRecord,
  type MilestoneState,
  type PositionChange,
  type ThresholdAct,
} from '../index.ts';

const RATIFY = { thresholdAct: 'ratified', threshold: 3 } as const;
const act = (a: ThresholdAct, actedOn: string): ActRecord => ({ act: a, actedOn });

describe('which act counts', () => {
  it('only the milestone’s own act: a ratification threshold is not met by signatures', () => {
    expect(actCounts('ratified', 'ratified')).toBe(true);
    expect(actCounts('signed', 'ratified')).toBe(false);
    expect(actCounts('abstained', 'voted_yes')).toBe(false);
    expect(thresholdProgress(RATIFY, [act('signed', '1997-12-03'), act('signed', '1997-12-04'), act('signed', '1997-12-05')])).toEqual({
      count: 0,
      threshold: 3,
      percent: 0,
      reachedOn: null,
    });
  });
});

describe('thresholdProgress', () => {
  it('counts the acts over the threshold, rounded down, and names no day before it is met', () => {
    expect(thresholdProgress({ thresholdAct: 'ratified', threshold: 40 }, [act('ratified', '1998-01-01'), act('signed', '1998-01-02')])).toEqual({
      count: 1,
      threshold: 40,
      percent: 2,
      reachedOn: null,
    });
    // 39 of 40 is 97 %, never a rounded-up 100 that would read as done.
    const almost = Array.from({ length: 39 }, (_, i) => act('ratified', `1998-0${1 + (i % 9)}-10`));
    expect(thresholdProgress({ thresholdAct: 'ratified', threshold: 40 }, almost).percent).toBe(97);
  });

  it('is met on the date of the threshold-th act by date, whatever order the acts were recorded in', () => {
    const acts = [act('ratified', '1998-09-16'), act('ratified', '1997-12-03'), act('ratified', '1998-06-29'), act('ratified', '1998-12-01')];
    expect(thresholdProgress(RATIFY, acts)).toEqual({ count: 4, threshold: 3, percent: 100, reachedOn: '1998-09-16' });
  });

  it('ten deposits on one day pass the threshold together (Rome: 11 April 2002)', () => {
    const acts = [...Array.from({ length: 56 }, () => act('ratified', '2001-06-01')), ...Array.from({ length: 10 }, () => act('ratified', '2002-04-11'))];
    expect(thresholdProgress({ thresholdAct: 'ratified', threshold: 60 }, acts)).toMatchObject({ count: 66, percent: 100, reachedOn: '2002-04-11' });
  });
});

describe('standingOf (the act the whip count reads)', () => {
  it('prefers the act that counts, then a vote against, then the latest act', () => {
    expect(standingOf([act('signed', '1997-12-03'), act('ratified', '1998-06-01')], 'ratified')).toEqual({ act: act('ratified', '1998-06-01'), counts: true });
    expect(standingOf([act('voted_no', '2020-01-02'), act('abstained', '2020-03-01')], 'voted_yes')).toEqual({ act: act('voted_no', '2020-01-02'), counts: false });
    expect(standingOf([act('signed', '1997-12-03'), act('endorsed', '1998-02-01')], 'ratified')).toEqual({ act: act('endorsed', '1998-02-01'), counts: false });
    expect(standingOf([], 'ratified')).toEqual({ act: null, counts: false });
  });

  it('feeds the whip count: counting act → committed, voted no → opposed, otherwise the goal position', () => {
    const changes: PositionChange[] = [
      { partnerId: 'a', date: '2020-01-01', position: 'sceptical' },
      { partnerId: 'a', date: '2020-06-01', position: 'supportive' },
    ];
    const position = positionOn(changes, '2020-07-01');
    expect(position).toBe('supportive');
    const signedOnly = standingOf([act('signed', '2020-02-01')], 'ratified');
    expect(whipGroup(signedOnly.act?.act ?? null, signedOnly.counts, position)).toBe('likely');
    const ratified = standingOf([act('ratified', '2020-02-01')], 'ratified');
    expect(whipGroup(ratified.act?.act ?? null, ratified.counts, 'opposed')).toBe('committed');
    const against = standingOf([act('voted_no', '2020-02-01')], 'voted_yes');
    expect(whipGroup(against.act?.act ?? null, against.counts, 'champion')).toBe('opposed');
    expect(
      whipCount([
        { act: 'ratified', counts: true, position: 'unknown' },
        { act: 'signed', counts: false, position: 'supportive' },
        { act: null, counts: false, position: 'unknown' },
        { act: 'voted_no', counts: false, position: 'neutral' },
      ]),
    ).toEqual({ committed: 1, likely: 1, undecided: 1, opposed: 1 });
  });
});

describe('thresholdStatusPatch (the milestone follows its count)', () => {
  const base: MilestoneState = { status: 'in_progress', progress: 33, startDate: null, dueDate: '1999-03-01', completedOn: null };
  const p = (count: number, reachedOn: string | null = null) => ({ count, threshold: 3, percent: Math.min(100, Math.floor((count / 3) * 100)), reachedOn });

  it('progress is the count over the threshold; a planned milestone with acts is in progress', () => {
    const patch = thresholdStatusPatch({ status: 'planned' }, p(0), p(1));
    expect(patch).toEqual({ progress: 33 });
    expect(applyMilestoneRules({ ...base, status: 'planned', progress: 0 }, patch, '1998-01-01')).toEqual({ ok: true, patch: { progress: 33, status: 'in_progress' } });
  });

  it('meeting the threshold completes the milestone on the day it was met, not today', () => {
    const patch = thresholdStatusPatch(base, p(2), p(3, '1998-09-16'));
    expect(applyMilestoneRules(base, patch, '1998-10-01')).toEqual({ ok: true, patch: { status: 'done', progress: 100, completedOn: '1998-09-16' } });
  });

  it('an act deleted below a met threshold takes a done milestone back to in progress', () => {
    const done = { ...base, status: 'done' as const, progress: 100, completedOn: '1998-09-16' };
    const patch = thresholdStatusPatch(done, p(3, '1998-09-16'), p(2));
    expect(applyMilestoneRules(done, patch, '1998-10-01')).toEqual({ ok: true, patch: { status: 'in_progress', progress: 66, completedOn: null } });
  });

  it('an earlier act moves the completion date to the new day the threshold was met', () => {
    const done = { ...base, status: 'done' as const, progress: 100, completedOn: '1998-09-16' };
    expect(thresholdStatusPatch(done, p(3, '1998-09-16'), p(4, '1998-09-01'))).toEqual({ status: 'done', progress: 100, completedOn: '1998-09-01' });
  });

  it('leaves a milestone done by hand below its threshold, and a dropped one, as they are', () => {
    const done = { ...base, status: 'done' as const, progress: 100, completedOn: '1998-09-16' };
    expect(thresholdStatusPatch(done, p(1), p(2))).toEqual({});
    expect(thresholdStatusPatch({ status: 'dropped' }, p(2), p(3, '1998-09-16'))).toEqual({ progress: 100 });
  });
});

describe('the threshold fields', () => {
  it('take both or neither, with a message on the missing one', () => {
    expect(thresholdProblem({ thresholdAct: 'ratified', threshold: 40 })).toBeNull();
    expect(thresholdProblem({ thresholdAct: null, threshold: null })).toBeNull();
    expect(thresholdProblem({ thresholdAct: 'ratified', threshold: null })).toMatchObject({ field: 'threshold' });
    expect(thresholdProblem({ thresholdAct: null, threshold: 40 })).toMatchObject({ field: 'thresholdAct' });
    const create = (extra: object) => zMilestoneCreate.safeParse({ title: 'Entry into force', dueDate: '1999-03-01', ...extra });
    expect(create({ thresholdAct: 'ratified', threshold: 40 }).success).toBe(true);
    expect(create({}).success).toBe(true);
    const missing = create({ threshold: 40 });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ['thresholdAct'], message: expect.stringMatching(/Choose the act/) });
    expect(create({ thresholdAct: 'ratified', threshold: 0 }).success).toBe(false);
    expect(create({ thresholdAct: 'ratified', threshold: 10_001 }).success).toBe(false);
    expect(create({ thresholdAct: 'ratified', threshold: 2.5 }).success).toBe(false);
    expect(create({ thresholdAct: 'ratified_twice', threshold: 2 }).success).toBe(false);
  });

  it('two-thirds of the eligible, rounded up; ordinals for the pace line', () => {
    expect([1, 2, 3, 40, 193].map(twoThirdsOf)).toEqual([1, 2, 2, 27, 129]);
    expect(twoThirdsOf(0)).toBe(1);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 40, 60, 101, 111, 112].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '40th', '60th', '101st', '111th', '112th',
    ]);
  });

  it('the pace reads the dates of the acts that count (thresholdPace)', () => {
    const acts = [act('ratified', '2026-01-10'), act('signed', '2026-01-11'), act('ratified', '2026-02-10')];
    const counting = acts.filter((a) => actCounts(a.act, 'ratified')).map((a) => a.actedOn);
    const pace = thresholdPace(counting, 4, '2026-03-01');
    expect(pace).toMatchObject({ count: 2, threshold: 4, reachedOn: null });
    expect(pace.range!.optimistic <= pace.range!.likely && pace.range!.likely <= pace.range!.pessimistic).toBe(true);
  });
});
