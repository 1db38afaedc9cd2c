import type { TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ASSIGNMENT_ROLES, partners, trackAssignments, tracks, type Tx } from '@coalition/db';
import { commitChange, requireOwned } from '../change.ts';
import { roleLabel, withStateActor } from '../domain/partnerRules.ts';
import { notFound } from '../errors.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';
import { zId } from '../validators.ts';

const pair = { partnerId: zId, trackId: zId };

/** Checks that both ids are the coalition's and returns the partner, track and current assignment. */
function loadPair(tx: Tx, coalitionId: string, partnerId: string, trackId: string) {
  const partner = requireOwned(tx, partners, partnerId, coalitionId, 'Partner');
  const track = requireOwned(tx, tracks, trackId, coalitionId, 'Track');
  const assignment = tx
    .select()
    .from(trackAssignments)
    .where(and(eq(trackAssignments.partnerId, partnerId), eq(trackAssignments.trackId, trackId)))
    .get();
  return { partner, track, assignment };
}

export const assignmentRouter = {
  /** The partner × track matrix in one call (three queries). */
  matrix: viewerProcedure.query(({ ctx }) => {
    const trackRows = ctx.db
      .select({ id: tracks.id, name: tracks.name, color: tracks.color, position: tracks.position, status: tracks.status })
      .from(tracks)
      .where(eq(tracks.coalitionId, ctx.coalitionId))
      .orderBy(asc(tracks.position), asc(tracks.createdAt), asc(tracks.id))
      .all();
    const partnerRows = ctx.db
      .select({ id: partners.id, name: partners.name, kind: partners.kind, stage: partners.stage, influence: partners.influence })
      .from(partners)
      .where(eq(partners.coalitionId, ctx.coalitionId))
      .orderBy(asc(sql`${partners.name} COLLATE NOCASE`), asc(partners.id))
      .all();
    const assignments = ctx.db
      .select({ partnerId: trackAssignments.partnerId, trackId: trackAssignments.trackId, role: trackAssignments.role })
      .from(trackAssignments)
      .where(eq(trackAssignments.coalitionId, ctx.coalitionId))
      .all();
    return { tracks: trackRows, partners: partnerRows.map(withStateActor), assignments };
  }),

  /** Gives a partner a role on a track (one row per pair: a second call changes the role). */
  set: editorProcedure
    .input(z.object({ ...pair, role: z.enum(ASSIGNMENT_ROLES) }))
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const { partner, track, assignment } = loadPair(tx, ctx.coalitionId, input.partnerId, input.trackId);
        if (assignment?.role === input.role) return assignment;
        const row = tx
          .insert(trackAssignments)
          .values({
            coalitionId: ctx.coalitionId,
            partnerId: partner.id,
            trackId: track.id,
            role: input.role,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [trackAssignments.partnerId, trackAssignments.trackId],
            set: { role: input.role, updatedAt: now },
          })
          .returning()
          .get();
        log({
          action: 'assignment.set',
          entityType: 'partner',
          entityId: partner.id,
          trackId: track.id,
          summary: assignment
            ? `made "${partner.name}" ${roleLabel(input.role)} (was ${roleLabel(assignment.role)}) on "${track.name}"`
            : `added "${partner.name}" to "${track.name}" as ${roleLabel(input.role)}`,
          data: { role: [assignment?.role ?? null, input.role] },
        });
        return row;
      }),
    ),

  remove: editorProcedure.input(z.object(pair)).mutation(({ ctx, input }) =>
    commitChange(ctx, (tx, log) => {
      const { partner, track, assignment } = loadPair(tx, ctx.coalitionId, input.partnerId, input.trackId);
      if (!assignment) throw notFound('Assignment');
      tx.delete(trackAssignments)
        .where(and(eq(trackAssignments.partnerId, partner.id), eq(trackAssignments.trackId, track.id)))
        .run();
      log({
        action: 'assignment.removed',
        entityType: 'partner',
        entityId: partner.id,
        trackId: track.id,
        summary: `removed "${partner.name}" from "${track.name}"`,
        data: { role: [assignment.role, null] },
      });
      return { ok: true as const };
    }),
  ),
} satisfies TRPCRouterRecord;
