/**
 * Undoing a delete.
 *
 * Each delete that can be undone captures, in its own transaction and before it deletes, every
 * row it is about to remove or unlink (`snapshot*` below) and keeps it as an undo entry
 * (`rememberDelete`); its token goes back to the client, whose toast offers "Undo".
 * `restore` puts everything back in ONE `commitChange` transaction: the same ids and data, the
 * links the delete nulled (a track's milestones, a partner's owned milestones, …), one
 * "restored" activity row, and the live events after the commit. A refusal writes nothing.
 *
 * Activity rows are never deleted with their item (they name it by id), and neither are follows
 * or notifications: the restored item shows its whole history again and keeps its followers.
 *
 * What changed meanwhile, decided per case:
 *  - the item's id exists again, or one of its comments' ids → CONFLICT, nothing restored;
 *  - a milestone's track, owner partner or responsible member (no longer a member) is gone →
 *    restored without that link (the same state their own delete leaves other milestones in);
 *    likewise a bottleneck's track or milestone, and a comment's author (an account deleted);
 *  - the other end of a dependency is gone → that edge is not restored; an edge that would now
 *    close a cycle (someone added a dependency meanwhile) is not restored either (the domain's
 *    cycle rule, as for any new dependency);
 *  - a partner's (or track's) assignments whose track (or partner) is gone are not restored;
 *    likewise its positions over time (a link to an interaction deleted meanwhile is dropped);
 *  - a nulled link that someone has set again meanwhile (another track, another owner) is kept
 *    as they set it;
 *  - a comment whose item is gone, or a cleared matrix role whose partner or track is gone or
 *    whose cell has a role again → refused with a message saying why (restoring it would
 *    need something that is no longer there, or overwrite someone's newer choice).
 * Everything restored without a link is listed in `notes`, which the toast shows.
 */
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { newId, type DbOrTx, type Tx } from '@coalition/db';
import {
  baselineDates,
  baselines,
  bottlenecks,
  comments,
  interactions,
  memberships,
  milestoneDependencies,
  milestones,
  partners,
  positionChanges,
  slips,
  trackAssignments,
  tracks,
  undoEntries,
  users,
  type Bottleneck,
  type Comment,
  type Interaction,
  type Milestone,
  type MilestoneDependency,
  type Partner,
  type PositionChangeRow,
  type Track,
  type TrackAssignment,
} from '@coalition/db/schema';
import { cycleIfAdded, describeCycle, UNDO_KEEP_MS, type CommentTarget, type DependencyEdge } from '@coalition/domain';
import { commitChange, type LogFn } from '../change.ts';
import { restoreThresholdRows, thresholdRowsOf, type ThresholdRows } from './thresholdCount.ts';
import { AppError, forbidden } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';

/** Everything one delete removed or unlinked. */
export type UndoPayload =
  | { kind: 'partner'; partner: Partner; assignments: TrackAssignment[]; comments: Comment[]; ownedMilestoneIds: string[]; interactions?: Interaction[]; threshold?: ThresholdRows; positions?: PositionChangeRow[] }
  | { kind: 'track'; track: Track; assignments: TrackAssignment[]; comments: Comment[]; milestoneIds: string[]; bottleneckIds: string[]; positions?: PositionChangeRow[] }
  | {
      kind: 'milestone';
      milestone: Milestone;
      dependencies: MilestoneDependency[];
      comments: Comment[];
      bottleneckIds: string[];
      threshold?: ThresholdRows;
      /** Its dates in the baselines and the slips recorded against them (the ghost bars, the slips list). */
      baselineDates?: (typeof baselineDates)['$inferSelect'][];
      slips?: (typeof slips)['$inferSelect'][];
    }
  | { kind: 'bottleneck'; bottleneck: Bottleneck; comments: Comment[] }
  | { kind: 'comment'; comment: Comment; targetLabel: string }
  | { kind: 'assignment'; assignment: TrackAssignment; partnerName: string; trackName: string };

