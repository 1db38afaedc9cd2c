/**
 * Every enumeration of the domain, once: the database builds its CHECK constraints from these
 * tuples, the routers and forms validate against them, and the screens list them in this order.
 */

export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const PARTNER_KINDS = [
  'state',
  'intergovernmental',
  'civil_society',
  'academia',
  'philanthropy',
  'private_sector',
  'media',
  'individual',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const CONTRIBUTIONS = ['ideas', 'resources', 'networks', 'political_support'] as const;
export type Contribution = (typeof CONTRIBUTIONS)[number];

/** In the order a partner moves through them. */
export const ENGAGEMENT_STAGES = ['identified', 'approached', 'in_dialogue', 'committed', 'champion'] as const;
export type EngagementStage = (typeof ENGAGEMENT_STAGES)[number];

export const TRACK_STATUSES = ['active', 'on_hold', 'achieved', 'dropped'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

export const ASSIGNMENT_ROLES = ['lead', 'co_lead', 'contributor', 'supporter', 'observer'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** In lifecycle order (planned first, dropped last): the `status` sort. */
export const MILESTONE_STATUSES = ['planned', 'in_progress', 'at_risk', 'blocked', 'done', 'dropped'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Least severe first. */
export const BOTTLENECK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type BottleneckSeverity = (typeof BOTTLENECK_SEVERITIES)[number];

export const BOTTLENECK_STATUSES = ['open', 'reframing', 'resolved'] as const;
export type BottleneckStatus = (typeof BOTTLENECK_STATUSES)[number];
/** A bottleneck still in the way: every status but resolved (the dashboard's SQL and the brief both use this). */
export const OPEN_BOTTLENECK_STATUSES: readonly BottleneckStatus[] = BOTTLENECK_STATUSES.filter((s) => s !== 'resolved');
export const isOpenBottleneck = (status: BottleneckStatus): boolean => OPEN_BOTTLENECK_STATUSES.includes(status);

export const COMMENT_TARGETS = ['milestone', 'track', 'partner', 'bottleneck'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

export const INVITATION_STATUSES = ['pending', 'used', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Position of a value in its tuple: the rank used to sort by lifecycle or severity. */
export function rankIn<T extends string>(values: readonly T[]): Record<T, number> {
  return Object.fromEntries(values.map((v, i) => [v, i])) as Record<T, number>;
}

/** The shape of every id (lowercase base32, 20 characters): plain, so a URL can be checked without zod. */
export const ID_PATTERN = /^[a-z2-7]{20}$/;

/**
 * The orders the milestone list offers. `next`: what is next first — open milestones by due date
 * (so overdue, then due soon, then later), then the done and dropped ones (see `whatsNextKey`).
 */
export const MILESTONE_SORT_KEYS = ['next', 'dueDate', 'title', 'status', 'progress', 'updatedAt'] as const;
export type MilestoneSortKey = (typeof MILESTONE_SORT_KEYS)[number];

/** How a person hears of a coalition by email: each message at once, one daily digest, or nothing. */
export const EMAIL_MODES = ['immediate', 'digest', 'none'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Where an inbox item's email stands ('none': nothing to send, e.g. email is off for that person). */
export const EMAIL_STATUSES = ['none', 'pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** Durable background jobs. */
export const JOB_KINDS = ['send_email', 'digest', 'reminders'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Where a partner stands on the goal (or a track), from most to least supportive; `unknown` last. */
export const POSITIONS = ['champion', 'supportive', 'neutral', 'sceptical', 'opposed', 'unknown'] as const;
export type Position = (typeof POSITIONS)[number];

/** What a partner does toward a threshold milestone. */
export const THRESHOLD_ACTS = ['signed', 'ratified', 'endorsed', 'voted_yes', 'voted_no', 'abstained'] as const;
export type ThresholdAct = (typeof THRESHOLD_ACTS)[number];

/** How we met a partner (the policy dialogue log). */
export const INTERACTION_KINDS = ['meeting', 'call', 'letter', 'email', 'event', 'side_event'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** What a delete that can be undone removed: an item, a comment, or a role in the assignment matrix (undo.ts). */
export const UNDO_KINDS = ['partner', 'milestone', 'track', 'bottleneck', 'comment', 'assignment'] as const;
export type UndoKind = (typeof UNDO_KINDS)[number];
