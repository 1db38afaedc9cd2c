/** How each member hears of a coalition by email: at once, a daily digest, or nothing. */
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { emailPreferences } from '@coalition/db/schema';
import type { Db } from '@coalition/db';
import { EMAIL_MODES, type EmailMode } from '@coalition/domain';
import { emailModeOf } from '../jobs/runner.ts';
import { viewerProcedure } from '../trpc.ts';

export const mailRouter = {
  preference: viewerProcedure.query(({ ctx }) => ({ mode: emailModeOf(ctx.db, ctx.user.id, ctx.coalitionId), emailEnabled: ctx.mailer.enabled })),
  setPreference: viewerProcedure.input(z.object({ mode: z.enum(EMAIL_MODES) })).mutation(({ ctx, input }) => {
    setEmailMode(ctx.db, ctx.user.id, ctx.coalitionId, input.mode, ctx.now());
    return { mode: input.mode };
  }),
} satisfies TRPCRouterRecord;

export function setEmailMode(db: Db, userId: string, coalitionId: string, mode: EmailMode, now: number) {
  db.insert(emailPreferences)
    .values({ userId, coalitionId, mode, updatedAt: now })
    .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.coalitionId], set: { mode, updatedAt: now } })
    .run();
}