// ---------------------------------------------------------------------------
// Capturing (inside the delete's transaction, before it deletes)
// ---------------------------------------------------------------------------

const commentsOn = (tx: DbOrTx, coalitionId: string, targetType: CommentTarget, targetId: string) =>
  tx
    .select()
    .from(comments)
    .where(and(eq(comments.coalitionId, coalitionId), eq(comments.targetType, targetType), eq(comments.targetId, targetId)))
    .orderBy(comments.createdAt, sql.raw('"comments"."rowid"'))
    .all();

const idsWhere = (tx: DbOrTx, table: typeof milestones | typeof bottlenecks, where: ReturnType<typeof and>) =>
  tx.select({ id: table.id }).from(table).where(where).all().map((r) => r.id);

export function snapshotPartner(tx: DbOrTx, partner: Partner): UndoPayload {
  const c = partner.coalitionId;
  return {
    kind: 'partner',
    partner,
    assignments: tx.select().from(trackAssignments).where(and(eq(trackAssignments.coalitionId, c), eq(trackAssignments.partnerId, partner.id))).all(),
    comments: commentsOn(tx, c, 'partner', partner.id),
    ownedMilestoneIds: idsWhere(tx, milestones, and(eq(milestones.coalitionId, c), eq(milestones.ownerPartnerId, partner.id))),
    // The dialogue log goes with the partner (ON DELETE CASCADE) and comes back with it.
    interactions: tx.select().from(interactions).where(and(eq(interactions.coalitionId, c), eq(interactions.partnerId, partner.id))).all(),
    // Its eligibility for threshold milestones and its acts go with it too, and come back (recounted).
    threshold: thresholdRowsOf(tx, c, { partnerId: partner.id }),
    // So do its positions over time (goal and tracks).
    positions: tx.select().from(positionChanges).where(and(eq(positionChanges.coalitionId, c), eq(positionChanges.partnerId, partner.id))).all(),
  };
}

export function snapshotTrack(tx: DbOrTx, track: Track): UndoPayload {
  const c = track.coalitionId;
  return {
    kind: 'track',
    track,
    assignments: tx.select().from(trackAssignments).where(and(eq(trackAssignments.coalitionId, c), eq(trackAssignments.trackId, track.id))).all(),
    comments: commentsOn(tx, c, 'track', track.id),
    milestoneIds: idsWhere(tx, milestones, and(eq(milestones.coalitionId, c), eq(milestones.trackId, track.id))),
    bottleneckIds: idsWhere(tx, bottlenecks, and(eq(bottlenecks.coalitionId, c), eq(bottlenecks.trackId, track.id))),
    // Partners' positions on this track go with it (ON DELETE CASCADE) and come back with it.
    positions: tx.select().from(positionChanges).where(and(eq(positionChanges.coalitionId, c), eq(positionChanges.trackId, track.id))).all(),
  };
}

/**
 * Puts position changes back; one on a track (or of a partner: `other`) deleted meanwhile is left
 * out, a link to an interaction deleted meanwhile is dropped (as that delete leaves it). Returns how many were left out.
 */
function insertPositions(tx: Tx, rows: readonly PositionChangeRow[] | undefined, other: 'trackId' | 'partnerId'): number {
  let skipped = 0;
  for (const row of rows ?? []) {
    const ref = row[other];
    if (ref && !exists(tx, other === 'trackId' ? tracks : partners, ref, row.coalitionId)) {
      skipped++;
      continue;
    }
    const interactionId = row.interactionId && tx.select({ id: interactions.id }).from(interactions).where(eq(interactions.id, row.interactionId)).get() ? row.interactionId : null;
    tx.insert(positionChanges).values({ ...row, interactionId }).onConflictDoNothing().run();
  }
  return skipped;
}

