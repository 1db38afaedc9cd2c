/**
 * Counting threshold milestones ("40 states ratify"), shared by the threshold procedures, the
 * milestone service (a new or changed threshold is counted at once), partner deletion and undo:
 * the progress a milestone's acts give, the status that follows it (`thresholdStatusPatch`),
 * the list's counts, and the threshold rows a delete takes with it and its undo brings back.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@coalition/db';
import { milestones, partnerActs, partners, thresholdEligible, type Milestone, type PartnerAct } from '@coalition/db/schema';
import {
  applyMilestoneRules,
  thresholdProgress,
  thresholdStatusPatch,
  type FieldChanges,
  type MilestonePatch,
  type MilestoneState,
  type MilestoneThreshold,
  type ThresholdAct,
  type ThresholdProgress,
} from '@coalition/domain';
import { updateVersioned, type ActivityEntry, type LogFn } from '../change.ts';
import { fieldError } from '../errors.ts';

export type ThresholdMilestone = Milestone & MilestoneThreshold;

export const hasThreshold = (m: Milestone): m is ThresholdMilestone => m.thresholdAct !== null && m.threshold !== null;

export function actsOf(db: DbOrTx, milestoneId: string): PartnerAct[] {
  return db.select().from(partnerActs).where(eq(partnerActs.milestoneId, milestoneId)).orderBy(asc(partnerActs.actedOn), asc(partnerActs.id)).all();
}

export function progressOf(db: DbOrTx, m: MilestoneThreshold & { id: string }): ThresholdProgress {
  return thresholdProgress(m, actsOf(db, m.id));
}

// ---------------------------------------------------------------------------
// Recounting (shared with the milestone service and partner deletion)
// ---------------------------------------------------------------------------

/**
 * The status, progress and completion date a threshold change derives: `before` is the milestone
 * as it is (its old threshold, if any), `next` the threshold it will have. Empty when the milestone
 * has no threshold after the change or the threshold does not change. Used by milestone create and
 * update, so a new or changed threshold is counted at once.
 */
export function thresholdChangePatch(
  db: DbOrTx,
  before: MilestoneState & { id: string | null; thresholdAct: ThresholdAct | null; threshold: number | null },
  next: { thresholdAct: ThresholdAct | null; threshold: number | null },
): MilestonePatch {
  if (next.thresholdAct === null || next.threshold === null) return {};
  if (before.thresholdAct === next.thresholdAct && before.threshold === next.threshold) return {};
  const acts = before.id ? actsOf(db, before.id) : [];
  const old = before.thresholdAct !== null && before.threshold !== null ? thresholdProgress({ thresholdAct: before.thresholdAct, threshold: before.threshold }, acts) : null;
  return thresholdStatusPatch(before, old, thresholdProgress({ thresholdAct: next.thresholdAct, threshold: next.threshold }, acts));
}

/**
 * After the acts of `m` changed (`before`: its progress then): writes the progress, status and
 * completion date the count gives, as a system update at the row's current version. Returns the
 * new progress, the milestone's changed fields and, when its status changed, the milestone's own
 * history line (`milestone.updated`, which tells its followers) for the caller to log after the
 * act's row. Nothing is written when nothing changes.
 */
export function recount(tx: Tx, now: number, today: string, m: ThresholdMilestone, before: ThresholdProgress): { progress: ThresholdProgress; changes: FieldChanges; statusLine: ActivityEntry | null } {
  const after = progressOf(tx, m);
  const rules = applyMilestoneRules(m, thresholdStatusPatch(m, before, after), today);
  if (!rules.ok) throw fieldError(rules.field, rules.message);
  const touched = Object.entries(rules.patch).some(([k, v]) => v !== undefined && m[k as keyof Milestone] !== v);
  if (!touched) return { progress: after, changes: {}, statusLine: null };
  const { after: row, changes } = updateVersioned(tx, milestones, { id: m.id, coalitionId: m.coalitionId, version: m.version }, rules.patch, 'Milestone', now);
  const statusLine: ActivityEntry | null = changes.status
    ? { event: { action: 'milestone.updated', title: row.title, changes }, entityType: 'milestone', entityId: m.id, trackId: row.trackId, data: changes }
    : null;
  return { progress: after, changes, statusLine };
}

/**
 * The threshold milestones a partner has acts on, with their progress now: read before the
 * partner is deleted (its acts go with it, ON DELETE CASCADE), then `recountAfterPartnerDelete`.
 */
export function thresholdsTouchedBy(db: DbOrTx, coalitionId: string, partnerId: string): { milestone: ThresholdMilestone; before: ThresholdProgress }[] {
  const ids = db
    .selectDistinct({ id: partnerActs.milestoneId })
    .from(partnerActs)
    .where(and(eq(partnerActs.coalitionId, coalitionId), eq(partnerActs.partnerId, partnerId)))
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(milestones)
    .where(and(inArray(milestones.id, ids), eq(milestones.coalitionId, coalitionId)))
    .all()
    .filter(hasThreshold)
    .map((m) => ({ milestone: m, before: progressOf(db, m) }));
}

