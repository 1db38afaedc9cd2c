import type { TRPCRouterRecord } from '@trpc/server';

export const trackRouter = {} satisfies TRPCRouterRecord;
