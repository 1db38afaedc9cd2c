/**
 * Workspace export and import (plain functions; the transfer router loads and writes rows).
 *
 * - `buildExport`: the whole workspace as one JSON document (`coalition-planner/v1`). Ids are
 *   kept as they are, so every reference inside the file resolves.
 * - `toMilestonesCsv`: the milestones as RFC 4180 CSV, guarded against formula injection.
 * - `toICalendar`: an RFC 5545 calendar with one all-day event per milestone due date and
 *   one for the goal date.
 * - `zWorkspaceFile` + `planImport`: strict validation of a file and the rows that recreate
 *   it in a new coalition, every id remapped to a fresh one. Any problem is reported before
 *   anything is written.
 */
import { z } from 'zod';
import {
  ASSIGNMENT_ROLES,
  BOTTLENECK_SEVERITIES,
  BOTTLENECK_STATUSES,
  COMMENT_TARGETS,
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  MILESTONE_STATUSES,
  PARTNER_KINDS,
  TRACK_STATUSES,
  type AssignmentRole,
  type BottleneckSeverity,
  type BottleneckStatus,
  type CommentTarget,
  type Contribution,
  type EngagementStage,
  type MilestoneStatus,
  type PartnerKind,
  type TrackStatus,
} from '@coalition/db';
import { fieldError } from '../errors.ts';
import { zColor, zDate, zName, zText } from '../validators.ts';
import { addDays } from './dates.ts';
import { findAnyCycle } from './dependencies.ts';
import { applyMilestoneRules, blankMilestone } from './milestones.ts';
import { committedOnAfter } from './partnerRules.ts';
import { defaultTrackColor } from './tracks.ts';

export const EXPORT_FORMAT = 'coalition-planner/v1' as const;

/** The most of each kind of record one import may carry. */
export const IMPORT_LIMITS = {
  partners: 2_000,
  tracks: 100,
  assignments: 50_000,
  milestones: 10_000,
  dependencies: 50_000,
  bottlenecks: 10_000,
  comments: 50_000,
} as const;

// ---------------------------------------------------------------------------
// The file format
// ---------------------------------------------------------------------------

