/** Comment targets: a comment points at a milestone, track, partner or bottleneck by type and id. */
import { and, eq } from 'drizzle-orm';
import { bottlenecks, comments, milestones, partners, tracks, type CommentTarget, type DbOrTx } from '@coalition/db';
import { requireOwned } from '../change.ts';

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

