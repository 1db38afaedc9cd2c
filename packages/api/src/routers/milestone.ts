import type { TRPCRouterRecord } from '@trpc/server';

export const milestoneRouter = {} satisfies TRPCRouterRecord;
