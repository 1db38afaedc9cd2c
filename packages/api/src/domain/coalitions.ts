import { coalitions, memberships, newId, type Tx } from '@coalition/db';
import { commitChange, type ActivityEntry } from '../change.ts';
import type { Context } from '../context.ts';

export interface NewCoalition {
  name: string;
  goal: string;
  goalDate: string;
  description: string;
}

/**
 * Creates a coalition with its creator as owner, then lets `fill` add plan data, in one
 * transaction with one activity row; `fill` may return how that row should read.
 */
export function createCoalition(
  ctx: Context & { user: { id: string } },
  input: NewCoalition,
  template: string | null,
  fill: (tx: Tx, coalitionId: string, now: number) => void | Pick<ActivityEntry, 'action' | 'summary' | 'data'>,
) {
  const id = newId();
  return commitChange({ ...ctx, coalitionId: id }, (tx, log, now) => {
    const coalition = tx
      .insert(coalitions)
      .values({ id, ...input, template, version: 1, createdAt: now, updatedAt: now })
      .returning()
      .get();
    tx.insert(memberships).values({ coalitionId: id, userId: ctx.user.id, role: 'owner', createdAt: now }).run();
    const entry = fill(tx, id, now);
    log({
      action: 'coalition.created',
      entityType: 'coalition',
      entityId: id,
      summary: template ? `created the coalition from the ${template} template` : 'created the coalition',
      data: { name: input.name },
      ...entry,
    });
    return { ...coalition, role: 'owner' as const };
  });
}
