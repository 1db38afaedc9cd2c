import type { TRPCRouterRecord } from '@trpc/server';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  milestones,
  newId,
  PARTNER_KINDS,
  partners,
  trackAssignments,
  tracks,
  type AssignmentRole,
  type DbOrTx,
  type EngagementStage,
  type Partner,
} from '@coalition/db';
import { deleteCommentsOn } from '../domain/comments.ts';
import { commitChange, requireOwned, updateVersioned } from '../change.ts';
import { todayIso } from '../domain/dates.ts';
import {
  committedOnAfter,
  containsPattern,
  groupByPartner,
  hasUniqueContributions,
  LIKE_ESCAPE,
  PARTNER_SORTS,
  withStateActor,
} from '../domain/partnerRules.ts';
import { stageRank } from '../domain/partners.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';
import { zId, zLimit, zName, zText, zVersion } from '../validators.ts';

const zScore = (label: string) =>
  z
    .number()
    .int(`${label} is a whole number from 1 to 5`)
    .min(1, `${label} is from 1 to 5`)
    .max(5, `${label} is from 1 to 5`);

const zContributions = z
  .array(z.enum(CONTRIBUTIONS))
  .max(CONTRIBUTIONS.length, `At most ${CONTRIBUTIONS.length} contributions`)
  .refine(hasUniqueContributions, 'List each contribution only once');

const partnerFields = {
  name: zName(200),
  kind: z.enum(PARTNER_KINDS),
  country: zText(100),
  contact: zText(300),
  contributions: zContributions,
  influence: zScore('Influence'),
  interest: zScore('Interest'),
  stage: z.enum(ENGAGEMENT_STAGES),
  notes: zText(5000),
};

/** Engagement order (identified → champion) as SQL, for sorting. */
const stageOrder = sql`CASE ${partners.stage} ${sql.join(
  ENGAGEMENT_STAGES.map((s) => sql`WHEN ${s} THEN ${stageRank(s)}`),
  sql` `,
)} END`;
const nameOrder = sql`${partners.name} COLLATE NOCASE`;

const SORT_COLUMN = {
  name: nameOrder,
  kind: partners.kind,
  stage: stageOrder,
  influence: partners.influence,
  interest: partners.interest,
  updatedAt: partners.updatedAt,
} as const;

const stageLabel = (stage: EngagementStage) => stage.replace('_', ' ');

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

/** A one-line summary of a partner update for the activity feed. */
function updateSummary(name: string, changes: Record<string, [unknown, unknown]>): string {
  const stage = changes.stage as [EngagementStage, EngagementStage] | undefined;
  const others = Object.keys(changes).filter((k) => k !== 'stage' && k !== 'committedOn');
  if (stage) {
    const moved = `moved "${name}" from ${stageLabel(stage[0])} to ${stageLabel(stage[1])}`;
    return others.length ? `${moved} and updated ${others.join(', ')}` : moved;
  }
  return others.length ? `updated "${name}" (${others.join(', ')})` : `updated "${name}"`;
}

