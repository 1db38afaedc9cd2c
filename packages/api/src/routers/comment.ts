import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  bottlenecks,
  COMMENT_TARGETS,
  comments,
  memberships,
  milestones,
  newId,
  partners,
  tracks,
  users,
  type Comment,
  type CommentTarget,
  type DbOrTx,
} from '@coalition/db';
import { commitChange, requireOwned, updateVersioned } from '../change.ts';
import { parseMentions } from '../domain/mentions.ts';
import { requireCommentTarget, TARGET_ENTITY, type CommentTargetInfo } from '../domain/comments.ts';
import { editorProcedure, viewerProcedure, type CoalitionContext } from '../trpc.ts';
import { zId, zLimit, zVersion } from '../validators.ts';

/** The coalition's members, as candidates for @mentions. */
function mentionableMembers(db: DbOrTx, coalitionId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.coalitionId, coalitionId))
    .orderBy(asc(users.name))
    .all();
}

/** The comment, if the caller wrote it: FORBIDDEN for anyone else (owners included). */
function requireOwnComment(tx: DbOrTx, ctx: CoalitionContext, commentId: string, verb: string): Comment {
  const comment = requireOwned(tx, comments, commentId, ctx.coalitionId, 'Comment');
  if (comment.authorId !== ctx.user.id) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `Only the author of a comment can ${verb} it` });
  }
  return comment;
}

/** Target label and track for logging a change to an existing comment (its target may be gone). */
function targetOf(db: DbOrTx, comment: Comment): CommentTargetInfo {
  try {
    return requireCommentTarget(db, comment.coalitionId, comment.targetType, comment.targetId);
  } catch {
    return { label: TARGET_ENTITY[comment.targetType].toLowerCase(), trackId: null };
  }
}

const publicComment = (c: Comment, author: { id: string; name: string } | null) => ({
  id: c.id,
  targetType: c.targetType,
  targetId: c.targetId,
  body: c.body,
  mentions: c.mentions,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  author,
});

/** Ties on createdAt (same millisecond) keep the order of writing; the target index ends with the rowid. */
const insertionOrder = sql.raw('"comments"."rowid"');

const excerpt = (body: string) => (body.length > 200 ? `${body.slice(0, 199)}…` : body);
const zTargetType = z.enum(COMMENT_TARGETS);
const zBody = z.string().trim().min(1, 'Write something first').max(10000, 'At most 10000 characters');

