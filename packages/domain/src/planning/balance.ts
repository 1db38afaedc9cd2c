/** Coalition balance: state and non-state partners, contributions per track, gaps, whom to engage next. */
import { CONTRIBUTIONS, ENGAGEMENT_STAGES, PARTNER_KINDS, type Contribution, type EngagementStage, type PartnerKind } from '../enums.ts';
import { isStateActor, shouldEngageNext } from '../rules/partners.ts';
import { isOpenTrack } from '../rules/tracks.ts';
import { byPosition, zeroRecord, type PlanAssignment, type PlanPartner, type PlanTrack } from './types.ts';

export const ENGAGE_NEXT_CAP = 10;

export interface Balance {
  stateCount: number;
  nonStateCount: number;
  byKind: Record<PartnerKind, number>;
  byStage: Record<EngagementStage, number>;
  contributionsByTrack: { trackId: string; name: string; covered: Contribution[]; missing: Contribution[]; hasLead: boolean }[];
  tracksWithoutLead: { id: string; name: string }[];
  engageNext: { id: string; name: string; kind: PartnerKind; influence: number; interest: number; stage: EngagementStage }[];
  engageNextCount: number;
}

/**
 * - State vs non-state by isStateActor; counts by kind and by engagement stage.
 * - Contributions per open track (active or on hold, in track order): the union of the
 *   contributions of the partners assigned to it in any role but `observer`; `missing` is
 *   the rest, both in the canonical CONTRIBUTIONS order.
 * - Open tracks with no `lead` assignment (a co-lead is not a lead).
 * - Whom to bring into the dialogue next (shouldEngageNext): most influential first, then
 *   most interested, then by name; at most 10, with the full count beside them.
 */
export function coalitionBalance(
  partners: readonly PlanPartner[],
  tracks: readonly PlanTrack[],
  assignments: readonly PlanAssignment[],
): Balance {
  const byKind = zeroRecord(PARTNER_KINDS);
  const byStage = zeroRecord(ENGAGEMENT_STAGES);
  let stateCount = 0;
  const partnerById = new Map<string, PlanPartner>();
  for (const p of partners) {
    partnerById.set(p.id, p);
    byKind[p.kind]++;
    byStage[p.stage]++;
    if (isStateActor(p.kind)) stateCount++;
  }

  const covered = new Map<string, Set<Contribution>>();
  const led = new Set<string>();
  for (const a of assignments) {
    if (a.role === 'lead') led.add(a.trackId);
    if (a.role === 'observer') continue;
    const p = partnerById.get(a.partnerId);
    if (!p) continue;
    let set = covered.get(a.trackId);
    if (!set) covered.set(a.trackId, (set = new Set()));
    for (const c of p.contributions) set.add(c);
  }

  const openTracks = tracks.filter(isOpenTrack).sort(byPosition);
  const engage = partners
    .filter(shouldEngageNext)
    .sort((a, b) => b.influence - a.influence || b.interest - a.interest || a.name.localeCompare(b.name));

  return {
    stateCount,
    nonStateCount: partners.length - stateCount,
    byKind,
    byStage,
    contributionsByTrack: openTracks.map((t) => {
      const set = covered.get(t.id) ?? new Set<Contribution>();
      return {
        trackId: t.id,
        name: t.name,
        covered: CONTRIBUTIONS.filter((c) => set.has(c)),
        missing: CONTRIBUTIONS.filter((c) => !set.has(c)),
        hasLead: led.has(t.id),
      };
    }),
    tracksWithoutLead: openTracks.filter((t) => !led.has(t.id)).map((t) => ({ id: t.id, name: t.name })),
    engageNext: engage
      .slice(0, ENGAGE_NEXT_CAP)
      .map((p) => ({ id: p.id, name: p.name, kind: p.kind, influence: p.influence, interest: p.interest, stage: p.stage })),
    engageNextCount: engage.length,
  };
}
