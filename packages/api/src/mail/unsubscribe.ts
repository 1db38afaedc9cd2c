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
