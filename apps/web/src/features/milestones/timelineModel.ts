/**
 * The timeline's model, as a pure function of what milestone.timeline returns: lanes (one per
 * track in order, then coalition-wide), rows, the date range, and the dependency arrows with
 * the ones that are late. Lateness and due states come from the domain (`isLateDependency`,
 * `dueState`): the same rules as the dashboard, the list and the detail page.
 */
import { addDays, daysBetween, dueState, isLateDependency, type DueState } from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type TimelineData = RouterOutputs['milestone']['timeline'];
export type TimelineMilestone = TimelineData['milestones'][number];

export const ROW_H = 34;
export const LANE_H = 30;

export const COALITION_WIDE_LANE = { name: 'Coalition-wide', color: '#64748b' };

export type TimelineRow =
  | { kind: 'lane'; key: string; name: string; color: string; count: number; done: number }
  | { kind: 'ms'; key: string; m: TimelineMilestone; color: string; due: DueState; late: boolean };

export interface TimelineEdge {
  from: TimelineMilestone;
  to: TimelineMilestone;
  /** The prerequisite finishes after its dependant is due (`isLateDependency`). */
  late: boolean;
}

export interface TimelineModel {
  rows: TimelineRow[];
  offsets: number[];
  rowIndex: Map<string, number>;
  totalHeight: number;
  /** First and last day drawn (whole months around every bar, today and the goal). */
  start: string;
  end: string;
  /** The earliest bar start and the latest due date. */
  first: string;
  last: string;
  edges: TimelineEdge[];
  lateCount: number;
  /** Milestones waiting for at least one late dependency. */
  lateTargets: Set<string>;
  count: number;
  laneCount: number;
}

export const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;

export function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

/** Where a bar starts: its start date, else a week before it is due (never after it is due). */
export function barStart(m: Pick<TimelineMilestone, 'startDate' | 'dueDate'>): string {
  const s = m.startDate ?? addDays(m.dueDate, -7);
  return s > m.dueDate ? m.dueDate : s;
}

export function buildTimelineModel(
  data: TimelineData,
  tracks: readonly { id: string; name: string; color: string }[],
  today: string,
  goalDate: string | null,
  /** Keep this date range (while a bar is dragged, so the chart does not shift under the pointer). */
  pinned?: { start: string; end: string },
): TimelineModel {
  const byId = new Map(data.milestones.map((m) => [m.id, m]));
  const edges: TimelineEdge[] = [];
  for (const e of data.dependencies) {
    const from = byId.get(e.dependsOnId);
    const to = byId.get(e.milestoneId);
    if (from && to) edges.push({ from, to, late: isLateDependency(to, from) });
  }
  const lateTargets = new Set(edges.filter((e) => e.late).map((e) => e.to.id));

  const byLane = new Map<string | null, TimelineMilestone[]>();
  for (const m of data.milestones) {
    const list = byLane.get(m.trackId) ?? [];
    list.push(m);
    byLane.set(m.trackId, list);
  }
  const trackById = new Map(tracks.map((t) => [t.id, t]));
  const rows: TimelineRow[] = [];
  const pushLane = (id: string | null, name: string, color: string) => {
    const list = byLane.get(id) ?? [];
    rows.push({ kind: 'lane', key: `lane-${id ?? 'coalition'}`, name, color, count: list.length, done: list.filter((m) => m.status === 'done').length });
    for (const m of list) rows.push({ kind: 'ms', key: m.id, m, color, due: dueState(m, today), late: lateTargets.has(m.id) });
  };
  for (const t of tracks) pushLane(t.id, t.name, t.color);
  // Milestones of a track not (yet) in the track list still get drawn.
  for (const id of byLane.keys()) if (id && !trackById.has(id)) pushLane(id, 'Track', '#94a3b8');
  if (byLane.has(null)) pushLane(null, COALITION_WIDE_LANE.name, COALITION_WIDE_LANE.color);

  const offsets: number[] = new Array(rows.length);
  const rowIndex = new Map<string, number>();
  let y = 0;
  rows.forEach((r, i) => {
    offsets[i] = y;
    y += r.kind === 'lane' ? LANE_H : ROW_H;
    if (r.kind === 'ms') rowIndex.set(r.m.id, i);
  });

  // The date range: every bar, today and the goal, padded to whole months.
  let min = today;
  let max = today;
  if (goalDate) {
    if (goalDate < min) min = goalDate;
    if (goalDate > max) max = goalDate;
  }
  let first = '9999-12-31';
  let last = '0000-01-01';
  for (const m of data.milestones) {
    const s = barStart(m);
    if (s < min) min = s;
    if (s < first) first = s;
    if (m.dueDate > max) max = m.dueDate;
    if (m.dueDate > last) last = m.dueDate;
    if (m.completedOn && m.completedOn > max) max = m.completedOn;
  }
  return {
    rows,
    offsets,
    rowIndex,
    totalHeight: y,
    start: pinned?.start ?? addMonths(monthStart(min), -1),
    end: pinned?.end ?? addMonths(monthStart(max), 2),
    first,
    last,
    edges,
    lateCount: edges.filter((e) => e.late).length,
    lateTargets,
    count: data.milestones.length,
    laneCount: rows.filter((r) => r.kind === 'lane').length,
  };
}

