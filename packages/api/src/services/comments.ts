/** The policy dialogue: comments on a milestone, track, partner or bottleneck, with @mentions. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@coalition/db';
import { bottlenecks, comments, memberships, milestones, partners, tracks, users, type Comment } from '@coalition/db/schema';
import { parseMentions, type CommentTarget } from '@coalition/domain';
import { commitChange, newPlanRow, requireOwned, updateVersioned } from '../change.ts';
import { forbidden } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { rememberDelete } from './undo.ts';

export interface CommentTargetInfo {
  /** The target's title or name, for summaries and the mentions inbox. */
  label: string;
  /** The track the target belongs to (the track itself for a track), for the activity feed. */
  trackId: string | null;
}

export const TARGET_ENTITY: Record<CommentTarget, string> = {
  milestone: 'Milestone',
  track: 'Track',
  partner: 'Partner',
  bottleneck: 'Bottleneck',
};

/** The comment target with this type and id in the coalition, or NOT_FOUND. */
export function requireCommentTarget(db: DbOrTx, coalitionId: string, type: CommentTarget, id: string): CommentTargetInfo {
  const entity = TARGET_ENTITY[type];
  switch (type) {
    case 'milestone': {
      const m = requireOwned(db, milestones, id, coalitionId, entity);
      return { label: m.title, trackId: m.trackId };
    }
    case 'track': {
      const t = requireOwned(db, tracks, id, coalitionId, entity);
      return { label: t.name, trackId: t.id };
    }
    case 'partner': {
      const p = requireOwned(db, partners, id, coalitionId, entity);
      return { label: p.name, trackId: null };
    }
    case 'bottleneck': {
      const b = requireOwned(db, bottlenecks, id, coalitionId, entity);
      return { label: b.title, trackId: b.trackId };
    }
  }
}

/** Removes the discussion on a target; call it in the transaction that deletes the target. */
export function deleteCommentsOn(tx: DbOrTx, coalitionId: string, type: CommentTarget, id: string): number {
  return tx
    .delete(comments)
    .where(and(eq(comments.coalitionId, coalitionId), eq(comments.targetType, type), eq(comments.targetId, id)))
    .run().changes;
}

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
  if (comment.authorId !== ctx.user.id) throw forbidden(`Only the author of a comment can ${verb} it`);
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

/** The discussion on one item, oldest first. */
export function list(ctx: CoalitionContext, targetType: CommentTarget, targetId: string) {
  requireCommentTarget(ctx.db, ctx.coalitionId, targetType, targetId);
  return ctx.db
    .select({ comment: comments, authorId: users.id, authorName: users.name })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.coalitionId, ctx.coalitionId), eq(comments.targetType, targetType), eq(comments.targetId, targetId)))
    .orderBy(asc(comments.createdAt), asc(insertionOrder))
    .all()
    .map((r) => publicComment(r.comment, r.authorId ? { id: r.authorId, name: r.authorName! } : null));
}

export function add(ctx: CoalitionContext, input: { targetType: CommentTarget; targetId: string; body: string }) {
  return commitChange(ctx, (tx, log, now) => {
    const target = requireCommentTarget(tx, ctx.coalitionId, input.targetType, input.targetId);
    const mentions = parseMentions(input.body, mentionableMembers(tx, ctx.coalitionId));
    const comment = tx
      .insert(comments)
      .values({
        ...newPlanRow(ctx.coalitionId, now),
        targetType: input.targetType,
        targetId: input.targetId,
        authorId: ctx.user.id,
        body: input.body,
        mentions,
      })
      .returning()
      .get();
    log({
      event: { action: 'comment.added', targetType: input.targetType, targetLabel: target.label },
      entityType: input.targetType,
      entityId: input.targetId,
      trackId: target.trackId,
      data: { commentId: comment.id, excerpt: excerpt(input.body), mentions, targetLabel: target.label },
    });
    return publicComment(comment, { id: ctx.user.id, name: ctx.user.name });
  });
}

/** Only the author edits; the mentions are parsed again. */
export function edit(ctx: CoalitionContext, input: { commentId: string; version: number; body: string }) {
  return commitChange(ctx, (tx, log, now) => {
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
      event: { action: 'comment.edited', targetType: comment.targetType, targetLabel: target.label },
      entityType: comment.targetType,
      entityId: comment.targetId,
      trackId: target.trackId,
      data: { commentId: comment.id, body: [excerpt(comment.body), excerpt(after.body)], mentions },
    });
    return publicComment(after, { id: ctx.user.id, name: ctx.user.name });
  });
}

/** Only the author deletes; returns the token that undoes it. */
export function remove(ctx: CoalitionContext, commentId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const comment = requireOwnComment(tx, ctx, commentId, 'delete');
    const target = targetOf(tx, comment);
    const undoToken = rememberDelete(tx, ctx, { kind: 'comment', comment, targetLabel: target.label }, now);
    tx.delete(comments).where(eq(comments.id, comment.id)).run();
    log({
      event: { action: 'comment.deleted', targetType: comment.targetType, targetLabel: target.label },
      entityType: comment.targetType,
      entityId: comment.targetId,
      trackId: target.trackId,
      data: { commentId: comment.id, excerpt: excerpt(comment.body) },
    });
    return { ok: true as const, undoToken };
  });
}

/** Comments in this coalition that mention me, newest first, with what they are about. */
export function mentionsOfMe(ctx: CoalitionContext, limit: number) {
  return ctx.db
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
    .limit(limit)
    .all()
    .map((r) => ({
      ...publicComment(r.comment, r.authorId ? { id: r.authorId, name: r.authorName! } : null),
      target: { type: r.comment.targetType, id: r.comment.targetId, label: r.targetLabel, trackId: r.targetTrackId },
    }));
}
