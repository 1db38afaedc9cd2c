/**
 * Property-test support: random plans (fast-check arbitraries), the instant near local
 * midnight in the coalition's zone, seeding a plan straight into the database (one
 * transaction), and independent oracles computed from the generated rows alone (no
 * @coalition/domain planning code).
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import {
  coalitions,
  memberships,
  milestoneDependencies,
  milestones,
  newId,
  partners,
  sessions,
  trackAssignments,
  tracks,
  type Db,
} from '@coalition/db';
import {
  ASSIGNMENT_ROLES,
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  MILESTONE_STATUSES,
  PARTNER_KINDS,
  TRACK_STATUSES,
  type AssignmentRole,
  type Contribution,
  type EngagementStage,
  type MilestoneStatus,
  type PlanMilestone,
  type PartnerKind,
  type TrackStatus,
} from '@coalition/domain';

// ---------------------------------------------------------------------------
// Calendar helpers (independent of @coalition/domain's dates.ts)
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfIso(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function shift(iso: string, days: number): string {
  return isoOfDay(dayOfIso(iso) + days);
}

// ---------------------------------------------------------------------------
// Time zones and the instant near local midnight
// ---------------------------------------------------------------------------

/** UTC, +14, −11, DST zones in both hemispheres, and half / three-quarter hour offsets. */
export const ZONES = [
  'UTC',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Asia/Kathmandu',
  'America/St_Johns',
] as const;

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading at instant `ms` in `timeZone`. */
export function wallClock(timeZone: string, ms: number) {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(ms);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const year = n('year');
  const month = n('month');
  const day = n('day');
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { date, year, month, day, hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** Local time minus UTC at instant `ms`, in milliseconds (whole seconds). */
function offsetMs(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of 00:00:00 on `isoDay` in `timeZone` (the zones above never change offset at midnight). */
export function localMidnight(timeZone: string, isoDay: string): number {
  const utcMidnight = Date.parse(`${isoDay}T00:00:00Z`);
  let t = utcMidnight - offsetMs(timeZone, utcMidnight);
  t = utcMidnight - offsetMs(timeZone, t);
  const w = wallClock(timeZone, t);
  if (w.date !== isoDay || w.hour !== 0 || w.minute !== 0 || w.second !== 0) {
    throw new Error(`localMidnight(${timeZone}, ${isoDay}) landed on ${w.date} ${w.hour}:${w.minute}:${w.second}`);
  }
  return t;
}

export interface Instant {
  timeZone: string;
  /** The server clock (ms). */
  clock: number;
  /** Minutes from local midnight (negative: 23:5x the evening before). */
  minuteOffset: number;
  /** The calendar date in `timeZone` at `clock`, by construction. */
  localToday: string;
  /** The UTC calendar date at `clock`. */
  utcDate: string;
}

/**
 * An instant `minutes` minutes (and `second` seconds) from local midnight starting `baseDay`
 * in `timeZone`: just after it (00:0m on baseDay) or just before it (23:5x the day before).
 * With `utcDiffers` the side is the one where the UTC date is not the local date (after
 * midnight east of Greenwich, before it west of it); without, the other side.
 */
export function instantNearMidnight(timeZone: string, baseDay: number, minutes: number, second: number, utcDiffers: boolean): Instant {
  const day = isoOfDay(baseDay);
  const midnight = localMidnight(timeZone, day);
  const east = offsetMs(timeZone, midnight) > 0;
  const after = utcDiffers === east;
  const minuteOffset = after ? minutes : -(minutes + 1);
  const clock = midnight + minuteOffset * 60_000 + second * 1000;
  const localToday = after ? day : shift(day, -1);
  return { timeZone, clock, minuteOffset, localToday, utcDate: new Date(clock).toISOString().slice(0, 10) };
}

// ---------------------------------------------------------------------------
// Random plans
// ---------------------------------------------------------------------------

export interface GenMilestone {
  track: number | null;
  status: MilestoneStatus;
  progress: number;
  /** Due date relative to the coalition's today. */
  dueOffset: number;
  /** Start date this many days before the due date, or none. */
  startLead: number | null;
  /** Completed this many days before today (used only when done). */
  completedAgo: number;
  owner: number | null;
}

export interface GenPlan {
  timeZone: string;
  baseDay: number;
  /** 0–9 minutes from local midnight. */
  minutes: number;
  second: number;
  /** Mostly on the side of midnight where the server's UTC date is not the coalition's date. */
  utcDiffers: boolean;
  /** Goal date relative to the coalition's today. */
  goalOffset: number;
  tracks: { status: TrackStatus }[];
  partners: { kind: PartnerKind; stage: EngagementStage; influence: number; interest: number; contributions: Contribution[] }[];
  milestones: GenMilestone[];
  /** Raw index pairs; resolved to a DAG (later index waits for earlier index) in materialize. */
  edges: [number, number][];
  assignments: { partner: number; track: number; role: AssignmentRole }[];
  /** Page size for milestone.list (500 = one page). */
  pageSize: number;
}

const BASE_FROM = dayOfIso('2024-01-01');
const BASE_TO = dayOfIso('2031-12-31');

/** Due dates: anywhere within ±120 days, with extra weight on the overdue / today / due-soon edges. */
const dueOffsetArb = fc.oneof(
  { arbitrary: fc.integer({ min: -120, max: 120 }), weight: 3 },
  { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 1 },
  { arbitrary: fc.integer({ min: 12, max: 17 }), weight: 1 },
);

export const milestoneArb: fc.Arbitrary<GenMilestone> = fc.record({
  track: fc.option(fc.nat({ max: 5 }), { freq: 3 }),
  status: fc.constantFrom(...MILESTONE_STATUSES),
  progress: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 50, 100)),
  dueOffset: dueOffsetArb,
  startLead: fc.option(fc.integer({ min: 0, max: 60 })),
  completedAgo: fc.oneof(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 3 })),
  owner: fc.option(fc.nat({ max: 9 })),
});

