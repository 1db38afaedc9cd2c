import type {
  AssignmentRole,
  BottleneckSeverity,
  BottleneckStatus,
  Contribution,
  EngagementStage,
  MilestoneStatus,
  PartnerKind,
  TemplateId,
  ThresholdAct,
  TrackStatus,
} from '@coalition/domain';

/** A public reference: a short citation and where to read it. */
export interface SourceRef {
  /** Publisher and title, e.g. “UN General Assembly, A/RES/73/299”. */
  citation: string;
  url: string;
}

/**
 * How a template date relates to history: `exact` is the day the source gives; `approximate`
 * stands in for a month, season or year the source gives (first of the month unless said
 * otherwise); `illustrative` is a step of the coalition’s own plan, not a historical event.
 */
export const SOURCE_BASES = ['exact', 'approximate', 'illustrative'] as const;
export type SourceBasis = (typeof SOURCE_BASES)[number];

/**
 * The provenance of a dated fact. The historical dates live HERE, never in a title, name,
 * note or description: templates are re-based (every date moved toward a new goal date), and
 * a re-based plan must not state dates that contradict its own.
 */
export interface TemplateSource extends SourceRef {
  /** The historical date(s) as they happened, e.g. “2–13 Dec 2019 (ran over to 15 Dec)”. */
  historical: string;
  basis: SourceBasis;
}

/** A source for a dated template item; `basis` defaults to `exact`. */
export function cite(ref: SourceRef, historical: string, basis: SourceBasis = 'exact'): TemplateSource {
  return { ...ref, historical, basis };
}

interface TemplatePartnerBase {
  key: string;
  name: string;
  kind: PartnerKind;
  country: string;
  contact?: string;
  contributions: Contribution[];
  influence: number;
  interest: number;
  stage: EngagementStage;
  notes?: string;
}

/** A partner; one with a commitment date carries the source of that date. */
export type TemplatePartner =
  | (TemplatePartnerBase & { committedOn: string; source: TemplateSource })
  | (TemplatePartnerBase & { committedOn?: undefined; source?: undefined });

/** One partner's dated act toward a threshold milestone (a signature, a deposit of ratification…). */
export interface TemplateAct {
  partner: string;
  act: ThresholdAct;
  actedOn: string;
  /** No dates here (the plan is re-based): the date is `actedOn`, its history in `source`. */
  note?: string;
  source: TemplateSource;
}

/**
 * A milestone reached by a count of acts ("40 ratifications"): the act that counts, how many, the
 * eligible partners (keys) and the acts the template records. Instantiating the template writes
 * them, every date re-based like the others.
 */
export interface TemplateThreshold {
  act: ThresholdAct;
  count: number;
  eligible: string[];
  acts: TemplateAct[];
}

export interface TemplateMilestone {
  key: string;
  track: string | null;
  title: string;
  description?: string;
  startDate?: string;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
  owner?: string;
  completedOn?: string;
  /** Where its dates come from (every milestone is dated). */
  source: TemplateSource;
  /** Reached by a count of partners' acts. */
  threshold?: TemplateThreshold;
}

/** A built-in coalition template. Keys link the parts; ids are generated on instantiation. */
export interface CoalitionTemplate {
  id: TemplateId;
  name: string;
  goal: string;
  goalDate: string;
  /** The source of the goal date. */
  goalSource: TemplateSource;
  /** For the template picker only (not copied into the plan): may name historical years. */
  summary: string;
  description: string;
  /**
   * The day the statuses describe (the plan "as of" then); every done milestone was
   * completed by this day. Informational, not stored; shifted like every other date.
   */
  asOf?: string;
  partners: TemplatePartner[];
  tracks: { key: string; name: string; objective: string; color: string; status: TrackStatus }[];
  assignments: { partner: string; track: string; role: AssignmentRole }[];
  milestones: TemplateMilestone[];
  /** [milestone, dependsOn] */
  dependencies: [string, string][];
  bottlenecks: {
    track?: string;
    milestone?: string;
    title: string;
    description: string;
    severity: BottleneckSeverity;
    status: BottleneckStatus;
    narrative: string;
  }[];
}
