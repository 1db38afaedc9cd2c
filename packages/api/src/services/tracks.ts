/** Parallel tracks: the ordered list with the roll-up's figures, create, update, reorder, delete. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { bottlenecks, milestones, trackAssignments, tracks } from '@coalition/db/schema';
import {
  checkReorder,
  defaultTrackColor,
  isSameOrder,
  needsLead,
  nextTrackPosition,
  rollUpProgress,
  type zTrackCreate,
  type zTrackUpdate,
} from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, newPlanRow, requireOwned, updateVersioned } from '../change.ts';
import { AppError, fieldError } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { deleteCommentsOn } from './comments.ts';
import { rememberDelete, snapshotTrack } from './undo.ts';

const count = sql<number>`count(*)`;
const countWhen = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;

/**
 * The tracks in order, each with its progress from the one roll-up (`rollUpProgress`, the
 * same figures as the dashboard's "Progress by track") and its partner figures. Three queries.
 */
export function list(ctx: CoalitionContext) {
  const rows = ctx.db
    .select()
    .from(tracks)
    .where(eq(tracks.coalitionId, ctx.coalitionId))
    .orderBy(asc(tracks.position), asc(tracks.createdAt), asc(tracks.id))
    .all();
  const milestoneRows = ctx.db
    .select({ trackId: milestones.trackId, status: milestones.status, progress: milestones.progress, dueDate: milestones.dueDate })
    .from(milestones)
    .where(eq(milestones.coalitionId, ctx.coalitionId))
    .all();
  const assignmentTotals = ctx.db
    .select({
      trackId: trackAssignments.trackId,
      partnerCount: count,
      leadCount: countWhen(sql`${trackAssignments.role} = 'lead'`),
      coLeadCount: countWhen(sql`${trackAssignments.role} = 'co_lead'`),
    })
    .from(trackAssignments)
    .where(eq(trackAssignments.coalitionId, ctx.coalitionId))
    .groupBy(trackAssignments.trackId)
    .all();
  const rollup = new Map(rollUpProgress(milestoneRows, rows, ctx.today()).tracks.map((t) => [t.id, t]));
  const byTrack = new Map(assignmentTotals.map((a) => [a.trackId, a]));
  return rows.map((t) => {
    const p = rollup.get(t.id)!;
    const a = byTrack.get(t.id);
    const leadCount = a?.leadCount ?? 0;
    return {
      ...t,
      progress: p.progress,
      milestoneCount: p.milestoneCount,
      doneCount: p.doneCount,
      droppedCount: p.droppedCount,
      overdueCount: p.overdueCount,
      partnerCount: a?.partnerCount ?? 0,
      leadCount,
      coLeadCount: a?.coLeadCount ?? 0,
      needsLead: needsLead(t, leadCount > 0),
    };
  });
}

export function create(ctx: CoalitionContext, fields: z.output<typeof zTrackCreate>) {
  return commitChange(ctx, (tx, log, now) => {
    const max = tx
      .select({ max: sql<number | null>`max(${tracks.position})` })
      .from(tracks)
      .where(eq(tracks.coalitionId, ctx.coalitionId))
      .get()?.max;
    const position = nextTrackPosition(max);
    const track = tx
      .insert(tracks)
      .values({
        ...fields,
        color: fields.color ?? defaultTrackColor(position),
        ...newPlanRow(ctx.coalitionId, now),
        position,
      })
      .returning()
      .get();
    log({
      event: { action: 'track.created', name: track.name },
      entityType: 'track',
      entityId: track.id,
      trackId: track.id,
      data: { name: track.name, status: track.status },
    });
    return track;
  });
}

export function update(ctx: CoalitionContext, input: Omit<z.output<typeof zTrackUpdate>, 'coalitionId'>) {
  const { trackId, version, ...patch } = input;
  return commitChange(ctx, (tx, log, now) => {
    const { after, changes } = updateVersioned(tx, tracks, { id: trackId, coalitionId: ctx.coalitionId, version }, patch, 'Track', now);
    log({ event: { action: 'track.updated', name: after.name, changes }, entityType: 'track', entityId: trackId, trackId, data: changes });
    return after;
  });
}

/** Sets the order of all the coalition's tracks at once; the same order again changes (and logs) nothing. */
export function reorder(ctx: CoalitionContext, trackIds: readonly string[]) {
  return commitChange(ctx, (tx, log) => {
    const current = tx
      .select({ id: tracks.id, name: tracks.name, position: tracks.position })
      .from(tracks)
      .where(eq(tracks.coalitionId, ctx.coalitionId))
      .orderBy(asc(tracks.position), asc(tracks.createdAt), asc(tracks.id))
      .all();
    const problem = checkReorder(current, trackIds);
    if (problem?.kind === 'unknown') throw new AppError('NOT_FOUND', problem.message);
    if (problem) throw fieldError('trackIds', problem.message);
    if (!isSameOrder(current, trackIds)) {
      const positionOf = new Map(current.map((t) => [t.id, t.position]));
      trackIds.forEach((id, position) => {
        if (positionOf.get(id) === position) return;
        tx.update(tracks)
          .set({ position })
          .where(and(eq(tracks.id, id), eq(tracks.coalitionId, ctx.coalitionId)))
          .run();
      });
      log({
        event: { action: 'track.reordered' },
        entityType: 'coalition',
        entityId: ctx.coalitionId,
        data: { order: [current.map((t) => t.id), [...trackIds]] },
      });
    }
    return { ok: true as const, trackIds: [...trackIds] };
  });
}

/**
 * Deletes a track. Its milestones stay as coalition-wide milestones and its bottlenecks stay
 * without a track; its partner assignments and the comments on it are removed. Returns the
 * token that undoes it all (`undo.restore`).
 */
export function remove(ctx: CoalitionContext, trackId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const track = requireOwned(tx, tracks, trackId, ctx.coalitionId, 'Track');
    const undoToken = rememberDelete(tx, ctx, snapshotTrack(tx, track), now);
    const countOf = (table: typeof milestones | typeof bottlenecks) =>
      tx
        .select({ n: count })
        .from(table)
        .where(and(eq(table.trackId, track.id), eq(table.coalitionId, ctx.coalitionId)))
        .get()!.n;
    const milestonesDetached = countOf(milestones);
    const bottlenecksDetached = countOf(bottlenecks);
    const assignmentsRemoved = tx.select({ n: count }).from(trackAssignments).where(eq(trackAssignments.trackId, track.id)).get()!.n;
    deleteCommentsOn(tx, ctx.coalitionId, 'track', track.id);
    tx.delete(tracks).where(and(eq(tracks.id, track.id), eq(tracks.coalitionId, ctx.coalitionId))).run();
    log({
      event: { action: 'track.deleted', name: track.name },
      entityType: 'track',
      entityId: track.id,
      trackId: track.id,
      data: { name: track.name, milestonesDetached, bottlenecksDetached, assignmentsRemoved },
    });
    return { ok: true as const, milestonesDetached, undoToken };
  });
}
