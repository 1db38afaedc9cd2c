/**
 * Colour tones for every enum the API uses, paired with the domain's own words
 * (@coalition/domain's labels, the same the server writes into activity sentences and files).
 * Colour is always paired with the label text (StatusBadge renders both), never used alone.
 */
import {
  ASSIGNMENT_ROLE_LABELS,
  BOTTLENECK_STATUS_LABELS,
  CONTRIBUTION_LABELS,
  MILESTONE_STATUS_LABELS,
  PARTNER_KIND_LABELS,
  ROLE_LABELS,
  SEVERITY_LABELS,
  STAGE_LABELS,
  TRACK_STATUS_LABELS,
  INVITATION_STATUS_LABELS,
  INTERACTION_KIND_LABELS,
  POSITION_LABELS,
  THRESHOLD_ACT_LABELS,
  WHIP_GROUP_LABELS,
  type ENUM_LABELS,
  type EnumLabel,
  type EnumName,
} from '@coalition/domain';

export { labelOf, type EnumName } from '@coalition/domain';

export type Tone = 'gray' | 'blue' | 'indigo' | 'violet' | 'green' | 'teal' | 'amber' | 'orange' | 'red' | 'sky';

export interface EnumMeta extends EnumLabel {
  tone: Tone;
}

type MetaMap<K extends string> = Record<K, EnumMeta>;

/** The domain's labels with a tone for each value. */
function withTones<K extends string>(labels: Record<K, EnumLabel>, tones: Record<K, Tone>): MetaMap<K> {
  return Object.fromEntries((Object.keys(labels) as K[]).map((k) => [k, { ...labels[k], tone: tones[k] }])) as MetaMap<K>;
}

export const PARTNER_KIND = withTones(PARTNER_KIND_LABELS, {
  state: 'indigo',
  intergovernmental: 'sky',
  civil_society: 'green',
  academia: 'violet',
  philanthropy: 'teal',
  private_sector: 'orange',
  media: 'amber',
  individual: 'gray',
});

export const CONTRIBUTION = withTones(CONTRIBUTION_LABELS, { ideas: 'violet', resources: 'teal', networks: 'sky', political_support: 'indigo' });

export const STAGE = withTones(STAGE_LABELS, { identified: 'gray', approached: 'sky', in_dialogue: 'blue', committed: 'green', champion: 'violet' });

export const TRACK_STATUS = withTones(TRACK_STATUS_LABELS, { active: 'blue', on_hold: 'amber', achieved: 'green', dropped: 'gray' });

export const ASSIGNMENT_ROLE = withTones(ASSIGNMENT_ROLE_LABELS, { lead: 'indigo', co_lead: 'blue', contributor: 'green', supporter: 'teal', observer: 'gray' });

export const MILESTONE_STATUS = withTones(MILESTONE_STATUS_LABELS, {
  planned: 'gray',
  in_progress: 'blue',
  at_risk: 'amber',
  blocked: 'red',
  done: 'green',
  dropped: 'gray',
});

export const SEVERITY = withTones(SEVERITY_LABELS, { low: 'gray', medium: 'amber', high: 'orange', critical: 'red' });

export const BOTTLENECK_STATUS = withTones(BOTTLENECK_STATUS_LABELS, { open: 'red', reframing: 'violet', resolved: 'green' });

export const ROLE = withTones(ROLE_LABELS, { owner: 'indigo', editor: 'blue', viewer: 'gray' });

export const INVITATION_STATUS = withTones(INVITATION_STATUS_LABELS, { pending: 'blue', used: 'green', expired: 'gray', revoked: 'gray' });

export const INTERACTION_KIND = withTones(INTERACTION_KIND_LABELS, { meeting: 'indigo', call: 'blue', letter: 'gray', email: 'sky', event: 'violet', side_event: 'teal' });

export const POSITION = withTones(POSITION_LABELS, { champion: 'violet', supportive: 'green', neutral: 'gray', sceptical: 'amber', opposed: 'red', unknown: 'gray' });

export const THRESHOLD_ACT = withTones(THRESHOLD_ACT_LABELS, { signed: 'sky', ratified: 'green', endorsed: 'teal', voted_yes: 'green', voted_no: 'red', abstained: 'gray' });

export const WHIP_GROUP = withTones(WHIP_GROUP_LABELS, { committed: 'green', likely: 'teal', undecided: 'gray', opposed: 'red' });

const ENUMS: Record<EnumName, Record<string, EnumMeta>> = {
  kind: PARTNER_KIND,
  contribution: CONTRIBUTION,
  stage: STAGE,
  trackStatus: TRACK_STATUS,
  assignmentRole: ASSIGNMENT_ROLE,
  milestoneStatus: MILESTONE_STATUS,
  severity: SEVERITY,
  bottleneckStatus: BOTTLENECK_STATUS,
  role: ROLE,
  invitationStatus: INVITATION_STATUS,
  interactionKind: INTERACTION_KIND,
  position: POSITION,
  thresholdAct: THRESHOLD_ACT,
  whipGroup: WHIP_GROUP,
} satisfies Record<keyof typeof ENUM_LABELS, unknown>;

export function metaOf(name: EnumName, value: string): EnumMeta {
  return ENUMS[name][value] ?? { label: value.replace(/_/g, ' '), tone: 'gray' };
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