export function planArb(opts: { maxMilestones?: number; maxEdges?: number } = {}): fc.Arbitrary<GenPlan> {
  const maxMilestones = opts.maxMilestones ?? 40;
  const maxEdges = opts.maxEdges ?? 60;
  return fc.record({
    timeZone: fc.constantFrom(...ZONES),
    baseDay: fc.integer({ min: BASE_FROM, max: BASE_TO }),
    minutes: fc.integer({ min: 0, max: 9 }),
    second: fc.integer({ min: 0, max: 59 }),
    utcDiffers: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    goalOffset: fc.oneof(fc.integer({ min: -30, max: 200 }), fc.integer({ min: -2, max: 2 })),
    tracks: fc.array(fc.record({ status: fc.constantFrom(...TRACK_STATUSES) }), { maxLength: 6, size: 'max' }),
    partners: fc.array(
      fc.record({
        kind: fc.constantFrom(...PARTNER_KINDS),
        stage: fc.constantFrom(...ENGAGEMENT_STAGES),
        influence: fc.integer({ min: 1, max: 5 }),
        interest: fc.integer({ min: 1, max: 5 }),
        contributions: fc.subarray([...CONTRIBUTIONS]),
      }),
      { maxLength: 10, size: 'max' },
    ),
    // Plans of every size up to the cap (fast-check's default size would keep them tiny), some small ones.
    milestones: fc.oneof(
      { arbitrary: fc.array(milestoneArb, { maxLength: maxMilestones, size: 'max' }), weight: 3 },
      { arbitrary: fc.array(milestoneArb, { maxLength: Math.min(8, maxMilestones) }), weight: 1 },
    ),
    edges: fc.array(fc.tuple(fc.nat({ max: 39 }), fc.nat({ max: 39 })), { maxLength: maxEdges, size: 'max' }),
    assignments: fc.array(
      fc.record({ partner: fc.nat({ max: 9 }), track: fc.nat({ max: 5 }), role: fc.constantFrom(...ASSIGNMENT_ROLES) }),
      { maxLength: 20, size: 'max' },
    ),
    pageSize: fc.oneof(fc.constant(500), fc.integer({ min: 5, max: 15 })),
  });
}

