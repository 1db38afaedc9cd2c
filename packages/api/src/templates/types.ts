import type {
  AssignmentRole,
  BottleneckSeverity,
  BottleneckStatus,
  Contribution,
  EngagementStage,
  MilestoneStatus,
  PartnerKind,
  TemplateId,
  TrackStatus,
} from '@coalition/domain';

/** A built-in coalition template. Keys link the parts; ids are generated on instantiation. */
export interface CoalitionTemplate {
  id: TemplateId;
  name: string;
  goal: string;
  goalDate: string;
  summary: string;
  description: string;
  /**
   * The day the statuses describe (the plan "as of" then); every done milestone was
   * completed by this day. Informational, not stored; shifted like every other date.
   */
  asOf?: string;
  partners: {
    key: string;
    name: string;
    kind: PartnerKind;
    country: string;
    contact?: string;
    contributions: Contribution[];
    influence: number;
    interest: number;
    stage: EngagementStage;
    committedOn?: string;
    notes?: string;
  }[];
  tracks: { key: string; name: string; objective: string; color: string; status: TrackStatus }[];
  assignments: { partner: string; track: string; role: AssignmentRole }[];
  milestones: {
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
  }[];
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
