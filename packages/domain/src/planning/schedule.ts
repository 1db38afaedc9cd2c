/** Schedule health: what is overdue, what is due soon, what its owners flag as at risk or blocked. */
import type { MilestoneStatus } from '../enums.ts';
import { dueState, needsAttention, statusRank } from '../rules/milestones.ts';
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

/** One pass over the milestones, each classified by `dueState` (the one definition of overdue and due soon). */
export function scheduleHealth(milestones: readonly PlanMilestone[], today: string, cap = LIST_CAP): ScheduleHealth {
  const overdue: ScheduleItem[] = [];
  const dueSoon: ScheduleItem[] = [];
  const attention: ScheduleItem[] = [];
  let blocked = 0;
  for (const m of milestones) {
    const due = dueState(m, today);
    if (due.kind === 'closed') continue;
    const item: ScheduleItem = {
      id: m.id,
      title: m.title,
      trackId: m.trackId,
      dueDate: m.dueDate,
      status: m.status,
      progress: m.progress,
      days: due.days,
      dueText: due.text,
    };
    if (due.kind === 'overdue') overdue.push(item);
    else if (due.kind === 'soon') dueSoon.push(item);
    if (needsAttention(m.status)) {
      attention.push(item);
      if (m.status === 'blocked') blocked++;
    }
  }
  overdue.sort(byDue);
  dueSoon.sort(byDue);
  // Blocked before at risk (later in the lifecycle order), then the earliest due.
  attention.sort((a, b) => statusRank(b.status) - statusRank(a.status) || byDue(a, b));
  return {
    overdue: overdue.slice(0, cap),
    overdueCount: overdue.length,
    dueSoon: dueSoon.slice(0, cap),
    dueSoonCount: dueSoon.length,
    attention: attention.slice(0, cap),
    attentionCount: attention.length,
    blockedCount: blocked,
    atRiskCount: attention.length - blocked,
  };
}
