/**
 * Baselines: named snapshots of every milestone's start and due date, the ghost bars of the
 * timeline and the reference of the slips list. A due date moved past the latest baseline needs
 * a reason (`slipsOfMoves`, run by every milestone update before it writes): the reason is kept
 * as a slips row in the same transaction (`recordSlip`) and quoted in the milestone's history.
 */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { newId, type DbOrTx, type Tx } from '@coalition/db';
import { baselineDates, baselines, milestones, slips, users, type Baseline } from '@coalition/db/schema';
import { compareWithBaseline, plural, slipOf, type SlipNote } from '@coalition/domain';
import { commitChange, requireOwned } from '../change.ts';
import { AppError, fieldError, forbidden } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';

/** The coalition's most recent baseline (the one a move is measured against), if any. */
export function latestBaseline(db: DbOrTx, coalitionId: string): Baseline | undefined {
  return db
    .select()
    .from(baselines)
    .where(eq(baselines.coalitionId, coalitionId))
    // Saved in the same millisecond: the one inserted last.
    .orderBy(desc(baselines.createdAt), sql`${baselines}.rowid DESC`)
    .limit(1)
    .get();
}

/** The chosen baseline of the coalition (NOT_FOUND for another coalition's), or the latest. */
function chosen(db: DbOrTx, coalitionId: string, baselineId: string | undefined): Baseline | undefined {
  return baselineId ? requireOwned(db, baselines, baselineId, coalitionId, 'Baseline') : latestBaseline(db, coalitionId);
}

// ---------------------------------------------------------------------------
// Slips made by moving due dates (milestone.update and milestone.bulkUpdate)
// ---------------------------------------------------------------------------

/** A due date about to move past its baseline, with the reason given for it. */
export interface PendingSlip {
  baselineId: string;
  baselineName: string;
  baselineDue: string;
  fromDue: string;
  toDue: string;
  days: number;
  reason: string;
  authorId: string;
}

export interface DueMove {
  id: string;
  title: string;
  fromDue: string;
  toDue: string;
}

/**
 * The slips these moves make past the latest baseline (`slipOf`: later than both the baseline's
 * due date and the current one), by milestone id. Without a reason, any slip refuses the whole
 * change (BAD_REQUEST, problem SLIP_REASON_REQUIRED, naming the baseline and its dates) before
 * anything is written; with one, the reason covers every row. Moves that are not slips need nothing.
 */
export function slipsOfMoves(tx: DbOrTx, coalitionId: string, authorId: string, moves: readonly DueMove[], reason: string | undefined): Map<string, PendingSlip> {
  const out = new Map<string, PendingSlip>();
  const later = moves.filter((m) => m.toDue > m.fromDue);
  if (later.length === 0) return out;
  const baseline = latestBaseline(tx, coalitionId);
  if (!baseline) return out;
  const dueIn = new Map(
    tx
      .select({ milestoneId: baselineDates.milestoneId, dueDate: baselineDates.dueDate })
      .from(baselineDates)
      .where(and(eq(baselineDates.baselineId, baseline.id), inArray(baselineDates.milestoneId, later.map((m) => m.id))))
      .all()
      .map((d) => [d.milestoneId, d.dueDate] as const),
  );
  const slipped = later
    .map((m) => ({ ...m, baselineDue: dueIn.get(m.id), days: slipOf(dueIn.get(m.id), m.fromDue, m.toDue) }))
    .filter((m): m is typeof m & { baselineDue: string } => m.days > 0);
  if (slipped.length === 0) return out;
  if (reason === undefined) throw slipReasonRequired(baseline, slipped);
  for (const m of slipped) {
    out.set(m.id, { baselineId: baseline.id, baselineName: baseline.name, baselineDue: m.baselineDue, fromDue: m.fromDue, toDue: m.toDue, days: m.days, reason, authorId });
  }
  return out;
}

/** How many slipped milestones the refusal names (the rest are counted). */
const SLIPS_NAMED = 5;

