/**
 * The workspace file format (`coalition-planner/v1`): one zod schema per section, built from
 * the entities' own field schemas, and the TypeScript types derived from them (never written
 * out a second time). `zWorkspaceFile` validates an import strictly; an export is the same
 * shape with every field present.
 */
import { z } from 'zod';
import { ASSIGNMENT_ROLES, COMMENT_TARGETS, CONTRIBUTIONS, POSITIONS } from '../enums.ts';
import { zBaselineName, zSlipReason } from '../entities/baseline.ts';
import { bottleneckFields } from '../entities/bottleneck.ts';
import { coalitionFields } from '../entities/coalition.ts';
import { interactionFields, MAX_OUR_PEOPLE } from '../entities/interaction.ts';
import { estimateFields, milestoneFields, thresholdFields } from '../entities/milestone.ts';
import { partnerFields, PARTNER_DEFAULTS } from '../entities/partner.ts';
import { COMMENT_MAX } from '../entities/people.ts';
import { positionFields } from '../entities/position.ts';
import { actFields } from '../entities/threshold.ts';
import { trackFields } from '../entities/track.ts';
import { textProblem } from '../text.ts';
import { zDate, zEmail, zLine, zPolicyText } from '../validators.ts';

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
  interactions: 50_000,
  positionChanges: 50_000,
  eligiblePartners: 50_000,
  partnerActs: 50_000,
  baselines: 1_000,
  baselineDates: 200_000,
  slips: 50_000,
} as const;

export type Section = keyof typeof IMPORT_LIMITS;

/** An id inside the file: any short token (ids are remapped on import, so they need not be ours). */
const zFileId = z
  .string()
  .min(1, 'Required')
  .max(100, 'At most 100 characters')
  .superRefine((id, ctx) => {
    // Not stored (remapped on import), but quoted in the import's error messages.
    const problem = textProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: id });
  });
const zInstant = z.number().int().min(0).max(8_640_000_000_000_000);
const zMany = <T extends z.ZodType>(item: T, section: Section) =>
  z
    .array(item)
    .max(IMPORT_LIMITS[section], `At most ${IMPORT_LIMITS[section].toLocaleString('en')} ${section} in one import`)
    .default([]);
const stamps = { createdAt: zInstant.optional(), updatedAt: zInstant.optional() };
/**
 * A member of the exporting coalition, by email (members see each other's emails): on import it
 * becomes that person if they are a member of the new coalition, else nobody.
 */
const zFileMember = zEmail.nullable().default(null);
/** A section added to the format later: optional in the type too, so files built in code (templates) may leave it out. */
const zLater = <T extends z.ZodType>(item: T, section: Section) =>
  z.array(item).max(IMPORT_LIMITS[section], `At most ${IMPORT_LIMITS[section].toLocaleString('en')} ${section.replace(/([A-Z])/g, ' $1').toLowerCase()} in one import`).optional();

export const zFilePartner = z.strictObject({
  id: zFileId,
  name: partnerFields.name,
  kind: partnerFields.kind,
  country: partnerFields.country.default(PARTNER_DEFAULTS.country),
  contact: partnerFields.contact.default(PARTNER_DEFAULTS.contact),
  // A contribution listed twice is tolerated in a file (and merged).
  contributions: z.array(z.enum(CONTRIBUTIONS)).max(CONTRIBUTIONS.length).default([]),
  influence: partnerFields.influence.default(PARTNER_DEFAULTS.influence),
  interest: partnerFields.interest.default(PARTNER_DEFAULTS.interest),
  stage: partnerFields.stage.default(PARTNER_DEFAULTS.stage),
  committedOn: zDate.nullable().default(null),
  notes: partnerFields.notes.default(PARTNER_DEFAULTS.notes),
  // Added later: optional (a file or template without them reads as nobody, not public).
  relationshipOwnerEmail: zEmail.nullable().optional(),
  positionPublic: partnerFields.positionPublic.optional(),
  ...stamps,
});

export const zFileTrack = z.strictObject({
  id: zFileId,
  name: trackFields.name,
  objective: trackFields.objective.default(''),
  color: trackFields.color.optional(),
  position: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  status: trackFields.status.default('active'),
  ...stamps,
});

export const zFileAssignment = z.strictObject({
  partnerId: zFileId,
  trackId: zFileId,
  role: z.enum(ASSIGNMENT_ROLES),
  ...stamps,
});

