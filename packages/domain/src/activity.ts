/**
 * The activity log's vocabulary, once: every action as a typed union with what its sentence
 * needs, the one function that writes the sentence (stored as the row's `summary` when the
 * change is logged), and the one function that says where a row's item lives.
 */
import type { AssignmentRole, BottleneckSeverity, CommentTarget, EngagementStage, InteractionKind, MilestoneStatus, Position, Role, ThresholdAct } from './enums.ts';
import { plural } from './dates.ts';
import { lowerLabelOf } from './labels.ts';
import { truncateCodePoints } from './text.ts';

/** `{ field: [before, after] }` */
export type FieldChanges = Record<string, [unknown, unknown]>;

export type ActivityEvent =
  | { action: 'coalition.created'; template: string | null }
  | { action: 'coalition.imported'; counts: string }
  | { action: 'coalition.updated'; changes: FieldChanges }
  | { action: 'track.created'; name: string }
  | { action: 'track.updated'; name: string; changes: FieldChanges }
  | { action: 'track.reordered' }
  | { action: 'track.deleted'; name: string }
  | { action: 'track.restored'; name: string }
  | { action: 'assignment.set'; partner: string; track: string; role: AssignmentRole; was: AssignmentRole | null }
  | { action: 'assignment.removed'; partner: string; track: string }
  | { action: 'assignment.restored'; partner: string; track: string; role: AssignmentRole }
  | { action: 'partner.created'; name: string }
  | { action: 'partner.updated'; name: string; changes: FieldChanges }
  | { action: 'partner.deleted'; name: string }
  | { action: 'partner.restored'; name: string }
  | { action: 'milestone.created'; title: string; dueDate: string }
  | { action: 'milestone.updated'; title: string; changes: FieldChanges; slip?: SlipNote }
  | { action: 'milestone.deleted'; title: string }
  | { action: 'milestone.restored'; title: string }
  | { action: 'milestone.dependency_added'; title: string; dependsOnTitle: string }
  | { action: 'milestone.dependency_removed'; title: string; dependsOnTitle: string }
  // Threshold milestones: the eligible partners and their acts (logged on the milestone).
  | { action: 'milestone.eligible_set'; title: string; count: number }
  | { action: 'milestone.act_recorded'; title: string; partner: string; act: ThresholdAct; actedOn: string }
  | { action: 'milestone.act_updated'; title: string; partner: string; act: ThresholdAct; changes: FieldChanges }
  | { action: 'milestone.act_deleted'; title: string; partner: string; act: ThresholdAct }
  | { action: 'bottleneck.created'; title: string; severity: BottleneckSeverity }
  | { action: 'bottleneck.updated'; title: string; changes: FieldChanges; resolved: boolean }
  | { action: 'bottleneck.deleted'; title: string }
  | { action: 'bottleneck.restored'; title: string }
  | { action: 'comment.added' | 'comment.edited' | 'comment.deleted' | 'comment.restored'; targetType: CommentTarget; targetLabel: string }
  | { action: 'invitation.created'; email: string; role: Role }
  | { action: 'invitation.revoked'; email: string }
  | { action: 'member.joined'; role: Role }
  | { action: 'member.role_changed'; name: string; role: Role }
  | { action: 'member.removed'; name: string; self: boolean }
  | { action: 'interaction.logged'; partner: string; kind: InteractionKind; occurredOn: string }
  | { action: 'interaction.updated'; partner: string; kind: InteractionKind; changes: FieldChanges }
  | { action: 'interaction.deleted'; partner: string; kind: InteractionKind }
  | { action: 'publicPage.published'; rotated: boolean }
  | { action: 'publicPage.revoked' }
  | { action: 'baseline.created'; name: string; count: number }
  | { action: 'baseline.deleted'; name: string }
  | { action: 'position.recorded'; partner: string; position: Position; track: string | null; shownOn: string }
  | { action: 'position.deleted'; partner: string; position: Position; track: string | null; shownOn: string };

/** A due date moved past its baseline: by how many days, which baseline, and the reason given. */
export interface SlipNote {
  days: number;
  baseline: string;
  reason: string;
}

export type ActivityAction = ActivityEvent['action'];

