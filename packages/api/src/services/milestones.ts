/** Milestones: the filtered list (keyset pages), the timeline, one milestone, create, update, bulk update, delete, dependencies. */
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx, Tx } from '@coalition/db';
import { milestoneDependencies, milestones, partners, tracks, users, type Milestone } from '@coalition/db/schema';
import {
  applyMilestoneRules,
  blankMilestone,
  bulkPatch,
  cycleIfAdded,
  cycleIfReplaced,
  cycleIdsShown,
  describeCycle,
  lateDependencyIds,
  isOpenStatus,
  MILESTONE_STATUSES,
  plural,
  statusRank,
  thresholdProblem,
  whatsNextKey,
  zId,
  type DependencyEdge,
  type FieldChanges,
  type MilestoneBulkUpdate,
  type MilestoneListQuery,
  type MilestonePatch,
  type MilestoneSortKey,
  type MilestoneStatus,
  type zMilestoneCreate,
  type zMilestoneUpdate,
} from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, newPlanRow, requireAllOwned, requireMembers, requireOwned, updateVersioned, type LogFn } from '../change.ts';
import { conflict, fieldError, notFound } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { recordSlip, slipsOfMoves, type PendingSlip } from './baselines.ts';
import { deleteCommentsOn } from './comments.ts';
import { rememberDelete, snapshotMilestone } from './undo.ts';
import { rankOf, searchAny } from './sql.ts';
import { countsOf, thresholdChangePatch } from './thresholdCount.ts';

// ---------------------------------------------------------------------------
// Sorting and keyset pagination
// ---------------------------------------------------------------------------

const CLOSED_STATUSES = MILESTONE_STATUSES.filter((s) => !isOpenStatus(s));

/** Each sort: the SQL it orders by, and the same value computed from a row (for the cursor). */
const SORTS: Record<MilestoneSortKey, { expr: SQL; value: (m: Milestone) => string | number; kind: 'string' | 'number' }> = {
  // `whatsNextKey` in SQL: '0' (open) or '1' (done, dropped) followed by the due date.
  next: {
    expr: sql`(CASE WHEN ${inArray(milestones.status, CLOSED_STATUSES)} THEN '1' ELSE '0' END || ${milestones.dueDate})`,
    value: whatsNextKey,
    kind: 'string',
  },
  dueDate: { expr: sql`${milestones.dueDate}`, value: (m) => m.dueDate, kind: 'string' },
  title: { expr: sql`${milestones.title} COLLATE NOCASE`, value: (m) => m.title, kind: 'string' },
  status: { expr: rankOf(milestones.status, MILESTONE_STATUSES, (s) => statusRank(s as MilestoneStatus)), value: (m) => statusRank(m.status), kind: 'number' },
  progress: { expr: sql`${milestones.progress}`, value: (m) => m.progress, kind: 'number' },
  updatedAt: { expr: sql`${milestones.updatedAt}`, value: (m) => m.updatedAt, kind: 'number' },
};

/** A cursor is base64url JSON of `[sortValue, id]` of the last row of the previous page. */
export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, kind: 'string' | 'number'): [string | number, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === kind && typeof parsed[1] === 'string' && zId.safeParse(parsed[1]).success) {
    return [parsed[0] as string | number, parsed[1]];
  }
  throw fieldError('cursor', 'This page link is no longer valid for this sort order: start again from the first page');
}

// ---------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------

const unique = <T,>(values: readonly T[]): T[] => [...new Set(values)];

/** Every dependency edge of the coalition (one query). */
function loadEdges(db: DbOrTx, coalitionId: string): DependencyEdge[] {
  return db
    .select({ milestoneId: milestoneDependencies.milestoneId, dependsOnId: milestoneDependencies.dependsOnId })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.coalitionId, coalitionId))
    .all();
}

const dependency = alias(milestones, 'dependency');

