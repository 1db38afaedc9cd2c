/**
 * Export (JSON of the whole workspace, CSV of milestones, iCalendar of due dates) and JSON
 * import into a new coalition. The formats and the import checks are @coalition/domain's
 * (transfer/*); this service loads and writes rows.
 */
import { and, asc, eq, getTableColumns, getTableName, inArray, isNotNull, sql, type AnyColumn } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { newId, type Db, type DbOrTx, type Tx } from '@coalition/db';
import {
  baselineDates,
  baselines,
  bottlenecks,
  coalitions,
  comments,
  interactions,
  milestoneDependencies,
  milestones,
  partnerActs,
  partners,
  positionChanges,
  slips,
  thresholdEligible,
  trackAssignments,
  tracks,
  users,
} from '@coalition/db/schema';
import {
  buildExport,
  describeCounts,
  IMPORT_LIMITS,
  planImport,
  slugify,
  thresholdProgress,
  todayIn,
  toICalendar,
  toMilestonesCsv,
  type ImportPlan,
  type Section,
  type WorkspaceFile,
} from '@coalition/domain';
import { IMPORTS_PER_HOUR, PREVIEW_BURST, PREVIEWS_PER_HOUR } from '../context.ts';
import { fieldError, tooManyRequests } from '../errors.ts';
import type { CoalitionContext, UserContext } from '../trpc.ts';
import { createCoalition } from './coalitions.ts';
import { hasThreshold, recount } from './thresholdCount.ts';

// ---------------------------------------------------------------------------
// Loading (one query per table, each on an indexed coalition_id path)
// ---------------------------------------------------------------------------

function loadCoalition(db: DbOrTx, coalitionId: string) {
  return db
    .select({
      id: coalitions.id,
      name: coalitions.name,
      goal: coalitions.goal,
      goalDate: coalitions.goalDate,
      description: coalitions.description,
      timeZone: coalitions.timeZone,
    })
    .from(coalitions)
    .where(eq(coalitions.id, coalitionId))
    .get()!;
}

/** By due date, then title: a stable, readable order (ids are random). */
function loadMilestones(db: DbOrTx, coalitionId: string) {
  return db
    .select()
    .from(milestones)
    .where(eq(milestones.coalitionId, coalitionId))
    .orderBy(asc(milestones.dueDate), asc(milestones.title), asc(milestones.id))
    .all();
}

function loadTracks(db: DbOrTx, coalitionId: string) {
  return db.select().from(tracks).where(eq(tracks.coalitionId, coalitionId)).orderBy(asc(tracks.position), asc(tracks.id)).all();
}

function loadPartners(db: DbOrTx, coalitionId: string) {
  return db.select().from(partners).where(eq(partners.coalitionId, coalitionId)).orderBy(asc(partners.name), asc(partners.id)).all();
}

/** Lower-case emails of these users (the file names members by email). */
function emailsOf(db: DbOrTx, ids: Iterable<string | null>): Map<string, string> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id))];
  if (unique.length === 0) return new Map();
  return new Map(db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, unique)).all().map((u) => [u.id, u.email.toLowerCase()]));
}

/** The partners with their relationship owner's email, the dialogue log and the positions over time (4 queries). */
function loadPeopleSide(db: DbOrTx, coalitionId: string, partnerRows: ReturnType<typeof loadPartners>) {
  const log = db.select().from(interactions).where(eq(interactions.coalitionId, coalitionId)).orderBy(asc(interactions.occurredOn), asc(interactions.createdAt), asc(interactions.id)).all();
  const emails = emailsOf(db, [...partnerRows.map((p) => p.relationshipOwnerId), ...log.flatMap((i) => [...i.ourPeople, i.nextStepUserId])]);
  const email = (id: string | null) => (id ? (emails.get(id) ?? null) : null);
  return {
    partners: partnerRows.map((p) => ({ ...p, relationshipOwnerEmail: email(p.relationshipOwnerId) })),
    interactions: log.map((i) => ({
      ...i,
      ourPeopleEmails: i.ourPeople.map(email).filter((e): e is string => e !== null),
      nextStepUserEmail: email(i.nextStepUserId),
    })),
    positionChanges: db
      .select()
      .from(positionChanges)
      .where(eq(positionChanges.coalitionId, coalitionId))
      .orderBy(asc(positionChanges.shownOn), asc(positionChanges.createdAt), asc(positionChanges.id))
      .all(),
  };
}

function loadDependencies(db: DbOrTx, coalitionId: string) {
  return db
    .select({ milestoneId: milestoneDependencies.milestoneId, dependsOnId: milestoneDependencies.dependsOnId, createdAt: milestoneDependencies.createdAt })
    .from(milestoneDependencies)
    .where(eq(milestoneDependencies.coalitionId, coalitionId))
    .all();
}

