/** Roles and invitations. */
import type { InvitationStatus, Role } from '../enums.ts';

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** viewer < editor < owner */
export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** The higher of two roles (accepting an invitation never lowers an existing member's role). */
export function higherRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}

/** May change plan data. */
export const canEdit = (role: Role | null | undefined): boolean => !!role && roleAtLeast(role, 'editor');
/** Manages members and invitations, deletes the workspace. */
export const isOwner = (role: Role | null | undefined): boolean => role === 'owner';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Revoked and used win over expired: they say what actually happened to the link. */
export function invitationStatus(
  inv: { acceptedAt: number | null; revokedAt: number | null; expiresAt: number },
  now: number,
): InvitationStatus {
  if (inv.revokedAt != null) return 'revoked';
  if (inv.acceptedAt != null) return 'used';
  if (now >= inv.expiresAt) return 'expired';
  return 'pending';
}
