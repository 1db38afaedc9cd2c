import type { TRPCRouterRecord } from '@trpc/server';

export const assignmentRouter = {} satisfies TRPCRouterRecord;
