/**
 * Demo data for a new install: a demo account and one coalition per built-in template (the
 * live one with a policy dialogue and positions over time, seedDialogue.ts), created through the real router (the same validation, activity log and sessions as a
 * user clicking through the app).
 *
 *   npx -y pnpm@10.34.9 db:seed          (or `tsx src/seed-cli.ts` in apps/server)
 */
import { eq, sql } from 'drizzle-orm';
import { appRouter, createCallerFactory, createContext, type AppServices } from '@coalition/api';
import { users } from '@coalition/db';
import { seedDialogue } from './seedDialogue.ts';
import { seedPlanning } from './seedPlanning.ts';

export const DEMO_USER = {
  email: 'demo@coalition.example',
  password: 'demo-password-2020',
  name: 'Demo Coordinator',
} as const;

const createCaller = createCallerFactory(appRouter);
export type SeedCaller = ReturnType<typeof createCaller>;

export interface SeedResult {
  /** False when the demo account already existed (nothing was created). */
  created: boolean;
  userId: string;
  coalitions: { id: string; name: string; templateId: string }[];
}

export function demoUserExists(services: AppServices): boolean {
  return !!services.db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, DEMO_USER.email))
    .get();
}

export async function seedDemo(services: AppServices): Promise<SeedResult> {
  const existing = services.db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, DEMO_USER.email))
    .get();
  if (existing) return { created: false, userId: existing.id, coalitions: [] };

  let token = '';
  const signUpCaller = createCaller(
    createContext(services, {
      clientAddress: 'seed',
      cookies: { set: (t) => void (token = t), clear: () => {} },
    }),
  );
  const user = await signUpCaller.auth.signUp({ ...DEMO_USER });
  const caller = createCaller(() => createContext(services, { sessionToken: token, clientAddress: 'seed' }));

  const coalitions: SeedResult['coalitions'] = [];
  const templates = await caller.coalition.templates();
  // The historical campaigns keep their real dates; the World Summit plan is re-based so its
  // as-of day is today, giving a live plan to look at (countdown, due soon, critical path).
  for (const template of [...templates].reverse()) {
    const templateId = template.id as Parameters<typeof caller.coalition.createFromTemplate>[0]['templateId'];
    const live = templateId === 'world-summit-2020';
    const coalition = await caller.coalition.createFromTemplate({
      templateId,
      ...(live ? { startToday: true, name: "World Summit plan (live demo, re-based to today)" } : {}),
    });
    coalitions.push({ id: coalition.id, name: coalition.name, templateId: template.id });
    // The live plan gets a policy dialogue of the last months and the positions it showed.
    if (live) {
      await seedDialogue(caller, coalition.id, user.id);
      // …and ranged estimates (the odds), a baseline and one slip past it.
      await seedPlanning(caller, coalition.id);
    }
  }
  // The seeding session is not needed any more.
  await caller.auth.signOut();
  return { created: true, userId: user.id, coalitions };
}
