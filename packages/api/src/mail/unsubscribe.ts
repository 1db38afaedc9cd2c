/**
 * One-click unsubscribe links: `PUBLIC_URL/unsubscribe?t=<token>`, the token an HMAC of the
 * person and the coalition under the server's secret key (kept with the database, so links in
 * old emails keep working across restarts). No sign-in needed; it sets that person's email mode
 * for that coalition to `none`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (key: Buffer, userId: string, coalitionId: string) => createHmac('sha256', key).update(`unsubscribe\n${userId}\n${coalitionId}`).digest('base64url');

export function unsubscribeToken(key: Buffer, userId: string, coalitionId: string): string {
  return `${userId}.${coalitionId}.${mac(key, userId, coalitionId)}`;
}

export function readUnsubscribeToken(key: Buffer, token: string | null | undefined): { userId: string; coalitionId: string } | null {
  if (!token || token.length > 200) return null;
  const [userId, coalitionId, sig, extra] = token.split('.');
  if (!userId || !coalitionId || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, userId, coalitionId));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, coalitionId } : null;
}

export const unsubscribeUrl = (publicUrl: string, key: Buffer, userId: string, coalitionId: string) =>
  `${publicUrl.replace(/\/$/, '')}/unsubscribe?t=${encodeURIComponent(unsubscribeToken(key, userId, coalitionId))}`;

/** For an address that is not (yet) a member: an invitation email's unsubscribe stops invitation emails to it. */
const addressMac = (key: Buffer, email: string) => createHmac('sha256', key).update(`unsubscribe-address\n${email.toLowerCase()}`).digest('base64url');

export function addressUnsubscribeUrl(publicUrl: string, key: Buffer, email: string): string {
  return `${publicUrl.replace(/\/$/, '')}/unsubscribe?e=${encodeURIComponent(`${Buffer.from(email.toLowerCase()).toString('base64url')}.${addressMac(key, email)}`)}`;
}

export function readAddressToken(key: Buffer, token: string | null | undefined): string | null {
  if (!token || token.length > 800) return null;
  const [encoded, sig, extra] = token.split('.');
  if (!encoded || !sig || extra !== undefined) return null;
  const email = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(addressMac(key, email));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? email : null;
}
