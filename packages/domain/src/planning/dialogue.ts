/**
 * Dialogue coverage: are we talking to the partners who decide? For each high-influence
 * partner, the days since our last interaction, in bands of 30 / 60 / 90 days; and the next
 * steps promised in interactions that are past their due date and not done.
 */
import { daysBetween } from '../dates.ts';
import { LIST_CAP } from './types.ts';

/** Influence from this score up (on 1–5) is "high": the partners coverage watches. */
export const HIGH_INFLUENCE = 4;
export const COVERAGE_BANDS = [30, 60, 90] as const;

export interface CoveragePartner {
  id: string;
  name: string;
  influence: number;
  relationshipOwnerId: string | null;
}

export interface OpenNextStep {
  interactionId: string;
  partnerId: string;
  partnerName: string;
  nextStep: string;
  nextStepDue: string;
  nextStepUserId: string | null;
}

export interface DialogueCoverage {
  highInfluence: number;
  /** High-influence partners by how long since we last met them: each counts in one band. */
  bands: { within30: number; over30: number; over60: number; over90: number; never: number };
  /** High-influence partners not contacted in over 30 days (or never), longest first (capped). */
  stale: { id: string; name: string; lastContact: string | null; daysSince: number | null; relationshipOwnerId: string | null }[];
  staleTotal: number;
  /** Open next steps past their due date, oldest first (capped). */
  overdueNextSteps: (OpenNextStep & { daysOverdue: number })[];
  overdueTotal: number;
}

/**
 * `lastContact`: each partner's latest interaction day up to today. `openNextSteps`: next steps
 * with a due date and not done (any due date; only those before today count as overdue).
 */
export function dialogueCoverage(
  partners: readonly CoveragePartner[],
  lastContact: ReadonlyMap<string, string>,
  openNextSteps: readonly OpenNextStep[],
  today: string,
): DialogueCoverage {
  const bands = { within30: 0, over30: 0, over60: 0, over90: 0, never: 0 };
  const stale: DialogueCoverage['stale'] = [];
  let highInfluence = 0;
  for (const p of partners) {
    if (p.influence < HIGH_INFLUENCE) continue;
    highInfluence++;
    const last = lastContact.get(p.id) ?? null;
    const days = last === null ? null : daysBetween(last, today);
    if (days === null) bands.never++;
    else if (days > 90) bands.over90++;
    else if (days > 60) bands.over60++;
    else if (days > 30) bands.over30++;
    else bands.within30++;
    if (days === null || days > 30) stale.push({ id: p.id, name: p.name, lastContact: last, daysSince: days, relationshipOwnerId: p.relationshipOwnerId });
  }
  // Never contacted first, then the longest silence; ties by name.
  stale.sort((a, b) => (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity) || a.name.localeCompare(b.name));
  const overdue = openNextSteps
    .filter((s) => s.nextStepDue < today)
    .map((s) => ({ ...s, daysOverdue: daysBetween(s.nextStepDue, today) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.partnerName.localeCompare(b.partnerName) || (a.interactionId < b.interactionId ? -1 : 1));
  return {
    highInfluence,
    bands,
    stale: stale.slice(0, LIST_CAP),
    staleTotal: stale.length,
    overdueNextSteps: overdue.slice(0, LIST_CAP),
    overdueTotal: overdue.length,
  };
}
