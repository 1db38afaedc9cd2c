/**
 * The policy dialogue log: a partner's interactions (newest first, keyset pages), logging,
 * versioned edits (marking the next step done is one), deletion; and the open next steps the
 * dashboard's coverage reads. The member given a next step hears of it in their inbox
 * (the domain's inbox rules read `nextStepUserId` off the activity row).
 */
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { interactions, partners, positionChanges, users, type Interaction } from '@coalition/db/schema';
import { dialogueCoverage, nextStepProblem, positionDateProblem, type InteractionFields, type zInteractionCreate, type zInteractionListQuery, type zInteractionUpdate } from '@coalition/domain';
import type { z } from 'zod';
import { commitChange, newPlanRow, requireMembers, requireOwned, updateVersioned } from '../change.ts';
import { fieldError } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { insertChange } from './positions.ts';

/** What a client sees of an interaction: its fields, its author's and next-step owner's names. */
function withNames(ctx: CoalitionContext, rows: Interaction[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.authorId, r.nextStepUserId]).filter((id): id is string => !!id))];
  const names = new Map(
    ids.length === 0
      ? []
      : ctx.db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, ids))
          .all()
          .map((u) => [u.id, u.name] as const),
  );
  return rows.map(({ coalitionId: _c, ...r }) => ({
    ...r,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    nextStepUserName: r.nextStepUserId ? (names.get(r.nextStepUserId) ?? null) : null,
  }));
}

/** A partner's interactions, newest first (by day, then id), in keyset pages. */
export function list(ctx: CoalitionContext, input: z.output<typeof zInteractionListQuery>) {
  requireOwned(ctx.db, partners, input.partnerId, ctx.coalitionId, 'Partner');
  const where = [eq(interactions.coalitionId, ctx.coalitionId), eq(interactions.partnerId, input.partnerId)];
  if (input.cursor) {
    const { occurredOn, id } = input.cursor;
    where.push(or(lt(interactions.occurredOn, occurredOn), and(eq(interactions.occurredOn, occurredOn), lt(interactions.id, id)))!);
  }
  const rows = ctx.db
    .select()
    .from(interactions)
    .where(and(...where))
    .orderBy(desc(interactions.occurredOn), desc(interactions.id))
    .limit(input.limit + 1)
    .all();
  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: withNames(ctx, page), nextCursor: more && last ? { occurredOn: last.occurredOn, id: last.id } : null };
}

/** The refusal for a next step without its step, on the merged fields (create and update alike). */
function checkNextStep(fields: Pick<InteractionFields, 'nextStep' | 'nextStepDue' | 'nextStepUserId'>) {
  const problem = nextStepProblem(fields);
  if (problem) throw fieldError('nextStep', problem);
}

/**
 * Logs an interaction; with `position`, the partner's position on the goal as it showed is
 * recorded too, on the interaction's day and linked to it, in the same transaction (both or
 * neither: no interaction logged without the position the user chose, nor the reverse).
 */
export function create(ctx: CoalitionContext, input: Omit<z.output<typeof zInteractionCreate>, 'coalitionId'>) {
  const { position, ...fields } = input;
  return commitChange(ctx, (tx, log, now) => {
    const partner = requireOwned(tx, partners, fields.partnerId, ctx.coalitionId, 'Partner');
    requireMembers(tx, ctx.coalitionId, [...fields.ourPeople, fields.nextStepUserId]);
    checkNextStep(fields);
    if (position && positionDateProblem(fields.occurredOn, ctx.today())) {
      throw fieldError('position', 'A position is recorded once shown: log it with an interaction that has taken place, or record it later');
    }
    const row = tx
      .insert(interactions)
      .values({ ...fields, ourPeople: [...new Set(fields.ourPeople)], ...newPlanRow(ctx.coalitionId, now), authorId: ctx.user.id })
      .returning()
      .get();
    log({
      event: { action: 'interaction.logged', partner: partner.name, kind: row.kind, occurredOn: row.occurredOn },
      entityType: 'partner',
      entityId: partner.id,
      data: { interactionId: row.id, kind: row.kind, nextStepUserId: row.nextStepUserId, nextStepDue: row.nextStepDue },
    });
    if (position) insertChange(tx, ctx, log, now, partner, { position, shownOn: row.occurredOn, trackId: null, interactionId: row.id });
    return withNames(ctx, [row])[0]!;
  });
}