/** What each of these milestones depends on, with the fields lateness reads (one query). */
function dependenciesOf(db: DbOrTx, ids: readonly string[]) {
  const out = new Map<string, { id: string; status: MilestoneStatus; dueDate: string; completedOn: string | null }[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = db
    .select({
      milestoneId: milestoneDependencies.milestoneId,
      id: dependency.id,
      status: dependency.status,
      dueDate: dependency.dueDate,
      completedOn: dependency.completedOn,
    })
    .from(milestoneDependencies)
    .innerJoin(dependency, eq(dependency.id, milestoneDependencies.dependsOnId))
    .where(inArray(milestoneDependencies.milestoneId, [...ids]))
    .orderBy(asc(milestoneDependencies.createdAt), asc(milestoneDependencies.dependsOnId))
    .all();
  for (const { milestoneId, ...d } of rows) out.get(milestoneId)?.push(d);
  return out;
}

/** The BAD_REQUEST naming a would-be cycle by milestone titles (shortened for a very long chain). */
function cycleError(db: DbOrTx, cycle: string[], field: string) {
  const ids = unique(cycleIdsShown(cycle));
  const titles = new Map(
    db
      .select({ id: milestones.id, title: milestones.title })
      .from(milestones)
      .where(inArray(milestones.id, ids))
      .all()
      .map((r) => [r.id, r.title]),
  );
  return fieldError(field, describeCycle(cycle, (id) => titles.get(id) ?? id));
}

function insertDependencies(tx: DbOrTx, coalitionId: string, milestoneId: string, dependsOnIds: readonly string[], now: number) {
  if (dependsOnIds.length === 0) return;
  tx.insert(milestoneDependencies)
    .values(dependsOnIds.map((dependsOnId) => ({ coalitionId, milestoneId, dependsOnId, createdAt: now })))
    .run();
}

/**
 * Checks that the track and owner partner (when set) belong to the coalition, and that the
 * responsible person (when set) is a current member of it (a foreign or former member is not found).
 */
function requireRefs(
  db: DbOrTx,
  coalitionId: string,
  refs: { trackId?: string | null | undefined; ownerPartnerId?: string | null | undefined; responsibleUserId?: string | null | undefined },
) {
  if (refs.trackId) requireOwned(db, tracks, refs.trackId, coalitionId, 'Track');
  if (refs.ownerPartnerId) requireOwned(db, partners, refs.ownerPartnerId, coalitionId, 'Partner');
  requireMembers(db, coalitionId, [refs.responsibleUserId]);
}

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

/**
 * Filtered, sorted list with keyset pagination; each item carries the ids it depends on and
 * those of its late dependencies (`lateDependencyIds`, the rule every screen uses). Two queries.
 */
export function list(ctx: CoalitionContext, input: MilestoneListQuery) {
  const sort = SORTS[input.sortBy];
  // A filter by a former member is not refused: it simply matches nothing.
  requireRefs(ctx.db, ctx.coalitionId, { trackId: input.trackId, ownerPartnerId: input.ownerPartnerId });
  const where: (SQL | undefined)[] = [eq(milestones.coalitionId, ctx.coalitionId)];
  if (input.trackId === null) where.push(isNull(milestones.trackId));
  else if (input.trackId) where.push(eq(milestones.trackId, input.trackId));
  if (input.status?.length) where.push(inArray(milestones.status, unique(input.status)));
  if (input.ownerPartnerId) where.push(eq(milestones.ownerPartnerId, input.ownerPartnerId));
  if (input.responsibleUserId) where.push(eq(milestones.responsibleUserId, input.responsibleUserId));
  if (input.dueFrom) where.push(gte(milestones.dueDate, input.dueFrom));
  if (input.dueTo) where.push(lte(milestones.dueDate, input.dueTo));
  if (input.search) where.push(searchAny([milestones.title, milestones.description], input.search));
  const desc = input.sortDir === 'desc';
  if (input.cursor) {
    const [value, id] = decodeCursor(input.cursor, sort.kind);
    const op = sql.raw(desc ? '<' : '>');
    where.push(sql`(${sort.expr} ${op} ${value} OR (${sort.expr} = ${value} AND ${milestones.id} ${op} ${id}))`);
  }
  const dir = sql.raw(desc ? 'DESC' : 'ASC');
  const rows = ctx.db
    .select()
    .from(milestones)
    .where(and(...where))
    .orderBy(sql`${sort.expr} ${dir}`, sql`${milestones.id} ${dir}`)
    .limit(input.limit + 1)
    .all();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const deps = dependenciesOf(ctx.db, page.map((m) => m.id));
  // Threshold milestones show their count ("27/40"); a page without one costs no query.
  const counts = countsOf(ctx.db, page);
  return {
    items: page.map((m) => {
      const mine = deps.get(m.id) ?? [];
      return { ...m, dependsOn: mine.map((d) => d.id), lateDependencies: lateDependencyIds(m, mine), thresholdCount: m.thresholdAct ? (counts.get(m.id) ?? 0) : null };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor(sort.value(last), last.id) : null,
  };
}

/** Everything the Gantt chart draws, in two queries. */
export function timeline(ctx: CoalitionContext) {
  return {
    milestones: ctx.db
      .select({
        id: milestones.id,
        title: milestones.title,
        trackId: milestones.trackId,
        startDate: milestones.startDate,
        dueDate: milestones.dueDate,
        status: milestones.status,
        progress: milestones.progress,
        ownerPartnerId: milestones.ownerPartnerId,
        responsibleUserId: milestones.responsibleUserId,
        completedOn: milestones.completedOn,
        // The timeline edits dates by dragging: the save sends the version the bar was drawn from.
        version: milestones.version,
      })
      .from(milestones)
      .where(eq(milestones.coalitionId, ctx.coalitionId))
      .orderBy(asc(milestones.dueDate), asc(milestones.id))
      .all(),
    dependencies: loadEdges(ctx.db, ctx.coalitionId),
  };
}

/** One milestone with its track, owner, responsible member, both sides of its dependencies and the late ones. */
export function getOne(ctx: CoalitionContext, milestoneId: string) {
  const row = ctx.db
    .select({
      milestone: milestones,
      track: { id: tracks.id, name: tracks.name, color: tracks.color },
      owner: { id: partners.id, name: partners.name },
      responsible: { id: users.id, name: users.name },
    })
    .from(milestones)
    .leftJoin(tracks, eq(tracks.id, milestones.trackId))
    .leftJoin(partners, eq(partners.id, milestones.ownerPartnerId))
    .leftJoin(users, eq(users.id, milestones.responsibleUserId))
    .where(and(eq(milestones.id, milestoneId), eq(milestones.coalitionId, ctx.coalitionId)))
    .get();
  if (!row) throw notFound('Milestone');
  const linked = { id: milestones.id, title: milestones.title, dueDate: milestones.dueDate, status: milestones.status, completedOn: milestones.completedOn };
  const dependsOn = ctx.db
    .select(linked)
    .from(milestoneDependencies)
    .innerJoin(milestones, eq(milestones.id, milestoneDependencies.dependsOnId))
    .where(eq(milestoneDependencies.milestoneId, milestoneId))
    .orderBy(asc(milestones.dueDate), asc(milestones.id))
    .all();
  const dependents = ctx.db
    .select(linked)
    .from(milestoneDependencies)
    .innerJoin(milestones, eq(milestones.id, milestoneDependencies.milestoneId))
    .where(eq(milestoneDependencies.dependsOnId, milestoneId))
    .orderBy(asc(milestones.dueDate), asc(milestones.id))
    .all();
  return {
    ...row.milestone,
    track: row.track?.id ? row.track : null,
    owner: row.owner?.id ? row.owner : null,
    responsible: row.responsible?.id ? row.responsible : null,
    dependsOn,
    dependents,
    lateDependencies: lateDependencyIds(row.milestone, dependsOn),
  };
}

// ---------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------

export function create(ctx: CoalitionContext, input: Omit<z.output<typeof zMilestoneCreate>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    requireRefs(tx, ctx.coalitionId, input);
    const dependsOn = unique(input.dependsOn);
    requireAllOwned(tx, milestones, dependsOn, ctx.coalitionId, 'Milestone');
    // Threshold milestones: progress is the count over the threshold (none yet on a new one).
    const threshold = { thresholdAct: input.thresholdAct, threshold: input.threshold };
    const counted = thresholdChangePatch(tx, { ...blankMilestone(input.dueDate), id: null, thresholdAct: null, threshold: null, status: input.status }, threshold);
    const rules = applyMilestoneRules(
      blankMilestone(input.dueDate),
      { status: input.status, progress: input.progress, startDate: input.startDate ?? null, dueDate: input.dueDate, ...counted },
      ctx.today(),
    );
    if (!rules.ok) throw fieldError(rules.field, rules.message);
    const milestone = tx
      .insert(milestones)
      .values({
        ...blankMilestone(input.dueDate),
        ...rules.patch,
        ...newPlanRow(ctx.coalitionId, now),
        trackId: input.trackId ?? null,
        title: input.title,
        description: input.description,
        ownerPartnerId: input.ownerPartnerId ?? null,
        responsibleUserId: input.responsibleUserId ?? null,
        // The forecast's ranged estimate (all three or none: the input's refinement).
        estimateOptimistic: input.estimateOptimistic ?? null,
        estimateLikely: input.estimateLikely ?? null,
        estimatePessimistic: input.estimatePessimistic ?? null,
        ...threshold,
      })
      .returning()
      .get();
    // A new milestone has no dependents yet, so its dependencies cannot close a cycle.
    insertDependencies(tx, ctx.coalitionId, milestone.id, dependsOn, now);
    log({
      event: { action: 'milestone.created', title: milestone.title, dueDate: milestone.dueDate },
      entityType: 'milestone',
      entityId: milestone.id,
      trackId: milestone.trackId,
      // responsibleUserId: the person made responsible hears of it and follows the milestone (inbox rules).
      data: {
        title: milestone.title,
        dueDate: milestone.dueDate,
        status: milestone.status,
        dependsOn,
        ...(milestone.responsibleUserId ? { responsibleUserId: milestone.responsibleUserId } : {}),
      },
    });
    return { ...milestone, dependsOn };
  });
}

/**
 * Versioned update. Status, progress and completion date follow the milestone rules;
 * `dependsOn`, when given, replaces the milestone's dependencies (refused if it would close a cycle).
 */
export function update(ctx: CoalitionContext, input: Omit<z.output<typeof zMilestoneUpdate>, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    const { milestoneId, version, dependsOn: nextDeps, slipReason, ...fields } = input;
    const current = requireOwned(tx, milestones, milestoneId, ctx.coalitionId, 'Milestone');
    if (current.version !== version) throw conflict('Milestone', current);
    requireRefs(tx, ctx.coalitionId, fields);
    // --- Threshold milestones: both or neither on the merged values; a new or changed threshold is counted at once.
    const threshold = {
      thresholdAct: fields.thresholdAct !== undefined ? fields.thresholdAct : current.thresholdAct,
      threshold: fields.threshold !== undefined ? fields.threshold : current.threshold,
    };
    const thresholdIssue = thresholdProblem(threshold);
    if (thresholdIssue) throw fieldError(thresholdIssue.field, thresholdIssue.message);
    const counted = thresholdChangePatch(tx, current, threshold);
    // --- end threshold
    const rules = applyMilestoneRules(
      current,
      { status: fields.status, progress: fields.progress, startDate: fields.startDate, dueDate: fields.dueDate, completedOn: fields.completedOn, ...counted },
      ctx.today(),
    );
    if (!rules.ok) throw fieldError(rules.field, rules.message);
    // Past its baseline, the move needs a reason (refused without one, before anything is written).
    const newDue = rules.patch.dueDate;
    const slip = newDue ? slipsOfMoves(tx, ctx.coalitionId, ctx.user.id, [{ id: current.id, title: current.title, fromDue: current.dueDate, toDue: newDue }], slipReason).get(current.id) : undefined;

    let depsChange: [string[], string[]] | null = null;
    if (nextDeps !== undefined) {
      const next = unique(nextDeps);
      if (next.includes(milestoneId)) throw fieldError('dependsOn', 'A milestone cannot depend on itself');
      requireAllOwned(tx, milestones, next, ctx.coalitionId, 'Milestone');
      const edges = loadEdges(tx, ctx.coalitionId);
      const before = edges.filter((e) => e.milestoneId === milestoneId).map((e) => e.dependsOnId);
      if (before.length !== next.length || next.some((id) => !before.includes(id))) {
        const cycle = cycleIfReplaced(edges, milestoneId, next);
        if (cycle) throw cycleError(tx, cycle, 'dependsOn');
        depsChange = [[...before].sort(), [...next].sort()];
      }
    }

    const patch: MilestoneUpdatePatch = {
      trackId: fields.trackId,
      title: fields.title,
      description: fields.description,
      ownerPartnerId: fields.ownerPartnerId,
      responsibleUserId: fields.responsibleUserId,
      // The ranged estimate: the three together or not at all (the input's refinement).
      estimateOptimistic: fields.estimateOptimistic,
      estimateLikely: fields.estimateLikely,
      estimatePessimistic: fields.estimatePessimistic,
      thresholdAct: fields.thresholdAct,
      threshold: fields.threshold,
      ...rules.patch,
    };
    const after = writeUpdate(tx, log, now, ctx.coalitionId, { id: milestoneId, version }, patch, depsChange, slip);
    return { ...after, dependsOn: (dependenciesOf(tx, [milestoneId]).get(milestoneId) ?? []).map((d) => d.id) };
  });
}

