/**
 * The words for every enum value, once. Screens add colour (apps/web/src/lib/labels.ts);
 * activity summaries, CSV and calendar files use `lower()` of the same words.
 */
import type {
  AssignmentRole,
  BottleneckSeverity,
  BottleneckStatus,
  Contribution,
  EngagementStage,
  InteractionKind,
  InvitationStatus,
  MilestoneStatus,
  PartnerKind,
  Position,
  Role,
  ThresholdAct,
  TrackStatus,
} from './enums.ts';
import type { WhipGroup } from './forecast/positions.ts';

export interface EnumLabel {
  label: string;
  /** A one-line explanation for tooltips and select descriptions. */
  hint?: string;
}

export const PARTNER_KIND_LABELS: Record<PartnerKind, EnumLabel> = {
  state: { label: 'State', hint: 'A national government or ministry' },
  intergovernmental: { label: 'Intergovernmental', hint: 'UN bodies, regional organisations' },
  civil_society: { label: 'Civil society', hint: 'NGOs, campaigns, networks' },
  academia: { label: 'Academia', hint: 'Universities and think tanks' },
  philanthropy: { label: 'Philanthropy', hint: 'Foundations and donors' },
  private_sector: { label: 'Private sector', hint: 'Companies and business associations' },
  media: { label: 'Media' },
  individual: { label: 'Individual', hint: 'Eminent persons, experts' },
};

export const CONTRIBUTION_LABELS: Record<Contribution, EnumLabel> = {
  ideas: { label: 'Ideas' },
  resources: { label: 'Resources' },
  networks: { label: 'Networks' },
  political_support: { label: 'Political support' },
};

export const STAGE_LABELS: Record<EngagementStage, EnumLabel> = {
  identified: { label: 'Identified', hint: 'On our radar, not yet contacted' },
  approached: { label: 'Approached', hint: 'First contact made' },
  in_dialogue: { label: 'In dialogue', hint: 'Taking part in the policy dialogue' },
  committed: { label: 'Committed', hint: 'Has committed to the coalition' },
  champion: { label: 'Champion', hint: 'Actively brings others in' },
};

export const TRACK_STATUS_LABELS: Record<TrackStatus, EnumLabel> = {
  active: { label: 'Active' },
  on_hold: { label: 'On hold' },
  achieved: { label: 'Achieved' },
  dropped: { label: 'Dropped' },
};

export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, EnumLabel> = {
  lead: { label: 'Lead' },
  co_lead: { label: 'Co-lead' },
  contributor: { label: 'Contributor' },
  supporter: { label: 'Supporter' },
  observer: { label: 'Observer' },
};

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, EnumLabel> = {
  planned: { label: 'Planned' },
  in_progress: { label: 'In progress' },
  at_risk: { label: 'At risk' },
  blocked: { label: 'Blocked' },
  done: { label: 'Done' },
  dropped: { label: 'Dropped' },
};

export const SEVERITY_LABELS: Record<BottleneckSeverity, EnumLabel> = {
  low: { label: 'Low' },
  medium: { label: 'Medium' },
  high: { label: 'High' },
  critical: { label: 'Critical' },
};

export const BOTTLENECK_STATUS_LABELS: Record<BottleneckStatus, EnumLabel> = {
  open: { label: 'Open' },
  reframing: { label: 'Reframing', hint: 'A new narrative is being tried' },
  resolved: { label: 'Resolved' },
};

export const ROLE_LABELS: Record<Role, EnumLabel> = {
  owner: { label: 'Owner', hint: 'Edits the plan, manages members, can delete the coalition' },
  editor: { label: 'Editor', hint: 'Edits the plan' },
  viewer: { label: 'Viewer', hint: 'Reads only' },
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, EnumLabel> = {
  pending: { label: 'Pending' },
  used: { label: 'Accepted' },
  expired: { label: 'Expired' },
  revoked: { label: 'Revoked' },
};

export const INTERACTION_KIND_LABELS: Record<InteractionKind, EnumLabel> = {
  meeting: { label: 'Meeting' },
  call: { label: 'Call' },
  letter: { label: 'Letter' },
  email: { label: 'Email' },
  event: { label: 'Event', hint: 'A conference or public event where we met them' },
  side_event: { label: 'Side event', hint: 'Held alongside a larger meeting' },
};

export const POSITION_LABELS: Record<Position, EnumLabel> = {
  champion: { label: 'Champion', hint: 'Leads for the goal and brings others' },
  supportive: { label: 'Supportive' },
  neutral: { label: 'Neutral' },
  sceptical: { label: 'Sceptical' },
  opposed: { label: 'Opposed' },
  unknown: { label: 'Unknown', hint: 'We do not know yet' },
};

export const THRESHOLD_ACT_LABELS: Record<ThresholdAct, EnumLabel> = {
  signed: { label: 'Signed' },
  ratified: { label: 'Ratified', hint: 'Deposited its instrument of ratification, acceptance, approval or accession' },
  endorsed: { label: 'Endorsed' },
  voted_yes: { label: 'Voted yes' },
  voted_no: { label: 'Voted no' },
  abstained: { label: 'Abstained' },
};

/** What a count of an act is called: "27 of 40 ratifications", "the 40th ratification". */
export const THRESHOLD_ACT_NOUNS: Record<ThresholdAct, { one: string; many: string }> = {
  signed: { one: 'signature', many: 'signatures' },
  ratified: { one: 'ratification', many: 'ratifications' },
  endorsed: { one: 'endorsement', many: 'endorsements' },
  voted_yes: { one: 'yes vote', many: 'yes votes' },
  voted_no: { one: 'no vote', many: 'no votes' },
  abstained: { one: 'abstention', many: 'abstentions' },
};

/** The whip count's groups of eligible partners (`whipGroup`). */
export const WHIP_GROUP_LABELS: Record<WhipGroup, EnumLabel> = {
  committed: { label: 'Committed', hint: 'Has performed the act that counts, or champions the goal' },
  likely: { label: 'Likely', hint: 'Supportive of the goal, act not yet recorded' },
  undecided: { label: 'Undecided', hint: 'Neutral, abstained or position unknown' },
  opposed: { label: 'Opposed', hint: 'Voted no, or sceptical of or opposed to the goal' },
};

/** Every label set by name (activity diffs name the set a field uses). */
export const ENUM_LABELS = {
  kind: PARTNER_KIND_LABELS,
  contribution: CONTRIBUTION_LABELS,
  stage: STAGE_LABELS,
  trackStatus: TRACK_STATUS_LABELS,
  assignmentRole: ASSIGNMENT_ROLE_LABELS,
  milestoneStatus: MILESTONE_STATUS_LABELS,
  severity: SEVERITY_LABELS,
  bottleneckStatus: BOTTLENECK_STATUS_LABELS,
  role: ROLE_LABELS,
  invitationStatus: INVITATION_STATUS_LABELS,
  interactionKind: INTERACTION_KIND_LABELS,
  position: POSITION_LABELS,
  thresholdAct: THRESHOLD_ACT_LABELS,
  whipGroup: WHIP_GROUP_LABELS,
} as const;
export type EnumName = keyof typeof ENUM_LABELS;

/** The label of an enum value; an unknown value reads as itself with spaces. */
export function labelOf(name: EnumName, value: string): string {
  const entry = (ENUM_LABELS[name] as Record<string, EnumLabel>)[value];
  return entry?.label ?? value.replace(/_/g, ' ');
}

/** The label in running text: "in progress", "co-lead". */
export function lowerLabelOf(name: EnumName, value: string): string {
  return labelOf(name, value).toLowerCase();
}
