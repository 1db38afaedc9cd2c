import { describe, expect, it } from 'vitest';
import {
  buildTimelineModel,
  clampLabelWidth,
  datesPatch,
  fitDayPx,
  flagSide,
  pxToDays,
  shiftDates,
  withDates,
  type TimelineData,
  type TimelineMilestone,
} from './timelineModel.ts';

function ms(id: string, startDate: string | null, dueDate: string, extra: Partial<TimelineMilestone> = {}): TimelineMilestone {
  return {
    id,
    title: id,
    trackId: null,
    startDate,
    dueDate,
    status: 'planned',
    progress: 0,
    ownerPartnerId: null,
    responsibleUserId: null,
    completedOn: null,
    version: 1,
    ...extra,
  };
}

describe('pxToDays', () => {
  it('snaps a pixel distance to the nearest whole day, both ways', () => {
    expect(pxToDays(0, 4)).toBe(0);
    expect(pxToDays(5, 4)).toBe(1);
    expect(pxToDays(6.1, 4)).toBe(2);
    expect(pxToDays(-13, 4)).toBe(-3);
    expect(Object.is(pxToDays(-1, 4), 0)).toBe(true); // not -0
    expect(pxToDays(50, 0)).toBe(0);
  });
});

describe('shiftDates', () => {
  const m = { startDate: '2027-03-01', dueDate: '2027-03-10' };

  it('moves start and due together', () => {
    expect(shiftDates(m, 'move', 3)).toEqual({ startDate: '2027-03-04', dueDate: '2027-03-13' });
    expect(shiftDates(m, 'move', -7)).toEqual({ startDate: '2027-02-22', dueDate: '2027-03-03' });
  });

  it('changes only one end, never letting the start pass the due date', () => {
    expect(shiftDates(m, 'due', 5)).toEqual({ startDate: '2027-03-01', dueDate: '2027-03-15' });
    expect(shiftDates(m, 'start', -2)).toEqual({ startDate: '2027-02-27', dueDate: '2027-03-10' });
    // Dragged past the other end: stops on it (a one-day milestone).
    expect(shiftDates(m, 'start', 30)).toEqual({ startDate: '2027-03-10', dueDate: '2027-03-10' });
    expect(shiftDates(m, 'due', -30)).toEqual({ startDate: '2027-03-01', dueDate: '2027-03-01' });
  });

  it('keeps a milestone without a start date without one, unless its start is dragged', () => {
    const open = { startDate: null, dueDate: '2027-03-10' };
    expect(shiftDates(open, 'move', 2)).toEqual({ startDate: null, dueDate: '2027-03-12' });
    expect(shiftDates(open, 'due', -20)).toEqual({ startDate: null, dueDate: '2027-02-18' });
    // Its bar starts a week before it is due: dragging that end sets a real start date.
    expect(shiftDates(open, 'start', -1)).toEqual({ startDate: '2027-03-02', dueDate: '2027-03-10' });
    expect(shiftDates(open, 'start', 0)).toEqual(open);
  });

  it('stays inside the drawn range', () => {
    const bounds = { min: '2027-02-25', max: '2027-03-20' };
    expect(shiftDates(m, 'move', -30, bounds)).toEqual({ startDate: '2027-02-25', dueDate: '2027-03-06' });
    expect(shiftDates(m, 'move', 30, bounds)).toEqual({ startDate: '2027-03-11', dueDate: '2027-03-20' });
    expect(shiftDates(m, 'due', 30, bounds).dueDate).toBe('2027-03-20');
    expect(shiftDates(m, 'start', -30, bounds).startDate).toBe('2027-02-25');
  });
});

describe('datesPatch', () => {
  it('sends only the dates that changed', () => {
    const before = { startDate: '2027-03-01', dueDate: '2027-03-10' };
    expect(datesPatch(before, before)).toEqual({});
    expect(datesPatch(before, { startDate: '2027-03-01', dueDate: '2027-03-12' })).toEqual({ dueDate: '2027-03-12' });
    expect(datesPatch(before, { startDate: '2027-03-03', dueDate: '2027-03-12' })).toEqual({ startDate: '2027-03-03', dueDate: '2027-03-12' });
  });
});

describe('the preview of a moved milestone', () => {
  const data: TimelineData = {
    milestones: [ms('A', '2027-03-01', '2027-03-10'), ms('B', '2027-03-11', '2027-03-20')],
    dependencies: [{ milestoneId: 'B', dependsOnId: 'A' }],
  };
  const today = '2027-01-15';

  it('makes the dependency late (the domain rule) once the prerequisite is due after its dependant', () => {
    expect(buildTimelineModel(data, [], today, null).lateCount).toBe(0);
    const inTime = withDates(data, 'A', shiftDates(data.milestones[0]!, 'move', 10));
    expect(buildTimelineModel(inTime, [], today, null).lateCount).toBe(0); // due on the 20th: same day is not late
    const late = withDates(data, 'A', shiftDates(data.milestones[0]!, 'move', 11));
    const model = buildTimelineModel(late, [], today, null);
    expect(model.lateCount).toBe(1);
    expect([...model.lateTargets]).toEqual(['B']);
    const row = model.rows.find((r) => r.kind === 'ms' && r.m.id === 'B');
    expect(row?.kind === 'ms' && row.late).toBe(true);
  });

  it('keeps the rows in place and, when pinned, the drawn range', () => {
    const moved = withDates(data, 'A', { startDate: '2027-05-01', dueDate: '2027-05-30' });
    expect(moved.milestones.map((m) => m.id)).toEqual(['A', 'B']);
    const before = buildTimelineModel(data, [], today, null);
    const pinned = buildTimelineModel(moved, [], today, null, { start: before.start, end: before.end });
    expect([pinned.start, pinned.end]).toEqual([before.start, before.end]);
    expect(buildTimelineModel(moved, [], today, null).end > before.end).toBe(true);
  });
});

describe('layout helpers', () => {
  it('stretches a short plan over the available width, never below the zoom', () => {
    expect(fitDayPx(4, 100, 1000)).toBe(10);
    expect(fitDayPx(4, 1000, 1000)).toBe(4);
    expect(fitDayPx(4, 0, 1000)).toBe(4);
  });

  it('keeps the title column between its bounds and leaves the chart room', () => {
    expect(clampLabelWidth(20, 1200)).toBe(96);
    expect(clampLabelWidth(300, 1200)).toBe(300);
    expect(clampLabelWidth(900, 1200)).toBe(480);
    expect(clampLabelWidth(300, 800)).toBe(300);
    expect(clampLabelWidth(300, 360)).toBe(162); // a phone: 45% at most
    expect(clampLabelWidth(300, 100)).toBe(96);
  });

  it('flips a flag label to the left of its line at the right edge', () => {
    expect(flagSide(100, 120, 1000)).toBe('right');
    expect(flagSide(950, 120, 1000)).toBe('left');
    expect(flagSide(50, 120, 150)).toBe('right');
    expect(flagSide(100, 120, 150)).toBe('left');
  });
});
