import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zPartnerCreate, zPartnerListQuery, zPartnerUpdate } from '@coalition/domain';
import * as partners from '../services/partners.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const partnerRouter = {
  /** The partner table: filters, sorting, each partner with its tracks. */
  list: viewerProcedure
    .input(zPartnerListQuery)
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
