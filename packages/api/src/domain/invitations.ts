import type { Invitation } from '@coalition/db';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked';

/** Revoked and used win over expired: they say what actually happened to the link. */
export function invitationStatus(inv: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: number): InvitationStatus {
  if (inv.revokedAt != null) return 'revoked';
  if (inv.acceptedAt != null) return 'used';
  if (now >= inv.expiresAt) return 'expired';
  return 'pending';
}