export const zFileMilestone = z.strictObject({
  id: zFileId,
  trackId: zFileId.nullable().default(null),
  title: milestoneFields.title,
  description: milestoneFields.description.default(''),
  startDate: milestoneFields.startDate.default(null),
  dueDate: milestoneFields.dueDate,
  status: milestoneFields.status.default('planned'),
  progress: milestoneFields.progress.default(0),
  ownerPartnerId: zFileId.nullable().default(null),
  completedOn: milestoneFields.completedOn.default(null),
  // Added later: optional (a file or template without them has no range and no threshold).
  // All three dates or none, and the act with its count or neither: checked by planImport.
  estimateOptimistic: estimateFields.estimateOptimistic.optional(),
  estimateLikely: estimateFields.estimateLikely.optional(),
  estimatePessimistic: estimateFields.estimatePessimistic.optional(),
  thresholdAct: thresholdFields.thresholdAct.optional(),
  threshold: thresholdFields.threshold.optional(),
  ...stamps,
});

export const zFileDependency = z.strictObject({
  milestoneId: zFileId,
  dependsOnId: zFileId,
  createdAt: zInstant.optional(),
});

export const zFileBottleneck = z.strictObject({
  id: zFileId,
  trackId: zFileId.nullable().default(null),
  milestoneId: zFileId.nullable().default(null),
  title: bottleneckFields.title,
  description: bottleneckFields.description.default(''),
  severity: bottleneckFields.severity.default('medium'),
  status: bottleneckFields.status.default('open'),
  narrative: bottleneckFields.narrative.default(''),
  ...stamps,
});

export const zFileComment = z.strictObject({
  id: zFileId,
  targetType: z.enum(COMMENT_TARGETS),
  targetId: zFileId,
  body: zPolicyText(COMMENT_MAX, { multiline: true, required: 'Required' }),
  /** The author's display name at export time; null when the account is gone. */
  authorName: zLine(200).nullable().default(null),
  ...stamps,
});

/** An interaction of the policy dialogue log; our people and the next step's member by email. */
export const zFileInteraction = z.strictObject({
  id: zFileId,
  partnerId: zFileId,
  kind: interactionFields.kind,
  occurredOn: interactionFields.occurredOn,
  ourPeopleEmails: z.array(zEmail).max(MAX_OUR_PEOPLE, `At most ${MAX_OUR_PEOPLE} people`).default([]),
  theirPeople: interactionFields.theirPeople.default(''),
  summary: interactionFields.summary.default(''),
  ask: interactionFields.ask.default(''),
  outcome: interactionFields.outcome.default(''),
  nextStep: interactionFields.nextStep.default(''),
  nextStepDue: interactionFields.nextStepDue.default(null),
  nextStepUserEmail: zFileMember,
  nextStepDoneOn: interactionFields.nextStepDoneOn.default(null),
  ...stamps,
});

/** A dated change of a partner's position, on the goal (`trackId` null) or a track. */
export const zFilePositionChange = z.strictObject({
  partnerId: zFileId,
  trackId: zFileId.nullable().default(null),
  position: z.enum(POSITIONS),
  shownOn: positionFields.shownOn,
  interactionId: zFileId.nullable().default(null),
  note: positionFields.note.default(''),
  createdAt: zInstant.optional(),
});

/** A partner whose acts count toward a threshold milestone. */
export const zFileEligiblePartner = z.strictObject({
  milestoneId: zFileId,
  partnerId: zFileId,
});

/** An eligible partner's dated act toward a threshold milestone; its author by email. */
export const zFilePartnerAct = z.strictObject({
  milestoneId: zFileId,
  partnerId: zFileId,
  act: actFields.act,
  actedOn: actFields.actedOn,
  note: actFields.note.default(''),
  authorEmail: zFileMember,
  ...stamps,
});

/** A named snapshot of the plan's dates; who saved it by email. */
export const zFileBaseline = z.strictObject({
  id: zFileId,
  name: zBaselineName,
  createdByEmail: zFileMember,
  createdAt: zInstant.optional(),
});

/** One milestone's dates in a baseline. */
export const zFileBaselineDate = z.strictObject({
  baselineId: zFileId,
  milestoneId: zFileId,
  startDate: zDate.nullable().default(null),
  dueDate: zDate,
});

