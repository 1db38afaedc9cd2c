/**
 * Positions over time: a partner's dated changes of position (on the goal, or on one track),
 * each optionally linked to the interaction that showed it; every partner's position today
 * with its movement (the partners list, the influence map); and the weekly support series
 * (champion + supportive, state and non-state), which the public page reuses (`supportSeries`).
 * The computations are the domain's (positionOn, positionMovement, supportGrowth).
 */
import { and, asc, desc, eq, isNull, min, sql } from 'drizzle-orm';
import { newId, type DbOrTx, type Tx } from '@coalition/db';
import { interactions, partners, positionChanges, tracks, users, type Partner, type PositionChangeRow } from '@coalition/db/schema';
import {
  currentPositions,
  POSITION_MOVEMENT_DAYS,
  positionDateProblem,
  supportGrowth,
  weekStart,
  type PositionChange,
  type PositionChangeFields,
} from '@coalition/domain';
import { commitChange, requireOwned, type LogFn } from '../change.ts';
import { fieldError } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';

/** What a client sees of a change: its fields, the track's name, the interaction's day and kind, the author's name. */
function listRows(db: DbOrTx, coalitionId: string, partnerId: string, id?: string) {
  const where = [eq(positionChanges.coalitionId, coalitionId), eq(positionChanges.partnerId, partnerId)];
  if (id) where.push(eq(positionChanges.id, id));
  return db
    .select({
      id: positionChanges.id,
      partnerId: positionChanges.partnerId,
      trackId: positionChanges.trackId,
      trackName: tracks.name,
      position: positionChanges.position,
      shownOn: positionChanges.shownOn,
      interactionId: positionChanges.interactionId,
      interactionOn: interactions.occurredOn,
      interactionKind: interactions.kind,
      note: positionChanges.note,
      authorName: users.name,
      createdAt: positionChanges.createdAt,
    })
    .from(positionChanges)
    .leftJoin(tracks, eq(tracks.id, positionChanges.trackId))
    .leftJoin(interactions, eq(interactions.id, positionChanges.interactionId))
    .leftJoin(users, eq(users.id, positionChanges.authorId))
    .where(and(...where))
    .orderBy(desc(positionChanges.shownOn), desc(positionChanges.createdAt), desc(sql`${positionChanges}.rowid`))
    .all();
}

/** A partner's changes (goal and tracks), newest first, with the interaction each came from. */
export function list(ctx: CoalitionContext, partnerId: string) {
  requireOwned(ctx.db, partners, partnerId, ctx.coalitionId, 'Partner');
  return listRows(ctx.db, ctx.coalitionId, partnerId);
}

/**
 * Writes one change of `partner`'s position inside the caller's transaction, with its activity
 * row (on the partner, so it shows in the partner's history). The track and the interaction are
 * checked to be the coalition's, and the interaction to be with this partner; the day may not
 * be after the coalition's today. Shared by position.record and interaction.create.
 */
export function insertChange(
  tx: Tx,
  ctx: CoalitionContext,
  log: LogFn,
  now: number,
  partner: Partner,
  fields: Omit<PositionChangeFields, 'note'> & { note?: string },
): PositionChangeRow {
  const track = fields.trackId ? requireOwned(tx, tracks, fields.trackId, ctx.coalitionId, 'Track') : null;
  if (fields.interactionId) {
    const interaction = requireOwned(tx, interactions, fields.interactionId, ctx.coalitionId, 'Interaction');
    if (interaction.partnerId !== partner.id) throw fieldError('interactionId', `That interaction was with another partner, not ${partner.name}`);
  }
  const problem = positionDateProblem(fields.shownOn, ctx.today());
  if (problem) throw fieldError('shownOn', problem);
  const row = tx
    .insert(positionChanges)
    .values({
      id: newId(),
      coalitionId: ctx.coalitionId,
      partnerId: partner.id,
      trackId: track?.id ?? null,
      position: fields.position,
      shownOn: fields.shownOn,
      interactionId: fields.interactionId,
      note: fields.note ?? '',
      authorId: ctx.user.id,
      createdAt: now,
    })
    .returning()
    .get();
  log({
    event: { action: 'position.recorded', partner: partner.name, position: row.position, track: track?.name ?? null, shownOn: row.shownOn },
    entityType: 'partner',
    entityId: partner.id,
    trackId: row.trackId,
    data: { positionChangeId: row.id, position: row.position, trackId: row.trackId, shownOn: row.shownOn, interactionId: row.interactionId },
  });
  return row;
}