/** Recounts the milestones a deleted partner had acts on: a threshold no longer met reopens its milestone. */
export function recountAfterPartnerDelete(tx: Tx, log: LogFn, now: number, today: string, touched: ReturnType<typeof thresholdsTouchedBy>): void {
  for (const { milestone, before } of touched) {
    const { statusLine } = recount(tx, now, today, milestone, before);
    if (statusLine) log(statusLine);
  }
}

/**
 * How many acts count toward each of these milestones (those with a threshold; one query, none
 * when the page has no threshold milestone): the list's "27/40".
 */
export function countsOf(db: DbOrTx, rows: readonly Pick<Milestone, 'id' | 'thresholdAct'>[]): Map<string, number> {
  const ids = rows.filter((m) => m.thresholdAct !== null).map((m) => m.id);
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: partnerActs.milestoneId, n: count() })
      .from(partnerActs)
      .innerJoin(milestones, eq(milestones.id, partnerActs.milestoneId))
      .where(and(inArray(partnerActs.milestoneId, ids), eq(partnerActs.act, milestones.thresholdAct)))
      .groupBy(partnerActs.milestoneId)
      .all()
      .map((r) => [r.id, r.n] as const),
  );
}

/** The threshold rows a delete takes with it (ON DELETE CASCADE): a milestone's eligible partners and acts, or a partner's. */
export interface ThresholdRows {
  eligible: (typeof thresholdEligible.$inferSelect)[];
  acts: PartnerAct[];
}

/** A copy of those rows, for the delete's undo entry. */
export function thresholdRowsOf(db: DbOrTx, coalitionId: string, of: { milestoneId: string } | { partnerId: string }): ThresholdRows {
  const byMilestone = 'milestoneId' in of;
  return {
    eligible: db
      .select()
      .from(thresholdEligible)
      .where(and(eq(thresholdEligible.coalitionId, coalitionId), byMilestone ? eq(thresholdEligible.milestoneId, of.milestoneId) : eq(thresholdEligible.partnerId, of.partnerId)))
      .all(),
    acts: db
      .select()
      .from(partnerActs)
      .where(and(eq(partnerActs.coalitionId, coalitionId), byMilestone ? eq(partnerActs.milestoneId, of.milestoneId) : eq(partnerActs.partnerId, of.partnerId)))
      .all(),
  };
}

/**
 * Undo: puts the rows back where their milestone and partner are still there, and recounts the
 * threshold milestones whose acts came back (a restored partner's ratification can complete a
 * milestone again). `before` of a restored milestone is its count with every copied act (what its
 * row says); of a restored partner's milestones, their count now. Returns how many acts could not come back.
 */
export function restoreThresholdRows(tx: Tx, log: LogFn, now: number, today: string, coalitionId: string, rows: ThresholdRows | undefined, restored: 'milestone' | 'partner'): number {
  if (!rows || (rows.eligible.length === 0 && rows.acts.length === 0)) return 0;
  const milestoneIds = [...new Set([...rows.eligible, ...rows.acts].map((r) => r.milestoneId))];
  const partnerIds = [...new Set([...rows.eligible, ...rows.acts].map((r) => r.partnerId))];
  const ms = new Map(
    tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.coalitionId, coalitionId), inArray(milestones.id, milestoneIds)))
      .all()
      .map((m) => [m.id, m] as const),
  );
  const ps = new Set(tx.select({ id: partners.id }).from(partners).where(and(eq(partners.coalitionId, coalitionId), inArray(partners.id, partnerIds))).all().map((r) => r.id));
  const there = (r: { milestoneId: string; partnerId: string }) => ms.has(r.milestoneId) && ps.has(r.partnerId);
  const acts = rows.acts.filter(there);
  const counted = [...new Set(acts.map((a) => a.milestoneId))].map((id) => ms.get(id)!).filter(hasThreshold);
  const before = new Map(counted.map((m) => [m.id, restored === 'milestone' ? thresholdProgress(m, rows.acts.filter((a) => a.milestoneId === m.id)) : progressOf(tx, m)]));
  const eligible = rows.eligible.filter(there);
  if (eligible.length) tx.insert(thresholdEligible).values(eligible).onConflictDoNothing().run();
  if (acts.length) tx.insert(partnerActs).values(acts).run();
  for (const m of counted) {
    const { statusLine } = recount(tx, now, today, m, before.get(m.id)!);
    if (statusLine) log(statusLine);
  }
  return rows.acts.length - acts.length;
}
