/**
 * The partners list's and the influence map's view of positions: each partner's position on the
 * goal today, and where it stood `sinceDays` ago (the domain's `positionOn`, `positionMovement`).
 */
import { addDays } from '../dates.ts';
import type { Position } from '../enums.ts';
import { lowerLabelOf } from '../labels.ts';
import { positionMovement, positionOn, type PositionChange } from '../forecast/positions.ts';

/** How far back "moved" looks on the partners list and the map. */
export const POSITION_MOVEMENT_DAYS = 90;

export interface CurrentPosition {
  partnerId: string;
  /** Today's position on the goal (`unknown` before any change). */
  position: Position;
  /** The day of its latest change (the last time it was shown). */
  shownOn: string;
  /** The position `sinceDays` ago (`unknown` if none was recorded by then). */
  was: Position;
  /** Steps moved on the −2 (opposed) … +2 (champion) scale since then; 0 when it did not move or either end is unknown. */
  movement: number;
}

/**
 * Each partner with at least one change up to `today`: its position today, the day it was last shown,
 * and its movement over the last `sinceDays` days. Later days win; on the same day the later
 * entry in input order wins (pass changes oldest-recorded first).
 */
export function currentPositions(changes: readonly PositionChange[], today: string, sinceDays = POSITION_MOVEMENT_DAYS): CurrentPosition[] {
  const byPartner = new Map<string, PositionChange[]>();
  for (const c of changes) {
    if (c.date > today) continue;
    const list = byPartner.get(c.partnerId);
    if (list) list.push(c);
    else byPartner.set(c.partnerId, [c]);
  }
  const moved = positionMovement(changes, today, sinceDays);
  const since = addDays(today, -sinceDays);
  const out: CurrentPosition[] = [];
  for (const [partnerId, list] of byPartner) {
    const position = positionOn(list, today);
    let at = '';
    for (const c of list) if (c.date >= at) at = c.date;
    out.push({ partnerId, position, shownOn: at, was: positionOn(list, since), movement: moved.get(partnerId) ?? 0 });
  }
  return out;
}

/** "moved from sceptical to supportive" (the map's accessible label for its arrow). */
export function movementSentence(was: Position, now: Position): string {
  return `moved from ${lowerLabelOf('position', was)} to ${lowerLabelOf('position', now)}`;
}
