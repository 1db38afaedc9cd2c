import type { TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  BOTTLENECK_SEVERITIES,
  BOTTLENECK_STATUSES,
  bottlenecks,
  milestones,
  newId,
  tracks,
  type DbOrTx,
} from '@coalition/db';
import { commitChange, requireOwned, updateVersioned } from '../change.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';
import { zId, zName, zText, zVersion } from '../validators.ts';
import { deleteCommentsOn } from '../domain/comments.ts';

/** Critical first: the rank of each severity, highest for the most severe. */
const severityRankSql = sql`(CASE ${bottlenecks.severity} ${sql.raw(
  BOTTLENECK_SEVERITIES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' '),
)} END)`;

/**
 * Checks that the track and milestone (when set) belong to the coalition, and returns the
 * track the bottleneck concerns for the activity feed (its own, else its milestone's).
 */
function requireRefs(
  db: DbOrTx,
  coalitionId: string,
  refs: { trackId?: string | null; milestoneId?: string | null },
): string | null {
  if (refs.trackId) requireOwned(db, tracks, refs.trackId, coalitionId, 'Track');
  const milestone = refs.milestoneId ? requireOwned(db, milestones, refs.milestoneId, coalitionId, 'Milestone') : null;
  return refs.trackId ?? milestone?.trackId ?? null;
}

const fields = {
  trackId: zId.nullable(),
  milestoneId: zId.nullable(),
  title: zName(300),
  description: zText(5000),
  severity: z.enum(BOTTLENECK_SEVERITIES),
  status: z.enum(BOTTLENECK_STATUSES),
  narrative: zText(10000),
};

export const bottleneckRouter = {
  /** Bottlenecks, most severe first then oldest first, with their track name and milestone title. */
  list: viewerProcedure
    .input(
      z.object({
        status: z.array(z.enum(BOTTLENECK_STATUSES)).max(BOTTLENECK_STATUSES.length).optional(),
        trackId: zId.optional(),
        milestoneId: zId.optional(),
      }),
    )
    .query(({ ctx, input }) => {
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
        .orderBy(sql`${severityRankSql} DESC`, asc(bottlenecks.createdAt), sql.raw('"bottlenecks"."rowid"'))
        .all();
    }),

  create: editorProcedure
    .input(
      z.object({
        trackId: fields.trackId.optional(),
        milestoneId: fields.milestoneId.optional(),
        title: fields.title,
        description: fields.description.default(''),
        severity: fields.severity.default('medium'),
        status: fields.status.default('open'),
        narrative: fields.narrative.default(''),
      }),
    )
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const feedTrackId = requireRefs(tx, ctx.coalitionId, input);
        const { coalitionId: _c, ...values } = input;
        const bottleneck = tx
          .insert(bottlenecks)
          .values({
            ...values,
            id: newId(),
            coalitionId: ctx.coalitionId,
            trackId: input.trackId ?? null,
            milestoneId: input.milestoneId ?? null,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        log({
          action: 'bottleneck.created',
          entityType: 'bottleneck',
          entityId: bottleneck.id,
          trackId: feedTrackId,
          summary: `flagged the ${bottleneck.severity} bottleneck "${bottleneck.title}"`,
          data: { title: bottleneck.title, severity: bottleneck.severity, status: bottleneck.status },
        });
        return bottleneck;
      }),
    ),

  update: editorProcedure
    .input(
      z.object({
        bottleneckId: zId,
        version: zVersion,
        trackId: fields.trackId.optional(),
        milestoneId: fields.milestoneId.optional(),
        title: fields.title.optional(),
        description: fields.description.optional(),
        severity: fields.severity.optional(),
        status: fields.status.optional(),
        narrative: fields.narrative.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const { coalitionId: _c, bottleneckId, version, ...patch } = input;
        requireRefs(tx, ctx.coalitionId, patch);
        const { after, changes } = updateVersioned(
          tx,
          bottlenecks,
          { id: bottleneckId, coalitionId: ctx.coalitionId, version },
          patch,
          'Bottleneck',
          now,
        );
        const fieldsChanged = Object.keys(changes);
        log({
          action: 'bottleneck.updated',
          entityType: 'bottleneck',
          entityId: after.id,
          trackId: requireRefs(tx, ctx.coalitionId, after),
          summary:
            changes.status && after.status === 'resolved'
              ? `resolved the bottleneck "${after.title}"`
              : `updated the bottleneck "${after.title}"${fieldsChanged.length ? ` (${fieldsChanged.join(', ')})` : ''}`,
          data: changes,
        });
        return after;
      }),
    ),

  /** Deletes the bottleneck and its comments. */
  delete: editorProcedure.input(z.object({ bottleneckId: zId })).mutation(({ ctx, input }) =>
    commitChange(ctx, (tx, log) => {
      const b = requireOwned(tx, bottlenecks, input.bottleneckId, ctx.coalitionId, 'Bottleneck');
      const feedTrackId = requireRefs(tx, ctx.coalitionId, b);
      deleteCommentsOn(tx, ctx.coalitionId, 'bottleneck', b.id);
      tx.delete(bottlenecks).where(eq(bottlenecks.id, b.id)).run();
      log({
        action: 'bottleneck.deleted',
        entityType: 'bottleneck',
        entityId: b.id,
        trackId: feedTrackId,
        summary: `deleted the bottleneck "${b.title}"`,
        data: { title: b.title, severity: b.severity, status: b.status },
      });
      return { ok: true as const };
    }),
  ),
} satisfies TRPCRouterRecord;
