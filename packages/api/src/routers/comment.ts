import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zCommentAdd, zCommentEdit, zCommentTarget, zId, zLimit } from '@coalition/domain';
import * as comments from '../services/comments.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

export const commentRouter = {
  /** The discussion on one item, oldest first. */
  list: viewerProcedure.input(zCommentTarget).query(({ ctx, input }) => comments.list(ctx, input.targetType, input.targetId)),

  add: editorProcedure.input(zCommentAdd).mutation(({ ctx, input }) => comments.add(ctx, input)),

  /** Only the author edits; the mentions are parsed again. */
  edit: editorProcedure.input(zCommentEdit).mutation(({ ctx, input }) => comments.edit(ctx, input)),

  /** Only the author deletes. */
  delete: editorProcedure.input(z.object({ commentId: zId })).mutation(({ ctx, input }) => comments.remove(ctx, input.commentId)),

  /** Comments in this coalition that mention me, newest first, with what they are about. */
  mentions: viewerProcedure.input(z.object({ limit: zLimit(50, 200) })).query(({ ctx, input }) => comments.mentionsOfMe(ctx, input.limit)),
} satisfies TRPCRouterRecord;
