/**
 * The benchmark's workspaces: a coalition of realistic shape and size written straight into a
 * SQLite file through the import writer (the same rows the app would hold), plus a member with
 * a known password. Deterministic: the same size gives the same plan.
 *
 *   big:  5,000 milestones (~3,000 dependencies), 500 partners, 15 tracks, 1,500 assignments
 *   huge: 20,000 milestones (~12,000 dependencies), 500 partners, 15 tracks
 *
 * One open milestone in five carries a ranged estimate (the forecast's three-point estimate:
 * three weeks early, a week late, two months late around its due date).
 */
import {
  addDays,
  ASSIGNMENT_ROLES,
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  EXPORT_FORMAT,
  MILESTONE_STATUSES,
  PARTNER_KINDS,
  planImport,
  todayIn,
  type WorkspaceFile,
} from '@coalition/domain';
import { newId, openDb, type Db } from '@coalition/db';
import { coalitions, memberships, users } from '@coalition/db/schema';
import { hashPassword } from '@coalition/auth';
import { writeImportPlan } from '../packages/api/src/services/transfer.ts';

export interface WorkspaceSize {
  milestones: number;
  partners: number;
  tracks: number;
  /** Roles per partner (three gives ~1,500 assignments for 500 partners). */
  rolesPerPartner: number;
}

export const BIG: WorkspaceSize = { milestones: 5_000, partners: 500, tracks: 15, rolesPerPartner: 3 };
export const HUGE: WorkspaceSize = { milestones: 20_000, partners: 500, tracks: 15, rolesPerPartner: 3 };

export const BENCH_USER = { email: 'bench@coalition.example', password: 'bench-password-2026', name: 'Bench User' };

