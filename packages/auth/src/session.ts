/**
 * Sessions after Lucia's published design (lucia-auth.com, "Basic session API"):
 * the `lucia` package is deprecated, so this is the design implemented with @oslojs.
 *
 * - The token is 20 random bytes (160 bits) from the CSPRNG, base32 encoded.
 * - Only SHA-256(token), hex encoded, is stored as the session id.
 * - Sliding expiry: 30 days, renewed when under half is left, never past an absolute cap.
 */
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { prepared, sessions, type Db, type DbOrTx, type Session, type User } from '@coalition/db';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;
export const SESSION_RENEW_BELOW_MS = SESSION_TTL_MS / 2;
export const SESSION_ABSOLUTE_TTL_MS = 90 * DAY;

export type SessionUser = Pick<User, 'id' | 'email' | 'name'>;
export type SessionValidation =
  | { session: Session; user: SessionUser; renewed: boolean }
  | { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Hex SHA-256 of a token: what is stored (node:crypto: every request hashes its cookie). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createSession(db: DbOrTx, token: string, userId: string, now = Date.now()): Session {
  const session: Session = {
    id: hashToken(token),
    userId,
    expiresAt: now + SESSION_TTL_MS,
    absoluteExpiresAt: now + SESSION_ABSOLUTE_TTL_MS,
    createdAt: now,
  };
  db.insert(sessions).values(session).run();
  return session;
}

export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidation {
  const none = { session: null, user: null, renewed: false } as const;
  if (!/^[a-z2-7]{16,64}$/.test(token)) return none;
  const id = hashToken(token);
  // Every request reads this: one statement prepared per connection, not a query built each time.
  const row = prepared(
    db as Db,
    `SELECT s.id, s.user_id, s.expires_at, s.absolute_expires_at, s.created_at, u.email, u.name
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
  )
    .raw(true)
    .get(id) as [string, string, number, number, number, string, string] | undefined;
  if (!row) return none;
  const session: Session = { id: row[0], userId: row[1], expiresAt: row[2], absoluteExpiresAt: row[3], createdAt: row[4] };
  const user: SessionUser = { id: row[1], email: row[5], name: row[6] };
  if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return none;
  }
  let renewed = false;
  if (session.expiresAt - now < SESSION_RENEW_BELOW_MS) {
    const expiresAt = Math.min(now + SESSION_TTL_MS, session.absoluteExpiresAt);
    if (expiresAt > session.expiresAt) {
      session.expiresAt = expiresAt;
      db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
      renewed = true;
    }
  }
  return { session, user, renewed };
}

/**
 * Is this session still valid now (not deleted by a sign-out, not expired)? What a long-lived
 * connection re-checks: it was validated once, when it opened.
 */
export function isSessionActive(db: Db, sessionId: string, now = Date.now()): boolean {
  const row = prepared(db, 'SELECT expires_at, absolute_expires_at FROM sessions WHERE id = ?').raw(true).get(sessionId) as
    | [number, number]
    | undefined;
  return row !== undefined && now < row[0] && now < row[1];
}

export function invalidateSession(db: DbOrTx, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateAllSessions(db: DbOrTx, userId: string): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
