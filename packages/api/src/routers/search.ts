import type { TRPCRouterRecord } from '@trpc/server';
import { zSearchQuery } from '@coalition/domain';
import * as search from '../services/search.ts';
import { viewerProcedure } from '../trpc.ts';

export const searchRouter = {
  /** The command palette's "jump to": a few milestones, partners, tracks and bottlenecks of this coalition whose name contains `q`. */
  query: viewerProcedure.input(zSearchQuery).query(({ ctx, input }) => search.query(ctx, { q: input.q, limit: input.limit })),
} satisfies TRPCRouterRecord;
