/** Partners: the filtered table, one partner, create, update (engagement moves), delete. */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@coalition/db';
import { milestones, partners, trackAssignments, tracks, type Partner } from '@coalition/db/schema';
import {
  committedOnAfter,
  ENGAGEMENT_STAGES,
  isStateActor,
  stageRank,
  type AssignmentRole,
  type EngagementStage,
  type PartnerKind,
  type PartnerListQuery,
  type PartnerSort,
  type zPartnerCreate,
  type zPartnerUpdate,
} from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, newPlanRow, requireMembers, requireOwned, updateVersioned } from '../change.ts';
import { forbidden } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { deleteCommentsOn } from './comments.ts';
import { rememberDelete, snapshotPartner } from './undo.ts';
import { groupByPartner, rankOf, searchAny } from './sql.ts';
import { recountAfterPartnerDelete, thresholdsTouchedBy } from './thresholdCount.ts';

/** Naming a partner's position on the public page is the owners' decision. */
function requireOwnerForPublicPosition(ctx: CoalitionContext) {
  if (ctx.role !== 'owner') throw forbidden('Only an owner can choose whether the public page shows a partner’s position');
}

/** Adds the derived state / non-state flag to a partner row. */
export function withStateActor<T extends { kind: PartnerKind }>(partner: T): T & { isStateActor: boolean } {
  return { ...partner, isStateActor: isStateActor(partner.kind) };
}

const nameOrder = sql`${partners.name} COLLATE NOCASE`;
const SORT_COLUMN: Record<PartnerSort, SQL | typeof partners.kind> = {
  name: nameOrder,
  kind: partners.kind,
  stage: rankOf(partners.stage, ENGAGEMENT_STAGES, (s) => stageRank(s as EngagementStage)),
  influence: sql`${partners.influence}`,
  interest: sql`${partners.interest}`,
  updatedAt: sql`${partners.updatedAt}`,
};

/** The track assignments of these partners, in track order (one query). */
function assignmentsOf(db: DbOrTx, coalitionId: string, partnerIds: string[]) {
  if (partnerIds.length === 0) return [];
  return db
    .select({ partnerId: trackAssignments.partnerId, trackId: trackAssignments.trackId, role: trackAssignments.role })
    .from(trackAssignments)
    .innerJoin(tracks, eq(tracks.id, trackAssignments.trackId))
    .where(and(eq(trackAssignments.coalitionId, coalitionId), inArray(trackAssignments.partnerId, partnerIds)))
    .orderBy(asc(tracks.position), asc(tracks.id))
    .all();
}

const ownedCount = (db: DbOrTx, coalitionId: string, partnerId: string) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(milestones)
    .where(and(eq(milestones.ownerPartnerId, partnerId), eq(milestones.coalitionId, coalitionId)))
    .get()!.n;