/** The milestone with its dependency edges in both directions (what it waits for, what waits for it). */
export function snapshotMilestone(tx: DbOrTx, milestone: Milestone): UndoPayload {
  const c = milestone.coalitionId;
  const dependencies = tx
    .select()
    .from(milestoneDependencies)
    .where(and(eq(milestoneDependencies.coalitionId, c), or(eq(milestoneDependencies.milestoneId, milestone.id), eq(milestoneDependencies.dependsOnId, milestone.id))))
    .all();
  return {
    kind: 'milestone',
    milestone,
    dependencies,
    comments: commentsOn(tx, c, 'milestone', milestone.id),
    bottleneckIds: idsWhere(tx, bottlenecks, and(eq(bottlenecks.coalitionId, c), eq(bottlenecks.milestoneId, milestone.id))),
    threshold: thresholdRowsOf(tx, c, { milestoneId: milestone.id }),
    baselineDates: tx.select().from(baselineDates).where(eq(baselineDates.milestoneId, milestone.id)).all(),
    slips: tx.select().from(slips).where(and(eq(slips.coalitionId, c), eq(slips.milestoneId, milestone.id))).all(),
  };
}

export function snapshotBottleneck(tx: DbOrTx, bottleneck: Bottleneck): UndoPayload {
  return { kind: 'bottleneck', bottleneck, comments: commentsOn(tx, bottleneck.coalitionId, 'bottleneck', bottleneck.id) };
}

const entityIdOf = (p: UndoPayload): string => {
  switch (p.kind) {
    case 'partner':
      return p.partner.id;
    case 'track':
      return p.track.id;
    case 'milestone':
      return p.milestone.id;
    case 'bottleneck':
      return p.bottleneck.id;
    case 'comment':
      return p.comment.id;
    case 'assignment':
      return p.assignment.partnerId;
  }
};

/**
 * Keeps what a delete removed as an undo entry and returns its token (call it in the delete's
 * transaction). Prunes the entries past their time on the way (an indexed range delete).
 */
export function rememberDelete(tx: Tx, ctx: Pick<CoalitionContext, 'coalitionId'> & { user: { id: string } }, payload: UndoPayload, now: number): string {
  tx.delete(undoEntries).where(lt(undoEntries.expiresAt, now)).run();
  const id = newId();
  tx.insert(undoEntries)
    .values({
      id,
      coalitionId: ctx.coalitionId,
      userId: ctx.user.id,
      kind: payload.kind,
      entityId: entityIdOf(payload),
      payload: payload as unknown as Record<string, unknown>,
      createdAt: now,
      expiresAt: now + UNDO_KEEP_MS,
    })
    .run();
  return id;
}

// ---------------------------------------------------------------------------
// Restoring
// ---------------------------------------------------------------------------

/** What the restore logged (the client refreshes its caches from it) and what it could not put back. */
export interface RestoreResult {
  change: { action: string; entityType: string; entityId: string };
  /** The restored item's title or name (for the toast). */
  label: string;
  /** What was restored without a link, or left out, because it changed meanwhile. */
  notes: string[];
}

const q = (s: string) => `"${s}"`;
/** What the client needs of the activity row: the same fields a live event carries. */
const changeOf = (row: { action: string; entityType: string; entityId: string }) => ({ action: row.action, entityType: row.entityType, entityId: row.entityId });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function exists(tx: DbOrTx, table: typeof partners | typeof tracks | typeof milestones | typeof bottlenecks | typeof comments, id: string, coalitionId?: string): boolean {
  const where = coalitionId ? and(eq(table.id, id), eq(table.coalitionId, coalitionId)) : eq(table.id, id);
  return !!tx.select({ id: table.id }).from(table).where(where).get();
}

function requireAbsent(tx: DbOrTx, table: Parameters<typeof exists>[1], id: string, what: string) {
  if (exists(tx, table, id)) throw new AppError('CONFLICT', `${what} is already back: nothing to undo`);
}

const isMember = (tx: DbOrTx, coalitionId: string, userId: string) =>
  !!tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.coalitionId, coalitionId), eq(memberships.userId, userId)))
    .get();

