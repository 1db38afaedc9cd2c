/**
 * The durable job queue (table `jobs`). A job is unique by its key (one digest per person per
 * day, one email per inbox item): enqueueing it again does nothing, so a restart that re-plans
 * the day never doubles anything. A runner claims due jobs in one transaction, moving them to
 * `running` with a lease; a job whose runner died (the lease ran out) is claimed again. A failure
 * is retried with backoff; after MAX_ATTEMPTS the job is `failed` for good.
 */
import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@coalition/db';
import { jobs, type Job } from '@coalition/db/schema';
import type { JobKind } from '@coalition/domain';

export const MAX_ATTEMPTS = 5;
export const LEASE_MS = 2 * 60_000;

/** 30 s, 1 min, 2 min, 4 min… at most an hour. */
export const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export function enqueue(db: DbOrTx, job: { kind: JobKind; key: string; payload?: Record<string, unknown>; runAt: number; now: number }): boolean {
  const res = db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, payload: job.payload ?? {}, runAt: job.runAt, createdAt: job.now })
    .onConflictDoNothing()
    .run();
  return res.changes > 0;
}

/** Takes up to `limit` due jobs (or jobs whose runner's lease ran out) for this runner. */
export function claimDue(db: Db, now: number, limit = 20, leaseMs = LEASE_MS): Job[] {
  return db.transaction((tx) => {
    const due = tx
      .select()
      .from(jobs)
      .where(or(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)), and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, now))))
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .all();
    for (const job of due) {
      tx.update(jobs)
        .set({ status: 'running', lockedUntil: now + leaseMs, attempts: sql`${jobs.attempts} + 1`, lastRunAt: now })
        .where(eq(jobs.id, job.id))
        .run();
      job.attempts += 1;
      job.status = 'running';
    }
    return due;
  });
}

export function complete(db: DbOrTx, id: number): void {
  db.update(jobs).set({ status: 'done', lockedUntil: null, lastError: null }).where(eq(jobs.id, id)).run();
}

/** A failed run: retried after the backoff, or `failed` for good past MAX_ATTEMPTS. Returns whether it is final. */
export function fail(db: DbOrTx, job: Job, error: string, now: number): boolean {
  const final = job.attempts >= MAX_ATTEMPTS;
  db.update(jobs)
    .set({ status: final ? 'failed' : 'pending', lockedUntil: null, lastError: error.slice(0, 500), runAt: final ? job.runAt : now + backoffMs(job.attempts) })
    .where(eq(jobs.id, job.id))
    .run();
  return final;
}