/**
 * The threshold milestones' eligible partners and acts, the baselines with their dates and the
 * slips, members by email (5 queries, and one for the emails when anyone is named). Each in a
 * readable order that does not depend on ids: by milestone (due date, title), then partner name.
 */
function loadPlanSignals(db: DbOrTx, coalitionId: string) {
  const byMilestone = [asc(milestones.dueDate), asc(milestones.title), asc(milestones.id)];
  const byPartner = [asc(partners.name), asc(partners.id)];
  const eligible = db
    .select({ milestoneId: thresholdEligible.milestoneId, partnerId: thresholdEligible.partnerId })
    .from(thresholdEligible)
    .innerJoin(milestones, eq(milestones.id, thresholdEligible.milestoneId))
    .innerJoin(partners, eq(partners.id, thresholdEligible.partnerId))
    .where(eq(thresholdEligible.coalitionId, coalitionId))
    .orderBy(...byMilestone, ...byPartner)
    .all();
  const acts = db
    .select({
      milestoneId: partnerActs.milestoneId,
      partnerId: partnerActs.partnerId,
      act: partnerActs.act,
      actedOn: partnerActs.actedOn,
      note: partnerActs.note,
      authorId: partnerActs.authorId,
      createdAt: partnerActs.createdAt,
      updatedAt: partnerActs.updatedAt,
    })
    .from(partnerActs)
    .innerJoin(milestones, eq(milestones.id, partnerActs.milestoneId))
    .innerJoin(partners, eq(partners.id, partnerActs.partnerId))
    .where(eq(partnerActs.coalitionId, coalitionId))
    .orderBy(...byMilestone, asc(partnerActs.actedOn), ...byPartner, asc(partnerActs.act))
    .all();
  // Saved in the same millisecond: in the order they were inserted (the latest is the last).
  const savedOrder = [asc(baselines.createdAt), sql`${baselines}.rowid`];
  const saved = db.select().from(baselines).where(eq(baselines.coalitionId, coalitionId)).orderBy(...savedOrder).all();
  const dates = db
    .select({ baselineId: baselineDates.baselineId, milestoneId: baselineDates.milestoneId, startDate: baselineDates.startDate, dueDate: baselineDates.dueDate })
    .from(baselineDates)
    .innerJoin(baselines, eq(baselines.id, baselineDates.baselineId))
    .innerJoin(milestones, eq(milestones.id, baselineDates.milestoneId))
    .where(eq(baselines.coalitionId, coalitionId))
    .orderBy(...savedOrder, ...byMilestone)
    .all();
  const slipRows = db.select().from(slips).where(eq(slips.coalitionId, coalitionId)).orderBy(asc(slips.createdAt), asc(slips.id)).all();
  const emails = emailsOf(db, [...acts.map((a) => a.authorId), ...saved.map((b) => b.createdBy), ...slipRows.map((s) => s.authorId)]);
  const email = (id: string | null) => (id ? (emails.get(id) ?? null) : null);
  return {
    eligiblePartners: eligible,
    partnerActs: acts.map((a) => ({ ...a, authorEmail: email(a.authorId) })),
    baselines: saved.map((b) => ({ ...b, createdByEmail: email(b.createdBy) })),
    baselineDates: dates,
    slips: slipRows.map((s) => ({ ...s, authorEmail: email(s.authorId) })),
  };
}

/** The whole workspace in 15 queries (and up to 2 for members' emails), whatever its size. */
export function loadWorkspace(db: DbOrTx, coalitionId: string) {
  return {
    coalition: loadCoalition(db, coalitionId),
    ...loadPeopleSide(db, coalitionId, loadPartners(db, coalitionId)),
    ...loadPlanSignals(db, coalitionId),
    tracks: loadTracks(db, coalitionId),
    assignments: db
      .select()
      .from(trackAssignments)
      .where(eq(trackAssignments.coalitionId, coalitionId))
      .orderBy(asc(trackAssignments.trackId), asc(trackAssignments.partnerId))
      .all(),
    milestones: loadMilestones(db, coalitionId),
    dependencies: loadDependencies(db, coalitionId),
    bottlenecks: db.select().from(bottlenecks).where(eq(bottlenecks.coalitionId, coalitionId)).orderBy(asc(bottlenecks.createdAt), asc(bottlenecks.id)).all(),
    comments: db
      .select({
        id: comments.id,
        targetType: comments.targetType,
        targetId: comments.targetId,
        body: comments.body,
        authorName: users.name,
        createdAt: comments.createdAt,
        updatedAt: comments.updatedAt,
      })
      .from(comments)
      .leftJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.coalitionId, coalitionId))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .all(),
  };
}

// ---------------------------------------------------------------------------
// Writing an import
// ---------------------------------------------------------------------------

