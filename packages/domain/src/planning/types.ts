/** The plan as the planning computations read it: plain rows, no database. */
import type { AssignmentRole, Contribution, EngagementStage, MilestoneStatus, PartnerKind, TrackStatus } from '../enums.ts';

export interface PlanMilestone {
  id: string;
  trackId: string | null;
  title: string;
  startDate: string | null;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
  completedOn: string | null;
}

/** `milestoneId` waits for `dependsOnId`. */
export interface PlanDependency {
  milestoneId: string;
  dependsOnId: string;
}

export interface PlanTrack {
  id: string;
  name: string;
  color: string;
  position: number;
  status: TrackStatus;
}

export interface PlanPartner {
  id: string;
  name: string;
  kind: PartnerKind;
  contributions: Contribution[];
  influence: number;
  interest: number;
  stage: EngagementStage;
  committedOn: string | null;
}

export interface PlanAssignment {
  partnerId: string;
  trackId: string;
  role: AssignmentRole;
}

/** Lists are capped at this length; the uncapped total is returned beside them. */
export const LIST_CAP = 50;

/** Plain code-point comparison: fast and deterministic (no locale), for ISO dates and ids. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest due first; ties by title then id so the order is stable. */
export function byDue(a: Pick<PlanMilestone, 'dueDate' | 'title' | 'id'>, b: Pick<PlanMilestone, 'dueDate' | 'title' | 'id'>): number {
  return cmp(a.dueDate, b.dueDate) || cmp(a.title, b.title) || cmp(a.id, b.id);
}

/** Tracks in their order: by position, then name. */
export function byPosition(a: Pick<PlanTrack, 'position' | 'name'>, b: Pick<PlanTrack, 'position' | 'name'>): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

export function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Whole percentage of `sum / count` (0 for an empty bucket), clamped to 0–100. */
export function percent(sum: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round(sum / count)));
}
