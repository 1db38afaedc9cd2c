import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  bottlenecks,
  milestones,
  newId,
  trackAssignments,
  tracks,
  TRACK_STATUSES,
  type Track,
} from '@coalition/db';
import { deleteCommentsOn } from '../domain/comments.ts';
import { commitChange, requireOwned, updateVersioned } from '../change.ts';
import { checkReorder, defaultTrackColor, isSameOrder, nextTrackPosition, trackSummary } from '../domain/tracks.ts';
import { fieldError } from '../errors.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';
import { zColor, zId, zName, zText, zVersion } from '../validators.ts';

const trackFields = {
  name: zName(200),
  objective: zText(2000),
  color: zColor,
  status: z.enum(TRACK_STATUSES),
};

const count = sql<number>`count(*)`;
const countWhen = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;

export const trackRouter = {
  /** The tracks in order, each with its milestone and partner figures (three queries). */
  list: viewerProcedure.query(({ ctx }) => {
    const rows = ctx.db
      .select()
      .from(tracks)
      .where(eq(tracks.coalitionId, ctx.coalitionId))
      .orderBy(asc(tracks.position), asc(tracks.createdAt), asc(tracks.id))
      .all();
    const milestoneTotals = ctx.db
      .select({
        trackId: milestones.trackId,
        milestoneCount: count,
        milestonesDone: countWhen(sql`${milestones.status} = 'done'`),
        milestonesDropped: countWhen(sql`${milestones.status} = 'dropped'`),
        // A done milestone counts as complete whatever its progress field says.
        progressSum: sql<number>`coalesce(sum(CASE ${milestones.status} WHEN 'dropped' THEN 0 WHEN 'done' THEN 100 ELSE ${milestones.progress} END), 0)`,
      })
      .from(milestones)
      .where(and(eq(milestones.coalitionId, ctx.coalitionId), isNotNull(milestones.trackId)))
      .groupBy(milestones.trackId)
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
    const byTrackM = new Map(milestoneTotals.map((m) => [m.trackId, m]));
    const byTrackA = new Map(assignmentTotals.map((a) => [a.trackId, a]));
    return rows.map((t) => ({ ...t, ...trackSummary(byTrackM.get(t.id), byTrackA.get(t.id)) }));
  }),

  create: editorProcedure
    .input(
      z.object({
        name: trackFields.name,
        objective: trackFields.objective.default(''),
        color: trackFields.color.optional(),
        status: trackFields.status.default('active'),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { coalitionId: _c, ...fields } = input;
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
            id: newId(),
            coalitionId: ctx.coalitionId,
            position,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        log({
          action: 'track.created',
          entityType: 'track',
          entityId: track.id,
          trackId: track.id,
          summary: `added the track "${track.name}"`,
          data: { name: track.name, status: track.status },
        });
        return track;
      });
    }),

  update: editorProcedure
    .input(
      z.object({
        trackId: zId,
        version: zVersion,
        name: trackFields.name.optional(),
        objective: trackFields.objective.optional(),
        color: trackFields.color.optional(),
        status: trackFields.status.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { coalitionId: _c, trackId, version, ...patch } = input;
      return commitChange(ctx, (tx, log, now) => {
        const { after, changes } = updateVersioned(
          tx,
          tracks,
          { id: trackId, coalitionId: ctx.coalitionId, version },
          patch,
          'Track',
          now,
        );
        const track = after as Track;
        const fields = Object.keys(changes);
        log({
          action: 'track.updated',
          entityType: 'track',
          entityId: trackId,
          trackId,
          summary: fields.length ? `updated the track "${track.name}" (${fields.join(', ')})` : `updated the track "${track.name}"`,
          data: changes,
        });
        return track;
      });
    }),

  /** Sets the order of all the coalition's tracks at once. */
  reorder: editorProcedure
    .input(z.object({ trackIds: z.array(zId).max(100, 'At most 100 tracks') }))
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log) => {
        const current = tx
          .select({ id: tracks.id, name: tracks.name, position: tracks.position })
          .from(tracks)
          .where(eq(tracks.coalitionId, ctx.coalitionId))
          .orderBy(asc(tracks.position), asc(tracks.createdAt), asc(tracks.id))
          .all();
        const problem = checkReorder(current, input.trackIds);
        if (problem?.kind === 'unknown') throw new TRPCError({ code: 'NOT_FOUND', message: problem.message });
        if (problem) throw fieldError('trackIds', problem.message);
        // The same order again changes nothing (and logs nothing).
        if (!isSameOrder(current, input.trackIds)) {
          const positionOf = new Map(current.map((t) => [t.id, t.position]));
          input.trackIds.forEach((id, position) => {
            if (positionOf.get(id) === position) return;
            tx.update(tracks)
              .set({ position })
              .where(and(eq(tracks.id, id), eq(tracks.coalitionId, ctx.coalitionId)))
              .run();
          });
          log({
            action: 'track.reordered',
            entityType: 'coalition',
            entityId: ctx.coalitionId,
            summary: 'reordered the tracks',
            data: { order: [current.map((t) => t.id), input.trackIds] },
          });
        }
        return { ok: true as const, trackIds: input.trackIds };
      }),
    ),

  /**
   * Deletes a track. Its milestones stay as coalition-wide milestones and its bottlenecks
   * stay without a track; its partner assignments and the comments on it are removed.
   */
  delete: editorProcedure.input(z.object({ trackId: zId })).mutation(({ ctx, input }) =>
    commitChange(ctx, (tx, log) => {
      const track = requireOwned(tx, tracks, input.trackId, ctx.coalitionId, 'Track');
      const milestonesDetached = tx
        .select({ n: count })
        .from(milestones)
        .where(and(eq(milestones.trackId, track.id), eq(milestones.coalitionId, ctx.coalitionId)))
        .get()!.n;
      const bottlenecksDetached = tx
        .select({ n: count })
        .from(bottlenecks)
        .where(and(eq(bottlenecks.trackId, track.id), eq(bottlenecks.coalitionId, ctx.coalitionId)))
        .get()!.n;
      const assignmentsRemoved = tx
        .select({ n: count })
        .from(trackAssignments)
        .where(eq(trackAssignments.trackId, track.id))
        .get()!.n;
      deleteCommentsOn(tx, ctx.coalitionId, 'track', track.id);
      tx.delete(tracks).where(and(eq(tracks.id, track.id), eq(tracks.coalitionId, ctx.coalitionId))).run();
      log({
        action: 'track.deleted',
        entityType: 'track',
        entityId: track.id,
        trackId: track.id,
        summary: `deleted the track "${track.name}"`,
        data: { name: track.name, milestonesDetached, bottlenecksDetached, assignmentsRemoved },
      });
      return { ok: true as const, milestonesDetached };
    }),
  ),
} satisfies TRPCRouterRecord;
