/** The whip count's words: "27 of 40 ratifications", the pace line, and the board's row types. */
import { ordinal, THRESHOLD_ACT_NOUNS, type ThresholdAct } from '@coalition/domain';
import { formatDate } from '../../lib/dates.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type Board = RouterOutputs['threshold']['board'];
export type EligibleRow = Board['eligible'][number];
export type ActRow = EligibleRow['acts'][number];

/** "ratification" / "ratifications". */
export function actNoun(act: ThresholdAct, n: number): string {
  return n === 1 ? THRESHOLD_ACT_NOUNS[act].one : THRESHOLD_ACT_NOUNS[act].many;
}

/** "27 of 40 ratifications". */
export function countLine(board: Pick<Board, 'progress' | 'milestone'>): string {
  const { count, threshold } = board.progress;
  return `${count} of ${threshold} ${actNoun(board.milestone.thresholdAct, threshold)}`;
}

/**
 * When the threshold is (or was) met, or when it will be at the current pace:
 * "The 40th ratification came on 16 Sep 1998", "At the current pace the 40th ratification comes
 * around 3 Mar 2027 (range 1 Jan – 5 Jun 2027)", or why the pace cannot tell yet.
 */
export function paceLine(board: Pick<Board, 'progress' | 'milestone' | 'pace'>): string {
  const { threshold, reachedOn, count } = board.progress;
  const nth = `${ordinal(threshold)} ${actNoun(board.milestone.thresholdAct, 1)}`;
  if (reachedOn) return `Reached: the ${nth} came on ${formatDate(reachedOn)}.`;
  if (!board.pace) {
    return count === 0
      ? `Not enough acts yet to tell when the ${nth} comes.`
      : `Not enough acts yet to tell when the ${nth} comes: none in the last six months.`;
  }
  const { date, low, high, perMonth } = board.pace;
  return `At the current pace (${perMonth.toLocaleString('en-GB')} a month) the ${nth} comes around ${formatDate(date)} (range ${formatDate(low)} – ${formatDate(high)}).`;
}