/** Puts comments back as they were; one whose author's account is gone keeps no author (as the foreign key would have left it). */
function insertComments(tx: Tx, rows: readonly Comment[]) {
  for (const row of rows) {
    if (exists(tx, comments, row.id)) throw new AppError('CONFLICT', 'One of its comments is already back: nothing to undo');
    const authorId = row.authorId && tx.select({ id: users.id }).from(users).where(eq(users.id, row.authorId)).get() ? row.authorId : null;
    tx.insert(comments).values({ ...row, authorId }).run();
  }
}

/** Re-inserts assignments whose other end (`other`: the track or the partner) still exists; returns how many were left out. */
function insertAssignments(tx: Tx, rows: readonly TrackAssignment[], other: 'trackId' | 'partnerId'): number {
  const table = other === 'trackId' ? tracks : partners;
  let skipped = 0;
  for (const row of rows) {
    if (!exists(tx, table, row[other], row.coalitionId)) {
      skipped++;
      continue;
    }
    tx.insert(trackAssignments).values(row).onConflictDoNothing().run();
  }
  return skipped;
}

/** Sets `column` back to `value` on those rows still without one; bumps their version (open edit forms see a conflict). Returns how many. */
function relink(tx: Tx, table: typeof milestones | typeof bottlenecks, column: 'trackId' | 'ownerPartnerId' | 'milestoneId', ids: readonly string[], value: string, coalitionId: string, now: number): number {
  if (ids.length === 0) return 0;
  const col = (table as unknown as Record<string, typeof milestones.trackId>)[column]!;
  return tx
    .update(table)
    .set({ [column]: value, version: sql`${table.version} + 1`, updatedAt: now } as never)
    .where(and(eq(table.coalitionId, coalitionId), inArray(table.id, [...ids]), isNull(col)))
    .run().changes;
}

function restorePartner(tx: Tx, p: Extract<UndoPayload, { kind: 'partner' }>, log: LogFn, now: number, today: string): RestoreResult {
  const { partner } = p;
  requireAbsent(tx, partners, partner.id, `The partner ${q(partner.name)}`);
  tx.insert(partners).values(partner).run();
  const notes: string[] = [];
  const skipped = insertAssignments(tx, p.assignments, 'trackId');
  if (skipped) notes.push(`${plural(skipped, 'track role was', 'track roles were')} not restored: the track was deleted meanwhile.`);
  insertComments(tx, p.comments);
  if (p.interactions?.length) tx.insert(interactions).values(p.interactions).run();
  const positionsLost = insertPositions(tx, p.positions, 'trackId');
  if (positionsLost) notes.push(`${plural(positionsLost, 'position on a track was', 'positions on a track were')} not restored: the track was deleted meanwhile.`);
  const relinked = relink(tx, milestones, 'ownerPartnerId', p.ownedMilestoneIds, partner.id, partner.coalitionId, now);
  const lost = p.ownedMilestoneIds.length - relinked;
  if (lost) notes.push(`${plural(lost, 'milestone it owned was', 'milestones it owned were')} deleted or given another owner meanwhile.`);
  const row = log({
    event: { action: 'partner.restored', name: partner.name },
    entityType: 'partner',
    entityId: partner.id,
    data: { name: partner.name, assignments: p.assignments.length - skipped, comments: p.comments.length, ownedMilestones: relinked },
  });
  // After its own line: the milestones its acts complete again say so on their own lines.
  const actsLost = restoreThresholdRows(tx, log, now, today, partner.coalitionId, p.threshold, 'partner');
  if (actsLost) notes.push(`${plural(actsLost, 'act toward a threshold milestone was', 'acts toward threshold milestones were')} not restored: the milestone was deleted meanwhile.`);
  return { change: changeOf(row), label: partner.name, notes };
}

