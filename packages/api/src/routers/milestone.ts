import type { TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  MILESTONE_STATUSES,
  milestoneDependencies,
  milestones,
  newId,
  partners,
  tracks,
  type DbOrTx,
  type Milestone,
} from '@coalition/db';
import { commitChange, requireAllOwned, requireOwned, updateVersioned } from '../change.ts';
import { todayIso } from '../domain/dates.ts';
import { cycleIfAdded, cycleIfReplaced, describeCycle, type DependencyEdge } from '../domain/dependencies.ts';
import { applyMilestoneRules, blankMilestone, lateDependencyIds, statusRank, type MilestonePatch } from '../domain/milestones.ts';
import { conflict, fieldError, notFound } from '../errors.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';
import { zDate, zId, zLimit, zName, zText, zVersion } from '../validators.ts';
import { deleteCommentsOn } from '../domain/comments.ts';

// ---------------------------------------------------------------------------
// Sorting and keyset pagination
// ---------------------------------------------------------------------------

const SORT_KEYS = ['dueDate', 'title', 'status', 'progress', 'updatedAt'] as const;
type SortKey = (typeof SORT_KEYS)[number];

const statusRankSql = sql`(CASE ${milestones.status} ${sql.raw(
  MILESTONE_STATUSES.map((s) => `WHEN '${s}' THEN ${statusRank(s)}`).join(' '),
)} END)`;

/** Each sort: the SQL it orders by, and the same value computed from a row (for the cursor). */
const SORTS: Record<SortKey, { expr: SQL; value: (m: Milestone) => string | number; kind: 'string' | 'number' }> = {
  dueDate: { expr: sql`${milestones.dueDate}`, value: (m) => m.dueDate, kind: 'string' },
  title: { expr: sql`${milestones.title} COLLATE NOCASE`, value: (m) => m.title, kind: 'string' },
  status: { expr: statusRankSql, value: (m) => statusRank(m.status), kind: 'number' },
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
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === kind &&
    typeof parsed[1] === 'string' &&
    zId.safeParse(parsed[1]).success
  ) {
    return [parsed[0] as string | number, parsed[1]];
  }
  throw fieldError('cursor', 'This page link is no longer valid for this sort order: start again from the first page');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

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

/** Ids each of these milestones depends on (one query). */
function dependsOnOf(db: DbOrTx, ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = db
    .select({ milestoneId: milestoneDependencies.milestoneId, dependsOnId: milestoneDependencies.dependsOnId })
    .from(milestoneDependencies)
    .where(inArray(milestoneDependencies.milestoneId, [...ids]))
    .orderBy(asc(milestoneDependencies.createdAt), asc(milestoneDependencies.dependsOnId))
    .all();
  for (const r of rows) out.get(r.milestoneId)?.push(r.dependsOnId);
  return out;
}