/** Versioned edit; setting `nextStepDoneOn` marks the next step done. */
export function update(ctx: CoalitionContext, input: Omit<z.output<typeof zInteractionUpdate>, 'coalitionId'>) {
  const { interactionId, version, ...fields } = input;
  return commitChange(ctx, (tx, log, now) => {
    const current = requireOwned(tx, interactions, interactionId, ctx.coalitionId, 'Interaction');
    requireMembers(tx, ctx.coalitionId, [...(fields.ourPeople ?? []), fields.nextStepUserId]);
    checkNextStep({
      nextStep: fields.nextStep ?? current.nextStep,
      nextStepDue: fields.nextStepDue !== undefined ? fields.nextStepDue : current.nextStepDue,
      nextStepUserId: fields.nextStepUserId !== undefined ? fields.nextStepUserId : current.nextStepUserId,
    });
    const patch = fields.ourPeople ? { ...fields, ourPeople: [...new Set(fields.ourPeople)] } : fields;
    // The positions it showed move with its day (they were shown there), never into the future.
    const moved = fields.occurredOn !== undefined && fields.occurredOn !== current.occurredOn;
    const linked = moved ? tx.select({ id: positionChanges.id }).from(positionChanges).where(and(eq(positionChanges.coalitionId, ctx.coalitionId), eq(positionChanges.interactionId, interactionId))).all() : [];
    if (linked.length > 0) {
      const problem = positionDateProblem(fields.occurredOn!, ctx.today());
      if (problem) throw fieldError('occurredOn', `This interaction showed a position: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`);
    }
    const { after, changes } = updateVersioned(tx, interactions, { id: interactionId, coalitionId: ctx.coalitionId, version }, patch, 'Interaction', now);
    if (linked.length > 0) {
      tx.update(positionChanges).set({ shownOn: fields.occurredOn! }).where(and(eq(positionChanges.coalitionId, ctx.coalitionId), eq(positionChanges.interactionId, interactionId))).run();
    }
    const row = after as Interaction;
    const partner = requireOwned(tx, partners, row.partnerId, ctx.coalitionId, 'Partner');
    log({
      event: { action: 'interaction.updated', partner: partner.name, kind: row.kind, changes },
      entityType: 'partner',
      entityId: partner.id,
      data: { interactionId: row.id, ...changes },
    });
    return withNames(ctx, [row])[0]!;
  });
}

export function remove(ctx: CoalitionContext, interactionId: string) {
  return commitChange(ctx, (tx, log) => {
    const row = requireOwned(tx, interactions, interactionId, ctx.coalitionId, 'Interaction');
    const partner = requireOwned(tx, partners, row.partnerId, ctx.coalitionId, 'Partner');
    tx.delete(interactions).where(and(eq(interactions.id, row.id), eq(interactions.coalitionId, ctx.coalitionId))).run();
    log({ event: { action: 'interaction.deleted', partner: partner.name, kind: row.kind }, entityType: 'partner', entityId: partner.id, data: { interactionId: row.id } });
    return { deleted: true as const };
  });
}

/** Dialogue coverage as of the coalition's today (the domain's `dialogueCoverage` over three queries). */
export function coverage(ctx: CoalitionContext) {
  const today = ctx.today();
  const { lastContact, openNextSteps } = coverageInputs(ctx.db, ctx.coalitionId, today);
  const rows = ctx.db
    .select({ id: partners.id, name: partners.name, influence: partners.influence, relationshipOwnerId: partners.relationshipOwnerId })
    .from(partners)
    .where(eq(partners.coalitionId, ctx.coalitionId))
    .all();
  return dialogueCoverage(rows, lastContact, openNextSteps, today);
}

/** Each partner's latest interaction day up to `today`, and the open next steps with a due date (the coverage's inputs). */
function coverageInputs(db: CoalitionContext['db'], coalitionId: string, today: string) {
  const lastContact = new Map(
    db
      .select({ partnerId: interactions.partnerId, last: sql<string>`max(${interactions.occurredOn})` })
      .from(interactions)
      .where(and(eq(interactions.coalitionId, coalitionId), sql`${interactions.occurredOn} <= ${today}`))
      .groupBy(interactions.partnerId)
      .all()
      .map((r) => [r.partnerId, r.last] as const),
  );
  const openNextSteps = db
    .select({
      interactionId: interactions.id,
      partnerId: interactions.partnerId,
      partnerName: partners.name,
      nextStep: interactions.nextStep,
      nextStepDue: sql<string>`${interactions.nextStepDue}`,
      nextStepUserId: interactions.nextStepUserId,
    })
    .from(interactions)
    .innerJoin(partners, eq(partners.id, interactions.partnerId))
    .where(and(eq(interactions.coalitionId, coalitionId), isNotNull(interactions.nextStepDue), isNull(interactions.nextStepDoneOn)))
    .all();
  return { lastContact, openNextSteps };
}
