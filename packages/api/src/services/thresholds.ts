/**
 * Threshold milestones ("40 states ratify"): the whip-count board, the eligible partners and
 * their dated acts. Every act recorded, edited or deleted recounts the milestone in the same
 * transaction: its progress is the count over the threshold, meeting the threshold completes it
 * on the day it was met, and falling back below takes it back to in progress (`thresholdStatusPatch`).
 *
 * Invariant: only eligible partners have acts (an act needs an eligible partner; a partner with
 * acts cannot be made ineligible), so the count is simply the acts that count.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@coalition/db';
import { milestones, partnerActs, partners, positionChanges, thresholdEligible, type PartnerAct } from '@coalition/db/schema';
import {
  lowerLabelOf,
  plural,
  positionOn,
  rankIn,
  standingOf,
  THRESHOLD_ACTS,
  thresholdPace,
  thresholdProgress,
  whipCount,
  whipGroup,
  type ActFields,
  type FieldChanges,
  type PositionChange,
  type zActRecord,
  type zActUpdate,
  type zThresholdSetEligible,
} from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, newPlanRow, requireAllOwned, requireOwned, updateVersioned } from '../change.ts';
import { badRequest, conflict, fieldError } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { actsOf, hasThreshold, progressOf, recount, type ThresholdMilestone } from './thresholdCount.ts';

/** The milestone, which must be the coalition's and reached by a count of acts. */
function requireThresholdMilestone(db: DbOrTx, coalitionId: string, milestoneId: string): ThresholdMilestone {
  const m = requireOwned(db, milestones, milestoneId, coalitionId, 'Milestone');
  if (!hasThreshold(m)) {
    throw badRequest(`“${m.title}” is not reached by a count of acts: give it the act that counts and a threshold first (edit the milestone)`);
  }
  return m;
}

// ---------------------------------------------------------------------------
// The board
// ---------------------------------------------------------------------------

/**
 * The whip count of a threshold milestone: its threshold, the eligible partners (by name) with
 * their acts and whip group, the count per group, the progress, and the pace — the day the
 * threshold is reached if the acts of the last 180 days keep coming, with its range — or null
 * (met, or no recent acts). Four queries.
 */
export function board(ctx: CoalitionContext, milestoneId: string) {
  const m = requireThresholdMilestone(ctx.db, ctx.coalitionId, milestoneId);
  const today = ctx.today();
  const eligible = ctx.db
    .select({ id: partners.id, name: partners.name, kind: partners.kind, country: partners.country })
    .from(thresholdEligible)
    .innerJoin(partners, eq(partners.id, thresholdEligible.partnerId))
    .where(eq(thresholdEligible.milestoneId, m.id))
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
  const acts = actsOf(ctx.db, m.id);
  const actsByPartner = new Map<string, PartnerAct[]>();
  // Oldest first; on one day in the acts' own order (signed before ratified).
  const rank = rankIn(THRESHOLD_ACTS);
  const ordered = [...acts].sort((a, b) => (a.actedOn < b.actedOn ? -1 : a.actedOn > b.actedOn ? 1 : rank[a.act] - rank[b.act]));
  for (const a of ordered) {
    const list = actsByPartner.get(a.partnerId);
    if (list) list.push(a);
    else actsByPartner.set(a.partnerId, [a]);
  }
  // Goal-level positions (track NULL) of the eligible partners, as of today.
  const changes = eligible.length
    ? ctx.db
        .select({ partnerId: positionChanges.partnerId, date: positionChanges.shownOn, position: positionChanges.position })
        .from(positionChanges)
        .where(and(eq(positionChanges.coalitionId, ctx.coalitionId), isNull(positionChanges.trackId), inArray(positionChanges.partnerId, eligible.map((p) => p.id))))
        .orderBy(asc(positionChanges.shownOn), asc(positionChanges.createdAt))
        .all()
    : [];
  const changesByPartner = new Map<string, PositionChange[]>();
  for (const c of changes) {
    const list = changesByPartner.get(c.partnerId);
    if (list) list.push(c);
    else changesByPartner.set(c.partnerId, [c]);
  }

  const standings = eligible.map((p) => {
    const mine = actsByPartner.get(p.id) ?? [];
    const standing = standingOf(mine, m.thresholdAct);
    return { p, mine, act: standing.act?.act ?? null, counts: standing.counts, position: positionOn(changesByPartner.get(p.id) ?? [], today) };
  });
  const progress = thresholdProgress(m, acts);
  const pace = thresholdPace(
    acts.filter((a) => a.act === m.thresholdAct).map((a) => a.actedOn),
    m.threshold,
    today,
  );
  return {
    milestone: { id: m.id, title: m.title, status: m.status, completedOn: m.completedOn, dueDate: m.dueDate, thresholdAct: m.thresholdAct, threshold: m.threshold },
    eligible: standings.map(({ p, mine, act, counts, position }) => ({
      partnerId: p.id,
      name: p.name,
      kind: p.kind,
      country: p.country,
      /** The partner's position on the goal today. */
      position,
      group: whipGroup(act, counts, position),
      /** Oldest first. */
      acts: mine.map(({ id, act: a, actedOn, note, version }) => ({ id, act: a, actedOn, note, version })),
    })),
    counts: whipCount(standings),
    progress,
    /** When the threshold is reached if the pace of the last 180 days holds (median, 10th–90th percentile); null when met or without recent acts. */
    pace: pace.range ? { date: pace.range.likely, low: pace.range.optimistic, high: pace.range.pessimistic, perMonth: pace.perMonth } : null,
  };
}

