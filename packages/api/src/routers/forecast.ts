import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zDate } from '@coalition/domain';
import { viewerProcedure } from '../trpc.ts';

export const forecastRouter = {
  /**
   * The odds of reaching the goal: a seeded Monte Carlo over the dependency graph (the same plan
   * gives the same numbers), run on the dashboard's worker thread and cached until the plan
   * changes. The plan's P50/P80/P95 ready date, the probability of being ready by the goal date,
   * the milestones most often on the late path, and each uncertain open milestone's range.
   * Its own procedure rather than part of the dashboard: it costs far more than the dashboard's
   * recompute, and the timeline reads it without the dashboard.
   */
  get: viewerProcedure
    .input(z.object({ today: zDate.optional() }))
    .query(({ ctx, input }) => ctx.dashboards.forecast(ctx.coalitionId, input.today ?? ctx.today())),
} satisfies TRPCRouterRecord;
