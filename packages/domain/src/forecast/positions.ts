/**
 * Positions over time: a partner's stance on the goal changes on dated days; what it was on any
 * day is the latest change up to that day. Support growth (the seed paper's snowball, counted in
 * people) is the number of champion + supportive partners each week, state and non-state apart.
 * The whip count of a threshold milestone groups its eligible partners by act and position.
 */
import { addDays, fromDayNumber, toDayNumber, weekStart } from '../dates.ts';
import type { PartnerKind, Position, ThresholdAct } from '../enums.ts';
import { isStateActor } from '../rules/partners.ts';

export interface PositionChange {
  partnerId: string;
  /** The day the position was shown (ISO date). */
  date: string;
  position: Position;
}

/** Supportive or better. */
export function isSupport(position: Position): boolean {
  return position === 'champion' || position === 'supportive';
}

/** −2 (opposed) … +2 (champion); null for unknown: the scale movement is measured on. */
export function positionScore(position: Position): number | null {
  switch (position) {
    case 'champion':
      return 2;
    case 'supportive':
      return 1;
    case 'neutral':
      return 0;
    case 'sceptical':
      return -1;
    case 'opposed':
      return -2;
    default:
      return null;
  }
}

/** Each partner's changes, oldest first (same day: the later entry in input order wins). */
function byPartner(changes: readonly PositionChange[]): Map<string, PositionChange[]> {
  const map = new Map<string, PositionChange[]>();
  for (const c of changes) {
    const list = map.get(c.partnerId);
    if (list) list.push(c);
    else map.set(c.partnerId, [c]);
  }
  for (const list of map.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return map;
}

/** A partner's position on `date`: its latest change up to that day, `unknown` before any. */
export function positionOn(changes: readonly PositionChange[], date: string): Position {
  let current: Position = 'unknown';
  let at = '';
  for (const c of changes) {
    if (c.date > date || c.date < at) continue;
    current = c.position;
    at = c.date;
  }
  return current;
}

export interface SupportPoint {
  /** Monday of the week. */
  week: string;
  state: number;
  nonState: number;
}

/**
 * Champion + supportive partners at the end of each week from `from`'s week to `to`'s week:
 * one point a week, state and non-state apart. Partners not in `partners` are ignored.
 */
export function supportGrowth(
  partners: readonly { id: string; kind: PartnerKind }[],
  changes: readonly PositionChange[],
  from: string,
  to: string,
): SupportPoint[] {
  const kindOf = new Map(partners.map((p) => [p.id, p.kind]));
  const first = toDayNumber(weekStart(from));
  const last = toDayNumber(weekStart(to));
  if (last < first) return [];
  const weeks = Math.floor((last - first) / 7) + 1;
  // Each change moves a partner in or out of support from the week it falls in (end of week).
  const deltaState = new Int32Array(weeks);
  const deltaNonState = new Int32Array(weeks);
  let baseState = 0;
  let baseNonState = 0;
  for (const [partnerId, list] of byPartner(changes)) {
    const kind = kindOf.get(partnerId);
    if (!kind) continue;
    const state = isStateActor(kind);
    let supporting = false;
    for (const c of list) {
      const now = isSupport(c.position);
      if (now === supporting) continue;
      supporting = now;
      const delta = now ? 1 : -1;
      const w = Math.floor((toDayNumber(weekStart(c.date)) - first) / 7);
      if (w >= weeks) break;
      if (w < 0) {
        if (state) baseState += delta;
        else baseNonState += delta;
      } else if (state) deltaState[w]! += delta;
      else deltaNonState[w]! += delta;
    }
  }
  const points: SupportPoint[] = [];
  let s = baseState;
  let ns = baseNonState;
  for (let w = 0; w < weeks; w++) {
    s += deltaState[w]!;
    ns += deltaNonState[w]!;
    points.push({ week: fromDayNumber(first + w * 7), state: s, nonState: ns });
  }
  return points;
}

/** How far each partner moved on the −2…+2 scale since `sinceDays` days before `today` (unknown ends: no entry). */
export function positionMovement(changes: readonly PositionChange[], today: string, sinceDays = 90): Map<string, number> {
  const since = addDays(today, -sinceDays);
  const moved = new Map<string, number>();
  for (const [partnerId, list] of byPartner(changes)) {
    const before = positionScore(positionOn(list, since));
    const now = positionScore(positionOn(list, today));
    if (before === null || now === null || before === now) continue;
    moved.set(partnerId, now - before);
  }
  return moved;
}

export const WHIP_GROUPS = ['committed', 'likely', 'undecided', 'opposed'] as const;
export type WhipGroup = (typeof WHIP_GROUPS)[number];

/**
 * Where an eligible partner stands on a threshold milestone: an act that counts (or a champion)
 * is committed; supportive is likely; a vote against or a sceptical / opposed position is
 * opposed; the rest (neutral, unknown, abstained) undecided.
 */
export function whipGroup(act: ThresholdAct | null, counts: boolean, position: Position): WhipGroup {
  if (act && counts) return 'committed';
  if (act === 'voted_no') return 'opposed';
  if (position === 'champion') return 'committed';
  if (position === 'supportive') return 'likely';
  if (position === 'sceptical' || position === 'opposed') return 'opposed';
  return 'undecided';
}

/** The whip count of the eligible partners: how many in each group. */
export function whipCount(eligible: readonly { act: ThresholdAct | null; counts: boolean; position: Position }[]): Record<WhipGroup, number> {
  const count: Record<WhipGroup, number> = { committed: 0, likely: 0, undecided: 0, opposed: 0 };
  for (const e of eligible) count[whipGroup(e.act, e.counts, e.position)]++;
  return count;
}
