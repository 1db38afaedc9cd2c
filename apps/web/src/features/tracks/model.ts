/** Tracks screen model: types, the track form schema (the domain's), matrix roles, keys and pure cache updates. */
import { ASSIGNMENT_ROLES, defaultTrackColor, nextTrackPosition, trackFields, zTrack, type AssignmentRole, type TrackFields } from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export { needsLead, reorderById, TRACK_PALETTE } from '@coalition/domain';

export type TrackRow = RouterOutputs['track']['list'][number];
export type Matrix = RouterOutputs['assignment']['matrix'];
export type MatrixTrack = Matrix['tracks'][number];
export type MatrixPartner = Matrix['partners'][number];

export const ROLES = ASSIGNMENT_ROLES;

/** The track form: exactly track.create / track.update's fields (@coalition/domain). */
export const trackSchema = zTrack;
export type TrackFormValues = TrackFields;

/** The colour the server would give the next track (the palette, by position). */
export function nextTrackColor(tracks: readonly { position: number }[] | undefined): string {
  const max = tracks?.length ? Math.max(...tracks.map((t) => t.position)) : null;
  return defaultTrackColor(nextTrackPosition(max));
}

export function toTrackForm(t: Partial<Record<keyof TrackFormValues, unknown>>): TrackFormValues {
  return {
    name: String(t.name ?? ''),
    objective: String(t.objective ?? ''),
    color: trackFields.color.safeParse(t.color).data ?? defaultTrackColor(0),
    status: trackFields.status.safeParse(t.status).data ?? 'active',
  };
}

// ---------------------------------------------------------------------------
// Matrix roles: abbreviation shown in the cell, and the one key that sets it.
// ---------------------------------------------------------------------------

export const ROLE_ABBR: Record<AssignmentRole, string> = {
  lead: 'L',
  co_lead: 'CL',
  contributor: 'CT',
  supporter: 'SP',
  observer: 'OB',
};

export const ROLE_KEY: Record<AssignmentRole, string> = {
  lead: 'L',
  co_lead: 'C',
  contributor: 'T',
  supporter: 'S',
  observer: 'O',
};

/** The role a key sets (case-insensitive), `null` for a key that removes, `undefined` for other keys. */
export function roleForKey(key: string): AssignmentRole | null | undefined {
  if (key === 'Delete' || key === 'Backspace' || key === '0') return null;
  const k = key.length === 1 ? key.toUpperCase() : '';
  return ROLES.find((r) => ROLE_KEY[r] === k);
}

export const cellKey = (partnerId: string, trackId: string) => `${partnerId}:${trackId}`;

/** The matrix with one cell changed (role `null` removes the assignment). */
export function withAssignment(m: Matrix, partnerId: string, trackId: string, role: AssignmentRole | null): Matrix {
  const others = m.assignments.filter((a) => !(a.partnerId === partnerId && a.trackId === trackId));
  return { ...m, assignments: role ? [...others, { partnerId, trackId, role }] : others };
}