/** Every action, grouped by what it is about (the activity screen's filters read the groups). */
export const ACTIVITY_ACTIONS = [
  'coalition.created',
  'coalition.imported',
  'coalition.updated',
  'track.created',
  'track.updated',
  'track.reordered',
  'track.deleted',
  'track.restored',
  'assignment.set',
  'assignment.removed',
  'assignment.restored',
  'partner.created',
  'partner.updated',
  'partner.deleted',
  'partner.restored',
  'milestone.created',
  'milestone.updated',
  'milestone.deleted',
  'milestone.restored',
  'milestone.dependency_added',
  'milestone.dependency_removed',
  'milestone.eligible_set',
  'milestone.act_recorded',
  'milestone.act_updated',
  'milestone.act_deleted',
  'bottleneck.created',
  'bottleneck.updated',
  'bottleneck.deleted',
  'bottleneck.restored',
  'comment.added',
  'comment.edited',
  'comment.deleted',
  'comment.restored',
  'invitation.created',
  'invitation.revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'interaction.logged',
  'interaction.updated',
  'interaction.deleted',
  'publicPage.published',
  'publicPage.revoked',
  'baseline.created',
  'baseline.deleted',
  'position.recorded',
  'position.deleted',
] as const satisfies readonly ActivityAction[];

// A compile-time check that the list above names every action of the union.
type Missing = Exclude<ActivityAction, (typeof ACTIVITY_ACTIONS)[number]>;
const _everyAction: Missing extends never ? true : Missing = true;
void _everyAction;

/**
 * Who may read an activity entry: the least role that may list what it is about. Invitations
 * (who was invited, by email, as what) are listed to owners only (`invitation.list`), so their
 * entries are read by owners only too — in the activity list, the dashboard's recent changes,
 * a live stream and its catch-up. Everything else is readable by every member.
 */
export const OWNER_ONLY_ACTIVITY = ['invitation.created', 'invitation.revoked'] as const satisfies readonly ActivityAction[];

export function activityReadableBy(action: string, role: Role): boolean {
  return role === 'owner' || !(OWNER_ONLY_ACTIVITY as readonly string[]).includes(action);
}

export type ActivityDomain = ActivityAction extends `${infer D}.${string}` ? D : never;

const q = (s: string) => `"${s}"`;
/** How a changed field is named in a sentence (fields not listed are named by their key, which is already a word). */
const FIELD_WORDS: Record<string, string> = {
  dueDate: 'due date',
  startDate: 'start date',
  completedOn: 'completion date',
  ownerPartnerId: 'owner',
  responsibleUserId: 'responsible member',
  trackId: 'track',
  goalDate: 'goal date',
  timeZone: 'time zone',
  committedOn: 'commitment date',
  milestoneId: 'milestone',
  trackIds: 'tracks',
  relationshipOwnerId: 'relationship owner',
  occurredOn: 'date',
  ourPeople: 'our people',
  theirPeople: 'their people',
  nextStep: 'next step',
  nextStepDue: 'next step due date',
  nextStepUserId: 'next step owner',
  nextStepDoneOn: 'next step done',
  estimateOptimistic: 'optimistic estimate',
  estimateLikely: 'likely estimate',
  estimatePessimistic: 'pessimistic estimate',
  thresholdAct: 'act that counts',
  actedOn: 'date',
  positionPublic: 'public position',
};
const fieldList = (changes: FieldChanges, skip: readonly string[] = []) =>
  Object.keys(changes)
    .filter((f) => !skip.includes(f))
    .map((f) => FIELD_WORDS[f] ?? f);
/** "a call", "an email". */
const aOrAn = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
/** "on the goal", "on the track "Treaty"". */
const positionScope = (track: string | null) => (track === null ? 'on the goal' : `on the track ${q(track)}`);
const withArticle = (role: Role) => (role === 'owner' ? 'an owner' : role === 'editor' ? 'an editor' : 'a viewer');

/** How much of a slip's reason the history line quotes (the slips list shows all of it). */
const SLIP_REASON_QUOTED = 300;

function milestoneUpdated(title: string, changes: FieldChanges, slip: SlipNote | undefined): string {
  const status = changes.status as [MilestoneStatus, MilestoneStatus] | undefined;
  // "— 23 days past the baseline "Q3 plan". Reason: …"
  const slipped = slip ? ` — ${plural(slip.days, 'day')} past the baseline ${q(slip.baseline)}. Reason: ${truncateCodePoints(slip.reason, SLIP_REASON_QUOTED)}` : '';
  if (status) {
    const rest = fieldList(changes, ['status', 'progress', 'completedOn']);
    const to = status[1];
    const head = to === 'done' ? `completed ${q(title)}` : `marked ${q(title)} as ${lowerLabelOf('milestoneStatus', to)}`;
    return `${head}${rest.length ? ` (also changed ${rest.join(', ')})` : ''}${slipped}`;
  }
  const fields = fieldList(changes);
  return `${fields.length ? `updated ${q(title)} (${fields.join(', ')})` : `saved ${q(title)} without changes`}${slipped}`;
}

