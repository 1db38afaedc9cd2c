/** The whole workspace as one JSON document. */
import type { CommentTarget } from '../enums.ts';
import { rollUpProgress } from '../planning/rollup.ts';
import {
  EXPORT_FORMAT,
  zFileAssignment,
  zFileBaseline,
  zFileBaselineDate,
  zFileBottleneck,
  zFileComment,
  zFileDependency,
  zFileEligiblePartner,
  zFileInteraction,
  zFileMilestone,
  zFilePartner,
  zFilePartnerAct,
  zFilePositionChange,
  zFileSlip,
  zFileTrack,
  type ExportedMilestone,
  type ExportedPartner,
  type WorkspaceExport,
} from './format.ts';

/** Fields added to the format later: rows may leave them out; the file always has them. */
type LaterPartnerFields = 'relationshipOwnerEmail' | 'positionPublic';
type LaterMilestoneFields = 'estimateOptimistic' | 'estimateLikely' | 'estimatePessimistic' | 'thresholdAct' | 'threshold';
type Later<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** The rows of one coalition, as loaded by the server (extra columns are ignored). */
export interface WorkspaceRows {
  coalition: WorkspaceExport['coalition'];
  partners: readonly Later<ExportedPartner, LaterPartnerFields>[];
  tracks: readonly WorkspaceExport['tracks'][number][];
  assignments: readonly WorkspaceExport['assignments'][number][];
  milestones: readonly Later<ExportedMilestone, LaterMilestoneFields>[];
  dependencies: readonly WorkspaceExport['dependencies'][number][];
  bottlenecks: readonly WorkspaceExport['bottlenecks'][number][];
  comments: readonly WorkspaceExport['comments'][number][];
  interactions?: readonly WorkspaceExport['interactions'][number][];
  positionChanges?: readonly WorkspaceExport['positionChanges'][number][];
  eligiblePartners?: readonly WorkspaceExport['eligiblePartners'][number][];
  partnerActs?: readonly WorkspaceExport['partnerActs'][number][];
  baselines?: readonly WorkspaceExport['baselines'][number][];
  baselineDates?: readonly WorkspaceExport['baselineDates'][number][];
  slips?: readonly WorkspaceExport['slips'][number][];
}

/** Copies the fields a file schema names, and only those (no coalition ids, versions or user ids leak into the file). */
function pick<T extends object>(row: T, schema: { shape: Record<string, unknown> }): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(schema.shape)) out[k] = (row as Record<string, unknown>)[k];
  return out as T;
}

/**
 * The export document. Only the format's fields are copied, comments whose target is not in
 * the workspace any more are left out (so the file always imports again), and the summary
 * carries the same percentages the dashboard shows (`rollUpProgress`), as of `today`.
 */
export function buildExport(rows: WorkspaceRows, exportedAt: number, today: string): WorkspaceExport {
  const targets: Record<CommentTarget, Set<string>> = {
    partner: new Set(rows.partners.map((p) => p.id)),
    track: new Set(rows.tracks.map((t) => t.id)),
    milestone: new Set(rows.milestones.map((m) => m.id)),
    bottleneck: new Set(rows.bottlenecks.map((b) => b.id)),
  };
  const rollup = rollUpProgress(rows.milestones, rows.tracks, today);
  return {
    format: EXPORT_FORMAT,
    exportedAt,
    coalition: { name: rows.coalition.name, goal: rows.coalition.goal, goalDate: rows.coalition.goalDate, description: rows.coalition.description, timeZone: rows.coalition.timeZone },
    summary: {
      progress: rollup.coalition.progress,
      milestoneCount: rollup.coalition.milestoneCount,
      doneCount: rollup.coalition.doneCount,
      tracks: rollup.tracks.map((t) => ({ id: t.id, progress: t.progress, milestoneCount: t.milestoneCount, doneCount: t.doneCount })),
    },
    partners: rows.partners.map((p) => ({
      ...pick(p, zFilePartner),
      contributions: [...p.contributions],
      relationshipOwnerEmail: p.relationshipOwnerEmail ?? null,
      positionPublic: p.positionPublic ?? false,
    })),
    tracks: rows.tracks.map((t) => pick(t, zFileTrack)),
    assignments: rows.assignments.map((a) => pick(a, zFileAssignment)),
    milestones: rows.milestones.map((m) => ({
      ...pick(m, zFileMilestone),
      estimateOptimistic: m.estimateOptimistic ?? null,
      estimateLikely: m.estimateLikely ?? null,
      estimatePessimistic: m.estimatePessimistic ?? null,
      thresholdAct: m.thresholdAct ?? null,
      threshold: m.threshold ?? null,
    })),
    dependencies: rows.dependencies.map((d) => pick(d, zFileDependency)),
    bottlenecks: rows.bottlenecks.map((b) => pick(b, zFileBottleneck)),
    comments: rows.comments.filter((c) => targets[c.targetType]?.has(c.targetId)).map((c) => pick(c, zFileComment)),
    interactions: (rows.interactions ?? []).map((i) => ({ ...pick(i, zFileInteraction), ourPeopleEmails: [...i.ourPeopleEmails] })),
    positionChanges: (rows.positionChanges ?? []).map((c) => pick(c, zFilePositionChange)),
    eligiblePartners: (rows.eligiblePartners ?? []).map((e) => pick(e, zFileEligiblePartner)),
    partnerActs: (rows.partnerActs ?? []).map((a) => pick(a, zFilePartnerAct)),
    baselines: (rows.baselines ?? []).map((b) => pick(b, zFileBaseline)),
    baselineDates: (rows.baselineDates ?? []).map((d) => pick(d, zFileBaselineDate)),
    slips: (rows.slips ?? []).map((s) => pick(s, zFileSlip)),
  };
}
