/** Coalitions (workspaces): my list with the roll-up, create (blank, from a template), settings, delete. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { newId, preparedQuery, type Db, type Tx } from '@coalition/db';
import { coalitions, memberships, milestones, partners, tracks } from '@coalition/db/schema';
import {
  addDays,
  daysBetween,
  rollUpProgress,
  todayIn,
  type RollupMilestone,
  type zCoalitionCreate,
  type zCoalitionUpdate,
} from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, diff, type ActivityEntry } from '../change.ts';
import { conflict, fieldError } from '../errors.ts';
import { getTemplate, TEMPLATES, type TemplateId } from '../templates/index.ts';
import type { CoalitionContext, UserContext } from '../trpc.ts';
import { instantiateTemplate } from './templates.ts';

export type NewCoalition = z.output<typeof zCoalitionCreate>;

/** What `fill` may say about the creation in the activity row. */
type CreationNote = Pick<ActivityEntry, 'event' | 'data'>;

/**
 * Creates a coalition with its creator as owner, then lets `fill` add plan data, in one
 * transaction with one activity row; `fill` may return how that row should read.
 */
export function createCoalition(
  ctx: UserContext,
  input: NewCoalition,
  template: string | null,
  fill: (tx: Tx, coalitionId: string, now: number) => void | CreationNote,
) {
  const id = newId();
  return commitChange({ ...ctx, coalitionId: id }, (tx, log, now) => {
    const coalition = tx
      .insert(coalitions)
      .values({ id, ...input, template, version: 1, createdAt: now, updatedAt: now })
      .returning()
      .get();
    tx.insert(memberships).values({ coalitionId: id, userId: ctx.user.id, role: 'owner', createdAt: now }).run();
    const note = fill(tx, id, now);
    log({
      event: { action: 'coalition.created', template },
      entityType: 'coalition',
      entityId: id,
      data: { name: input.name },
      ...note,
    });
    return { ...coalition, role: 'owner' as const };
  });
}

/** The built-in templates (metadata only). */
export function templateSummaries() {
  return TEMPLATES.map((t) => ({
    id: t.id,
    name: t.name,
    goal: t.goal,
    goalDate: t.goalDate,
    /** The day the template's statuses describe. */
    asOf: t.asOf ?? t.goalDate,
    summary: t.summary,
    counts: { partners: t.partners.length, tracks: t.tracks.length, milestones: t.milestones.length },
  }));
}

/**
 * The coalitions I belong to, newest change first, with my role, a few counts and the
 * coalition's progress from the one roll-up (`rollUpProgress`: the same figure the dashboard
 * shows). Two queries whatever the number of coalitions.
 */
export function listMine(ctx: UserContext) {
  const rows = ctx.db
    .select({
      id: coalitions.id,
      name: coalitions.name,
      goal: coalitions.goal,
      goalDate: coalitions.goalDate,
      timeZone: coalitions.timeZone,
      template: coalitions.template,
      role: memberships.role,
      updatedAt: coalitions.updatedAt,
      partnerCount: sql<number>`(SELECT count(*) FROM ${partners} WHERE ${partners.coalitionId} = ${coalitions.id})`,
      trackCount: sql<number>`(SELECT count(*) FROM ${tracks} WHERE ${tracks.coalitionId} = ${coalitions.id})`,
    })
    .from(memberships)
    .innerJoin(coalitions, eq(coalitions.id, memberships.coalitionId))
    .where(eq(memberships.userId, ctx.user.id))
    .orderBy(desc(coalitions.updatedAt))
    .all();
  const byCoalition = new Map<string, RollupMilestone[]>(rows.map((r) => [r.id, []]));
  if (rows.length) {
    const all = ctx.db
      .select({
        coalitionId: milestones.coalitionId,
        trackId: milestones.trackId,
        status: milestones.status,
        progress: milestones.progress,
        dueDate: milestones.dueDate,
      })
      .from(milestones)
      .where(inArray(milestones.coalitionId, [...byCoalition.keys()]))
      .all();
    for (const { coalitionId, ...m } of all) byCoalition.get(coalitionId)!.push(m);
  }
  const now = ctx.now();
  return rows.map((r) => ({
    ...r,
    progress: rollUpProgress(byCoalition.get(r.id)!, [], todayIn(r.timeZone, now)).coalition,
  }));
}

export function createBlank(ctx: UserContext, input: NewCoalition) {
  return createCoalition(ctx, input, null, () => {});
}

/**
 * A new coalition from a built-in template. With `goalDate`, every date of the template is
 * shifted by the same number of days so the plan keeps its shape toward the new goal. With
 * `startToday`, the shift makes the template's as-of day today (in the new coalition's time
 * zone): what was done is in the past, what was planned lies ahead.
 */
export function createFromTemplate(
  ctx: UserContext,
  input: { templateId: TemplateId; name?: string | undefined; goalDate?: string | undefined; startToday?: boolean | undefined; timeZone: string },
) {
  const template = getTemplate(input.templateId);
  const now = ctx.now();
  const today = todayIn(input.timeZone, now);
  const goalDate = input.startToday ? addDays(template.goalDate, daysBetween(template.asOf ?? template.goalDate, today)) : input.goalDate;
  return createCoalition(
    ctx,
    {
      name: input.name ?? template.name,
      goal: template.goal,
      goalDate: goalDate ?? template.goalDate,
      description: template.description,
      timeZone: input.timeZone,
    },
    template.id,
    (tx, coalitionId) => instantiateTemplate(tx, ctx.db.$client, template, coalitionId, { userId: ctx.user.id, now, today, goalDate, newId }),
  );
}

const coalitionById = (db: Db) => db.select().from(coalitions).where(eq(coalitions.id, sql.placeholder('id'))).prepare();

export function getOne(ctx: CoalitionContext) {
  const coalition = preparedQuery(ctx.db, coalitionById).get({ id: ctx.coalitionId })!;
  return { ...coalition, role: ctx.role };
}

export function update(ctx: CoalitionContext, input: z.output<typeof zCoalitionUpdate>) {
  const { version, ...patch } = input;
  return commitChange(ctx, (tx, log, now) => {
    const current = tx.select().from(coalitions).where(eq(coalitions.id, ctx.coalitionId)).get()!;
    if (current.version !== version) throw conflict('Coalition', current);
    const after = tx
      .update(coalitions)
      .set({ ...patch, version: version + 1, updatedAt: now })
      .where(and(eq(coalitions.id, ctx.coalitionId), eq(coalitions.version, version)))
      .returning()
      .get()!;
    const changes = diff(current, after, Object.keys(patch));
    log({ event: { action: 'coalition.updated', changes }, entityType: 'coalition', entityId: ctx.coalitionId, data: changes });
    return after;
  });
}

/** Deletes the workspace and everything in it; the owner retypes its name to confirm. Returns who was a member. */
export function remove(ctx: CoalitionContext, confirmName: string) {
  const coalition = ctx.db.select().from(coalitions).where(eq(coalitions.id, ctx.coalitionId)).get()!;
  if (confirmName.trim() !== coalition.name) throw fieldError('confirmName', 'Type the coalition name exactly to confirm deletion');
  const memberIds = ctx.db.transaction((tx) => {
    const ids = tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.coalitionId, ctx.coalitionId))
      .all()
      .map((m) => m.userId);
    tx.delete(coalitions).where(eq(coalitions.id, ctx.coalitionId)).run();
    return ids;
  });
  // Every open client of the workspace learns at once that it is gone (their streams end).
  for (const userId of memberIds) ctx.events.publishAccess({ coalitionId: ctx.coalitionId, userId, role: null });
  return { ok: true as const };
}
