/**
 * Human labels and colour tones for every enum the API uses. Colour is always paired with the
 * label text (StatusBadge renders both), never used alone.
 */
import type {
  AssignmentRole,
  BottleneckSeverity,
  BottleneckStatus,
  Contribution,
  EngagementStage,
  MilestoneStatus,
  PartnerKind,
  Role,
  TrackStatus,
} from '@coalition/db';

export type Tone = 'gray' | 'blue' | 'indigo' | 'violet' | 'green' | 'teal' | 'amber' | 'orange' | 'red' | 'sky';

export interface EnumMeta {
  label: string;
  tone: Tone;
  /** Optional one-line explanation for tooltips and select descriptions. */
  hint?: string;
}

type MetaMap<K extends string> = Record<K, EnumMeta>;

export const PARTNER_KIND: MetaMap<PartnerKind> = {
  state: { label: 'State', tone: 'indigo', hint: 'A national government or ministry' },
  intergovernmental: { label: 'Intergovernmental', tone: 'sky', hint: 'UN bodies, regional organisations' },
  civil_society: { label: 'Civil society', tone: 'green', hint: 'NGOs, campaigns, networks' },
  academia: { label: 'Academia', tone: 'violet', hint: 'Universities and think tanks' },
  philanthropy: { label: 'Philanthropy', tone: 'teal', hint: 'Foundations and donors' },
  private_sector: { label: 'Private sector', tone: 'orange', hint: 'Companies and business associations' },
  media: { label: 'Media', tone: 'amber' },
  individual: { label: 'Individual', tone: 'gray', hint: 'Eminent persons, experts' },
};

export const CONTRIBUTION: MetaMap<Contribution> = {
  ideas: { label: 'Ideas', tone: 'violet' },
  resources: { label: 'Resources', tone: 'teal' },
  networks: { label: 'Networks', tone: 'sky' },
  political_support: { label: 'Political support', tone: 'indigo' },
};

export const STAGE: MetaMap<EngagementStage> = {
  identified: { label: 'Identified', tone: 'gray', hint: 'On our radar, not yet contacted' },
  approached: { label: 'Approached', tone: 'sky', hint: 'First contact made' },
  in_dialogue: { label: 'In dialogue', tone: 'blue', hint: 'Taking part in the policy dialogue' },
  committed: { label: 'Committed', tone: 'green', hint: 'Has committed to the coalition' },
  champion: { label: 'Champion', tone: 'violet', hint: 'Actively brings others in' },
};

export const TRACK_STATUS: MetaMap<TrackStatus> = {
  active: { label: 'Active', tone: 'blue' },
  on_hold: { label: 'On hold', tone: 'amber' },
  achieved: { label: 'Achieved', tone: 'green' },
  dropped: { label: 'Dropped', tone: 'gray' },
};

export const ASSIGNMENT_ROLE: MetaMap<AssignmentRole> = {
  lead: { label: 'Lead', tone: 'indigo' },
  co_lead: { label: 'Co-lead', tone: 'blue' },
  contributor: { label: 'Contributor', tone: 'green' },
  supporter: { label: 'Supporter', tone: 'teal' },
  observer: { label: 'Observer', tone: 'gray' },
};

export const MILESTONE_STATUS: MetaMap<MilestoneStatus> = {
  planned: { label: 'Planned', tone: 'gray' },
  in_progress: { label: 'In progress', tone: 'blue' },
  at_risk: { label: 'At risk', tone: 'amber' },
  blocked: { label: 'Blocked', tone: 'red' },
  done: { label: 'Done', tone: 'green' },
  dropped: { label: 'Dropped', tone: 'gray' },
};

export const SEVERITY: MetaMap<BottleneckSeverity> = {
  low: { label: 'Low', tone: 'gray' },
  medium: { label: 'Medium', tone: 'amber' },
  high: { label: 'High', tone: 'orange' },
  critical: { label: 'Critical', tone: 'red' },
};

export const BOTTLENECK_STATUS: MetaMap<BottleneckStatus> = {
  open: { label: 'Open', tone: 'red' },
  reframing: { label: 'Reframing', tone: 'violet', hint: 'A new narrative is being tried' },
  resolved: { label: 'Resolved', tone: 'green' },
};

export const ROLE: MetaMap<Role> = {
  owner: { label: 'Owner', tone: 'indigo', hint: 'Edits the plan, manages members, can delete the coalition' },
  editor: { label: 'Editor', tone: 'blue', hint: 'Edits the plan' },
  viewer: { label: 'Viewer', tone: 'gray', hint: 'Reads only' },
};

export const ENUMS = {
  kind: PARTNER_KIND,
  contribution: CONTRIBUTION,
  stage: STAGE,
  trackStatus: TRACK_STATUS,
  assignmentRole: ASSIGNMENT_ROLE,
  milestoneStatus: MILESTONE_STATUS,
  severity: SEVERITY,
  bottleneckStatus: BOTTLENECK_STATUS,
  role: ROLE,
} as const;
export type EnumName = keyof typeof ENUMS;

/** The label of an enum value, falling back to a readable version of the raw value. */
export function labelOf(name: EnumName, value: string): string {
  const meta = (ENUMS[name] as Record<string, EnumMeta>)[value];
  return meta?.label ?? value.replace(/_/g, ' ');
}
export function metaOf(name: EnumName, value: string): EnumMeta {
  return (ENUMS[name] as Record<string, EnumMeta>)[value] ?? { label: value.replace(/_/g, ' '), tone: 'gray' };
}

/** `{ value, label }[]` in the enum's declared order, for selects and filters. */
export function optionsOf<K extends string>(map: MetaMap<K>): Array<{ value: K; label: string; hint?: string }> {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: map[value].label, hint: map[value].hint }));
}

/** Tailwind classes per tone: light background, dark text, matching border (AA contrast). */
export const TONE_CLASSES: Record<Tone, { badge: string; dot: string; bar: string }> = {
  gray: { badge: 'bg-slate-100 text-slate-700 ring-slate-200', dot: 'bg-slate-400', bar: 'bg-slate-500' },
  blue: { badge: 'bg-blue-50 text-blue-800 ring-blue-200', dot: 'bg-blue-500', bar: 'bg-blue-600' },
  indigo: { badge: 'bg-indigo-50 text-indigo-800 ring-indigo-200', dot: 'bg-indigo-500', bar: 'bg-indigo-600' },
  violet: { badge: 'bg-violet-50 text-violet-800 ring-violet-200', dot: 'bg-violet-500', bar: 'bg-violet-600' },
  green: { badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200', dot: 'bg-emerald-500', bar: 'bg-emerald-600' },
  teal: { badge: 'bg-teal-50 text-teal-800 ring-teal-200', dot: 'bg-teal-500', bar: 'bg-teal-600' },
  amber: { badge: 'bg-amber-50 text-amber-900 ring-amber-200', dot: 'bg-amber-500', bar: 'bg-amber-500' },
  orange: { badge: 'bg-orange-50 text-orange-900 ring-orange-200', dot: 'bg-orange-500', bar: 'bg-orange-500' },
  red: { badge: 'bg-red-50 text-red-800 ring-red-200', dot: 'bg-red-500', bar: 'bg-red-600' },
  sky: { badge: 'bg-sky-50 text-sky-800 ring-sky-200', dot: 'bg-sky-500', bar: 'bg-sky-600' },
};

export const STATE_ACTOR_KINDS: readonly PartnerKind[] = ['state', 'intergovernmental'];