/** A plan around `today`: done in the past, open ones on both sides of today, chains per track. */
export function workspaceFile(size: WorkspaceSize, today: string): WorkspaceFile {
  const start = addDays(today, -400);
  const tracks = Array.from({ length: size.tracks }, (_, i) => ({
    id: `t${i}`,
    name: `Track ${i + 1}`,
    objective: `Objective of track ${i + 1}`,
    status: i % 7 === 6 ? ('on_hold' as const) : ('active' as const),
  }));
  const partners = Array.from({ length: size.partners }, (_, i) => {
    const stage = ENGAGEMENT_STAGES[i % ENGAGEMENT_STAGES.length]!;
    return {
      id: `p${i}`,
      name: `Partner ${String(i).padStart(4, '0')}`,
      kind: PARTNER_KINDS[i % PARTNER_KINDS.length]!,
      country: '',
      contact: '',
      contributions: [CONTRIBUTIONS[i % 4]!, CONTRIBUTIONS[(i + 1) % 4]!],
      influence: (i % 5) + 1,
      interest: ((i * 3) % 5) + 1,
      stage,
      committedOn: stage === 'committed' || stage === 'champion' ? addDays(start, i % 380) : null,
      notes: '',
    };
  });
  const seen = new Set<string>();
  const assignments = partners.flatMap((p, i) =>
    Array.from({ length: size.rolesPerPartner }, (_, k) => ({ partnerId: p.id, trackId: `t${(i + k * 5) % size.tracks}`, role: ASSIGNMENT_ROLES[(i + k) % 5]! })).filter((a) => {
      const key = `${a.partnerId} ${a.trackId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
  const milestones = Array.from({ length: size.milestones }, (_, i) => {
    const dueDate = addDays(start, Math.floor((i * 800) / size.milestones));
    const past = dueDate < today;
    const status = past ? (i % 5 === 0 ? MILESTONE_STATUSES[i % 4]! : 'done') : MILESTONE_STATUSES[i % 4]!;
    return {
      id: `m${i}`,
      trackId: i % 10 === 0 ? null : `t${i % size.tracks}`,
      title: `Milestone ${i}: a step toward the summit`,
      description: '',
      startDate: i % 3 === 0 ? addDays(dueDate, -30) : null,
      dueDate,
      status: i % 97 === 0 ? ('dropped' as const) : status,
      progress: status === 'done' ? 100 : (i * 13) % 100,
      ownerPartnerId: `p${i % size.partners}`,
      completedOn: status === 'done' && i % 97 !== 0 ? dueDate : null,
    };
  });
  // Every other milestone waits for the previous one of its track, and every tenth also for one
  // of another track: ~0.6 dependencies per milestone, in long chains (a DAG: always an earlier one).
  const lastInTrack = new Map<string, string>();
  const dependencies: WorkspaceFile['dependencies'] = [];
  milestones.forEach((m, i) => {
    const lane = m.trackId ?? 'wide';
    const prev = lastInTrack.get(lane);
    if (prev && i % 2 === 0) dependencies.push({ milestoneId: m.id, dependsOnId: prev });
    if (i % 10 === 5 && i > 40) dependencies.push({ milestoneId: m.id, dependsOnId: `m${i - 37}` });
    lastInTrack.set(lane, m.id);
  });
  return {
    format: EXPORT_FORMAT,
    coalition: { name: `Bench ${size.milestones}`, goal: 'Convene the summit', goalDate: addDays(start, 820), description: '', timeZone: 'UTC' },
    partners,
    tracks,
    assignments,
    milestones,
    dependencies,
    bottlenecks: Array.from({ length: 40 }, (_, i) => ({
      id: `b${i}`,
      trackId: `t${i % size.tracks}`,
      milestoneId: null,
      title: `Bottleneck ${i}`,
      description: '',
      severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!,
      status: (['open', 'reframing', 'resolved'] as const)[i % 3]!,
      narrative: 'A new framing',
    })),
    comments: [],
  };
}

/** The bench user (created once per database), with its argon2 hash. */
export async function ensureUser(db: Db): Promise<string> {
  const found = db.$client.prepare('SELECT id FROM users WHERE email = ?').get(BENCH_USER.email) as { id: string } | undefined;
  if (found) return found.id;
  const id = newId();
  db.insert(users).values({ id, email: BENCH_USER.email, name: BENCH_USER.name, passwordHash: await hashPassword(BENCH_USER.password), createdAt: Date.now() }).run();
  return id;
}

/** Writes a workspace of `size` for `userId` (its owner) into `db`; returns the coalition id. */
export function seedWorkspace(db: Db, userId: string, size: WorkspaceSize, now = Date.now()): string {
  const today = todayIn('UTC', now);
  const file = workspaceFile(size, today);
  const planned = planImport(file, { userId, now, today, newId });
  if (!planned.ok) throw new Error(`bench workspace: ${planned.field}: ${planned.message}`);
  const coalitionId = newId();
  db.transaction((tx) => {
    tx.insert(coalitions).values({ id: coalitionId, ...file.coalition, timeZone: 'UTC', template: null, version: 1, createdAt: now - 400 * 86_400_000, updatedAt: now }).run();
    tx.insert(memberships).values({ coalitionId, userId, role: 'owner', createdAt: now }).run();
    writeImportPlan(tx, db.$client, coalitionId, planned.plan, { now, today });
    giveEstimates(db, coalitionId);
  });
  return coalitionId;
}

/** Share of open milestones with a ranged estimate: one in `ESTIMATE_EVERY`. */
export const ESTIMATE_EVERY = 5;

/** Ranged estimates for one open milestone in ESTIMATE_EVERY (by due date), around its due date. */
function giveEstimates(db: Db, coalitionId: string) {
  db.$client
    .prepare(
      `UPDATE milestones SET estimate_optimistic = date(due_date, '-21 days'), estimate_likely = date(due_date, '+7 days'), estimate_pessimistic = date(due_date, '+60 days')
       WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY due_date, id) AS n FROM milestones
                                    WHERE coalition_id = ? AND status NOT IN ('done', 'dropped')) WHERE n % ${ESTIMATE_EVERY} = 0)`,
    )
    .run(coalitionId);
}

/** A fresh database at `path` holding the bench user and the given workspaces. */
export async function buildBenchDatabase(path: string, sizes: WorkspaceSize[]): Promise<{ userId: string; coalitionIds: string[] }> {
  const db = openDb(path);
  try {
    const userId = await ensureUser(db);
    const coalitionIds = sizes.map((s) => seedWorkspace(db, userId, s));
    return { userId, coalitionIds };
  } finally {
    db.$client.close();
  }
}
