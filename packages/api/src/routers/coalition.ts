import type { TRPCRouterRecord } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { coalitions, memberships, milestones, partners, tracks } from '@coalition/db';
import { commitChange, diff } from '../change.ts';
import { buildDashboard } from '../domain/dashboard.ts';
import { createCoalition } from '../domain/coalitions.ts';
import { TEMPLATES, getTemplate, instantiateTemplate, TEMPLATE_IDS } from '../domain/templates/index.ts';
import { conflict, fieldError } from '../errors.ts';
import { editorProcedure, ownerProcedure, protectedProcedure, publicProcedure, viewerProcedure } from '../trpc.ts';
import { zDate, zName, zText, zVersion } from '../validators.ts';
import { addDays, daysBetween, todayIso } from '../domain/dates.ts';

const coalitionFields = {
  name: zName(200),
  goal: zName(500),
  goalDate: zDate,
  description: zText(5000).default(''),
};

export const coalitionRouter = {
  /** The built-in templates (metadata only). */
  templates: publicProcedure.query(() =>
    TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name,
      goal: t.goal,
      goalDate: t.goalDate,
      /** The day the template's statuses describe. */
      asOf: t.asOf ?? t.goalDate,
      summary: t.summary,
      counts: {
        partners: t.partners.length,
        tracks: t.tracks.length,
        milestones: t.milestones.length,
      },
    })),
  ),

  /** The coalitions I belong to, with my role and a few counts (one query). */
  list: protectedProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        id: coalitions.id,
        name: coalitions.name,
        goal: coalitions.goal,
        goalDate: coalitions.goalDate,
        template: coalitions.template,
        role: memberships.role,
        updatedAt: coalitions.updatedAt,
        partnerCount: sql<number>`(SELECT count(*) FROM ${partners} WHERE ${partners.coalitionId} = ${coalitions.id})`,
        trackCount: sql<number>`(SELECT count(*) FROM ${tracks} WHERE ${tracks.coalitionId} = ${coalitions.id})`,
        milestoneCount: sql<number>`(SELECT count(*) FROM ${milestones} WHERE ${milestones.coalitionId} = ${coalitions.id})`,
        milestonesDone: sql<number>`(SELECT count(*) FROM ${milestones} WHERE ${milestones.coalitionId} = ${coalitions.id} AND ${milestones.status} = 'done')`,
      })
      .from(memberships)
      .innerJoin(coalitions, eq(coalitions.id, memberships.coalitionId))
      .where(eq(memberships.userId, ctx.user.id))
      .orderBy(desc(coalitions.updatedAt))
      .all(),
  ),

  create: protectedProcedure.input(z.object(coalitionFields)).mutation(({ ctx, input }) => {
    return createCoalition(ctx, input, null, () => {});
  }),

  /**
   * A new coalition from a built-in template. With `goalDate`, every date of the template
   * is shifted by the same number of days so the plan keeps its shape toward the new goal.
   * With `startToday`, the shift makes the template's as-of day today: what was done is in
   * the past, what was planned lies ahead, and the goal is as far away as it was then.
   */
  createFromTemplate: protectedProcedure
    .input(
      z
        .object({
          templateId: z.enum(TEMPLATE_IDS),
          name: zName(200).optional(),
          goalDate: zDate.optional(),
          startToday: z.boolean().optional(),
        })
        .refine((v) => !(v.goalDate && v.startToday), {
          message: 'Give either a new goal date or start today, not both',
          path: ['goalDate'],
        }),
    )
    .mutation(({ ctx, input }) => {
      const template = getTemplate(input.templateId);
      const goalDate = input.startToday
        ? addDays(template.goalDate, daysBetween(template.asOf ?? template.goalDate, todayIso(ctx.now())))
        : input.goalDate;
      return createCoalition(
        ctx,
        {
          name: input.name ?? template.name,
          goal: template.goal,
          goalDate: goalDate ?? template.goalDate,
          description: template.description,
        },
        template.id,
        (tx, coalitionId, now) => instantiateTemplate(tx, template, coalitionId, ctx.user.id, now, goalDate),
      );
    }),

  get: viewerProcedure.query(({ ctx }) => {
    const coalition = ctx.db.select().from(coalitions).where(eq(coalitions.id, ctx.coalitionId)).get()!;
    return { ...coalition, role: ctx.role };
  }),

  update: editorProcedure
    .input(
      z.object({
        version: zVersion,
        name: coalitionFields.name.optional(),
        goal: coalitionFields.goal.optional(),
        goalDate: zDate.optional(),
        description: zText(5000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { coalitionId: _c, version, ...patch } = input;
      return commitChange(ctx, (tx, log, now) => {
        const current = tx.select().from(coalitions).where(eq(coalitions.id, ctx.coalitionId)).get()!;
        if (current.version !== version) throw conflict('Coalition', current);
        const after = tx
          .update(coalitions)
          .set({ ...patch, version: version + 1, updatedAt: now })
          .where(and(eq(coalitions.id, ctx.coalitionId), eq(coalitions.version, version)))
          .returning()
          .get()!;
        log({
          action: 'coalition.updated',
          entityType: 'coalition',
          entityId: ctx.coalitionId,
          summary: `updated the coalition settings`,
          data: diff(current, after, Object.keys(patch)),
        });
        return after;
      });
    }),

  /** Deletes the workspace and everything in it. The owner retypes its name to confirm. */
  delete: ownerProcedure.input(z.object({ confirmName: z.string().max(200) })).mutation(({ ctx, input }) => {
    const coalition = ctx.db.select().from(coalitions).where(eq(coalitions.id, ctx.coalitionId)).get()!;
    if (input.confirmName.trim() !== coalition.name) {
      throw fieldError('confirmName', 'Type the coalition name exactly to confirm deletion');
    }
    const memberIds = ctx.db.transaction((tx) => {
      const ids = tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.coalitionId, ctx.coalitionId))
        .all()
        .map((m) => m.userId);
      tx.delete(coalitions).where(eq(coalitions.id, ctx.coalitionId)).run();
      return ids;
    });
    // Every open client of the workspace learns at once that it is gone (their streams end).
    for (const userId of memberIds) ctx.events.publishAccess({ coalitionId: ctx.coalitionId, userId, role: null });
    return { ok: true as const };
  }),

  /** Everything the dashboard shows, in a fixed number of queries. */
  dashboard: viewerProcedure
    .input(z.object({ today: zDate.optional() }))
    .query(({ ctx, input }) => buildDashboard(ctx.db, ctx.coalitionId, input.today ?? todayIso(ctx.now()))),
} satisfies TRPCRouterRecord;