// ---------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------

/**
 * Replaces the eligible partners. Every id must be the coalition's partner; a partner with acts
 * recorded on this milestone stays eligible (delete its acts first), so the count never hides acts.
 */
export function setEligible(ctx: CoalitionContext, input: Omit<z.output<typeof zThresholdSetEligible>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log) => {
    const m = requireThresholdMilestone(tx, ctx.coalitionId, input.milestoneId);
    const next = [...new Set(input.partnerIds)];
    requireAllOwned(tx, partners, next, ctx.coalitionId, 'Partner');
    const current = tx.select({ partnerId: thresholdEligible.partnerId }).from(thresholdEligible).where(eq(thresholdEligible.milestoneId, m.id)).all().map((r) => r.partnerId);
    const keep = new Set(next);
    const removed = current.filter((id) => !keep.has(id));
    const added = next.filter((id) => !current.includes(id));
    if (removed.length) {
      const withActs = tx
        .selectDistinct({ name: partners.name })
        .from(partnerActs)
        .innerJoin(partners, eq(partners.id, partnerActs.partnerId))
        .where(and(eq(partnerActs.milestoneId, m.id), inArray(partnerActs.partnerId, removed)))
        .orderBy(asc(partners.name))
        .all()
        .map((r) => `“${r.name}”`);
      if (withActs.length) {
        const named = withActs.slice(0, 5).join(', ') + (withActs.length > 5 ? ` and ${plural(withActs.length - 5, 'other')}` : '');
        throw fieldError('partnerIds', `${named} ${withActs.length === 1 ? 'has' : 'have'} acts recorded toward this milestone: delete those acts first to make ${withActs.length === 1 ? 'it' : 'them'} ineligible`);
      }
      tx.delete(thresholdEligible).where(and(eq(thresholdEligible.milestoneId, m.id), inArray(thresholdEligible.partnerId, removed))).run();
    }
    if (added.length) {
      // Chunked: 3 parameters a row stays far below SQLite's limit at 500 rows a statement.
      for (let i = 0; i < added.length; i += 500) {
        tx.insert(thresholdEligible)
          .values(added.slice(i, i + 500).map((partnerId) => ({ coalitionId: ctx.coalitionId, milestoneId: m.id, partnerId })))
          .run();
      }
    }
    if (added.length || removed.length) {
      log({
        event: { action: 'milestone.eligible_set', title: m.title, count: next.length },
        entityType: 'milestone',
        entityId: m.id,
        trackId: m.trackId,
        data: { count: next.length, added: added.length, removed: removed.length },
      });
    }
    return { eligible: next.length, added: added.length, removed: removed.length };
  });
}

/** The refusal for an act dated after the coalition's today. */
function checkActDate(actedOn: string, today: string) {
  if (actedOn > today) throw fieldError('actedOn', `An act is recorded once it has happened: the date must be today (${today}) or earlier`);
}

/** The refusal for a second record of the same act by the same partner (edit the first instead). */
function duplicateActError(partnerName: string, existing: PartnerAct) {
  return fieldError('act', `“${partnerName}” is already recorded as ${lowerLabelOf('thresholdAct', existing.act)} on ${existing.actedOn}: edit that record instead`);
}

/**
 * Records a partner's act. The partner must be eligible and the date not after today. One record
 * per partner and act: a second one is refused (naming the first) rather than overwriting it, so
 * two people recording the same deposit at once never silently replace each other's date or note.
 */