export const commentRouter = {
  /** The discussion on one item, oldest first. */
  list: viewerProcedure
    .input(z.object({ targetType: zTargetType, targetId: zId }))
    .query(({ ctx, input }) => {
      requireCommentTarget(ctx.db, ctx.coalitionId, input.targetType, input.targetId);
      return ctx.db
        .select({ comment: comments, authorId: users.id, authorName: users.name })
        .from(comments)
        .leftJoin(users, eq(users.id, comments.authorId))
        .where(
          and(
            eq(comments.coalitionId, ctx.coalitionId),
            eq(comments.targetType, input.targetType),
            eq(comments.targetId, input.targetId),
          ),
        )
        .orderBy(asc(comments.createdAt), asc(insertionOrder))
        .all()
        .map((r) => publicComment(r.comment, r.authorId ? { id: r.authorId, name: r.authorName! } : null));
    }),

  add: editorProcedure
    .input(z.object({ targetType: zTargetType, targetId: zId, body: zBody }))
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const target = requireCommentTarget(tx, ctx.coalitionId, input.targetType, input.targetId);
        const mentions = parseMentions(input.body, mentionableMembers(tx, ctx.coalitionId));
        const comment = tx
          .insert(comments)
          .values({
            id: newId(),
            coalitionId: ctx.coalitionId,
            targetType: input.targetType,
            targetId: input.targetId,
            authorId: ctx.user.id,
            body: input.body,
            mentions,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        log({
          action: 'comment.added',
          entityType: input.targetType,
          entityId: input.targetId,
          trackId: target.trackId,
          summary: `commented on ${input.targetType} "${target.label}"`,
          data: { commentId: comment.id, excerpt: excerpt(input.body), mentions },
        });
        return publicComment(comment, { id: ctx.user.id, name: ctx.user.name });
      }),
    ),

  /** Only the author edits; the mentions are parsed again. */
  edit: editorProcedure
    .input(z.object({ commentId: zId, version: zVersion, body: zBody }))
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const comment = requireOwnComment(tx, ctx, input.commentId, 'edit');
        const mentions = parseMentions(input.body, mentionableMembers(tx, ctx.coalitionId));
        const { after } = updateVersioned(
          tx,
          comments,
          { id: comment.id, coalitionId: ctx.coalitionId, version: input.version },
          { body: input.body, mentions },
          'Comment',
          now,
          eq(comments.authorId, ctx.user.id),
        );
        const target = targetOf(tx, comment);
        log({
          action: 'comment.edited',
          entityType: comment.targetType,
          entityId: comment.targetId,
          trackId: target.trackId,
          summary: `edited a comment on ${comment.targetType} "${target.label}"`,
          data: { commentId: comment.id, body: [excerpt(comment.body), excerpt(after.body)], mentions },
        });
        return publicComment(after, { id: ctx.user.id, name: ctx.user.name });
      }),
    ),

  /** Only the author deletes. */
  delete: editorProcedure.input(z.object({ commentId: zId })).mutation(({ ctx, input }) =>
    commitChange(ctx, (tx, log) => {
      const comment = requireOwnComment(tx, ctx, input.commentId, 'delete');
      const target = targetOf(tx, comment);
      tx.delete(comments).where(eq(comments.id, comment.id)).run();
      log({
        action: 'comment.deleted',
        entityType: comment.targetType,
        entityId: comment.targetId,
        trackId: target.trackId,
        summary: `deleted a comment on ${comment.targetType} "${target.label}"`,
        data: { commentId: comment.id, excerpt: excerpt(comment.body) },
      });
      return { ok: true as const };
    }),
  ),

  /** Comments in this coalition that mention me, newest first, with what they are about. */
  mentions: viewerProcedure.input(z.object({ limit: zLimit(50, 200) })).query(({ ctx, input }) =>
    ctx.db
      .select({
        comment: comments,
        authorId: users.id,
        authorName: users.name,
        targetLabel: sql<string | null>`coalesce(${milestones.title}, ${tracks.name}, ${partners.name}, ${bottlenecks.title})`,
        targetTrackId: sql<string | null>`coalesce(${milestones.trackId}, ${tracks.id}, ${bottlenecks.trackId})`,
      })
      .from(comments)
      .leftJoin(users, eq(users.id, comments.authorId))
      .leftJoin(milestones, and(eq(comments.targetType, 'milestone'), eq(milestones.id, comments.targetId)))
      .leftJoin(tracks, and(eq(comments.targetType, 'track'), eq(tracks.id, comments.targetId)))
      .leftJoin(partners, and(eq(comments.targetType, 'partner'), eq(partners.id, comments.targetId)))
      .leftJoin(bottlenecks, and(eq(comments.targetType, 'bottleneck'), eq(bottlenecks.id, comments.targetId)))
      .where(
        and(
          eq(comments.coalitionId, ctx.coalitionId),
          sql`EXISTS (SELECT 1 FROM json_each(${comments.mentions}) WHERE json_each.value = ${ctx.user.id})`,
        ),
      )
      .orderBy(desc(comments.createdAt), desc(insertionOrder))
      .limit(input.limit)
      .all()
      .map((r) => ({
        ...publicComment(r.comment, r.authorId ? { id: r.authorId, name: r.authorName! } : null),
        target: {
          type: r.comment.targetType,
          id: r.comment.targetId,
          label: r.targetLabel,
          trackId: r.targetTrackId,
        },
      })),
  ),
} satisfies TRPCRouterRecord;
