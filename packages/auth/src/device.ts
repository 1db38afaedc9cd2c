/**
 * Device cookies (OWASP's answer to lock-outs by strangers): after a successful sign-in the
 * browser gets a cookie that proves "this browser signed in to this account before". When an
 * account is under attack from many addresses and its overall ceiling of attempts is used up,
 * sign-ins that carry its device cookie still go through (each browser still limited to its own
 * few attempts), so an attacker can stop their own guessing but cannot lock the owner out.
 *
 * The token is `nonce.HMAC-SHA256(key, email ‖ nonce)`, base64url: unforgeable without the
 * key, bound to one email, stored nowhere.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'device';
export const DEVICE_COOKIE_TTL_MS = 180 * 24 * 60 * 60 * 1000;

/** The HMAC key: from a secret (DEVICE_COOKIE_SECRET) when given, else random for this process. */
export function deviceKey(secret?: string): Buffer {
  return secret ? createHmac('sha256', 'coalition-device-cookie').update(secret).digest() : randomBytes(32);
}

const mac = (key: Buffer, email: string, nonce: string) => createHmac('sha256', key).update(`${email.toLowerCase()}\n${nonce}`).digest('base64url');

export function issueDeviceToken(key: Buffer, email: string): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${nonce}.${mac(key, email, nonce)}`;
}

export function isDeviceTokenFor(key: Buffer, email: string, token: string | null | undefined): boolean {
  if (!token || token.length > 200) return false;
  const [nonce, sig, extra] = token.split('.');
  if (!nonce || !sig || extra !== undefined) return false;
  const expected = Buffer.from(mac(key, email, nonce));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
