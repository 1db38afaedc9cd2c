/** Parallel-track rules: colours, order, which tracks are still being worked on. */
import type { TrackStatus } from '../enums.ts';

/** Distinct, accessible colours; a new track gets the next one by position. */
export const TRACK_PALETTE = [
  { value: '#2563eb', name: 'Blue' },
  { value: '#059669', name: 'Green' },
  { value: '#d97706', name: 'Amber' },
  { value: '#7c3aed', name: 'Violet' },
  { value: '#dc2626', name: 'Red' },
  { value: '#0891b2', name: 'Cyan' },
  { value: '#db2777', name: 'Pink' },
  { value: '#4d7c0f', name: 'Olive' },
  { value: '#9333ea', name: 'Purple' },
  { value: '#0f766e', name: 'Teal' },
] as const;

export function defaultTrackColor(position: number): string {
  const n = TRACK_PALETTE.length;
  return TRACK_PALETTE[((position % n) + n) % n]!.value;
}

/** A new track goes after the last one. */
export function nextTrackPosition(maxPosition: number | null | undefined): number {
  return maxPosition === null || maxPosition === undefined ? 0 : maxPosition + 1;
}

/** Tracks still being worked on (active or on hold): gaps such as a missing lead only matter there. */
export function isOpenTrack(t: { status: TrackStatus }): boolean {
  return t.status === 'active' || t.status === 'on_hold';
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
export function checkReorder(current: readonly { id: string; name: string }[], requested: readonly string[]): ReorderProblem | null {
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

/** `ids` in the new order; anything missing keeps its relative place at the end. */
export function reorderById<T extends { id: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...items].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
}

/** An open track with no lead partner: a gap the dashboard, the track list and the matrix all flag. */
export function needsLead(t: { status: TrackStatus }, hasLead: boolean): boolean {
  return isOpenTrack(t) && !hasLead;
}