export interface ExportedPartner {
  id: string;
  name: string;
  kind: PartnerKind;
  country: string;
  contact: string;
  contributions: Contribution[];
  influence: number;
  interest: number;
  stage: EngagementStage;
  committedOn: string | null;
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedTrack {
  id: string;
  name: string;
  objective: string;
  color: string;
  position: number;
  status: TrackStatus;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedAssignment {
  partnerId: string;
  trackId: string;
  role: AssignmentRole;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedMilestone {
  id: string;
  trackId: string | null;
  title: string;
  description: string;
  startDate: string | null;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
  ownerPartnerId: string | null;
  completedOn: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedDependency {
  milestoneId: string;
  dependsOnId: string;
  createdAt: number;
}

export interface ExportedBottleneck {
  id: string;
  trackId: string | null;
  milestoneId: string | null;
  title: string;
  description: string;
  severity: BottleneckSeverity;
  status: BottleneckStatus;
  narrative: string;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedComment {
  id: string;
  targetType: CommentTarget;
  targetId: string;
  body: string;
  /** The author's display name at export time; null when the account is gone. */
  authorName: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WorkspaceExport {
  format: typeof EXPORT_FORMAT;
  /** When the file was made (ms since the epoch). */
  exportedAt: number;
  coalition: { name: string; goal: string; goalDate: string; description: string };
  partners: ExportedPartner[];
  tracks: ExportedTrack[];
  assignments: ExportedAssignment[];
  milestones: ExportedMilestone[];
  dependencies: ExportedDependency[];
  bottlenecks: ExportedBottleneck[];
  comments: ExportedComment[];
}

/** The rows of one coalition, as loaded by the router (extra columns are ignored). */
export interface WorkspaceRows {
  coalition: WorkspaceExport['coalition'];
  partners: readonly ExportedPartner[];
  tracks: readonly ExportedTrack[];
  assignments: readonly ExportedAssignment[];
  milestones: readonly ExportedMilestone[];
  dependencies: readonly ExportedDependency[];
  bottlenecks: readonly ExportedBottleneck[];
  comments: readonly ExportedComment[];
}

/**
 * The export document. Only the listed fields are copied (no coalition ids, versions or
 * user ids), and comments whose target is not in the workspace any more are left out, so
 * the file always imports again.
 */
export function buildExport(rows: WorkspaceRows, exportedAt: number): WorkspaceExport {
  const targets: Record<CommentTarget, Set<string>> = {
    partner: new Set(rows.partners.map((p) => p.id)),
    track: new Set(rows.tracks.map((t) => t.id)),
    milestone: new Set(rows.milestones.map((m) => m.id)),
    bottleneck: new Set(rows.bottlenecks.map((b) => b.id)),
  };
  return {
    format: EXPORT_FORMAT,
    exportedAt,
    coalition: {
      name: rows.coalition.name,
      goal: rows.coalition.goal,
      goalDate: rows.coalition.goalDate,
      description: rows.coalition.description,
    },
    partners: rows.partners.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      country: p.country,
      contact: p.contact,
      contributions: [...p.contributions],
      influence: p.influence,
      interest: p.interest,
      stage: p.stage,
      committedOn: p.committedOn,
      notes: p.notes,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
    tracks: rows.tracks.map((t) => ({
      id: t.id,
      name: t.name,
      objective: t.objective,
      color: t.color,
      position: t.position,
      status: t.status,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    })),
    assignments: rows.assignments.map((a) => ({
      partnerId: a.partnerId,
      trackId: a.trackId,
      role: a.role,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
    milestones: rows.milestones.map((m) => ({
      id: m.id,
      trackId: m.trackId,
      title: m.title,
      description: m.description,
      startDate: m.startDate,
      dueDate: m.dueDate,
      status: m.status,
      progress: m.progress,
      ownerPartnerId: m.ownerPartnerId,
      completedOn: m.completedOn,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    })),
    dependencies: rows.dependencies.map((d) => ({
      milestoneId: d.milestoneId,
      dependsOnId: d.dependsOnId,
      createdAt: d.createdAt,
    })),
    bottlenecks: rows.bottlenecks.map((b) => ({
      id: b.id,
      trackId: b.trackId,
      milestoneId: b.milestoneId,
      title: b.title,
      description: b.description,
      severity: b.severity,
      status: b.status,
      narrative: b.narrative,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    })),
    comments: rows.comments
      .filter((c) => targets[c.targetType]?.has(c.targetId))
      .map((c) => ({
        id: c.id,
        targetType: c.targetType,
        targetId: c.targetId,
        body: c.body,
        authorName: c.authorName,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      })),
  };
}

// ---------------------------------------------------------------------------
// Import validation
// ---------------------------------------------------------------------------

/** An id inside the file: any short token (ids are remapped, so they need not be ours). */
const zFileId = z.string().min(1, 'Required').max(100, 'At most 100 characters');
const zInstant = z.number().int().min(0).max(8_640_000_000_000_000);
const zScore = z.number().int('A whole number').min(1, 'From 1 to 5').max(5, 'From 1 to 5');
const zMany = <T extends z.ZodType>(item: T, max: number, label: string) =>
  z.array(item).max(max, `At most ${max.toLocaleString('en')} ${label} in one import`);

export const zWorkspaceFile = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `Not a coalition planner export (format must be "${EXPORT_FORMAT}")` }),
  exportedAt: zInstant.optional(),
  coalition: z.strictObject({
    name: zName(200),
    goal: zName(500),
    goalDate: zDate,
    description: zText(5000).default(''),
  }),
  partners: zMany(
    z.strictObject({
      id: zFileId,
      name: zName(200),
      kind: z.enum(PARTNER_KINDS),
      country: zText(100).default(''),
      contact: zText(300).default(''),
      contributions: z.array(z.enum(CONTRIBUTIONS)).max(CONTRIBUTIONS.length).default([]),
      influence: zScore.default(3),
      interest: zScore.default(3),
      stage: z.enum(ENGAGEMENT_STAGES).default('identified'),
      committedOn: zDate.nullable().default(null),
      notes: zText(5000).default(''),
      createdAt: zInstant.optional(),
      updatedAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.partners,
    'partners',
  ).default([]),
  tracks: zMany(
    z.strictObject({
      id: zFileId,
      name: zName(200),
      objective: zText(2000).default(''),
      color: zColor.optional(),
      position: z.number().int().min(-1_000_000).max(1_000_000).optional(),
      status: z.enum(TRACK_STATUSES).default('active'),
      createdAt: zInstant.optional(),
      updatedAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.tracks,
    'tracks',
  ).default([]),
  assignments: zMany(
    z.strictObject({
      partnerId: zFileId,
      trackId: zFileId,
      role: z.enum(ASSIGNMENT_ROLES),
      createdAt: zInstant.optional(),
      updatedAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.assignments,
    'assignments',
  ).default([]),
  milestones: zMany(
    z.strictObject({
      id: zFileId,
      trackId: zFileId.nullable().default(null),
      title: zName(300),
      description: zText(10000).default(''),
      startDate: zDate.nullable().default(null),
      dueDate: zDate,
      status: z.enum(MILESTONE_STATUSES).default('planned'),
      progress: z.number().int('A whole number').min(0, 'From 0 to 100').max(100, 'From 0 to 100').default(0),
      ownerPartnerId: zFileId.nullable().default(null),
      completedOn: zDate.nullable().default(null),
      createdAt: zInstant.optional(),
      updatedAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.milestones,
    'milestones',
  ).default([]),
  dependencies: zMany(
    z.strictObject({
      milestoneId: zFileId,
      dependsOnId: zFileId,
      createdAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.dependencies,
    'dependencies',
  ).default([]),
  bottlenecks: zMany(
    z.strictObject({
      id: zFileId,
      trackId: zFileId.nullable().default(null),
      milestoneId: zFileId.nullable().default(null),
      title: zName(300),
      description: zText(5000).default(''),
      severity: z.enum(BOTTLENECK_SEVERITIES).default('medium'),
      status: z.enum(BOTTLENECK_STATUSES).default('open'),
      narrative: zText(10000).default(''),
      createdAt: zInstant.optional(),
      updatedAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.bottlenecks,
    'bottlenecks',
  ).default([]),
  comments: zMany(
    z.strictObject({
      id: zFileId,
      targetType: z.enum(COMMENT_TARGETS),
      targetId: zFileId,
      body: z.string().trim().min(1, 'Required').max(10000, 'At most 10000 characters'),
      authorName: z.string().max(200).nullable().default(null),
      createdAt: zInstant.optional(),
      updatedAt: zInstant.optional(),
    }),
    IMPORT_LIMITS.comments,
    'comments',
  ).default([]),
});

/** A validated import file. */
export type WorkspaceFile = z.output<typeof zWorkspaceFile>;

/** The rows that recreate a file in a new coalition (every row still needs `coalitionId`). */
export interface ImportPlan {
  partners: {
    id: string;
    name: string;
    kind: PartnerKind;
    country: string;
    contact: string;
    contributions: Contribution[];
    influence: number;
    interest: number;
    stage: EngagementStage;
    committedOn: string | null;
    notes: string;
    version: number;
    createdAt: number;
    updatedAt: number;
  }[];
  tracks: {
    id: string;
    name: string;
    objective: string;
    color: string;
    position: number;
    status: TrackStatus;
    version: number;
    createdAt: number;
    updatedAt: number;
  }[];
  assignments: { partnerId: string; trackId: string; role: AssignmentRole; createdAt: number; updatedAt: number }[];
  milestones: {
    id: string;
    trackId: string | null;
    title: string;
    description: string;
    startDate: string | null;
    dueDate: string;
    status: MilestoneStatus;
    progress: number;
    ownerPartnerId: string | null;
    completedOn: string | null;
    version: number;
    createdAt: number;
    updatedAt: number;
  }[];
  dependencies: { milestoneId: string; dependsOnId: string; createdAt: number }[];
  bottlenecks: {
    id: string;
    trackId: string | null;
    milestoneId: string | null;
    title: string;
    description: string;
    severity: BottleneckSeverity;
    status: BottleneckStatus;
    narrative: string;
    version: number;
    createdAt: number;
    updatedAt: number;
  }[];
  comments: {
    id: string;
    targetType: CommentTarget;
    targetId: string;
    authorId: string;
    body: string;
    mentions: string[];
    version: number;
    createdAt: number;
    updatedAt: number;
  }[];
  counts: Record<'partners' | 'tracks' | 'assignments' | 'milestones' | 'dependencies' | 'bottlenecks' | 'comments', number>;
}

export interface ImportOptions {
  /** The importing user: the author of every imported comment. */
  userId: string;
  now: number;
  /** Today (YYYY-MM-DD): completion date of a done milestone that has none, as when marking it done. */
  today: string;
  newId: () => string;
}

const COMMENT_BODY_MAX = 10000;

/** `(imported, originally by Name) body`, cut to the comment length limit. */
export function importedCommentBody(authorName: string | null, body: string): string {
  const by = authorName?.trim() ? authorName.trim() : 'an unknown author';
  const text = `(imported, originally by ${by}) ${body}`;
  return text.length <= COMMENT_BODY_MAX ? text : `${text.slice(0, COMMENT_BODY_MAX - 1)}…`;
}

/** Maps the file's ids of one kind to fresh ids; a repeated id is refused. */
function remap(items: readonly { id: string }[], kind: string, section: string, newId: () => string): Map<string, string> {
  const map = new Map<string, string>();
  items.forEach((item, i) => {
    if (map.has(item.id)) throw fieldError(`data.${section}.${i}.id`, `The ${kind} id "${item.id}" appears twice in the file`);
    map.set(item.id, newId());
  });
  return map;
}

/**
 * Checks that every reference in a validated file resolves, that no pair is listed twice,
 * that the dependencies form no cycle and that each milestone keeps the milestone rules;
 * then returns the rows to insert with every id remapped. Throws a BAD_REQUEST naming the
 * offending entry (as `data.<section>.<index>.<field>`) on the first problem.
 */
export function planImport(file: WorkspaceFile, opts: ImportOptions): ImportPlan {
  const { now, newId } = opts;
  const partnerIds = remap(file.partners, 'partner', 'partners', newId);
  const trackIds = remap(file.tracks, 'track', 'tracks', newId);
  const milestoneIds = remap(file.milestones, 'milestone', 'milestones', newId);
  const bottleneckIds = remap(file.bottlenecks, 'bottleneck', 'bottlenecks', newId);
  const commentIds = remap(file.comments, 'comment', 'comments', newId);

  const resolve = (map: Map<string, string>, id: string, kind: string, field: string): string => {
    const mapped = map.get(id);
    if (!mapped) throw fieldError(field, `${field} refers to the ${kind} "${id}", which is not in the file`);
    return mapped;
  };
  const resolveOptional = (map: Map<string, string>, id: string | null, kind: string, field: string) =>
    id === null ? null : resolve(map, id, kind, field);

  const partners = file.partners.map((p) => ({
    id: partnerIds.get(p.id)!,
    name: p.name,
    kind: p.kind,
    country: p.country,
    contact: p.contact,
    contributions: [...new Set(p.contributions)],
    influence: p.influence,
    interest: p.interest,
    stage: p.stage,
    committedOn: committedOnAfter(p.committedOn, p.stage, opts.today),
    notes: p.notes,
    version: 1,
    createdAt: p.createdAt ?? now,
    updatedAt: p.updatedAt ?? p.createdAt ?? now,
  }));

  // Tracks keep their order; positions are renumbered 0, 1, 2, … (a missing one keeps its place in the list).
  const trackOrder = file.tracks
    .map((t, i) => ({ t, i, key: t.position ?? i }))
    .sort((a, b) => a.key - b.key || a.i - b.i);
  const tracks = trackOrder.map(({ t }, position) => ({
    id: trackIds.get(t.id)!,
    name: t.name,
    objective: t.objective,
    color: t.color ?? defaultTrackColor(position),
    position,
    status: t.status,
    version: 1,
    createdAt: t.createdAt ?? now,
    updatedAt: t.updatedAt ?? t.createdAt ?? now,
  }));

  const pairs = new Set<string>();
  const assignments = file.assignments.map((a, i) => {
    const partnerId = resolve(partnerIds, a.partnerId, 'partner', `data.assignments.${i}.partnerId`);
    const trackId = resolve(trackIds, a.trackId, 'track', `data.assignments.${i}.trackId`);
    const key = `${partnerId} ${trackId}`;
    if (pairs.has(key)) {
      throw fieldError(`data.assignments.${i}`, `Partner "${a.partnerId}" is assigned to track "${a.trackId}" twice`);
    }
    pairs.add(key);
    return { partnerId, trackId, role: a.role, createdAt: a.createdAt ?? now, updatedAt: a.updatedAt ?? a.createdAt ?? now };
  });

  const milestones = file.milestones.map((m, i) => {
    const rules = applyMilestoneRules(
      blankMilestone(m.dueDate),
      { status: m.status, progress: m.progress, startDate: m.startDate, completedOn: m.completedOn },
      opts.today,
    );
    if (!rules.ok) throw fieldError(`data.milestones.${i}.${rules.field}`, `Milestone "${m.title}": ${rules.message}`);
    const state = { ...blankMilestone(m.dueDate), ...rules.patch };
    return {
      id: milestoneIds.get(m.id)!,
      trackId: resolveOptional(trackIds, m.trackId, 'track', `data.milestones.${i}.trackId`),
      title: m.title,
      description: m.description,
      startDate: state.startDate,
      dueDate: m.dueDate,
      status: state.status,
      progress: state.progress,
      ownerPartnerId: resolveOptional(partnerIds, m.ownerPartnerId, 'partner', `data.milestones.${i}.ownerPartnerId`),
      completedOn: state.completedOn,
      version: 1,
      createdAt: m.createdAt ?? now,
      updatedAt: m.updatedAt ?? m.createdAt ?? now,
    };
  });

  const edges = new Set<string>();
  const dependencies = file.dependencies.map((d, i) => {
    const milestoneId = resolve(milestoneIds, d.milestoneId, 'milestone', `data.dependencies.${i}.milestoneId`);
    const dependsOnId = resolve(milestoneIds, d.dependsOnId, 'milestone', `data.dependencies.${i}.dependsOnId`);
    const key = `${milestoneId} ${dependsOnId}`;
    if (edges.has(key)) {
      throw fieldError(`data.dependencies.${i}`, `The dependency of "${d.milestoneId}" on "${d.dependsOnId}" is listed twice`);
    }
    edges.add(key);
    return { milestoneId, dependsOnId, createdAt: d.createdAt ?? now };
  });
  const cycle = findAnyCycle(file.dependencies);
  if (cycle) {
    const titles = new Map(file.milestones.map((m) => [m.id, m.title]));
    throw fieldError(
      'data.dependencies',
      `The milestone dependencies in the file form a cycle: ${cycle.map((id) => `"${titles.get(id) ?? id}"`).join(' → ')}`,
    );
  }

  const bottlenecks = file.bottlenecks.map((b, i) => ({
    id: bottleneckIds.get(b.id)!,
    trackId: resolveOptional(trackIds, b.trackId, 'track', `data.bottlenecks.${i}.trackId`),
    milestoneId: resolveOptional(milestoneIds, b.milestoneId, 'milestone', `data.bottlenecks.${i}.milestoneId`),
    title: b.title,
    description: b.description,
    severity: b.severity,
    status: b.status,
    narrative: b.narrative,
    version: 1,
    createdAt: b.createdAt ?? now,
    updatedAt: b.updatedAt ?? b.createdAt ?? now,
  }));

  const targetMaps: Record<CommentTarget, Map<string, string>> = {
    partner: partnerIds,
    track: trackIds,
    milestone: milestoneIds,
    bottleneck: bottleneckIds,
  };
  const comments = file.comments.map((c, i) => ({
    id: commentIds.get(c.id)!,
    targetType: c.targetType,
    targetId: resolve(targetMaps[c.targetType], c.targetId, c.targetType, `data.comments.${i}.targetId`),
    authorId: opts.userId,
    body: importedCommentBody(c.authorName, c.body),
    // Mentions named members of the old workspace; nobody here is notified of them.
    mentions: [] as string[],
    version: 1,
    createdAt: c.createdAt ?? now,
    updatedAt: c.updatedAt ?? c.createdAt ?? now,
  }));

  return {
    partners,
    tracks,
    assignments,
    milestones,
    dependencies,
    bottlenecks,
    comments,
    counts: {
      partners: partners.length,
      tracks: tracks.length,
      assignments: assignments.length,
      milestones: milestones.length,
      dependencies: dependencies.length,
      bottlenecks: bottlenecks.length,
      comments: comments.length,
    },
  };
}

/** `12 partners, 5 tracks, 80 milestones, …` (the non-zero counts) for the activity summary. */
export function describeCounts(counts: ImportPlan['counts']): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${n === 1 ? kind.replace(/s$/, '').replace(/ie$/, 'y') : kind}`);
  return parts.length ? parts.join(', ') : 'no plan data';
}

// ---------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------

/** A file-name-safe slug of a coalition name: `world-summit-2020`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'coalition';
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------

export const MILESTONE_CSV_COLUMNS = [
  'id',
  'title',
  'track',
  'status',
  'progress',
  'start_date',
  'due_date',
  'completed_on',
  'owner',
  'depends_on',
  'description',
] as const;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'`; a field holding a comma, a
 * double quote or a line break is quoted, with its quotes doubled.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records joined with CRLF, each ending in CRLF. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export interface CsvInput {
  milestones: readonly Pick<
    ExportedMilestone,
    'id' | 'title' | 'trackId' | 'status' | 'progress' | 'startDate' | 'dueDate' | 'completedOn' | 'ownerPartnerId' | 'description'
  >[];
  tracks: readonly { id: string; name: string }[];
  partners: readonly { id: string; name: string }[];
  dependencies: readonly { milestoneId: string; dependsOnId: string }[];
}

/** The milestones in the given order, one row each, with a header row. */
export function toMilestonesCsv(input: CsvInput): string {
  const trackName = new Map(input.tracks.map((t) => [t.id, t.name]));
  const partnerName = new Map(input.partners.map((p) => [p.id, p.name]));
  const order = new Map(input.milestones.map((m, i) => [m.id, i]));
  const title = new Map(input.milestones.map((m) => [m.id, m.title]));
  const dependsOn = new Map<string, string[]>();
  for (const d of input.dependencies) {
    const list = dependsOn.get(d.milestoneId);
    if (list) list.push(d.dependsOnId);
    else dependsOn.set(d.milestoneId, [d.dependsOnId]);
  }
  const rows = input.milestones.map((m) => [
    m.id,
    m.title,
    m.trackId ? (trackName.get(m.trackId) ?? '') : '',
    m.status,
    m.progress,
    m.startDate,
    m.dueDate,
    m.completedOn,
    m.ownerPartnerId ? (partnerName.get(m.ownerPartnerId) ?? '') : '',
    (dependsOn.get(m.id) ?? [])
      .filter((id) => title.has(id))
      .sort((a, b) => order.get(a)! - order.get(b)!)
      .map((id) => title.get(id)!)
      .join('; '),
    m.description,
  ]);
  return toCsv([MILESTONE_CSV_COLUMNS, ...rows]);
}

// ---------------------------------------------------------------------------
// iCalendar (RFC 5545)
// ---------------------------------------------------------------------------

/** A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other control characters dropped. */
export function icalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds a content line into lines of at most 75 octets (UTF-8), each continuation starting
 * with one space, never splitting a character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `2020-09-21` → `20200921`. */
const icalDate = (iso: string) => iso.replace(/-/g, '');

/** ms → `20200921T101500Z`. */
export function icalTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const STATUS_LABEL: Record<MilestoneStatus, string> = {
  planned: 'planned',
  in_progress: 'in progress',
  at_risk: 'at risk',
  blocked: 'blocked',
  done: 'done',
  dropped: 'dropped',
};

export const ICAL_UID_DOMAIN = 'coalition-planner';

export interface CalendarInput {
  coalition: { id: string; name: string; goal: string; goalDate: string };
  milestones: readonly Pick<ExportedMilestone, 'id' | 'title' | 'trackId' | 'dueDate' | 'status' | 'progress' | 'description'>[];
  tracks: readonly { id: string; name: string }[];
  /** DTSTAMP of every event (ms). */
  now: number;
}

function allDayEvent(uid: string, date: string, stamp: string, summary: string, description: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icalDate(date)}`,
    `DTEND;VALUE=DATE:${icalDate(addDays(date, 1))}`,
    `SUMMARY:${icalText(summary)}`,
    `DESCRIPTION:${icalText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The calendar: the goal date, then one all-day event on each milestone's due date. */
export function toICalendar(input: CalendarInput): string {
  const stamp = icalTimestamp(input.now);
  const trackName = new Map(input.tracks.map((t) => [t.id, t.name]));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Coalition Planner//Due dates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText(input.coalition.name)}`,
    ...allDayEvent(
      `goal-${input.coalition.id}@${ICAL_UID_DOMAIN}`,
      input.coalition.goalDate,
      stamp,
      `Goal: ${input.coalition.goal}`,
      `The goal date of ${input.coalition.name}`,
    ),
  ];
  for (const m of input.milestones) {
    const summary = m.status === 'planned' ? m.title : `[${STATUS_LABEL[m.status]}] ${m.title}`;
    const track = m.trackId ? (trackName.get(m.trackId) ?? 'Coalition-wide') : 'Coalition-wide';
    const description = `Track: ${track}\nProgress: ${m.progress}%${m.description ? `\n\n${m.description}` : ''}`;
    lines.push(...allDayEvent(`${m.id}@${ICAL_UID_DOMAIN}`, m.dueDate, stamp, summary, description));
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