// ---------------------------------------------------------------------------
// Editing dates on the chart (dragging a bar or its ends, or the arrow keys)
// ---------------------------------------------------------------------------

/** What a drag or a key changes: the whole bar (start and due shift together), or one end. */
export type DragEdge = 'move' | 'start' | 'due';

export interface BarDates {
  startDate: string | null;
  dueDate: string;
}

/** Whole days for a horizontal distance in pixels: snaps to the nearest day. */
export function pxToDays(dx: number, dayPx: number): number {
  if (!(dayPx > 0)) return 0;
  const days = Math.round(dx / dayPx);
  return days === 0 ? 0 : days; // never -0
}

const clampNum = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * The dates of a milestone after moving `edge` by `days`, snapped to days and clamped: the start
 * never passes the due date (nor the due date the start), and the bar stays inside `bounds` (the
 * chart's drawn range) when given. A milestone without a start date keeps none when moved or
 * when its due date changes; dragging its left end gives it one.
 */
export function shiftDates(m: BarDates, edge: DragEdge, days: number, bounds?: { min: string; max: string }): BarDates {
  const from = barStart(m);
  const lo = bounds ? bounds.min : null;
  const hi = bounds ? bounds.max : null;
  if (edge === 'move') {
    let d = days;
    if (lo !== null) d = Math.max(d, daysBetween(from, lo));
    if (hi !== null) d = Math.min(d, daysBetween(m.dueDate, hi));
    if (d === 0) return { startDate: m.startDate, dueDate: m.dueDate };
    return { startDate: m.startDate === null ? null : addDays(m.startDate, d), dueDate: addDays(m.dueDate, d) };
  }
  if (edge === 'start') {
    const d = clampNum(days, lo !== null ? daysBetween(from, lo) : -Infinity, daysBetween(from, m.dueDate));
    if (d === 0) return { startDate: m.startDate, dueDate: m.dueDate };
    return { startDate: addDays(from, d), dueDate: m.dueDate };
  }
  // The due end: not before the start date (when there is one), nor outside the chart.
  const floor = m.startDate ?? lo;
  const d = clampNum(days, floor !== null ? daysBetween(m.dueDate, floor) : -Infinity, hi !== null ? daysBetween(m.dueDate, hi) : Infinity);
  if (d === 0) return { startDate: m.startDate, dueDate: m.dueDate };
  return { startDate: m.startDate, dueDate: addDays(m.dueDate, d) };
}

/** Only the dates that changed, as milestone.update's fields (empty: nothing to save). */
export function datesPatch(before: BarDates, after: BarDates): Partial<BarDates> {
  return {
    ...(after.startDate !== before.startDate ? { startDate: after.startDate } : {}),
    ...(after.dueDate !== before.dueDate ? { dueDate: after.dueDate } : {}),
  };
}

/**
 * The timeline data with one milestone's dates replaced (the preview of a drag): same order, so
 * rows do not jump while dragging; the model built from it recomputes arrows and lateness with
 * the domain's `isLateDependency`, exactly as after the save.
 */
export function withDates(data: TimelineData, milestoneId: string, dates: BarDates): TimelineData {
  return { ...data, milestones: data.milestones.map((m) => (m.id === milestoneId ? { ...m, ...dates } : m)) };
}

/** Pixels per day: the zoom's, or more when the plan is short, so the grid fills the width there is. */
export function fitDayPx(zoomPx: number, days: number, available: number): number {
  if (days <= 0 || available <= 0) return zoomPx;
  return Math.max(zoomPx, available / days);
}

export const LABEL_MIN = 96;
export const LABEL_MAX = 480;

/** The title column's width: between 96 px and 480 px, and at most 60% of the box (45% on a phone: the chart keeps room). */
export function clampLabelWidth(width: number, boxWidth: number): number {
  const max = Math.max(LABEL_MIN, Math.min(LABEL_MAX, Math.round(boxWidth * (boxWidth < 640 ? 0.45 : 0.6))));
  return Math.round(clampNum(width, LABEL_MIN, max));
}

/** Which side of its line a flag label (the goal, today) goes: right, unless it would overflow the chart. */
export function flagSide(x: number, labelWidth: number, chartWidth: number): 'right' | 'left' {
  if (x + labelWidth <= chartWidth) return 'right';
  if (x - labelWidth >= 0) return 'left';
  return chartWidth - x >= x ? 'right' : 'left';
}
