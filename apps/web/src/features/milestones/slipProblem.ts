/** The server's SLIP_REASON_REQUIRED refusal, read off a tRPC error (see packages/api/src/errors.ts). */
import { errorData } from '../../lib/errors.ts';

export interface SlipProblem {
  /** The server's sentence (names the baseline and its date). */
  message: string;
  baseline: { id: string; name: string; createdAt: number } | null;
  /** Each milestone the change would move past the baseline. */
  slips: Array<{ milestoneId: string; title: string; baselineDue: string; fromDue: string; toDue: string; days: number }>;
}

/** The slip a save was refused for (it needs a reason), or null for any other error. */
export function slipProblemOf(error: unknown): SlipProblem | null {
  const data = errorData(error);
  if (data?.problem !== 'SLIP_REASON_REQUIRED') return null;
  const info = (data.problemInfo ?? {}) as Partial<SlipProblem>;
  return { message: error instanceof Error ? error.message : '', baseline: info.baseline ?? null, slips: Array.isArray(info.slips) ? info.slips : [] };
}
