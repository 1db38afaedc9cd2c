/** Schedule health: what is overdue, what is due soon, what its owners flag as at risk or blocked. */
import type { MilestoneStatus } from '../enums.ts';
import { dueKind, dueSoonLimit, dueState, needsAttention, statusRank } from '../rules/milestones.ts';
import { byDue, LIST_CAP, type PlanMilestone } from './types.ts';

export interface ScheduleItem {
  id: string;
  title: string;
  trackId: string | null;
  dueDate: string;
  status: MilestoneStatus;
  progress: number;
  /** Days from today to the due date (negative when overdue). */
  days: number;
  /** The due state's wording ("3 days overdue", "due in 5 days"). */
  dueText: string;
}

export interface ScheduleHealth {
  overdue: ScheduleItem[];
  overdueCount: number;
  dueSoon: ScheduleItem[];
  dueSoonCount: number;
  /** Open milestones flagged at risk or blocked, blocked first, then by due date. */
  attention: ScheduleItem[];
  attentionCount: number;
  blockedCount: number;
  atRiskCount: number;
}

const item = (m: PlanMilestone, today: string): ScheduleItem => {
  const due = dueState(m, today);
  return { id: m.id, title: m.title, trackId: m.trackId, dueDate: m.dueDate, status: m.status, progress: m.progress, days: due.days, dueText: due.text };
};

/**
 * One pass over the milestones, each classified by `dueKind` (the one definition of overdue
 * and due soon, string comparisons only); the day counts and wording (`dueState`) are
 * computed for the listed ones alone.
 */
export function scheduleHealth(milestones: readonly PlanMilestone[], today: string, cap = LIST_CAP): ScheduleHealth {
  const soonLimit = dueSoonLimit(today);
  const overdue: PlanMilestone[] = [];
  const dueSoon: PlanMilestone[] = [];
  const attention: PlanMilestone[] = [];
  let blocked = 0;
  for (const m of milestones) {
    const kind = dueKind(m, today, soonLimit);
    if (kind === 'closed') continue;
    if (kind === 'overdue') overdue.push(m);
    else if (kind === 'soon') dueSoon.push(m);
    if (needsAttention(m.status)) {
      attention.push(m);
      if (m.status === 'blocked') blocked++;
    }
  }
  overdue.sort(byDue);
  dueSoon.sort(byDue);
  // Blocked before at risk (later in the lifecycle order), then the earliest due.
  attention.sort((a, b) => statusRank(b.status) - statusRank(a.status) || byDue(a, b));
  const list = (ms: PlanMilestone[]) => ms.slice(0, cap).map((m) => item(m, today));
  return {
    overdue: list(overdue),
    overdueCount: overdue.length,
    dueSoon: list(dueSoon),
    dueSoonCount: dueSoon.length,
    attention: list(attention),
    attentionCount: attention.length,
    blockedCount: blocked,
    atRiskCount: attention.length - blocked,
  };
}