function partnerUpdated(name: string, changes: FieldChanges): string {
  const stage = changes.stage as [EngagementStage, EngagementStage] | undefined;
  const others = fieldList(changes, ['stage', 'committedOn']);
  if (stage) {
    const moved = `moved ${q(name)} from ${lowerLabelOf('stage', stage[0])} to ${lowerLabelOf('stage', stage[1])}`;
    return others.length ? `${moved} and updated ${others.join(', ')}` : moved;
  }
  return others.length ? `updated ${q(name)} (${others.join(', ')})` : `updated ${q(name)}`;
}

/**
 * The sentence for a change, to follow the actor's name: "Ana *completed "Draft treaty"*".
 * Always starts with a verb.
 */
export function activitySummary(e: ActivityEvent): string {
  switch (e.action) {
    case 'coalition.created':
      return e.template ? `created the coalition from the ${e.template} template` : 'created the coalition';
    case 'coalition.imported':
      return `imported the workspace from a file: ${e.counts}`;
    case 'coalition.updated': {
      const fields = fieldList(e.changes);
      return fields.length ? `updated the coalition settings (${fields.join(', ')})` : 'updated the coalition settings';
    }
    case 'track.created':
      return `added the track ${q(e.name)}`;
    case 'track.updated': {
      const fields = fieldList(e.changes);
      return fields.length ? `updated the track ${q(e.name)} (${fields.join(', ')})` : `updated the track ${q(e.name)}`;
    }
    case 'track.reordered':
      return 'reordered the tracks';
    case 'track.deleted':
      return `deleted the track ${q(e.name)}`;
    case 'track.restored':
      return `restored the deleted track ${q(e.name)}`;
    case 'assignment.set':
      return e.was
        ? `made ${q(e.partner)} ${lowerLabelOf('assignmentRole', e.role)} (was ${lowerLabelOf('assignmentRole', e.was)}) on ${q(e.track)}`
        : `added ${q(e.partner)} to ${q(e.track)} as ${lowerLabelOf('assignmentRole', e.role)}`;
    case 'assignment.removed':
      return `removed ${q(e.partner)} from ${q(e.track)}`;
    case 'assignment.restored':
      return `put ${q(e.partner)} back on ${q(e.track)} as ${lowerLabelOf('assignmentRole', e.role)}`;
    case 'partner.created':
      return `added the partner ${q(e.name)}`;
    case 'partner.updated':
      return partnerUpdated(e.name, e.changes);
    case 'partner.deleted':
      return `removed the partner ${q(e.name)}`;
    case 'partner.restored':
      return `restored the removed partner ${q(e.name)}`;
    case 'milestone.created':
      return `added the milestone ${q(e.title)} due ${e.dueDate}`;
    case 'milestone.updated':
      return milestoneUpdated(e.title, e.changes, e.slip);
    case 'milestone.deleted':
      return `deleted the milestone ${q(e.title)}`;
    case 'milestone.restored':
      return `restored the deleted milestone ${q(e.title)}`;
    case 'milestone.dependency_added':
      return `made ${q(e.title)} depend on ${q(e.dependsOnTitle)}`;
    case 'milestone.dependency_removed':
      return `removed the dependency of ${q(e.title)} on ${q(e.dependsOnTitle)}`;
    case 'milestone.eligible_set':
      return `made ${plural(e.count, 'partner')} eligible for ${q(e.title)}`;
    case 'milestone.act_recorded':
      return `recorded that ${q(e.partner)} ${lowerLabelOf('thresholdAct', e.act)} on ${e.actedOn}, toward ${q(e.title)}`;
    case 'milestone.act_updated': {
      const fields = fieldList(e.changes);
      return `updated the record that ${q(e.partner)} ${lowerLabelOf('thresholdAct', e.act)}, toward ${q(e.title)}${fields.length ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'milestone.act_deleted':
      return `removed the record that ${q(e.partner)} ${lowerLabelOf('thresholdAct', e.act)}, toward ${q(e.title)}`;
    case 'bottleneck.created':
      return `flagged the ${lowerLabelOf('severity', e.severity)} bottleneck ${q(e.title)}`;
    case 'bottleneck.updated': {
      if (e.resolved) return `resolved the bottleneck ${q(e.title)}`;
      const fields = fieldList(e.changes);
      return `updated the bottleneck ${q(e.title)}${fields.length ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'bottleneck.deleted':
      return `deleted the bottleneck ${q(e.title)}`;
    case 'bottleneck.restored':
      return `restored the deleted bottleneck ${q(e.title)}`;
    case 'comment.added':
      return `commented on ${e.targetType} ${q(e.targetLabel)}`;
    case 'comment.edited':
      return `edited a comment on ${e.targetType} ${q(e.targetLabel)}`;
    case 'comment.deleted':
      return `deleted a comment on ${e.targetType} ${q(e.targetLabel)}`;
    case 'comment.restored':
      return `restored a deleted comment on ${e.targetType} ${q(e.targetLabel)}`;
    case 'invitation.created':
      return `invited ${e.email} as ${e.role}`;
    case 'invitation.revoked':
      return `revoked the invitation of ${e.email}`;
    case 'member.joined':
      return `joined the coalition as ${e.role}`;
    case 'member.role_changed':
      return `made ${e.name} ${withArticle(e.role)}`;
    case 'member.removed':
      return e.self ? 'left the coalition' : `removed ${e.name} from the coalition`;
    case 'interaction.logged':
      return `logged ${aOrAn(lowerLabelOf('interactionKind', e.kind))} with ${q(e.partner)} on ${e.occurredOn}`;
    case 'interaction.updated': {
      if (e.changes.nextStepDoneOn && (e.changes.nextStepDoneOn as unknown[])[1]) return `marked a next step with ${q(e.partner)} done`;
      const fields = fieldList(e.changes);
      return `updated ${aOrAn(lowerLabelOf('interactionKind', e.kind))} with ${q(e.partner)}${fields.length ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'interaction.deleted':
      return `deleted ${aOrAn(lowerLabelOf('interactionKind', e.kind))} with ${q(e.partner)}`;
    case 'publicPage.published':
      return e.rotated ? 'published a new link to the public page (the previous link no longer works)' : 'published the public page';
    case 'publicPage.revoked':
      return 'unpublished the public page (its link no longer works)';
    case 'baseline.created':
      return `saved the baseline ${q(e.name)} (the dates of ${plural(e.count, 'milestone')})`;
    case 'baseline.deleted':
      return `deleted the baseline ${q(e.name)}`;
    case 'position.recorded':
      return `recorded ${q(e.partner)} as ${lowerLabelOf('position', e.position)} ${positionScope(e.track)} on ${e.shownOn}`;
    case 'position.deleted':
      return `removed the position recorded for ${q(e.partner)} on ${e.shownOn} (${lowerLabelOf('position', e.position)} ${positionScope(e.track)})`;
  }
}

// ---------------------------------------------------------------------------
// Where a row's item lives
// ---------------------------------------------------------------------------

/** A screen of the coalition, with the item to open on it when there is one. */
export type ActivityTarget =
  | { screen: 'milestone'; id: string }
  | { screen: 'partner'; id: string }
  | { screen: 'tracks' | 'bottlenecks' | 'members' | 'settings' | 'slips' };

export interface ActivityRowRef {
  action: string;
  entityType: string;
  entityId: string;
}

/**
 * The screen a row links to, or null when its item is gone (a deleted milestone, partner or
 * bottleneck; a comment's target is still there when only the comment was deleted).
 * Track and membership rows go to their screens whatever they were logged on
 * (`track.reordered` is logged on the coalition, `member.*` on the user).
 */
export function activityTarget(row: ActivityRowRef): ActivityTarget | null {
  const [domain, verb] = row.action.split('.');
  if (verb === 'deleted' && domain === row.entityType) return null;
  if (domain === 'track') return { screen: 'tracks' };
  if (domain === 'member' || domain === 'invitation') return { screen: 'members' };
  switch (row.entityType) {
    case 'milestone':
      return { screen: 'milestone', id: row.entityId };
    case 'partner':
      return { screen: 'partner', id: row.entityId };
    case 'bottleneck':
      return { screen: 'bottlenecks' };
    case 'track':
      return { screen: 'tracks' };
    case 'coalition':
      return { screen: 'settings' };
    case 'baseline':
      return { screen: 'slips' };
    default:
      return null;
  }
}
