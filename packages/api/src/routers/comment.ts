import type { TRPCRouterRecord } from '@trpc/server';

export const commentRouter = {} satisfies TRPCRouterRecord;