function slipReasonRequired(baseline: Baseline, slipped: Array<DueMove & { baselineDue: string; days: number }>): AppError {
  const one = slipped.length === 1 ? slipped[0] : undefined;
  const message = one
    ? `Moving “${one.title}” to ${one.toDue} puts it ${plural(one.days, 'day')} past its baseline date ${one.baselineDue} (baseline “${baseline.name}”). Give a reason for the slip.`
    : `This moves ${plural(slipped.length, 'milestone')} past the baseline “${baseline.name}”: ${slipped
        .slice(0, SLIPS_NAMED)
        .map((m) => `“${m.title}” to ${m.toDue}, ${plural(m.days, 'day')} past ${m.baselineDue}`)
        .join('; ')}${slipped.length > SLIPS_NAMED ? ` (and ${slipped.length - SLIPS_NAMED} more)` : ''}. Give one reason for the slip.`;
  return new AppError('BAD_REQUEST', message, {
    problem: 'SLIP_REASON_REQUIRED',
    problemInfo: {
      baseline: { id: baseline.id, name: baseline.name, createdAt: baseline.createdAt },
      slips: slipped.map((m) => ({ milestoneId: m.id, title: m.title, baselineDue: m.baselineDue, fromDue: m.fromDue, toDue: m.toDue, days: m.days })),
    },
  });
}

/** Writes the slips row of a move (in the update's transaction); returns what the history line says of it. */
export function recordSlip(tx: Tx, coalitionId: string, milestoneId: string, slip: PendingSlip, now: number): SlipNote {
  tx.insert(slips)
    .values({
      id: newId(),
      coalitionId,
      milestoneId,
      baselineId: slip.baselineId,
      fromDue: slip.fromDue,
      toDue: slip.toDue,
      reason: slip.reason,
      authorId: slip.authorId,
      createdAt: now,
    })
    .run();
  return { days: slip.days, baseline: slip.baselineName, reason: slip.reason };
}

// ---------------------------------------------------------------------------
// The procedures
// ---------------------------------------------------------------------------

/** Saves every milestone's start and due date under `name`, in one transaction with its activity row. */
export function create(ctx: CoalitionContext, name: string) {
  return commitChange(ctx, (tx, log, now) => {
    const { n } = tx.select({ n: sql<number>`count(*)` }).from(milestones).where(eq(milestones.coalitionId, ctx.coalitionId)).get()!;
    if (n === 0) throw fieldError('name', 'The plan has no milestones yet: add some before saving a baseline of their dates');
    const baseline = tx.insert(baselines).values({ id: newId(), coalitionId: ctx.coalitionId, name, createdBy: ctx.user.id, createdAt: now }).returning().get();
    // One statement, however large the plan.
    tx.insert(baselineDates)
      .select(
        tx
          .select({ baselineId: sql<string>`${baseline.id}`.as('baseline_id'), milestoneId: milestones.id, startDate: milestones.startDate, dueDate: milestones.dueDate })
          .from(milestones)
          .where(eq(milestones.coalitionId, ctx.coalitionId)),
      )
      .run();
    log({ event: { action: 'baseline.created', name, count: n }, entityType: 'baseline', entityId: baseline.id, data: { name, count: n } });
    return { id: baseline.id, name: baseline.name, createdAt: baseline.createdAt, count: n };
  });
}

/** The coalition's baselines, newest first: who saved each, how many dates and slips it holds, and whether the caller may delete it. */
export function list(ctx: CoalitionContext) {
  const rows = ctx.db
    .select({
      id: baselines.id,
      name: baselines.name,
      createdAt: baselines.createdAt,
      createdBy: baselines.createdBy,
      creatorName: users.name,
      count: sql<number>`(SELECT count(*) FROM ${baselineDates} WHERE ${baselineDates.baselineId} = ${baselines.id})`,
      slipCount: sql<number>`(SELECT count(*) FROM ${slips} WHERE ${slips.baselineId} = ${baselines.id})`,
    })
    .from(baselines)
    .leftJoin(users, eq(users.id, baselines.createdBy))
    .where(eq(baselines.coalitionId, ctx.coalitionId))
    .orderBy(desc(baselines.createdAt), sql`${baselines}.rowid DESC`)
    .all();
  return rows.map(({ createdBy, creatorName, ...b }) => ({
    ...b,
    createdBy: createdBy && creatorName !== null ? { id: createdBy, name: creatorName } : null,
    canDelete: ctx.role === 'owner' || (createdBy !== null && createdBy === ctx.user.id),
  }));
}