type MilestoneUpdatePatch = MilestonePatch &
  Partial<
    Pick<Milestone, 'trackId' | 'title' | 'description' | 'ownerPartnerId' | 'responsibleUserId' | 'estimateOptimistic' | 'estimateLikely' | 'estimatePessimistic' | 'thresholdAct' | 'threshold'>
  >;

/**
 * Writes one milestone's checked patch at `version` (and its new dependencies, when they change)
 * and logs the one `milestone.updated` row naming the changed fields. The single edit and the bulk
 * edit both go through here, so their history reads the same. A due date moved past its baseline
 * (`slip`, checked by the caller) writes its slips row here too, and its history line gives the reason.
 */
function writeUpdate(
  tx: Tx,
  log: LogFn,
  now: number,
  coalitionId: string,
  key: { id: string; version: number },
  patch: MilestoneUpdatePatch,
  depsChange: [string[], string[]] | null = null,
  slip?: PendingSlip,
): Milestone {
  const { after, changes } = updateVersioned(tx, milestones, { ...key, coalitionId }, patch, 'Milestone', now);
  const allChanges: FieldChanges = changes;
  if (depsChange) {
    tx.delete(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, key.id)).run();
    insertDependencies(tx, coalitionId, key.id, depsChange[1], now);
    allChanges.dependsOn = depsChange;
  }
  const slipNote = slip ? recordSlip(tx, coalitionId, key.id, slip, now) : undefined;
  log({
    event: { action: 'milestone.updated', title: after.title, changes: allChanges, ...(slipNote ? { slip: slipNote } : {}) },
    entityType: 'milestone',
    entityId: key.id,
    trackId: after.trackId,
    // The slip's record is not a field change: kept beside them (screens list only [before, after] pairs).
    data: slipNote ? { ...allChanges, slip: slipNote } : allChanges,
  });
  return after;
}