function restoreTrack(tx: Tx, p: Extract<UndoPayload, { kind: 'track' }>, log: LogFn, now: number): RestoreResult {
  const { track } = p;
  requireAbsent(tx, tracks, track.id, `The track ${q(track.name)}`);
  tx.insert(tracks).values(track).run();
  const notes: string[] = [];
  const skipped = insertAssignments(tx, p.assignments, 'partnerId');
  if (skipped) notes.push(`${plural(skipped, 'partner role was', 'partner roles were')} not restored: the partner was deleted meanwhile.`);
  insertComments(tx, p.comments);
  insertPositions(tx, p.positions, 'partnerId');
  const milestonesBack = relink(tx, milestones, 'trackId', p.milestoneIds, track.id, track.coalitionId, now);
  const bottlenecksBack = relink(tx, bottlenecks, 'trackId', p.bottleneckIds, track.id, track.coalitionId, now);
  const lost = p.milestoneIds.length - milestonesBack;
  if (lost) notes.push(`${plural(lost, 'of its milestones was', 'of its milestones were')} deleted or moved to another track meanwhile.`);
  const row = log({
    event: { action: 'track.restored', name: track.name },
    entityType: 'track',
    entityId: track.id,
    trackId: track.id,
    data: { name: track.name, milestones: milestonesBack, bottlenecks: bottlenecksBack, assignments: p.assignments.length - skipped, comments: p.comments.length },
  });
  return { change: changeOf(row), label: track.name, notes };
}

/** Dependency edges among the coalition's milestones now. */
const edgesNow = (tx: DbOrTx, coalitionId: string): DependencyEdge[] =>
  tx
    .select({ milestoneId: milestoneDependencies.milestoneId, dependsOnId: milestoneDependencies.dependsOnId })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.coalitionId, coalitionId))
    .all();

function titlesOf(tx: DbOrTx, ids: readonly string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(tx.select({ id: milestones.id, title: milestones.title }).from(milestones).where(inArray(milestones.id, [...new Set(ids)])).all().map((r) => [r.id, r.title]));
}

function restoreMilestone(tx: Tx, p: Extract<UndoPayload, { kind: 'milestone' }>, log: LogFn, now: number, today: string): RestoreResult {
  const m = p.milestone;
  const c = m.coalitionId;
  requireAbsent(tx, milestones, m.id, `The milestone ${q(m.title)}`);
  const notes: string[] = [];
  const trackId = m.trackId && exists(tx, tracks, m.trackId, c) ? m.trackId : null;
  if (m.trackId && !trackId) notes.push('Its track was deleted meanwhile: it is back as a coalition-wide milestone.');
  const ownerPartnerId = m.ownerPartnerId && exists(tx, partners, m.ownerPartnerId, c) ? m.ownerPartnerId : null;
  if (m.ownerPartnerId && !ownerPartnerId) notes.push('Its owner partner was deleted meanwhile: it is back without an owner.');
  const responsibleUserId = m.responsibleUserId && isMember(tx, c, m.responsibleUserId) ? m.responsibleUserId : null;
  if (m.responsibleUserId && !responsibleUserId) notes.push('Its responsible member has left the coalition: it is back without one.');
  tx.insert(milestones).values({ ...m, trackId, ownerPartnerId, responsibleUserId }).run();

  // Both directions, each edge only if its other end is still there and it closes no cycle.
  const edges = edgesNow(tx, c);
  let gone = 0;
  for (const d of p.dependencies) {
    const other = d.milestoneId === m.id ? d.dependsOnId : d.milestoneId;
    if (!exists(tx, milestones, other, c)) {
      gone++;
      continue;
    }
    const cycle = cycleIfAdded(edges, d.milestoneId, d.dependsOnId);
    if (cycle) {
      const titles = titlesOf(tx, cycle);
      notes.push(`A dependency was not restored. ${describeCycle(cycle, (id) => titles.get(id) ?? id)}.`);
      continue;
    }
    edges.push({ milestoneId: d.milestoneId, dependsOnId: d.dependsOnId });
    tx.insert(milestoneDependencies).values(d).run();
  }
  if (gone) notes.push(`${plural(gone, 'dependency was', 'dependencies were')} not restored: the other milestone was deleted meanwhile.`);
  insertComments(tx, p.comments);
  const bottlenecksBack = relink(tx, bottlenecks, 'milestoneId', p.bottleneckIds, m.id, c, now);
  const row = log({
    event: { action: 'milestone.restored', title: m.title },
    entityType: 'milestone',
    entityId: m.id,
    trackId,
    data: { title: m.title, dueDate: m.dueDate, status: m.status, dependencies: p.dependencies.length - gone, comments: p.comments.length, bottlenecks: bottlenecksBack },
  });
  const actsLost = restoreThresholdRows(tx, log, now, today, c, p.threshold, 'milestone');
  if (actsLost) notes.push(`${plural(actsLost, 'act was', 'acts were')} not restored: the partner was deleted meanwhile.`);
  // Its baseline dates and slips, for the baselines still there (a deleted baseline took its own).
  const baselinesNow = new Set(tx.select({ id: baselines.id }).from(baselines).where(eq(baselines.coalitionId, c)).all().map((b) => b.id));
  for (const d of p.baselineDates ?? []) if (baselinesNow.has(d.baselineId)) tx.insert(baselineDates).values(d).onConflictDoNothing().run();
  for (const s of p.slips ?? []) if (baselinesNow.has(s.baselineId)) tx.insert(slips).values(s).onConflictDoNothing().run();
  return { change: changeOf(row), label: m.title, notes };
}