/** Deletes a baseline (an owner, or the person who saved it), its dates and the slips recorded against it. */
export function remove(ctx: CoalitionContext, baselineId: string) {
  return commitChange(ctx, (tx, log) => {
    const b = requireOwned(tx, baselines, baselineId, ctx.coalitionId, 'Baseline');
    if (ctx.role !== 'owner' && b.createdBy !== ctx.user.id) throw forbidden('Only an owner or the person who saved this baseline can delete it');
    tx.delete(baselines).where(and(eq(baselines.id, b.id), eq(baselines.coalitionId, ctx.coalitionId))).run();
    log({ event: { action: 'baseline.deleted', name: b.name }, entityType: 'baseline', entityId: b.id, data: { name: b.name } });
    return { ok: true as const };
  });
}

const baselineInfo = (b: Baseline) => ({ id: b.id, name: b.name, createdAt: b.createdAt });

/** One baseline's dates (default the latest), for the timeline's ghost bars. */
export function dates(ctx: CoalitionContext, baselineId: string | undefined) {
  const b = chosen(ctx.db, ctx.coalitionId, baselineId);
  if (!b) return { baseline: null, dates: [] };
  return {
    baseline: baselineInfo(b),
    dates: ctx.db
      .select({ milestoneId: baselineDates.milestoneId, startDate: baselineDates.startDate, dueDate: baselineDates.dueDate })
      .from(baselineDates)
      .where(eq(baselineDates.baselineId, b.id))
      .all(),
  };
}

/**
 * The slips list against a baseline (default the latest): each milestone due later than in it, by
 * how many days, biggest first, with the reasons recorded since the baseline was saved (newest
 * first, who and when); those now due earlier; how many are on time or newer than the baseline.
 */
export function slipsList(ctx: CoalitionContext, baselineId: string | undefined) {
  const b = chosen(ctx.db, ctx.coalitionId, baselineId);
  if (!b) return { baseline: null, slipped: [], earlier: [], onTime: 0, notInBaseline: 0 };
  const current = ctx.db
    .select({ id: milestones.id, title: milestones.title, trackId: milestones.trackId, status: milestones.status, dueDate: milestones.dueDate })
    .from(milestones)
    .where(eq(milestones.coalitionId, ctx.coalitionId))
    .all();
  const baselineDue = ctx.db
    .select({ milestoneId: baselineDates.milestoneId, dueDate: baselineDates.dueDate })
    .from(baselineDates)
    .where(eq(baselineDates.baselineId, b.id))
    .all();
  const reasons = ctx.db
    .select({
      id: slips.id,
      milestoneId: slips.milestoneId,
      fromDue: slips.fromDue,
      toDue: slips.toDue,
      reason: slips.reason,
      authorId: slips.authorId,
      authorName: users.name,
      createdAt: slips.createdAt,
    })
    .from(slips)
    .leftJoin(users, eq(users.id, slips.authorId))
    .where(and(eq(slips.coalitionId, ctx.coalitionId), gte(slips.createdAt, b.createdAt)))
    .all();
  const r = compareWithBaseline(current, baselineDue, reasons);
  const item = ({ milestone: m, baselineDue: due, days }: { milestone: (typeof current)[number]; baselineDue: string; days: number }) => ({
    milestoneId: m.id,
    title: m.title,
    trackId: m.trackId,
    status: m.status,
    baselineDue: due,
    currentDue: m.dueDate,
    days,
  });
  return {
    baseline: baselineInfo(b),
    slipped: r.slipped.map((s) => ({
      ...item(s),
      reasons: s.reasons.map(({ milestoneId: _m, authorId, authorName, ...x }) => ({ ...x, author: authorId && authorName !== null ? { id: authorId, name: authorName } : null })),
    })),
    earlier: r.earlier.map(item),
    onTime: r.onTime,
    notInBaseline: r.notInBaseline,
  };
}