/** The BAD_REQUEST naming a would-be cycle by milestone titles. */
function cycleError(db: DbOrTx, cycle: string[], field: string) {
  const ids = unique(cycle);
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

/** Checks that the track and owner partner (when set) belong to the coalition. */
function requireRefs(db: DbOrTx, coalitionId: string, refs: { trackId?: string | null; ownerPartnerId?: string | null }) {
  if (refs.trackId) requireOwned(db, tracks, refs.trackId, coalitionId, 'Track');
  if (refs.ownerPartnerId) requireOwned(db, partners, refs.ownerPartnerId, coalitionId, 'Partner');
}

const STATUS_LABEL: Record<Milestone['status'], string> = {
  planned: 'planned',
  in_progress: 'in progress',
  at_risk: 'at risk',
  blocked: 'blocked',
  done: 'done',
  dropped: 'dropped',
};

function updateSummary(title: string, changes: Record<string, [unknown, unknown]>): string {
  const fields = Object.keys(changes);
  if (changes.status) {
    const rest = fields.filter((f) => !['status', 'progress', 'completedOn'].includes(f));
    const to = changes.status[1] as Milestone['status'];
    return `${to === 'done' ? `completed "${title}"` : `marked "${title}" as ${STATUS_LABEL[to]}`}${rest.length ? ` (also changed ${rest.join(', ')})` : ''}`;
  }
  return fields.length ? `updated "${title}" (${fields.join(', ')})` : `saved "${title}" without changes`;
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

const zStatus = z.enum(MILESTONE_STATUSES);
const zProgress = z.number().int('Progress is a whole number').min(0, 'At least 0').max(100, 'At most 100');
const zDependsOn = z.array(zId).max(50, 'At most 50 dependencies');

// ---------------------------------------------------------------------------
// Router
// ---------------------------------------------------------------------------

export const milestoneRouter = {
  /** Filtered, sorted list with keyset pagination; each item carries the ids it depends on. */
  list: viewerProcedure
    .input(
      z.object({
        trackId: zId.nullable().optional(),
        status: z.array(zStatus).max(MILESTONE_STATUSES.length).optional(),
        ownerPartnerId: zId.optional(),
        dueFrom: zDate.optional(),
        dueTo: zDate.optional(),
        search: z.string().trim().max(100, 'At most 100 characters').optional(),
        sortBy: z.enum(SORT_KEYS).default('dueDate'),
        sortDir: z.enum(['asc', 'desc']).default('asc'),
        limit: zLimit(100, 500),
        cursor: z.string().max(500).optional(),
      }),
    )
    .query(({ ctx, input }) => {
      const sort = SORTS[input.sortBy];
      requireRefs(ctx.db, ctx.coalitionId, input);
      const where: (SQL | undefined)[] = [eq(milestones.coalitionId, ctx.coalitionId)];
      if (input.trackId === null) where.push(isNull(milestones.trackId));
      else if (input.trackId) where.push(eq(milestones.trackId, input.trackId));
      if (input.status?.length) where.push(inArray(milestones.status, unique(input.status)));
      if (input.ownerPartnerId) where.push(eq(milestones.ownerPartnerId, input.ownerPartnerId));
      if (input.dueFrom) where.push(gte(milestones.dueDate, input.dueFrom));
      if (input.dueTo) where.push(lte(milestones.dueDate, input.dueTo));
      if (input.search) {
        const pattern = `%${escapeLike(input.search)}%`;
        where.push(sql`(${milestones.title} LIKE ${pattern} ESCAPE '\\' OR ${milestones.description} LIKE ${pattern} ESCAPE '\\')`);
      }
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
      const deps = dependsOnOf(
        ctx.db,
        page.map((m) => m.id),
      );
      return {
        items: page.map((m) => ({ ...m, dependsOn: deps.get(m.id) ?? [] })),
        nextCursor: rows.length > input.limit && last ? encodeCursor(sort.value(last), last.id) : null,
      };
    }),

  /** Everything the Gantt chart draws, in two queries. */
  timeline: viewerProcedure.query(({ ctx }) => ({
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
        completedOn: milestones.completedOn,
      })
      .from(milestones)
      .where(eq(milestones.coalitionId, ctx.coalitionId))
      .orderBy(asc(milestones.dueDate), asc(milestones.id))
      .all(),
    dependencies: loadEdges(ctx.db, ctx.coalitionId),
  })),

  /** One milestone with its track, owner, both sides of its dependencies and the late ones. */
  get: viewerProcedure.input(z.object({ milestoneId: zId })).query(({ ctx, input }) => {
    const row = ctx.db
      .select({
        milestone: milestones,
        track: { id: tracks.id, name: tracks.name, color: tracks.color },
        owner: { id: partners.id, name: partners.name },
      })
      .from(milestones)
      .leftJoin(tracks, eq(tracks.id, milestones.trackId))
      .leftJoin(partners, eq(partners.id, milestones.ownerPartnerId))
      .where(and(eq(milestones.id, input.milestoneId), eq(milestones.coalitionId, ctx.coalitionId)))
      .get();
    if (!row) throw notFound('Milestone');
    const linked = {
      id: milestones.id,
      title: milestones.title,
      dueDate: milestones.dueDate,
      status: milestones.status,
      completedOn: milestones.completedOn,
    };
    const dependsOn = ctx.db
      .select(linked)
      .from(milestoneDependencies)
      .innerJoin(milestones, eq(milestones.id, milestoneDependencies.dependsOnId))
      .where(eq(milestoneDependencies.milestoneId, input.milestoneId))
      .orderBy(asc(milestones.dueDate), asc(milestones.id))
      .all();
    const dependents = ctx.db
      .select(linked)
      .from(milestoneDependencies)
      .innerJoin(milestones, eq(milestones.id, milestoneDependencies.milestoneId))
      .where(eq(milestoneDependencies.dependsOnId, input.milestoneId))
      .orderBy(asc(milestones.dueDate), asc(milestones.id))
      .all();
    const brief = ({ completedOn: _c, ...m }: (typeof dependsOn)[number]) => m;
    return {
      ...row.milestone,
      track: row.track?.id ? row.track : null,
      owner: row.owner?.id ? row.owner : null,
      dependsOn: dependsOn.map(brief),
      dependents: dependents.map(brief),
      lateDependencies: lateDependencyIds(row.milestone, dependsOn),
    };
  }),

  create: editorProcedure
    .input(
      z.object({
        trackId: zId.nullable().optional(),
        title: zName(300),
        description: zText(10000).default(''),
        startDate: zDate.nullable().optional(),
        dueDate: zDate,
        status: zStatus.default('planned'),
        progress: zProgress.default(0),
        ownerPartnerId: zId.nullable().optional(),
        dependsOn: zDependsOn.default([]),
      }),
    )
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        requireRefs(tx, ctx.coalitionId, input);
        const dependsOn = unique(input.dependsOn);
        requireAllOwned(tx, milestones, dependsOn, ctx.coalitionId, 'Milestone');
        const rules = applyMilestoneRules(
          blankMilestone(input.dueDate),
          { status: input.status, progress: input.progress, startDate: input.startDate ?? null, dueDate: input.dueDate },
          todayIso(now),
        );
        if (!rules.ok) throw fieldError(rules.field, rules.message);
        const milestone = tx
          .insert(milestones)
          .values({
            ...blankMilestone(input.dueDate),
            ...rules.patch,
            id: newId(),
            coalitionId: ctx.coalitionId,
            trackId: input.trackId ?? null,
            title: input.title,
            description: input.description,
            ownerPartnerId: input.ownerPartnerId ?? null,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        // A new milestone has no dependents yet, so its dependencies cannot close a cycle.
        insertDependencies(tx, ctx.coalitionId, milestone.id, dependsOn, now);
        log({
          action: 'milestone.created',
          entityType: 'milestone',
          entityId: milestone.id,
          trackId: milestone.trackId,
          summary: `added the milestone "${milestone.title}" due ${milestone.dueDate}`,
          data: { title: milestone.title, dueDate: milestone.dueDate, status: milestone.status, dependsOn },
        });
        return { ...milestone, dependsOn };
      }),
    ),

  /**
   * Versioned update. Status, progress and completion date follow domain/milestones.ts;
   * `dependsOn`, when given, replaces the milestone's dependencies (refused if it would close a cycle).
   */
  update: editorProcedure
    .input(
      z.object({
        milestoneId: zId,
        version: zVersion,
        trackId: zId.nullable().optional(),
        title: zName(300).optional(),
        description: zText(10000).optional(),
        startDate: zDate.nullable().optional(),
        dueDate: zDate.optional(),
        status: zStatus.optional(),
        progress: zProgress.optional(),
        ownerPartnerId: zId.nullable().optional(),
        completedOn: zDate.nullable().optional(),
        dependsOn: zDependsOn.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const { coalitionId: _c, milestoneId, version, dependsOn: nextDeps, ...fields } = input;
        const current = requireOwned(tx, milestones, milestoneId, ctx.coalitionId, 'Milestone');
        if (current.version !== version) throw conflict('Milestone', current);
        requireRefs(tx, ctx.coalitionId, fields);
        const rules = applyMilestoneRules(
          current,
          {
            status: fields.status,
            progress: fields.progress,
            startDate: fields.startDate,
            dueDate: fields.dueDate,
            completedOn: fields.completedOn,
          },
          todayIso(now),
        );
        if (!rules.ok) throw fieldError(rules.field, rules.message);

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

        const patch: MilestonePatch & Partial<Pick<Milestone, 'trackId' | 'title' | 'description' | 'ownerPartnerId'>> = {
          trackId: fields.trackId,
          title: fields.title,
          description: fields.description,
          ownerPartnerId: fields.ownerPartnerId,
          ...rules.patch,
        };
        const { after, changes } = updateVersioned(
          tx,
          milestones,
          { id: milestoneId, coalitionId: ctx.coalitionId, version },
          patch,
          'Milestone',
          now,
        );
        if (depsChange) {
          tx.delete(milestoneDependencies).where(eq(milestoneDependencies.milestoneId, milestoneId)).run();
          insertDependencies(tx, ctx.coalitionId, milestoneId, depsChange[1], now);
          changes.dependsOn = depsChange;
        }
        log({
          action: 'milestone.updated',
          entityType: 'milestone',
          entityId: milestoneId,
          trackId: after.trackId,
          summary: updateSummary(after.title, changes),
          data: changes,
        });
        return { ...after, dependsOn: dependsOnOf(tx, [milestoneId]).get(milestoneId) ?? [] };
      }),
    ),

  /** Deletes the milestone, its dependency edges (by foreign key) and its comments. */
  delete: editorProcedure.input(z.object({ milestoneId: zId })).mutation(({ ctx, input }) =>
    commitChange(ctx, (tx, log) => {
      const m = requireOwned(tx, milestones, input.milestoneId, ctx.coalitionId, 'Milestone');
      deleteCommentsOn(tx, ctx.coalitionId, 'milestone', m.id);
      tx.delete(milestones).where(eq(milestones.id, m.id)).run();
      log({
        action: 'milestone.deleted',
        entityType: 'milestone',
        entityId: m.id,
        trackId: m.trackId,
        summary: `deleted the milestone "${m.title}"`,
        data: { title: m.title, dueDate: m.dueDate, status: m.status },
      });
      return { ok: true as const };
    }),
  ),

  /** Makes `milestoneId` wait for `dependsOnId`; a duplicate is a no-op, a cycle is refused by name. */
  addDependency: editorProcedure
    .input(z.object({ milestoneId: zId, dependsOnId: zId }))
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log, now) => {
        const m = requireOwned(tx, milestones, input.milestoneId, ctx.coalitionId, 'Milestone');
        const d = requireOwned(tx, milestones, input.dependsOnId, ctx.coalitionId, 'Milestone');
        if (m.id === d.id) throw fieldError('dependsOnId', 'A milestone cannot depend on itself');
        const edges = loadEdges(tx, ctx.coalitionId);
        if (edges.some((e) => e.milestoneId === m.id && e.dependsOnId === d.id)) return { ok: true as const, added: false };
        const cycle = cycleIfAdded(edges, m.id, d.id);
        if (cycle) throw cycleError(tx, cycle, 'dependsOnId');
        insertDependencies(tx, ctx.coalitionId, m.id, [d.id], now);
        log({
          action: 'milestone.dependency_added',
          entityType: 'milestone',
          entityId: m.id,
          trackId: m.trackId,
          summary: `made "${m.title}" depend on "${d.title}"`,
          data: { dependsOnId: d.id, dependsOnTitle: d.title },
        });
        return { ok: true as const, added: true };
      }),
    ),

  removeDependency: editorProcedure
    .input(z.object({ milestoneId: zId, dependsOnId: zId }))
    .mutation(({ ctx, input }) =>
      commitChange(ctx, (tx, log) => {
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
          action: 'milestone.dependency_removed',
          entityType: 'milestone',
          entityId: m.id,
          trackId: m.trackId,
          summary: `"${m.title}" no longer depends on "${d.title}"`,
          data: { dependsOnId: d.id, dependsOnTitle: d.title },
        });
        return { ok: true as const };
      }),
    ),
} satisfies TRPCRouterRecord;