/** How many rule problems a refused bulk change names (the rest are counted). */
const BULK_PROBLEMS_NAMED = 5;

/**
 * One change to many milestones, in one transaction with one `milestone.updated` row per milestone
 * that changed (the single update's path and sentences). Every id must be the coalition's, and the
 * new track, owner and responsible member valid, or nothing is written. A row whose version is
 * stale is left as it is and reported (with its current record) while the others apply: one
 * colleague's edit should not cost the user the other 49 rows, and the list shows which to reload.
 * A row the rules refuse (e.g. a start date after the due date once shifted) refuses the whole
 * change, naming the milestones, and nothing is written. Rows the change leaves as they were are
 * not touched (no new version, no history line). Rows a date shift moves past the latest baseline
 * need `slipReason` (one reason for them all), or the change is refused and nothing is written.
 */
export function bulkUpdate(ctx: CoalitionContext, input: Omit<MilestoneBulkUpdate, 'coalitionId'>) {
  return commitChange(ctx, (tx, log, now) => {
    const ids = input.items.map((i) => i.id);
    const rows = tx
      .select()
      .from(milestones)
      .where(and(inArray(milestones.id, ids), eq(milestones.coalitionId, ctx.coalitionId)))
      .all();
    if (rows.length !== new Set(ids).size) throw notFound('Milestone');
    requireRefs(tx, ctx.coalitionId, input.change);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const today = ctx.today();

    const conflicts: { id: string; title: string; current: Milestone }[] = [];
    const unchanged: string[] = [];
    const problems: string[] = [];
    const writes: { current: Milestone; patch: MilestoneUpdatePatch }[] = [];
    for (const item of input.items) {
      const current = byId.get(item.id)!;
      if (current.version !== item.version) {
        conflicts.push({ id: current.id, title: current.title, current });
        continue;
      }
      const result = bulkPatch(current, input.change, today);
      if (!result.ok) {
        problems.push(`“${current.title}”: ${result.message}`);
        continue;
      }
      const touched = Object.entries(result.patch).some(([k, v]) => v !== undefined && current[k as keyof Milestone] !== v);
      if (touched) writes.push({ current, patch: result.patch });
      else unchanged.push(current.id);
    }
    if (problems.length > 0) {
      const named = problems.slice(0, BULK_PROBLEMS_NAMED).join('; ');
      const more = problems.length > BULK_PROBLEMS_NAMED ? ` (and ${plural(problems.length - BULK_PROBLEMS_NAMED, 'more milestone')})` : '';
      throw fieldError('change', `Nothing was changed: ${plural(problems.length, 'milestone')} cannot take this change. ${named}${more}`);
    }
    const moves = writes.flatMap(({ current, patch }) => (patch.dueDate ? [{ id: current.id, title: current.title, fromDue: current.dueDate, toDue: patch.dueDate }] : []));
    const slipsById = slipsOfMoves(tx, ctx.coalitionId, ctx.user.id, moves, input.slipReason);
    const updated = writes.map(({ current, patch }) =>
      writeUpdate(tx, log, now, ctx.coalitionId, { id: current.id, version: current.version }, patch, null, slipsById.get(current.id)),
    );
    return { updated, unchanged, conflicts };
  });
}

