/**
 * Delivering to the inbox, inside the change's own transaction: for each activity row,
 * the domain says who hears of it (`recipientsOf`) and who follows what from now on
 * (`followsFrom`); this writes those rows. The recipients are returned so that, after the
 * commit, their open tabs can be nudged to refresh their unread count.
 */
import { follows, memberships, notifications, type Activity } from '@coalition/db/schema';
import { followsFrom, mayNotify, recipientsOf, type ChangeForInbox } from '@coalition/domain';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@coalition/db';
import { enqueue } from './jobs/queue.ts';

/** Writes the notifications and follows `row` causes; returns the ids of the people notified. */
export function deliverToInbox(tx: DbOrTx, row: Activity, { email }: { email: boolean }): string[] {
  const change: ChangeForInbox = { action: row.action, actorId: row.actorId, entityType: row.entityType, entityId: row.entityId, data: row.data ?? {} };
  const followers = tx
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.entityType, row.entityType as (typeof follows.entityType)['_']['data']), eq(follows.entityId, row.entityId)))
    .all()
    .map((f) => f.userId);
  // The members are read only when someone may hear of it (most changes tell nobody).
  const recipients = mayNotify(change, followers.length)
    ? recipientsOf(
        change,
        followers,
        new Set(tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.coalitionId, row.coalitionId)).all().map((m) => m.userId)),
      )
    : [];
  if (recipients.length > 0) {
    // A mention is emailed at once (to those who want email at once: decided when it is sent);
    // the rest wait for the daily digest.
    const inserted = tx
      .insert(notifications)
      .values(
        recipients.map((r) => ({
          userId: r.userId,
          coalitionId: row.coalitionId,
          kind: r.kind,
          activityId: row.id,
          entityType: row.entityType,
          entityId: row.entityId,
          createdAt: row.createdAt,
          emailStatus: email && r.kind === 'mention' ? ('pending' as const) : ('none' as const),
        })),
      )
      .returning({ id: notifications.id, kind: notifications.kind })
      .all();
    for (const n of inserted) {
      if (email && n.kind === 'mention') enqueue(tx, { kind: 'send_email', key: `email:n:${n.id}`, payload: { type: 'mention', notificationId: n.id }, runAt: row.createdAt, now: row.createdAt });
    }
  }
  const newFollows = followsFrom(change);
  if (newFollows.length > 0) {
    tx.insert(follows)
      .values(newFollows.map((f) => ({ ...f, coalitionId: row.coalitionId, createdAt: row.createdAt })))
      .onConflictDoNothing()
      .run();
  }
  return recipients.map((r) => r.userId);
}
