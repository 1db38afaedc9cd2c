/** Positions over time on screen: row types, and the record form (the domain's fields with the form's sentinels). */
import { z } from 'zod';
import { positionFields, zPositionChange, type Position, type PositionChangeFields } from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type PositionRow = RouterOutputs['position']['list'][number];
export type CurrentPositions = RouterOutputs['position']['current'];
export type CurrentPosition = CurrentPositions['partners'][number];
export type SupportPoint = RouterOutputs['position']['supportGrowth']['points'][number];

/** The select's value for "the coalition's goal" (no track) and for "no interaction" (Radix values cannot be ''). */
export const GOAL = 'goal';
export const NO_INTERACTION = 'none';

export const positionSchema = zPositionChange.extend({ trackId: z.string().min(1), interactionId: z.string().min(1) });
export type PositionFormValues = z.input<typeof positionSchema>;

export function toPayload(v: PositionFormValues): PositionChangeFields {
  return {
    position: positionFields.position.parse(v.position),
    shownOn: v.shownOn,
    note: v.note,
    trackId: v.trackId === GOAL ? null : v.trackId,
    interactionId: v.interactionId === NO_INTERACTION ? null : v.interactionId,
  };
}

export function emptyForm(today: string, position: Position = 'supportive'): PositionFormValues {
  return { position, shownOn: today, trackId: GOAL, interactionId: NO_INTERACTION, note: '' };
}

/** A partner's position today on the goal and on each track it has one for (newest change wins; `rows` newest first). */
export function currentByScope(rows: readonly PositionRow[], today: string): { goal: PositionRow | null; tracks: PositionRow[] } {
  const seen = new Set<string>();
  let goal: PositionRow | null = null;
  const tracks: PositionRow[] = [];
  for (const r of rows) {
    if (r.shownOn > today) continue;
    const key = r.trackId ?? GOAL;
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.trackId === null) goal = r;
    else tracks.push(r);
  }
  return { goal, tracks };
}