/** Bound parameters per INSERT: below SQLite's limit of 32,766. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_INSERT = 500;

/**
 * Multi-row INSERTs of `rows` (all with the same keys) into `table`, `MAX_ROWS_PER_INSERT`
 * rows at a time, through one prepared statement reused for every full chunk. Values go
 * through the columns' own drizzle encoders (JSON columns are serialised as usual). Runs on
 * the raw connection, so inside the caller's synchronous transaction: building a drizzle
 * query per chunk costs several times more than SQLite itself for tens of thousands of rows.
 */
export function bulkInsert<T extends SQLiteTable>(client: Db['$client'], table: T, rows: readonly T['$inferInsert'][]): void {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, AnyColumn>;
  const keys = Object.keys(rows[0]!);
  for (const key of keys) if (!columns[key]) throw new Error(`bulkInsert: ${getTableName(table)} has no column ${key}`);
  const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / keys.length)));
  const head = `INSERT INTO "${getTableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) VALUES `;
  const tuple = `(${keys.map(() => '?').join(', ')})`;
  const prepare = (n: number) => client.prepare(head + Array.from({ length: n }, () => tuple).join(', '));
  const full = rows.length >= perInsert ? prepare(perInsert) : null;
  for (let i = 0; i < rows.length; i += perInsert) {
    const chunk = rows.slice(i, i + perInsert);
    const values: unknown[] = [];
    for (const row of chunk) {
      for (const key of keys) {
        const value = (row as Record<string, unknown>)[key];
        values.push(value === null || value === undefined ? null : columns[key]!.mapToDriverValue(value));
      }
    }
    (chunk.length === perInsert && full ? full : prepare(chunk.length)).run(values);
  }
}

/**
 * Inserts a planned import into `coalitionId` (in the caller's transaction `tx`, whose raw
 * connection is `client`), parents before the rows that refer to them; then recounts each
 * threshold milestone from its acts (`recount`, as when an act is recorded), so its progress,
 * status and completion date follow them whatever the file said.
 */
export function writeImportPlan(tx: Tx, client: Db['$client'], coalitionId: string, plan: ImportPlan, clock: { now: number; today: string }): void {
  const scoped = <R extends object>(rows: readonly R[]) => rows.map((r) => ({ ...r, coalitionId }));
  bulkInsert(client, partners, scoped(plan.partners));
  bulkInsert(client, tracks, scoped(plan.tracks));
  bulkInsert(client, trackAssignments, scoped(plan.assignments));
  bulkInsert(client, milestones, scoped(plan.milestones));
  bulkInsert(client, milestoneDependencies, scoped(plan.dependencies));
  bulkInsert(client, bottlenecks, scoped(plan.bottlenecks));
  bulkInsert(client, comments, scoped(plan.comments));
  bulkInsert(client, interactions, scoped(plan.interactions));
  bulkInsert(client, positionChanges, scoped(plan.positionChanges));
  bulkInsert(client, thresholdEligible, scoped(plan.eligiblePartners));
  bulkInsert(client, partnerActs, scoped(plan.partnerActs));
  bulkInsert(client, baselines, scoped(plan.baselines));
  bulkInsert(client, baselineDates, plan.baselineDates);
  bulkInsert(client, slips, scoped(plan.slips));
  if (!plan.milestones.some((m) => m.thresholdAct !== null)) return;
  const counted = tx.select().from(milestones).where(and(eq(milestones.coalitionId, coalitionId), isNotNull(milestones.thresholdAct))).all().filter(hasThreshold);
  // Before: no act recorded yet. The status lines are not logged (the import logs one line).
  for (const m of counted) recount(tx, clock.now, clock.today, m, thresholdProgress(m, []));
}

// ---------------------------------------------------------------------------
// The procedures' work
// ---------------------------------------------------------------------------

/** The whole workspace as one JSON document, with the roll-up's figures as of the coalition's today. */
export function exportJson(ctx: CoalitionContext) {
  return buildExport(loadWorkspace(ctx.db, ctx.coalitionId), ctx.now(), ctx.today());
}

/** The milestones as an RFC 4180 CSV file, by due date. */
export function milestonesCsv(ctx: CoalitionContext) {
  const coalition = loadCoalition(ctx.db, ctx.coalitionId);
  const content = toMilestonesCsv({
    milestones: loadMilestones(ctx.db, ctx.coalitionId),
    tracks: loadTracks(ctx.db, ctx.coalitionId),
    partners: loadPartners(ctx.db, ctx.coalitionId),
    dependencies: loadDependencies(ctx.db, ctx.coalitionId),
  });
  return { filename: `${slugify(coalition.name)}-milestones.csv`, content };
}

