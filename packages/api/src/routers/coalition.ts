import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zCoalitionCreate, zCoalitionUpdate, zDate, zName, zTimeZone } from '@coalition/domain';
import * as coalitions from '../services/coalitions.ts';
import { TEMPLATE_IDS } from '../templates/index.ts';
import { editorProcedure, ownerProcedure, protectedProcedure, publicProcedure, viewerProcedure } from '../trpc.ts';

export const coalitionRouter = {
  /** The built-in templates (metadata only). */
  templates: publicProcedure.query(() => coalitions.templateSummaries()),

  /** The coalitions I belong to, with my role, a few counts and the roll-up's progress. */
  list: protectedProcedure.query(({ ctx }) => coalitions.listMine(ctx)),

  create: protectedProcedure.input(zCoalitionCreate).mutation(({ ctx, input }) => coalitions.createBlank(ctx, input)),

  createFromTemplate: protectedProcedure
    .input(
      z
        .object({
          templateId: z.enum(TEMPLATE_IDS),
          name: zName(200).optional(),
          goalDate: zDate.optional(),
          startToday: z.boolean().optional(),
          timeZone: zTimeZone.default('UTC'),
        })
        .refine((v) => !(v.goalDate && v.startToday), {
          message: 'Give either a new goal date or start today, not both',
          path: ['goalDate'],
        }),
    )
    .mutation(({ ctx, input }) => coalitions.createFromTemplate(ctx, input)),

  get: viewerProcedure.query(({ ctx }) => coalitions.getOne(ctx)),

  update: editorProcedure.input(zCoalitionUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return coalitions.update(ctx, fields);
  }),

  /** Deletes the workspace and everything in it. The owner retypes its name to confirm. */
  delete: ownerProcedure
    .input(z.object({ confirmName: z.string().max(200) }))
    .mutation(({ ctx, input }) => coalitions.remove(ctx, input.confirmName)),

  /** Everything the dashboard shows, in a fixed number of queries. */
  dashboard: viewerProcedure
    .input(z.object({ today: zDate.optional() }))
    .query(({ ctx, input }) => ctx.dashboards.get(ctx.coalitionId, input.today ?? ctx.today())),
} satisfies TRPCRouterRecord;