export function recordAct(ctx: CoalitionContext, input: Omit<z.output<typeof zActRecord>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    const m = requireThresholdMilestone(tx, ctx.coalitionId, input.milestoneId);
    const partner = requireOwned(tx, partners, input.partnerId, ctx.coalitionId, 'Partner');
    const eligible = tx
      .select({ partnerId: thresholdEligible.partnerId })
      .from(thresholdEligible)
      .where(and(eq(thresholdEligible.milestoneId, m.id), eq(thresholdEligible.partnerId, partner.id)))
      .get();
    if (!eligible) throw fieldError('partnerId', `“${partner.name}” is not eligible for this milestone: add it to the eligible partners first`);
    const today = ctx.today();
    checkActDate(input.actedOn, today);
    const existing = tx
      .select()
      .from(partnerActs)
      .where(and(eq(partnerActs.milestoneId, m.id), eq(partnerActs.partnerId, partner.id), eq(partnerActs.act, input.act)))
      .get();
    if (existing) throw duplicateActError(partner.name, existing);
    const before = progressOf(tx, m);
    const row = tx
      .insert(partnerActs)
      .values({ ...newPlanRow(ctx.coalitionId, now), milestoneId: m.id, partnerId: partner.id, act: input.act, actedOn: input.actedOn, note: input.note, authorId: ctx.user.id })
      .returning()
      .get();
    const { progress, changes, statusLine } = recount(tx, now, today, m, before);
    log({
      event: { action: 'milestone.act_recorded', title: m.title, partner: partner.name, act: row.act, actedOn: row.actedOn },
      entityType: 'milestone',
      entityId: m.id,
      trackId: m.trackId,
      data: { actId: row.id, partnerId: partner.id, act: row.act, actedOn: row.actedOn, count: progress.count, threshold: progress.threshold, ...pick(changes, 'progress') },
    });
    if (statusLine) log(statusLine);
    return { act: publicAct(row), progress };
  });
}

/** Versioned edit of an act (its kind, date or note); the count follows. */
export function updateAct(ctx: CoalitionContext, input: Omit<z.output<typeof zActUpdate>, 'coalitionId'>) {
  const { actId, version, ...fields } = input;
  return commitChange(ctx, (tx, log, now) => {
    const current = requireOwned(tx, partnerActs, actId, ctx.coalitionId, 'Act');
    if (current.version !== version) throw conflict('Act', publicAct(current));
    const m = requireThresholdMilestone(tx, ctx.coalitionId, current.milestoneId);
    const partner = requireOwned(tx, partners, current.partnerId, ctx.coalitionId, 'Partner');
    const today = ctx.today();
    if (fields.actedOn !== undefined) checkActDate(fields.actedOn, today);
    if (fields.act !== undefined && fields.act !== current.act) {
      const clash = tx
        .select()
        .from(partnerActs)
        .where(and(eq(partnerActs.milestoneId, m.id), eq(partnerActs.partnerId, partner.id), eq(partnerActs.act, fields.act)))
        .get();
      if (clash) throw duplicateActError(partner.name, clash);
    }
    const before = progressOf(tx, m);
    const patch: Partial<ActFields> = fields;
    const { after, changes } = updateVersioned(tx, partnerActs, { id: actId, coalitionId: ctx.coalitionId, version }, patch, 'Act', now);
    const { progress, changes: milestoneChanges, statusLine } = recount(tx, now, today, m, before);
    log({
      event: { action: 'milestone.act_updated', title: m.title, partner: partner.name, act: after.act, changes },
      entityType: 'milestone',
      entityId: m.id,
      trackId: m.trackId,
      data: { actId: after.id, partnerId: partner.id, ...changes, count: progress.count, threshold: progress.threshold, ...pick(milestoneChanges, 'progress') },
    });
    if (statusLine) log(statusLine);
    return { act: publicAct(after), progress };
  });
}

export function deleteAct(ctx: CoalitionContext, actId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const row = requireOwned(tx, partnerActs, actId, ctx.coalitionId, 'Act');
    const m = requireThresholdMilestone(tx, ctx.coalitionId, row.milestoneId);
    const partner = requireOwned(tx, partners, row.partnerId, ctx.coalitionId, 'Partner');
    const before = progressOf(tx, m);
    tx.delete(partnerActs).where(and(eq(partnerActs.id, row.id), eq(partnerActs.coalitionId, ctx.coalitionId))).run();
    const { progress, changes, statusLine } = recount(tx, now, ctx.today(), m, before);
    log({
      event: { action: 'milestone.act_deleted', title: m.title, partner: partner.name, act: row.act },
      entityType: 'milestone',
      entityId: m.id,
      trackId: m.trackId,
      data: { actId: row.id, partnerId: partner.id, act: row.act, actedOn: row.actedOn, count: progress.count, threshold: progress.threshold, ...pick(changes, 'progress') },
    });
    if (statusLine) log(statusLine);
    return { deleted: true as const, progress };
  });
}

/** What a client sees of an act. */
function publicAct(a: PartnerAct) {
  const { coalitionId: _c, authorId: _a, ...rest } = a;
  return rest;
}

function pick(changes: FieldChanges, ...keys: string[]): FieldChanges {
  return Object.fromEntries(Object.entries(changes).filter(([k]) => keys.includes(k)));
}