export function record(ctx: CoalitionContext, input: PositionChangeFields & { partnerId: string }) {
  const { partnerId, ...fields } = input;
  return commitChange(ctx, (tx, log, now) => {
    const partner = requireOwned(tx, partners, partnerId, ctx.coalitionId, 'Partner');
    const row = insertChange(tx, ctx, log, now, partner, fields);
    return listRows(tx, ctx.coalitionId, partner.id, row.id)[0]!;
  });
}

export function remove(ctx: CoalitionContext, positionChangeId: string) {
  return commitChange(ctx, (tx, log) => {
    const row = requireOwned(tx, positionChanges, positionChangeId, ctx.coalitionId, 'Position change');
    const partner = requireOwned(tx, partners, row.partnerId, ctx.coalitionId, 'Partner');
    const track = row.trackId ? tx.select({ name: tracks.name }).from(tracks).where(eq(tracks.id, row.trackId)).get() : undefined;
    tx.delete(positionChanges).where(and(eq(positionChanges.id, row.id), eq(positionChanges.coalitionId, ctx.coalitionId))).run();
    log({
      event: { action: 'position.deleted', partner: partner.name, position: row.position, track: track?.name ?? null, shownOn: row.shownOn },
      entityType: 'partner',
      entityId: partner.id,
      trackId: row.trackId,
      data: { positionChangeId: row.id, position: row.position, trackId: row.trackId, shownOn: row.shownOn },
    });
    return { deleted: true as const };
  });
}

/** The coalition's goal-level changes, oldest first (same day: in the order they were recorded). */
function goalChanges(db: DbOrTx, coalitionId: string): PositionChange[] {
  return db
    .select({ partnerId: positionChanges.partnerId, date: positionChanges.shownOn, position: positionChanges.position })
    .from(positionChanges)
    .where(and(eq(positionChanges.coalitionId, coalitionId), isNull(positionChanges.trackId)))
    .orderBy(asc(positionChanges.shownOn), asc(positionChanges.createdAt), asc(sql`${positionChanges}.rowid`))
    .all();
}

/** Every partner's position on the goal today (those with a change), and how it moved over the last 90 days. */
export function current(ctx: CoalitionContext) {
  const today = ctx.today();
  return { today, windowDays: POSITION_MOVEMENT_DAYS, partners: currentPositions(goalChanges(ctx.db, ctx.coalitionId), today) };
}

/**
 * The weekly support series: champion + supportive partners on the goal at the end of each week,
 * state and non-state apart, from the week of the first goal-level change to `today`'s week
 * (empty before any). Exported for the public page.
 */
export function supportSeries(db: DbOrTx, coalitionId: string, today: string) {
  const first = db
    .select({ first: min(positionChanges.shownOn) })
    .from(positionChanges)
    .where(and(eq(positionChanges.coalitionId, coalitionId), isNull(positionChanges.trackId)))
    .get()?.first;
  if (!first || first > today) return [];
  const partnerKinds = db.select({ id: partners.id, kind: partners.kind }).from(partners).where(eq(partners.coalitionId, coalitionId)).all();
  return supportGrowth(partnerKinds, goalChanges(db, coalitionId), weekStart(first), today);
}

export function supportGrowthOf(ctx: CoalitionContext) {
  const today = ctx.today();
  return { today, points: supportSeries(ctx.db, ctx.coalitionId, today) };
}
