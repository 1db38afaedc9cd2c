/**
 * Positions over time: recording a partner's position (on the goal, or on one track) as shown
 * on a day, optionally in an interaction of the dialogue log (router inputs and the form).
 */
import { z } from 'zod';
import { POSITIONS } from '../enums.ts';
import { zDate, zId, zText } from '../validators.ts';

export const POSITION_NOTE_MAX = 1000;

export const positionFields = {
  position: z.enum(POSITIONS, { error: 'Choose a position' }),
  /** The day the partner showed it; never after the coalition's today (`positionDateProblem`). */
  shownOn: zDate,
  /** The track it is about; null: the coalition's goal. */
  trackId: zId.nullable(),
  /** The interaction (of the same partner) where it was shown; null: none logged. */
  interactionId: zId.nullable(),
  note: zText(POSITION_NOTE_MAX),
};

export const zPositionChange = z.object(positionFields);
export type PositionChangeFields = z.output<typeof zPositionChange>;

/** position.record */
export const zPositionRecord = z.object({
  partnerId: zId,
  position: positionFields.position,
  shownOn: positionFields.shownOn,
  trackId: positionFields.trackId.default(null),
  interactionId: positionFields.interactionId.default(null),
  note: positionFields.note.default(''),
});

/** position.list: a partner's changes (goal and tracks), newest first. */
export const zPositionListQuery = z.object({ partnerId: zId });

/** A position is what a partner has shown: never on a day after `today` (the coalition's). */
export function positionDateProblem(shownOn: string, today: string): string | null {
  return shownOn > today ? 'A position is recorded once shown: choose today or an earlier day' : null;
}