/** The goal date and every milestone due date as an RFC 5545 calendar. */
export function icalendar(ctx: CoalitionContext) {
  const coalition = loadCoalition(ctx.db, ctx.coalitionId);
  const content = toICalendar({ coalition, milestones: loadMilestones(ctx.db, ctx.coalitionId), tracks: loadTracks(ctx.db, ctx.coalitionId), now: ctx.now() });
  return { filename: `${slugify(coalition.name)}-due-dates.ics`, content };
}

export interface ImportJsonOptions {
  /** A new name for the coalition (else the file's). */
  name?: string | undefined;
  /** The coalition's time zone when the file names none. */
  timeZone: string;
}

/**
 * The checks and the plan of an import, writing nothing: the one code path `importJson` and
 * `previewImport` share. (The file schema was already applied by the procedures' common input.)
 * "Today" is the new coalition's: the file's time zone, else the caller's.
 */
function prepareImport(ctx: UserContext, file: WorkspaceFile, opts: ImportJsonOptions) {
  const now = ctx.now();
  const timeZone = file.coalition.timeZone ?? opts.timeZone;
  // The new coalition's only member is the importer: members the file names map to them, or to nobody.
  const members = new Map([[ctx.user.email.toLowerCase(), ctx.user.id]]);
  const today = todayIn(timeZone, now);
  const result = planImport(file, { userId: ctx.user.id, now, today, newId, members });
  return { result, today, coalition: { ...file.coalition, name: opts.name ?? file.coalition.name, timeZone } };
}

/**
 * A new coalition, owned by the caller, holding everything in an export file. Every id is
 * replaced by a fresh one; a dangling reference or a dependency cycle is refused before
 * anything is written. One transaction.
 */
export function importJson(ctx: UserContext, file: WorkspaceFile, opts: ImportJsonOptions) {
  const now = ctx.now();
  if (!ctx.throttles.importsByUser.consume(ctx.user.id, now)) {
    const minutes = Math.ceil(ctx.throttles.importsByUser.retryAfterMs(ctx.user.id, now) / 60_000);
    throw tooManyRequests(`You have made ${IMPORTS_PER_HOUR} imports in the last hour, the most one person may. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
  const { result, today, coalition: values } = prepareImport(ctx, file, opts);
  if (!result.ok) throw fieldError(result.field, result.message);
  const { plan } = result;
  const coalition = createCoalition(ctx, values, null, (tx, coalitionId) => {
    // The raw connection is the one `tx` runs on: these inserts are part of the transaction.
    writeImportPlan(tx, ctx.db.$client, coalitionId, plan, { now, today });
    return {
      event: { action: 'coalition.imported', counts: describeCounts(plan.counts) },
      data: { source: file.coalition.name, ...plan.counts },
    };
  });
  return { ...coalition, imported: plan.counts };
}

// ---------------------------------------------------------------------------
// Previewing an import
// ---------------------------------------------------------------------------


/**
 * Takes one preview from the caller's allowance, or refuses with the wait. Runs before the
 * file is validated (the router calls it ahead of the input schema), so a refused preview costs
 * only the reading of the request.
 */
export function consumePreview(ctx: UserContext): void {
  const bucket = ctx.throttles.previewsByUser;
  const now = ctx.now();
  if (!bucket.consume(ctx.user.id, now)) {
    const minutes = Math.ceil(bucket.retryAfterMs(ctx.user.id, now) / 60_000);
    throw tooManyRequests(`Too many files checked: one person may check ${PREVIEW_BURST} at once, then ${PREVIEWS_PER_HOUR} an hour. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}

/** One thing in a file that stops its import: where (`data.milestones.12.dueDate`) and what. */
export interface ImportProblem {
  path: string;
  message: string;
}

/**
 * What `importJson` would create from this file, and what stops it, writing nothing: the same
 * checks and plan (`prepareImport`). A file the schema refuses never gets here (the procedure's
 * input is importJson's, so it is refused the same way, each problem under its path).
 */
export function previewImport(ctx: UserContext, file: WorkspaceFile, opts: ImportJsonOptions) {
  const { result, coalition } = prepareImport(ctx, file, opts);
  const counts = result.ok ? result.plan.counts : sectionCounts(file);
  const problems: ImportProblem[] = result.ok ? [] : [{ path: result.field, message: result.message }];
  return {
    coalition: { name: coalition.name, goal: coalition.goal, goalDate: coalition.goalDate, timeZone: coalition.timeZone },
    /** The coalition's name in the file (the source), whatever the new name. */
    source: file.coalition.name,
    exportedAt: file.exportedAt ?? null,
    counts,
    problems,
  };
}

/** The number of records of each section of the file (what the plan counts when it succeeds). */
function sectionCounts(file: WorkspaceFile): ImportPlan['counts'] {
  return Object.fromEntries((Object.keys(IMPORT_LIMITS) as Section[]).map((s) => [s, file[s]?.length ?? 0])) as ImportPlan['counts'];
}
