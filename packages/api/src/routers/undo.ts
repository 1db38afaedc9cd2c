import type { TRPCRouterRecord } from '@trpc/server';
import { zUndoRestore } from '@coalition/domain';
import * as undo from '../services/undo.ts';
import { editorProcedure } from '../trpc.ts';

export const undoRouter = {
  /**
   * Undoes a delete (a partner, milestone, track, bottleneck, comment, or a role cleared in the
   * matrix) with the token the delete returned: by the person who deleted or an owner, once, for
   * a limited time. Everything comes back in one transaction; `notes` says what could not.
   */
  restore: editorProcedure.input(zUndoRestore).mutation(({ ctx, input }) => undo.restore(ctx, input.token)),
} satisfies TRPCRouterRecord;