/** A due date moved past a baseline, with its reason; its author by email. */
export const zFileSlip = z.strictObject({
  milestoneId: zFileId,
  baselineId: zFileId,
  fromDue: zDate,
  toDue: zDate,
  reason: zSlipReason,
  authorEmail: zFileMember,
  createdAt: zInstant.optional(),
});

/** Figures computed at export time by the roll-up, for a reader of the file; ignored on import. */
export const zFileSummary = z.object({
  progress: z.number(),
  milestoneCount: z.number(),
  doneCount: z.number(),
  tracks: z.array(z.object({ id: zFileId, progress: z.number(), milestoneCount: z.number(), doneCount: z.number() })),
});

export const zWorkspaceFile = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `Not a coalition planner export (format must be "${EXPORT_FORMAT}")` }),
  exportedAt: zInstant.optional(),
  coalition: z.strictObject({
    name: coalitionFields.name,
    goal: coalitionFields.goal,
    goalDate: coalitionFields.goalDate,
    description: coalitionFields.description.default(''),
    timeZone: coalitionFields.timeZone.optional(),
  }),
  summary: zFileSummary.optional(),
  partners: zMany(zFilePartner, 'partners'),
  tracks: zMany(zFileTrack, 'tracks'),
  assignments: zMany(zFileAssignment, 'assignments'),
  milestones: zMany(zFileMilestone, 'milestones'),
  dependencies: zMany(zFileDependency, 'dependencies'),
  bottlenecks: zMany(zFileBottleneck, 'bottlenecks'),
  comments: zMany(zFileComment, 'comments'),
  interactions: zLater(zFileInteraction, 'interactions'),
  positionChanges: zLater(zFilePositionChange, 'positionChanges'),
  eligiblePartners: zLater(zFileEligiblePartner, 'eligiblePartners'),
  partnerActs: zLater(zFilePartnerAct, 'partnerActs'),
  baselines: zLater(zFileBaseline, 'baselines'),
  baselineDates: zLater(zFileBaselineDate, 'baselineDates'),
  slips: zLater(zFileSlip, 'slips'),
});

/** A validated import file (defaults filled in). */
export type WorkspaceFile = z.output<typeof zWorkspaceFile>;

/** An exported record: every field of its file schema present, timestamps included. */
type Exported<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type ExportedPartner = Exported<z.output<typeof zFilePartner>>;
export type ExportedTrack = Exported<z.output<typeof zFileTrack>>;
export type ExportedAssignment = Exported<z.output<typeof zFileAssignment>>;
export type ExportedMilestone = Exported<z.output<typeof zFileMilestone>>;
export type ExportedDependency = Exported<z.output<typeof zFileDependency>>;
export type ExportedBottleneck = Exported<z.output<typeof zFileBottleneck>>;
export type ExportedComment = Exported<z.output<typeof zFileComment>>;
export type ExportedInteraction = Exported<z.output<typeof zFileInteraction>>;
export type ExportedPositionChange = Exported<z.output<typeof zFilePositionChange>>;
export type ExportedEligiblePartner = Exported<z.output<typeof zFileEligiblePartner>>;
export type ExportedPartnerAct = Exported<z.output<typeof zFilePartnerAct>>;
export type ExportedBaseline = Exported<z.output<typeof zFileBaseline>>;
export type ExportedBaselineDate = Exported<z.output<typeof zFileBaselineDate>>;
export type ExportedSlip = Exported<z.output<typeof zFileSlip>>;
export type ExportSummary = z.output<typeof zFileSummary>;

/** The export document: the import format with every field present. */
export interface WorkspaceExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: number;
  coalition: Exported<WorkspaceFile['coalition']>;
  summary: ExportSummary;
  partners: ExportedPartner[];
  tracks: ExportedTrack[];
  assignments: ExportedAssignment[];
  milestones: ExportedMilestone[];
  dependencies: ExportedDependency[];
  bottlenecks: ExportedBottleneck[];
  comments: ExportedComment[];
  interactions: ExportedInteraction[];
  positionChanges: ExportedPositionChange[];
  eligiblePartners: ExportedEligiblePartner[];
  partnerActs: ExportedPartnerAct[];
  baselines: ExportedBaseline[];
  baselineDates: ExportedBaselineDate[];
  slips: ExportedSlip[];
}
