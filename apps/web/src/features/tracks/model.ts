/** Tracks screen model: types, the track form schema, matrix roles, keys and pure cache updates. */
import { z } from 'zod';
import type { AssignmentRole, TrackStatus } from '@coalition/db';
import { ASSIGNMENT_ROLE, TRACK_STATUS } from '../../lib/labels.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { zColor, zName, zText } from '../../lib/validators.ts';

export type TrackRow = RouterOutputs['track']['list'][number];
export type Matrix = RouterOutputs['assignment']['matrix'];
export type MatrixTrack = Matrix['tracks'][number];
export type MatrixPartner = Matrix['partners'][number];

export const TRACK_STATUSES = Object.keys(TRACK_STATUS) as [TrackStatus, ...TrackStatus[]];
export const ROLES = Object.keys(ASSIGNMENT_ROLE) as AssignmentRole[];

export const trackSchema = z.object({
  name: zName(200),
  objective: zText(2000),
  color: zColor,
  status: z.enum(TRACK_STATUSES, { error: 'Choose a status' }),
});
export type TrackFormValues = z.infer<typeof trackSchema>;

export const TRACK_COLORS = [
  { value: '#4f46e5', name: 'Indigo' },
  { value: '#2563eb', name: 'Blue' },
  { value: '#0891b2', name: 'Cyan' },
  { value: '#059669', name: 'Green' },
  { value: '#65a30d', name: 'Lime' },
  { value: '#d97706', name: 'Amber' },
  { value: '#ea580c', name: 'Orange' },
  { value: '#dc2626', name: 'Red' },
  { value: '#db2777', name: 'Pink' },
  { value: '#7c3aed', name: 'Violet' },
] as const;

export function toTrackForm(t: Partial<Record<keyof TrackFormValues, unknown>>): TrackFormValues {
  return {
    name: String(t.name ?? ''),
    objective: String(t.objective ?? ''),
    color: String(t.color ?? TRACK_COLORS[0].value),
    status: (t.status as TrackStatus) ?? 'active',
  };
}

/** Tracks that still need a lead: open ones (active or on hold), as the dashboard counts them. */
export const isOpenTrack = (t: { status: TrackStatus }) => t.status === 'active' || t.status === 'on_hold';

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

/** `ids` in the new order; anything missing keeps its relative place at the end. */
export function reorderById<T extends { id: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...items].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
}
