/**
 * Business rules for parallel tracks, as plain functions (no database access here).
 */

/** Distinct, accessible colours given to new tracks in turn (by position). */
export const TRACK_PALETTE = [
  '#2563eb', // blue
  '#059669', // green
  '#d97706', // amber
  '#7c3aed', // violet
  '#dc2626', // red
  '#0891b2', // cyan
  '#db2777', // pink
  '#4d7c0f', // olive
  '#9333ea', // purple
  '#0f766e', // teal
] as const;

export function defaultTrackColor(position: number): string {
  const i = ((position % TRACK_PALETTE.length) + TRACK_PALETTE.length) % TRACK_PALETTE.length;
  return TRACK_PALETTE[i]!;
}

/** A new track goes after the last one. */
export function nextTrackPosition(maxPosition: number | null | undefined): number {
  return maxPosition === null || maxPosition === undefined ? 0 : maxPosition + 1;
}

export type ReorderProblem =
  /** Ids that are not tracks of this coalition (a foreign id looks exactly like a missing one). */
  | { kind: 'unknown'; unknown: string[]; message: string }
  /** Tracks the new order leaves out or lists more than once (by name). */
  | { kind: 'incomplete'; missing: string[]; duplicated: string[]; message: string };

/**
 * A new order must list each of the coalition's tracks exactly once. Returns what is wrong,
 * or null: first any id that is not one of the coalition's tracks (never named beyond the id
 * the caller sent), then the tracks left out or repeated.
 */
export function checkReorder(
  current: readonly { id: string; name: string }[],
  requested: readonly string[],
): ReorderProblem | null {
  const byId = new Map(current.map((t) => [t.id, t.name]));
  const unknown = [...new Set(requested.filter((id) => !byId.has(id)))];
  if (unknown.length) {
    return { kind: 'unknown', unknown, message: `Not tracks of this coalition: ${unknown.join(', ')}. Reload and try again.` };
  }
  const seen = new Set<string>();
  const duplicated: string[] = [];
  for (const id of requested) {
    const name = byId.get(id)!;
    if (seen.has(id) && !duplicated.includes(name)) duplicated.push(name);
    seen.add(id);
  }
  const missing = current.filter((t) => !seen.has(t.id)).map((t) => t.name);
  if (!missing.length && !duplicated.length) return null;
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.map((n) => `"${n}"`).join(', ')}`);
  if (duplicated.length) parts.push(`listed more than once: ${duplicated.map((n) => `"${n}"`).join(', ')}`);
  return {
    kind: 'incomplete',
    missing,
    duplicated,
    message: `The new order must list each of the coalition's ${current.length} tracks exactly once (${parts.join('; ')}). Reload and try again.`,
  };
}

/** Whether applying `requested` changes anything. */
export function isSameOrder(current: readonly { id: string }[], requested: readonly string[]): boolean {
  return current.length === requested.length && current.every((t, i) => t.id === requested[i]);
}

/** Average progress as a whole percentage, 0 when there is nothing to average. */
export function averageProgress(sum: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round(sum / count)));
}

export interface TrackMilestoneTotals {
  milestoneCount: number;
  milestonesDone: number;
  milestonesDropped: number;
  /** Sum of the progress of the non-dropped milestones (a done milestone counts as 100). */
  progressSum: number;
}

export interface TrackAssignmentTotals {
  partnerCount: number;
  leadCount: number;
  coLeadCount: number;
}

/** The figures shown beside a track. */
export function trackSummary(m: TrackMilestoneTotals | undefined, a: TrackAssignmentTotals | undefined) {
  const milestoneCount = m?.milestoneCount ?? 0;
  const milestonesDropped = m?.milestonesDropped ?? 0;
  const leadCount = a?.leadCount ?? 0;
  return {
    milestoneCount,
    milestonesDone: m?.milestonesDone ?? 0,
    milestonesDropped,
    progress: averageProgress(m?.progressSum ?? 0, milestoneCount - milestonesDropped),
    partnerCount: a?.partnerCount ?? 0,
    leadCount,
    coLeadCount: a?.coLeadCount ?? 0,
    hasLead: leadCount > 0,
  };
}
