import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zId, zInteractionCreate, zInteractionListQuery, zInteractionUpdate } from '@coalition/domain';
import * as interactions from '../services/interactions.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const interactionRouter = {
  /** A partner's interactions, newest first, in keyset pages. */
  list: viewerProcedure.input(zInteractionListQuery).query(({ ctx, input }) => interactions.list(ctx, input)),

  /** Logs an interaction; its next step's member hears of it in their inbox. */
  create: editorProcedure.input(zInteractionCreate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return interactions.create(ctx, fields);
  }),

  /** Versioned edit; `nextStepDoneOn` marks the next step done. */
  update: editorProcedure.input(zInteractionUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...fields } = input;
    return interactions.update(ctx, fields);
  }),

  delete: editorProcedure.input(z.object({ interactionId: zId })).mutation(({ ctx, input }) => interactions.remove(ctx, input.interactionId)),

  /** Dialogue coverage: high-influence partners by days since the last contact, overdue next steps. */
  coverage: viewerProcedure.query(({ ctx }) => interactions.coverage(ctx)),
} satisfies TRPCRouterRecord;
