/** Bottlenecks and the reframing narratives chosen to get past them. */
import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@coalition/db';
import { bottlenecks, milestones, tracks } from '@coalition/db/schema';
import { BOTTLENECK_SEVERITIES, rankIn, type BottleneckListQuery, type BottleneckSeverity, type zBottleneckCreate, type zBottleneckUpdate } from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, newPlanRow, requireOwned, updateVersioned } from '../change.ts';
import type { CoalitionContext } from '../trpc.ts';
import { deleteCommentsOn } from './comments.ts';
import { rememberDelete, snapshotBottleneck } from './undo.ts';
import { rankOf } from './sql.ts';

const SEVERITY_RANK = rankIn(BOTTLENECK_SEVERITIES);
/** Critical first: the rank of each severity, highest for the most severe. */
const severityRank = rankOf(bottlenecks.severity, BOTTLENECK_SEVERITIES, (s) => SEVERITY_RANK[s as BottleneckSeverity]);

/**
 * Checks that the track and milestone (when set) belong to the coalition, and returns the
 * track the bottleneck concerns for the activity feed (its own, else its milestone's).
 */
function requireRefs(db: DbOrTx, coalitionId: string, refs: { trackId?: string | null | undefined; milestoneId?: string | null | undefined }): string | null {
  if (refs.trackId) requireOwned(db, tracks, refs.trackId, coalitionId, 'Track');
  const milestone = refs.milestoneId ? requireOwned(db, milestones, refs.milestoneId, coalitionId, 'Milestone') : null;
  return refs.trackId ?? milestone?.trackId ?? null;
}

/** Bottlenecks, most severe first then oldest first, with their track name and milestone title. */
export function list(ctx: CoalitionContext, input: BottleneckListQuery) {
  requireRefs(ctx.db, ctx.coalitionId, input);
  const where: (SQL | undefined)[] = [eq(bottlenecks.coalitionId, ctx.coalitionId)];
  if (input.status?.length) where.push(inArray(bottlenecks.status, [...new Set(input.status)]));
  if (input.trackId) where.push(eq(bottlenecks.trackId, input.trackId));
  if (input.milestoneId) where.push(eq(bottlenecks.milestoneId, input.milestoneId));
  return ctx.db
    .select({ ...getTableColumns(bottlenecks), trackName: tracks.name, milestoneTitle: milestones.title })
    .from(bottlenecks)
    .leftJoin(tracks, eq(tracks.id, bottlenecks.trackId))
    .leftJoin(milestones, eq(milestones.id, bottlenecks.milestoneId))
    .where(and(...where))
    .orderBy(sql`${severityRank} DESC`, asc(bottlenecks.createdAt), sql.raw('"bottlenecks"."rowid"'))
    .all();
}

export function create(ctx: CoalitionContext, input: Omit<z.output<typeof zBottleneckCreate>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    const feedTrackId = requireRefs(tx, ctx.coalitionId, input);
    const bottleneck = tx
      .insert(bottlenecks)
      .values({
        ...input,
        ...newPlanRow(ctx.coalitionId, now),
        trackId: input.trackId ?? null,
        milestoneId: input.milestoneId ?? null,
      })
      .returning()
      .get();
    log({
      event: { action: 'bottleneck.created', title: bottleneck.title, severity: bottleneck.severity },
      entityType: 'bottleneck',
      entityId: bottleneck.id,
      trackId: feedTrackId,
      data: { title: bottleneck.title, severity: bottleneck.severity, status: bottleneck.status },
    });
    return bottleneck;
  });
}

export function update(ctx: CoalitionContext, input: Omit<z.output<typeof zBottleneckUpdate>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    const { bottleneckId, version, ...patch } = input;
    requireRefs(tx, ctx.coalitionId, patch);
    const { after, changes } = updateVersioned(tx, bottlenecks, { id: bottleneckId, coalitionId: ctx.coalitionId, version }, patch, 'Bottleneck', now);
    log({
      event: { action: 'bottleneck.updated', title: after.title, changes, resolved: !!changes.status && after.status === 'resolved' },
      entityType: 'bottleneck',
      entityId: after.id,
      trackId: requireRefs(tx, ctx.coalitionId, after),
      data: changes,
    });
    return after;
  });
}

/** Deletes the bottleneck and its comments; returns the token that undoes it. */
export function remove(ctx: CoalitionContext, bottleneckId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const b = requireOwned(tx, bottlenecks, bottleneckId, ctx.coalitionId, 'Bottleneck');
    const undoToken = rememberDelete(tx, ctx, snapshotBottleneck(tx, b), now);
    const feedTrackId = requireRefs(tx, ctx.coalitionId, b);
    deleteCommentsOn(tx, ctx.coalitionId, 'bottleneck', b.id);
    tx.delete(bottlenecks).where(eq(bottlenecks.id, b.id)).run();
    log({
      event: { action: 'bottleneck.deleted', title: b.title },
      entityType: 'bottleneck',
      entityId: b.id,
      trackId: feedTrackId,
      data: { title: b.title, severity: b.severity, status: b.status },
    });
    return { ok: true as const, undoToken };
  });
}