function restoreBottleneck(tx: Tx, p: Extract<UndoPayload, { kind: 'bottleneck' }>, log: LogFn): RestoreResult {
  const b = p.bottleneck;
  const c = b.coalitionId;
  requireAbsent(tx, bottlenecks, b.id, `The bottleneck ${q(b.title)}`);
  const notes: string[] = [];
  const trackId = b.trackId && exists(tx, tracks, b.trackId, c) ? b.trackId : null;
  if (b.trackId && !trackId) notes.push('Its track was deleted meanwhile: it is back without a track.');
  const milestoneId = b.milestoneId && exists(tx, milestones, b.milestoneId, c) ? b.milestoneId : null;
  if (b.milestoneId && !milestoneId) notes.push('Its milestone was deleted meanwhile: it is back without one.');
  tx.insert(bottlenecks).values({ ...b, trackId, milestoneId }).run();
  insertComments(tx, p.comments);
  const feedTrackId = trackId ?? (milestoneId ? (tx.select({ t: milestones.trackId }).from(milestones).where(eq(milestones.id, milestoneId)).get()?.t ?? null) : null);
  const row = log({
    event: { action: 'bottleneck.restored', title: b.title },
    entityType: 'bottleneck',
    entityId: b.id,
    trackId: feedTrackId,
    data: { title: b.title, severity: b.severity, status: b.status, comments: p.comments.length },
  });
  return { change: changeOf(row), label: b.title, notes };
}

const TARGET_TABLE = { milestone: milestones, track: tracks, partner: partners, bottleneck: bottlenecks } as const;

function restoreComment(tx: Tx, p: Extract<UndoPayload, { kind: 'comment' }>, log: LogFn): RestoreResult {
  const { comment } = p;
  const c = comment.coalitionId;
  const target = tx
    .select({ id: TARGET_TABLE[comment.targetType].id })
    .from(TARGET_TABLE[comment.targetType])
    .where(and(eq(TARGET_TABLE[comment.targetType].id, comment.targetId), eq(TARGET_TABLE[comment.targetType].coalitionId, c)))
    .get();
  // Refused: a comment without the item it discusses would show nowhere.
  if (!target) throw new AppError('NOT_FOUND', `The ${comment.targetType} ${q(p.targetLabel)} this comment was on has been deleted: undo that delete first`);
  insertComments(tx, [comment]);
  const trackId =
    comment.targetType === 'track'
      ? comment.targetId
      : comment.targetType === 'partner'
        ? null
        : (tx
            .select({ t: TARGET_TABLE[comment.targetType].trackId })
            .from(TARGET_TABLE[comment.targetType])
            .where(eq(TARGET_TABLE[comment.targetType].id, comment.targetId))
            .get()?.t ?? null);
  const row = log({
    event: { action: 'comment.restored', targetType: comment.targetType, targetLabel: p.targetLabel },
    entityType: comment.targetType,
    entityId: comment.targetId,
    trackId,
    data: { commentId: comment.id, excerpt: comment.body.length > 200 ? `${comment.body.slice(0, 199)}…` : comment.body },
  });
  return { change: changeOf(row), label: 'comment', notes: [] };
}