/** The partner table: filters, sorting, each partner with its tracks (two queries). */
export function list(ctx: CoalitionContext, input: PartnerListQuery) {
  const where: (SQL | undefined)[] = [eq(partners.coalitionId, ctx.coalitionId)];
  if (input.kind?.length) where.push(inArray(partners.kind, input.kind));
  if (input.stage?.length) where.push(inArray(partners.stage, input.stage));
  if (input.contribution?.length) {
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(${partners.contributions}) AS c WHERE c.value IN (${sql.join(
        input.contribution.map((c) => sql`${c}`),
        sql`, `,
      )}))`,
    );
  }
  if (input.trackId) {
    requireOwned(ctx.db, tracks, input.trackId, ctx.coalitionId, 'Track');
    where.push(
      inArray(
        partners.id,
        ctx.db.select({ id: trackAssignments.partnerId }).from(trackAssignments).where(eq(trackAssignments.trackId, input.trackId)),
      ),
    );
  }
  if (input.search) where.push(searchAny([partners.name, partners.country, partners.contact], input.search));
  const dir = input.sortDir === 'desc' ? desc : asc;
  const order =
    input.sortBy === 'name' ? [dir(nameOrder), dir(partners.id)] : [dir(SORT_COLUMN[input.sortBy]), asc(nameOrder), asc(partners.id)];
  const rows = ctx.db
    .select()
    .from(partners)
    .where(and(...where))
    .orderBy(...order)
    .limit(input.limit)
    .all();
  const byPartner = groupByPartner(assignmentsOf(ctx.db, ctx.coalitionId, rows.map((p) => p.id)));
  return rows.map((p) => ({ ...withStateActor(p), tracks: byPartner.get(p.id) ?? [] }));
}

/** One partner with its tracks (names and roles) and how many milestones it owns. */
export function getOne(ctx: CoalitionContext, partnerId: string) {
  const partner = requireOwned(ctx.db, partners, partnerId, ctx.coalitionId, 'Partner');
  const partnerTracks = ctx.db
    .select({ trackId: trackAssignments.trackId, trackName: tracks.name, role: trackAssignments.role })
    .from(trackAssignments)
    .innerJoin(tracks, eq(tracks.id, trackAssignments.trackId))
    .where(and(eq(trackAssignments.partnerId, partner.id), eq(trackAssignments.coalitionId, ctx.coalitionId)))
    .orderBy(asc(tracks.position), asc(tracks.id))
    .all();
  return { ...withStateActor(partner), tracks: partnerTracks, ownedMilestones: ownedCount(ctx.db, ctx.coalitionId, partner.id) };
}

export function create(ctx: CoalitionContext, fields: Omit<z.output<typeof zPartnerCreate>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    if (fields.positionPublic) requireOwnerForPublicPosition(ctx);
    requireMembers(tx, ctx.coalitionId, [fields.relationshipOwnerId]);
    const partner = tx
      .insert(partners)
      .values({
        ...fields,
        ...newPlanRow(ctx.coalitionId, now),
        committedOn: committedOnAfter(null, fields.stage, ctx.today()),
      })
      .returning()
      .get();
    log({
      event: { action: 'partner.created', name: partner.name },
      entityType: 'partner',
      entityId: partner.id,
      data: { name: partner.name, kind: partner.kind, stage: partner.stage },
    });
    return { ...withStateActor(partner), tracks: [] as { trackId: string; role: AssignmentRole }[] };
  });
}

/** Versioned update; `committedOn` is set the first time the stage reaches committed or champion. */
export function update(ctx: CoalitionContext, input: Omit<z.output<typeof zPartnerUpdate>, 'coalitionId'>) {
  const { partnerId, version, ...fields } = input;
  return commitChange(ctx, (tx, log, now) => {
    const current = requireOwned(tx, partners, partnerId, ctx.coalitionId, 'Partner');
    // A new relationship owner must be a member; keeping one who has since left is allowed.
    if (fields.relationshipOwnerId !== undefined && fields.relationshipOwnerId !== current.relationshipOwnerId) requireMembers(tx, ctx.coalitionId, [fields.relationshipOwnerId]);
    // Sent unchanged (the whole form is), it is no change; a stale version is a conflict first (updateVersioned).
    if (fields.positionPublic !== undefined && fields.positionPublic !== current.positionPublic && current.version === version) requireOwnerForPublicPosition(ctx);
    const patch: Partial<typeof partners.$inferInsert> = { ...fields };
    if (fields.stage) {
      const committedOn = committedOnAfter(current.committedOn, fields.stage, ctx.today());
      if (committedOn !== current.committedOn) patch.committedOn = committedOn;
    }
    const { after, changes } = updateVersioned(tx, partners, { id: partnerId, coalitionId: ctx.coalitionId, version }, patch, 'Partner', now);
    const partner = after as Partner;
    log({ event: { action: 'partner.updated', name: partner.name, changes }, entityType: 'partner', entityId: partnerId, data: changes });
    const tracksOf = assignmentsOf(tx, ctx.coalitionId, [partnerId]).map(({ trackId, role }) => ({ trackId, role }));
    return { ...withStateActor(partner), tracks: tracksOf };
  });
}

/**
 * Deletes the partner with its track assignments and the comments on it; milestones it owned stay,
 * without an owner. Returns the token that undoes it all (`undo.restore`).
 */
export function remove(ctx: CoalitionContext, partnerId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const partner = requireOwned(tx, partners, partnerId, ctx.coalitionId, 'Partner');
    const ownedMilestones = ownedCount(tx, ctx.coalitionId, partner.id);
    const undoToken = rememberDelete(tx, ctx, snapshotPartner(tx, partner), now);
    deleteCommentsOn(tx, ctx.coalitionId, 'partner', partner.id);
    // Its acts toward threshold milestones go with it: those milestones are recounted below.
    const thresholds = thresholdsTouchedBy(tx, ctx.coalitionId, partner.id);
    tx.delete(partners).where(and(eq(partners.id, partner.id), eq(partners.coalitionId, ctx.coalitionId))).run();
    log({
      event: { action: 'partner.deleted', name: partner.name },
      entityType: 'partner',
      entityId: partner.id,
      data: { name: partner.name, kind: partner.kind, stage: partner.stage, ownedMilestones },
    });
    recountAfterPartnerDelete(tx, log, now, ctx.today(), thresholds);
    return { ok: true as const, milestonesUnowned: ownedMilestones, undoToken };
  });
}
