/**
 * The timeline's model, as a pure function of what milestone.timeline returns: lanes (one per
 * track in order, then coalition-wide), rows, the date range, and the dependency arrows with
 * the ones that are late. Lateness and due states come from the domain (`isLateDependency`,
 * `dueState`): the same rules as the dashboard, the list and the detail page.
 */
import { addDays, dueState, isLateDependency, type DueState } from '@coalition/domain';
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
    start: addMonths(monthStart(min), -1),
    end: addMonths(monthStart(max), 2),
    first,
    last,
    edges,
    lateCount: edges.filter((e) => e.late).length,
    lateTargets,
    count: data.milestones.length,
    laneCount: rows.filter((r) => r.kind === 'lane').length,
  };
}
