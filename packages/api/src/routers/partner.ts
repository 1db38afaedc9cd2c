import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  PARTNER_KINDS,
  PARTNER_SORTS,
  zId,
  zLimit,
  zPartnerCreate,
  zPartnerUpdate,
  zSortDir,
} from '@coalition/domain';
import * as partners from '../services/partners.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const partnerRouter = {
  /** The partner table: filters, sorting, each partner with its tracks. */
  list: viewerProcedure
    .input(
      z.object({
        kind: z.array(z.enum(PARTNER_KINDS)).max(PARTNER_KINDS.length).optional(),
        stage: z.array(z.enum(ENGAGEMENT_STAGES)).max(ENGAGEMENT_STAGES.length).optional(),
        contribution: z.array(z.enum(CONTRIBUTIONS)).max(CONTRIBUTIONS.length).optional(),
        trackId: zId.optional(),
        search: z.string().trim().max(100, 'At most 100 characters').optional(),
        sortBy: z.enum(PARTNER_SORTS).default('name'),
        sortDir: zSortDir.default('asc'),
        limit: zLimit(1000, 1000),
      }),
    )
    .query(({ ctx, input }) => partners.list(ctx, input)),

  /** One partner with its tracks (names and roles) and how many milestones it owns. */
  get: viewerProcedure.input(z.object({ partnerId: zId })).query(({ ctx, input }) => partners.getOne(ctx, input.partnerId)),

  create: editorProcedure.input(zPartnerCreate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return partners.create(ctx, fields);
  }),

  /** Versioned update; `committedOn` is set the first time the stage reaches committed or champion. */
  update: editorProcedure.input(zPartnerUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return partners.update(ctx, fields);
  }),

  /** Deletes the partner with its track assignments and the comments on it; milestones it owned stay, without an owner. */
  delete: editorProcedure.input(z.object({ partnerId: zId })).mutation(({ ctx, input }) => partners.remove(ctx, input.partnerId)),
} satisfies TRPCRouterRecord;
