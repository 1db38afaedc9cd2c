import type { TRPCRouterRecord } from '@trpc/server';

export const bottleneckRouter = {} satisfies TRPCRouterRecord;
