/**
 * Plan fixtures for API tests: a coalition with an owner, an editor and a viewer, and
 * tracks and partners written straight to the database (so these tests do not depend on
 * the track and partner routers).
 */
import { memberships, newId, partners, tracks } from '@coalition/db';
import type { Role } from '@coalition/domain';
import { createTestApp, type TestApp, type TestUser } from './harness.ts';

export interface PlanWorld {
  app: TestApp;
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  /** A member of another coalition only. */
  outsider: TestUser;
}

/** One app and four users (sign-up hashes passwords: do this once per file, in beforeAll). */
export async function createPlanWorld(
  overrides: Parameters<typeof createTestApp>[0] = {},
  names = ['Olivia Owner', 'Edgar Editor', 'Vera Viewer', 'Otto Outsider'],
): Promise<PlanWorld> {
  const app = createTestApp(overrides);
  const [owner, editor, viewer, outsider] = [
    await app.signUp(names[0]),
    await app.signUp(names[1]),
    await app.signUp(names[2]),
    await app.signUp(names[3]),
  ];
  return { app, owner: owner!, editor: editor!, viewer: viewer!, outsider: outsider! };
}

export function addMember(app: TestApp, coalitionId: string, userId: string, role: Role): void {
  app.db.insert(memberships).values({ coalitionId, userId, role, createdAt: Date.now() }).run();
}

/** A fresh coalition owned by `owner`, with `editor` and `viewer` as members. */
export async function createCoalition(world: PlanWorld, name = 'Summit coalition'): Promise<string> {
  const c = await world.owner.caller.coalition.create({ name, goal: 'Convene the summit', goalDate: '2030-06-30' });
  addMember(world.app, c.id, world.editor.id, 'editor');
  addMember(world.app, c.id, world.viewer.id, 'viewer');
  return c.id;
}

/** A coalition of the outsider's own (for cross-coalition checks). */
export async function createForeignCoalition(world: PlanWorld): Promise<string> {
  const c = await world.outsider.caller.coalition.create({ name: 'Elsewhere', goal: 'Other goal', goalDate: '2031-01-01' });
  return c.id;
}

let position = 0;

export function insertTrack(app: TestApp, coalitionId: string, name = 'Track'): string {
  const id = newId();
  const now = Date.now();
  app.db
    .insert(tracks)
    .values({ id, coalitionId, name, position: ++position, color: '#1d4ed8', createdAt: now, updatedAt: now })
    .run();
  return id;
}

export function insertPartner(app: TestApp, coalitionId: string, name = 'Partner'): string {
  const id = newId();
  const now = Date.now();
  app.db.insert(partners).values({ id, coalitionId, name, kind: 'civil_society', createdAt: now, updatedAt: now }).run();
  return id;
}

/** The error a rejected call threw (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('Expected the call to be refused');
}