/** Deletes the milestone, its dependency edges (by foreign key) and its comments; returns the token that undoes it. */
export function remove(ctx: CoalitionContext, milestoneId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const m = requireOwned(tx, milestones, milestoneId, ctx.coalitionId, 'Milestone');
    const undoToken = rememberDelete(tx, ctx, snapshotMilestone(tx, m), now);
    deleteCommentsOn(tx, ctx.coalitionId, 'milestone', m.id);
    tx.delete(milestones).where(eq(milestones.id, m.id)).run();
    log({
      event: { action: 'milestone.deleted', title: m.title },
      entityType: 'milestone',
      entityId: m.id,
      trackId: m.trackId,
      data: { title: m.title, dueDate: m.dueDate, status: m.status },
    });
    return { ok: true as const, undoToken };
  });
}

/** Makes `milestoneId` wait for `dependsOnId`; a duplicate is a no-op, a cycle is refused by name. */
export function addDependency(ctx: CoalitionContext, input: { milestoneId: string; dependsOnId: string }) {
  return commitChange(ctx, (tx, log, now) => {
    const m = requireOwned(tx, milestones, input.milestoneId, ctx.coalitionId, 'Milestone');
    const d = requireOwned(tx, milestones, input.dependsOnId, ctx.coalitionId, 'Milestone');
    if (m.id === d.id) throw fieldError('dependsOnId', 'A milestone cannot depend on itself');
    const edges = loadEdges(tx, ctx.coalitionId);
    if (edges.some((e) => e.milestoneId === m.id && e.dependsOnId === d.id)) return { ok: true as const, added: false };
    const cycle = cycleIfAdded(edges, m.id, d.id);
    if (cycle) throw cycleError(tx, cycle, 'dependsOnId');
    insertDependencies(tx, ctx.coalitionId, m.id, [d.id], now);
    log({
      event: { action: 'milestone.dependency_added', title: m.title, dependsOnTitle: d.title },
      entityType: 'milestone',
      entityId: m.id,
      trackId: m.trackId,
      data: { dependsOnId: d.id, dependsOnTitle: d.title },
    });
    return { ok: true as const, added: true };
  });
}

export function removeDependency(ctx: CoalitionContext, input: { milestoneId: string; dependsOnId: string }) {
  return commitChange(ctx, (tx, log) => {
    const removed = tx
      .delete(milestoneDependencies)
      .where(
        and(
          eq(milestoneDependencies.coalitionId, ctx.coalitionId),
          eq(milestoneDependencies.milestoneId, input.milestoneId),
          eq(milestoneDependencies.dependsOnId, input.dependsOnId),
        ),
      )
      .run().changes;
    if (removed === 0) throw notFound('Dependency');
    const m = requireOwned(tx, milestones, input.milestoneId, ctx.coalitionId, 'Milestone');
    const d = requireOwned(tx, milestones, input.dependsOnId, ctx.coalitionId, 'Milestone');
    log({
      event: { action: 'milestone.dependency_removed', title: m.title, dependsOnTitle: d.title },
      entityType: 'milestone',
      entityId: m.id,
      trackId: m.trackId,
      data: { dependsOnId: d.id, dependsOnTitle: d.title },
    });
    return { ok: true as const };
  });
}
