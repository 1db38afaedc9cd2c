/**
 * How every change to a coalition's plan is written:
 *  - in one synchronous transaction (drizzle + better-sqlite3 commit an async callback early);
 *  - with its activity row(s) in that same transaction;
 *  - published to live subscribers only after the commit succeeded.
 * Plus the shared checks every router uses: an id belongs to the caller's coalition
 * (`requireOwned`), and a versioned update refuses a stale version (`updateVersioned`).
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { newId, type Db, type DbOrTx, type Tx } from '@coalition/db';
import { activity, memberships, type Activity } from '@coalition/db/schema';
import { activitySummary, type ActivityEvent, type FieldChanges } from '@coalition/domain';
import type { CoalitionContext } from './trpc.ts';
import { deliverToInbox } from './inbox.ts';
import { conflict, notFound } from './errors.ts';

/** One activity row: the typed event (its action and what its sentence needs) and what it is about. */
export interface ActivityEntry {
  event: ActivityEvent;
  entityType: string;
  entityId: string;
  trackId?: string | null;
  data?: Record<string, unknown>;
}

export type LogFn = (entry: ActivityEntry) => Activity;

export type ChangeContext = Pick<CoalitionContext, 'db' | 'events' | 'coalitionId' | 'now'> &
  Partial<Pick<CoalitionContext, 'mailer'>> & {
    user: { id: string };
  };

/** Runs `fn` in one transaction with a logger that writes activity rows; publishes them after commit. */
export function commitChange<T>(ctx: ChangeContext, fn: (tx: Tx, log: LogFn, now: number) => T): T {
  const written: Activity[] = [];
  const notified = new Set<string>();
  const now = ctx.now();
  const result = ctx.db.transaction((tx) =>
    fn(
      tx,
      (entry) => {
        const row = writeActivity(tx, ctx.coalitionId, ctx.user.id, entry, now);
        written.push(row);
        // The inbox rows (and follows) the change causes, in its own transaction.
        for (const userId of deliverToInbox(tx, row, { email: ctx.mailer?.enabled ?? false })) notified.add(userId);
        return row;
      },
      now,
    ),
  );
  for (const event of written) ctx.events.publish(event);
  for (const userId of notified) ctx.events.publishInbox(userId);
  return result;
}

export function writeActivity(
  tx: DbOrTx,
  coalitionId: string,
  actorId: string | null,
  entry: ActivityEntry,
  now: number,
): Activity {
  return tx
    .insert(activity)
    .values({
      coalitionId,
      actorId,
      action: entry.event.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      trackId: entry.trackId ?? null,
      summary: activitySummary(entry.event).slice(0, 500),
      data: entry.data ?? {},
      createdAt: now,
    })
    .returning()
    .get();
}

type ScopedTable = SQLiteTable & { id: SQLiteColumn; coalitionId: SQLiteColumn };
type VersionedTable = ScopedTable & { version: SQLiteColumn; updatedAt: SQLiteColumn };

/**
 * The row with this id in this coalition, or NOT_FOUND (a foreign id is reported exactly
 * like a missing one, so nothing leaks across coalitions).
 */
export function requireOwned<T extends ScopedTable>(
  db: DbOrTx,
  table: T,
  id: string,
  coalitionId: string,
  entity: string,
): T['$inferSelect'] {
  const row = (db as Db)
    .select()
    .from(table as SQLiteTable)
    .where(and(eq(table.id, id), eq(table.coalitionId, coalitionId)))
    .get() as T['$inferSelect'] | undefined;
  if (!row) throw notFound(entity);
  return row;
}

/** Checks that every id belongs to the coalition (one query). */
export function requireAllOwned<T extends ScopedTable>(
  db: DbOrTx,
  table: T,
  ids: readonly string[],
  coalitionId: string,
  entity: string,
): void {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = (db as Db)
    .select({ id: table.id })
    .from(table as SQLiteTable)
    .where(and(inArray(table.id, unique), eq(table.coalitionId, coalitionId)))
    .all() as { id: string }[];
  if (found.length !== unique.length) throw notFound(entity);
}

/** Field-by-field differences `{ field: [before, after] }` over the keys of `patch`. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, keys: readonly string[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a ?? null, b ?? null];
  }
  return changes;
}

/**
 * Optimistic-concurrency update: applies `patch` only if the row is still at `version`,
 * bumping the version. A stale version gets CONFLICT carrying the current row, and nothing
 * is written. Returns the row before and after, and the changed fields.
 */
export function updateVersioned<T extends VersionedTable>(
  tx: Tx,
  table: T,
  key: { id: string; coalitionId: string; version: number },
  patch: Partial<T['$inferInsert']>,
  entity: string,
  now: number,
  extraWhere?: SQL,
): { before: T['$inferSelect']; after: T['$inferSelect']; changes: FieldChanges } {
  const before = requireOwned(tx, table, key.id, key.coalitionId, entity) as Record<string, unknown>;
  if (before.version !== key.version) throw conflict(entity, before);
  const keys = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
  const after = tx
    .update(table as VersionedTable)
    .set({ ...patch, version: (before.version as number) + 1, updatedAt: now } as never)
    .where(and(eq(table.id, key.id), eq(table.version, key.version), extraWhere))
    .returning()
    .get() as Record<string, unknown> | undefined;
  if (!after) throw conflict(entity, requireOwned(tx, table, key.id, key.coalitionId, entity) as Record<string, unknown>);
  return { before: before as T['$inferSelect'], after: after as T['$inferSelect'], changes: diff(before, after, keys) };
}

/** The columns every new versioned plan row starts with: a fresh id, its coalition, version 1, stamped now. */
export function newPlanRow(coalitionId: string, now: number) {
  return { id: newId(), coalitionId, version: 1, createdAt: now, updatedAt: now };
}

/** Checks that every user id is a current member of the coalition (one query); a foreign or former member is not found. */
export function requireMembers(db: DbOrTx, coalitionId: string, userIds: readonly (string | null | undefined)[]): void {
  const unique = [...new Set(userIds.filter((id): id is string => typeof id === 'string'))];
  if (unique.length === 0) return;
  const found = (db as Db)
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.coalitionId, coalitionId), inArray(memberships.userId, unique)))
    .all();
  if (found.length !== unique.length) throw notFound('Member');
}