function restoreAssignment(tx: Tx, p: Extract<UndoPayload, { kind: 'assignment' }>, log: LogFn): RestoreResult {
  const a = p.assignment;
  // Refused rather than half-done: the role is the whole of what was cleared.
  if (!exists(tx, partners, a.partnerId, a.coalitionId)) throw new AppError('NOT_FOUND', `The partner ${q(p.partnerName)} has been deleted meanwhile: its role cannot come back`);
  if (!exists(tx, tracks, a.trackId, a.coalitionId)) throw new AppError('NOT_FOUND', `The track ${q(p.trackName)} has been deleted meanwhile: the role cannot come back`);
  const now = tx
    .select({ role: trackAssignments.role })
    .from(trackAssignments)
    .where(and(eq(trackAssignments.partnerId, a.partnerId), eq(trackAssignments.trackId, a.trackId)))
    .get();
  if (now) throw new AppError('CONFLICT', `${q(p.partnerName)} has a role on ${q(p.trackName)} again (set meanwhile): it was left as it is`);
  tx.insert(trackAssignments).values(a).run();
  const row = log({
    event: { action: 'assignment.restored', partner: p.partnerName, track: p.trackName, role: a.role },
    entityType: 'partner',
    entityId: a.partnerId,
    trackId: a.trackId,
    data: { role: [null, a.role] },
  });
  return { change: changeOf(row), label: `${p.partnerName} on ${p.trackName}`, notes: [] };
}

/**
 * Undoes the delete behind `token`: for the coalition it was made in, by the person who
 * deleted or an owner, once, within `UNDO_KEEP_MS`.
 */
export function restore(ctx: CoalitionContext, token: string): RestoreResult {
  return commitChange(ctx, (tx, log, now) => {
    const entry = tx.select().from(undoEntries).where(eq(undoEntries.id, token)).get();
    // Another coalition's token is reported exactly like an unknown one.
    if (!entry || entry.coalitionId !== ctx.coalitionId) throw new AppError('NOT_FOUND', 'Nothing to undo: this undo is unknown or has been cleared');
    if (entry.usedAt !== null) throw new AppError('CONFLICT', 'This delete has already been undone');
    if (entry.expiresAt <= now) throw new AppError('BAD_REQUEST', `Too late to undo: a delete can be undone for ${UNDO_KEEP_MS / 60_000} minutes`);
    if (entry.userId !== ctx.user.id && ctx.role !== 'owner') throw forbidden('Only the person who deleted it, or an owner, can undo this delete');
    tx.update(undoEntries).set({ usedAt: now }).where(and(eq(undoEntries.id, entry.id), isNull(undoEntries.usedAt))).run();
    const p = entry.payload as unknown as UndoPayload;
    switch (p.kind) {
      case 'partner':
        return restorePartner(tx, p, log, now, ctx.today());
      case 'track':
        return restoreTrack(tx, p, log, now);
      case 'milestone':
        return restoreMilestone(tx, p, log, now, ctx.today());
      case 'bottleneck':
        return restoreBottleneck(tx, p, log);
      case 'comment':
        return restoreComment(tx, p, log);
      case 'assignment':
        return restoreAssignment(tx, p, log);
    }
  });
}