export const partnerRouter = {
  /** The partner table: filters, sorting, each partner with its tracks (two queries). */
  list: viewerProcedure
    .input(
      z.object({
        kind: z.array(z.enum(PARTNER_KINDS)).max(PARTNER_KINDS.length).optional(),
        stage: z.array(z.enum(ENGAGEMENT_STAGES)).max(ENGAGEMENT_STAGES.length).optional(),
        contribution: z.array(z.enum(CONTRIBUTIONS)).max(CONTRIBUTIONS.length).optional(),
        trackId: zId.optional(),
        search: z.string().trim().max(100, 'At most 100 characters').optional(),
        sortBy: z.enum(PARTNER_SORTS).default('name'),
        sortDir: z.enum(['asc', 'desc']).default('asc'),
        limit: zLimit(1000, 1000),
      }),
    )
    .query(({ ctx, input }) => {
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
            ctx.db
              .select({ id: trackAssignments.partnerId })
              .from(trackAssignments)
              .where(eq(trackAssignments.trackId, input.trackId)),
          ),
        );
      }
      if (input.search) {
        const pattern = containsPattern(input.search);
        where.push(
          sql`(${partners.name} LIKE ${pattern} ESCAPE ${LIKE_ESCAPE} OR ${partners.country} LIKE ${pattern} ESCAPE ${LIKE_ESCAPE} OR ${partners.contact} LIKE ${pattern} ESCAPE ${LIKE_ESCAPE})`,
        );
      }
      const dir = input.sortDir === 'desc' ? desc : asc;
      const order =
        input.sortBy === 'name'
          ? [dir(nameOrder), dir(partners.id)]
          : [dir(SORT_COLUMN[input.sortBy]), asc(nameOrder), asc(partners.id)];
      const rows = ctx.db
        .select()
        .from(partners)
        .where(and(...where))
        .orderBy(...order)
        .limit(input.limit)
        .all();
      const byPartner = groupByPartner(assignmentsOf(ctx.db, ctx.coalitionId, rows.map((p) => p.id)));
      return rows.map((p) => ({ ...withStateActor(p), tracks: byPartner.get(p.id) ?? [] }));
    }),

  /** One partner with its tracks (names and roles) and how many milestones it owns. */
  get: viewerProcedure.input(z.object({ partnerId: zId })).query(({ ctx, input }) => {
    const partner = requireOwned(ctx.db, partners, input.partnerId, ctx.coalitionId, 'Partner');
    const partnerTracks = ctx.db
      .select({ trackId: trackAssignments.trackId, trackName: tracks.name, role: trackAssignments.role })
      .from(trackAssignments)
      .innerJoin(tracks, eq(tracks.id, trackAssignments.trackId))
      .where(and(eq(trackAssignments.partnerId, partner.id), eq(trackAssignments.coalitionId, ctx.coalitionId)))
      .orderBy(asc(tracks.position), asc(tracks.id))
      .all();
    const owned = ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(milestones)
      .where(and(eq(milestones.ownerPartnerId, partner.id), eq(milestones.coalitionId, ctx.coalitionId)))
      .get()!.n;
    return { ...withStateActor(partner), tracks: partnerTracks, ownedMilestones: owned };
  }),

  create: editorProcedure
    .input(
      z.object({
        ...partnerFields,
        country: partnerFields.country.default(''),
        contact: partnerFields.contact.default(''),
        contributions: partnerFields.contributions.default([]),
        influence: partnerFields.influence.default(3),
        interest: partnerFields.interest.default(3),
        stage: partnerFields.stage.default('identified'),
        notes: partnerFields.notes.default(''),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { coalitionId: _c, ...fields } = input;
      return commitChange(ctx, (tx, log, now) => {
        const partner = tx
          .insert(partners)
          .values({
            ...fields,
            id: newId(),
            coalitionId: ctx.coalitionId,
            committedOn: committedOnAfter(null, fields.stage, todayIso(now)),
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        log({
          action: 'partner.created',
          entityType: 'partner',
          entityId: partner.id,
          summary: `added the partner "${partner.name}"`,
          data: { name: partner.name, kind: partner.kind, stage: partner.stage },
        });
        return { ...withStateActor(partner), tracks: [] as { trackId: string; role: AssignmentRole }[] };
      });
    }),

  /** Versioned update; `committedOn` is set the first time the stage reaches committed or champion. */
  update: editorProcedure
    .input(
      z.object({
        partnerId: zId,
        version: zVersion,
        name: partnerFields.name.optional(),
        kind: partnerFields.kind.optional(),
        country: partnerFields.country.optional(),
        contact: partnerFields.contact.optional(),
        contributions: partnerFields.contributions.optional(),
        influence: partnerFields.influence.optional(),
        interest: partnerFields.interest.optional(),
        stage: partnerFields.stage.optional(),
        notes: partnerFields.notes.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { coalitionId: _c, partnerId, version, ...fields } = input;
      return commitChange(ctx, (tx, log, now) => {
        const current = requireOwned(tx, partners, partnerId, ctx.coalitionId, 'Partner');
        const patch: Partial<typeof partners.$inferInsert> = { ...fields };
        if (fields.stage) {
          const committedOn = committedOnAfter(current.committedOn, fields.stage, todayIso(now));
          if (committedOn !== current.committedOn) patch.committedOn = committedOn;
        }
        const { after, changes } = updateVersioned(
          tx,
          partners,
          { id: partnerId, coalitionId: ctx.coalitionId, version },
          patch,
          'Partner',
          now,
        );
        log({
          action: 'partner.updated',
          entityType: 'partner',
          entityId: partnerId,
          summary: updateSummary((after as Partner).name, changes),
          data: changes,
        });
        const tracksOf = assignmentsOf(tx, ctx.coalitionId, [partnerId]).map(({ trackId, role }) => ({ trackId, role }));
        return { ...withStateActor(after as Partner), tracks: tracksOf };
      });
    }),

  /**
   * Deletes the partner with its track assignments and the comments on it; milestones it
   * owned stay, without an owner.
   */
  delete: editorProcedure.input(z.object({ partnerId: zId })).mutation(({ ctx, input }) =>
    commitChange(ctx, (tx, log) => {
      const partner = requireOwned(tx, partners, input.partnerId, ctx.coalitionId, 'Partner');
      const ownedMilestones = tx
        .select({ n: sql<number>`count(*)` })
        .from(milestones)
        .where(and(eq(milestones.ownerPartnerId, partner.id), eq(milestones.coalitionId, ctx.coalitionId)))
        .get()!.n;
      deleteCommentsOn(tx, ctx.coalitionId, 'partner', partner.id);
      tx.delete(partners).where(and(eq(partners.id, partner.id), eq(partners.coalitionId, ctx.coalitionId))).run();
      log({
        action: 'partner.deleted',
        entityType: 'partner',
        entityId: partner.id,
        summary: `removed the partner "${partner.name}"`,
        data: { name: partner.name, kind: partner.kind, stage: partner.stage, ownedMilestones },
      });
      return { ok: true as const, milestonesUnowned: ownedMilestones };
    }),
  ),
} satisfies TRPCRouterRecord;
