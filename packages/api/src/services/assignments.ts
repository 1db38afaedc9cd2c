/** The partner × track matrix: who works on which track, in which role. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@coalition/db';
import { partners, trackAssignments, tracks } from '@coalition/db/schema';
import type { AssignmentRole } from '@coalition/domain';
import { commitChange, requireOwned } from '../change.ts';
import { notFound } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { withStateActor } from './partners.ts';
import { rememberDelete } from './undo.ts';

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

/** The partner × track matrix in one call (three queries). */
export function matrix(ctx: CoalitionContext) {
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
}

/** Gives a partner a role on a track (one row per pair: a second call changes the role). */
export function set(ctx: CoalitionContext, input: { partnerId: string; trackId: string; role: AssignmentRole }) {
  return commitChange(ctx, (tx, log, now) => {
    const { partner, track, assignment } = loadPair(tx, ctx.coalitionId, input.partnerId, input.trackId);
    if (assignment?.role === input.role) return assignment;
    const row = tx
      .insert(trackAssignments)
      .values({ coalitionId: ctx.coalitionId, partnerId: partner.id, trackId: track.id, role: input.role, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [trackAssignments.partnerId, trackAssignments.trackId], set: { role: input.role, updatedAt: now } })
      .returning()
      .get();
    log({
      event: { action: 'assignment.set', partner: partner.name, track: track.name, role: input.role, was: assignment?.role ?? null },
      entityType: 'partner',
      entityId: partner.id,
      trackId: track.id,
      data: { role: [assignment?.role ?? null, input.role] },
    });
    return row;
  });
}

/** Clears a partner's role on a track; returns the token that undoes it. */
export function remove(ctx: CoalitionContext, input: { partnerId: string; trackId: string }) {
  return commitChange(ctx, (tx, log, now) => {
    const { partner, track, assignment } = loadPair(tx, ctx.coalitionId, input.partnerId, input.trackId);
    if (!assignment) throw notFound('Assignment');
    const undoToken = rememberDelete(tx, ctx, { kind: 'assignment', assignment, partnerName: partner.name, trackName: track.name }, now);
    tx.delete(trackAssignments)
      .where(and(eq(trackAssignments.partnerId, partner.id), eq(trackAssignments.trackId, track.id)))
      .run();
    log({
      event: { action: 'assignment.removed', partner: partner.name, track: track.name },
      entityType: 'partner',
      entityId: partner.id,
      trackId: track.id,
      data: { role: [assignment.role, null] },
    });
    return { ok: true as const, undoToken };
  });
}