// ---------------------------------------------------------------------------
// Materialising and seeding a plan
// ---------------------------------------------------------------------------

/** A generated milestone: the planning fields the domain reads, plus its place in the plan and its owner. */
export interface PlanMilestoneRow extends PlanMilestone {
  index: number;
  ownerPartnerId: string | null;
}

export interface SeededPlan {
  coalitionId: string;
  instant: Instant;
  /** The coalition's today, as the generator built it (not computed by the product). */
  today: string;
  goalDate: string;
  trackIds: string[];
  trackStatus: Map<string, TrackStatus>;
  milestones: PlanMilestoneRow[];
  byId: Map<string, PlanMilestoneRow>;
  /** `milestoneId` waits for `dependsOnId`; a DAG, no duplicates. */
  edges: { milestoneId: string; dependsOnId: string }[];
}

let planSeq = 0;

/**
 * Writes the plan as a fresh coalition owned by `ownerId` (coalition, membership, tracks,
 * partners, assignments, milestones, dependencies: one transaction) and returns its rows.
 */
export function seedPlan(db: Db, ownerId: string, plan: GenPlan): SeededPlan {
  const instant = instantNearMidnight(plan.timeZone, plan.baseDay, plan.minutes, plan.second, plan.utcDiffers);
  const today = instant.localToday;
  const goalDate = shift(today, plan.goalOffset);
  const coalitionId = newId();
  const created = instant.clock - 30 * DAY_MS;
  const base = { coalitionId, createdAt: created, updatedAt: created };

  const trackIds = plan.tracks.map(() => newId());
  const trackStatus = new Map(trackIds.map((id, i) => [id, plan.tracks[i]!.status]));
  const partnerIds = plan.partners.map(() => newId());

  const ms: PlanMilestoneRow[] = plan.milestones.map((g, index) => {
    const dueDate = shift(today, g.dueOffset);
    const done = g.status === 'done';
    return {
      id: newId(),
      index,
      trackId: g.track === null || trackIds.length === 0 ? null : trackIds[g.track % trackIds.length]!,
      title: `M${index}`,
      startDate: g.startLead === null ? null : shift(dueDate, -g.startLead),
      dueDate,
      status: g.status,
      progress: done ? 100 : g.progress,
      completedOn: done ? shift(today, -g.completedAgo) : null,
      ownerPartnerId: g.owner === null || partnerIds.length === 0 ? null : partnerIds[g.owner % partnerIds.length]!,
    };
  });

  const seen = new Set<string>();
  const edges: { milestoneId: string; dependsOnId: string }[] = [];
  if (ms.length >= 2) {
    for (const [a, b] of plan.edges) {
      const i = a % ms.length;
      const j = b % ms.length;
      if (i === j) continue;
      const later = ms[Math.max(i, j)]!;
      const earlier = ms[Math.min(i, j)]!;
      const key = `${later.id}>${earlier.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ milestoneId: later.id, dependsOnId: earlier.id });
    }
  }

  const assignmentKeys = new Set<string>();
  const assignments: { partnerId: string; trackId: string; role: AssignmentRole }[] = [];
  if (partnerIds.length && trackIds.length) {
    for (const a of plan.assignments) {
      const partnerId = partnerIds[a.partner % partnerIds.length]!;
      const trackId = trackIds[a.track % trackIds.length]!;
      const key = `${partnerId}/${trackId}`;
      if (assignmentKeys.has(key)) continue;
      assignmentKeys.add(key);
      assignments.push({ partnerId, trackId, role: a.role });
    }
  }

  db.transaction((tx) => {
    tx.insert(coalitions)
      .values({ id: coalitionId, name: `Plan ${++planSeq}`, goal: 'Convene the summit', goalDate, timeZone: plan.timeZone, createdAt: created, updatedAt: created })
      .run();
    tx.insert(memberships).values({ coalitionId, userId: ownerId, role: 'owner', createdAt: created }).run();
    if (trackIds.length) {
      tx.insert(tracks)
        .values(trackIds.map((id, i) => ({ ...base, id, name: `Track ${i}`, position: i, status: plan.tracks[i]!.status })))
        .run();
    }
    if (partnerIds.length) {
      tx.insert(partners)
        .values(
          partnerIds.map((id, i) => {
            const p = plan.partners[i]!;
            return {
              ...base,
              id,
              name: `Partner ${i}`,
              kind: p.kind,
              stage: p.stage,
              influence: p.influence,
              interest: p.interest,
              contributions: p.contributions,
              committedOn: p.stage === 'committed' || p.stage === 'champion' ? shift(today, -i - 1) : null,
            };
          }),
        )
        .run();
    }
    if (assignments.length) tx.insert(trackAssignments).values(assignments.map((a) => ({ ...base, ...a }))).run();
    if (ms.length) tx.insert(milestones).values(ms.map(({ index: _i, ...m }) => ({ ...base, ...m }))).run();
    if (edges.length) {
      tx.insert(milestoneDependencies)
        .values(edges.map((e, i) => ({ coalitionId, ...e, createdAt: created + ((i * 7919) % 1000) })))
        .run();
    }
  });

  return { coalitionId, instant, today, goalDate, trackIds, trackStatus, milestones: ms, byId: new Map(ms.map((m) => [m.id, m])), edges };
}

/** Removes a seeded coalition and everything in it (foreign keys cascade). */
export function dropPlan(db: Db, coalitionId: string): void {
  db.delete(coalitions).where(eq(coalitions.id, coalitionId)).run();
}

/** Lets a test session survive a clock that jumps across years (test database only). */
export function neverExpire(db: Db): void {
  const farFuture = Date.UTC(9999, 0, 1);
  db.update(sessions).set({ expiresAt: farFuture, absoluteExpiresAt: farFuture }).run();
}

// ---------------------------------------------------------------------------
// Oracles: the definitions, restated from the spec on the generated rows
// ---------------------------------------------------------------------------

export const isOpen = (s: MilestoneStatus) => s !== 'done' && s !== 'dropped';

export interface OracleBucket {
  progress: number;
  milestoneCount: number;
  doneCount: number;
  droppedCount: number;
  overdueCount: number;
}

/** Average progress over non-dropped milestones (done counts 100), whole percent; empty → 0. */
export function oracleBucket(ms: readonly PlanMilestoneRow[], today: string): OracleBucket {
  let sum = 0;
  let count = 0;
  let done = 0;
  let dropped = 0;
  let overdue = 0;
  for (const m of ms) {
    if (m.status === 'dropped') {
      dropped++;
      continue;
    }
    count++;
    sum += m.status === 'done' ? 100 : m.progress;
    if (m.status === 'done') done++;
    if (isOpen(m.status) && m.dueDate < today) overdue++;
  }
  return { progress: count ? Math.round(sum / count) : 0, milestoneCount: count, doneCount: done, droppedCount: dropped, overdueCount: overdue };
}

export type OracleDue = 'overdue' | 'soon' | 'later' | 'closed';

export function oracleDue(m: Pick<PlanMilestoneRow, 'status' | 'dueDate'>, today: string): OracleDue {
  if (!isOpen(m.status)) return 'closed';
  if (m.dueDate < today) return 'overdue';
  if (m.dueDate <= shift(today, 14)) return 'soon';
  return 'later';
}

/** Late: the waiting milestone is open, the dependency is not dropped and finishes after the waiting one is due. */
export function oracleLate(waiting: PlanMilestoneRow, dep: PlanMilestoneRow): boolean {
  if (!isOpen(waiting.status) || dep.status === 'dropped') return false;
  const finish = dep.status === 'done' ? dep.completedOn ?? dep.dueDate : dep.dueDate;
  return finish > waiting.dueDate;
}

export function oracleLatePairs(plan: SeededPlan): Set<string> {
  const out = new Set<string>();
  for (const e of plan.edges) {
    if (oracleLate(plan.byId.get(e.milestoneId)!, plan.byId.get(e.dependsOnId)!)) out.add(pairKey(e.milestoneId, e.dependsOnId));
  }
  return out;
}

export const pairKey = (milestoneId: string, dependsOnId: string) => `${milestoneId}>${dependsOnId}`;

export const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
