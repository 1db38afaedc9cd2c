/**
 * The public page of a coalition: an owner publishes it under a secret link (shown once),
 * rotates or revokes it; anyone holding the link reads it without a session.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zPublicPage } from '@coalition/domain';
import * as publicPage from '../services/public-page.ts';
import { ownerProcedure, publicProcedure } from '../trpc.ts';

export const publicPageRouter = {
  /** Is the page published, since when and by whom (never the link: it was shown once). */
  status: ownerProcedure.query(({ ctx }) => publicPage.status(ctx)),

  /** Publishes the page under a new link, revoking the live one if any; the URL is returned only now. */
  publish: ownerProcedure.mutation(({ ctx }) => publicPage.publish(ctx)),

  /** Unpublishes the page: its link answers "not found" at once. */
  revoke: ownerProcedure.mutation(({ ctx }) => publicPage.revoke(ctx)),

  /**
   * The page a link shows (the token is the credential: no session). Unknown, malformed and
   * revoked tokens get the same NOT_FOUND. The answer is parsed through the allow-list
   * (`zPublicPage`) on the way out: a field it does not name never leaves the server.
   */
  view: publicProcedure
    .input(z.object({ token: z.string().max(200) }))
    .output(zPublicPage)
    .query(({ ctx, input }) => publicPage.view(ctx, input.token)),
} satisfies TRPCRouterRecord;
