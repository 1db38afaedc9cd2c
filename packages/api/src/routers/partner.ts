import type { TRPCRouterRecord } from '@trpc/server';

export const partnerRouter = {} satisfies TRPCRouterRecord;
