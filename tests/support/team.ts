/**
 * A coalition with an owner, an editor and a viewer, plus an outsider who owns another
 * coalition (for "an id from another coalition" checks). Memberships are written directly:
 * these tests are about the plan routers, not invitations.
 */
import { and, eq, sql } from 'drizzle-orm';
import { activity, memberships } from '@coalition/db';
import type { Role } from '@coalition/domain';
import { countStatements, type TestApp, type TestUser } from './harness.ts';

export interface Team {
  coalitionId: string;
  otherCoalitionId: string;
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  outsider: TestUser;
}

export async function createTeam(app: TestApp): Promise<Team> {
  const [owner, editor, viewer, outsider] = await Promise.all([
    app.signUp('Owner'),
    app.signUp('Editor'),
    app.signUp('Viewer'),
    app.signUp('Outsider'),
  ]);
  const coalition = await owner!.caller.coalition.create({ name: 'Summit coalition', goal: 'Convene the summit', goalDate: '2030-06-01' });
  const other = await outsider!.caller.coalition.create({ name: 'Other coalition', goal: 'Something else', goalDate: '2031-01-01' });
  const add = (user: TestUser, role: Role) =>
    app.db.insert(memberships).values({ coalitionId: coalition.id, userId: user.id, role, createdAt: Date.now() }).run();
  add(editor!, 'editor');
  add(viewer!, 'viewer');
  return { coalitionId: coalition.id, otherCoalitionId: other.id, owner: owner!, editor: editor!, viewer: viewer!, outsider: outsider! };
}

/** The activity rows of a coalition, oldest first. */
export function activityOf(app: TestApp, coalitionId: string) {
  return app.db.select().from(activity).where(eq(activity.coalitionId, coalitionId)).orderBy(activity.id).all();
}

export function activityCount(app: TestApp, coalitionId: string, action?: string): number {
  return app.db
    .select({ n: sql<number>`count(*)` })
    .from(activity)
    .where(and(eq(activity.coalitionId, coalitionId), action ? eq(activity.action, action) : undefined))
    .get()!.n;
}

/** Runs `fn` and returns how many SQL statements were prepared meanwhile (drizzle prepares one per query). */
/** How many SQL statements the app's connection runs while `fn` runs. */
export async function countQueries(app: TestApp, fn: () => Promise<unknown>): Promise<number> {
  return (await countStatements(app, fn)).statements.length;
}

/** Makes every activity insert fail, to prove a change and its activity row share one transaction. */
export function breakActivityLog(app: TestApp): () => void {
  app.db.$client.exec(
    "CREATE TEMP TRIGGER activity_broken BEFORE INSERT ON activity BEGIN SELECT RAISE(ABORT, 'activity log unavailable'); END;",
  );
  return () => app.db.$client.exec('DROP TRIGGER temp.activity_broken');
}
