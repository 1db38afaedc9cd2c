/** Schedule wording shared by the list, the timeline and the detail (mirrors the server's planning rules). */
import type { MilestoneStatus } from '@coalition/db';
import { daysBetween, plural } from '../../lib/dates.ts';

/** Same window as the dashboard: due between today and today + 14 days. */
export const DUE_SOON_DAYS = 14;

export const isOpenStatus = (s: MilestoneStatus) => s !== 'done' && s !== 'dropped';

export type DueState =
  | { kind: 'overdue'; days: number; text: string }
  | { kind: 'soon'; days: number; text: string }
  | { kind: 'normal' | 'closed'; days: number; text: string };

/** Overdue / due soon / other, with a short sentence ("3 days overdue", "due in 5 days"). */
export function dueState(m: { dueDate: string; status: MilestoneStatus }, today: string): DueState {
  const days = daysBetween(today, m.dueDate);
  if (!isOpenStatus(m.status)) return { kind: 'closed', days, text: '' };
  if (days < 0) return { kind: 'overdue', days, text: `${plural(-days, 'day')} overdue` };
  if (days <= DUE_SOON_DAYS) return { kind: 'soon', days, text: days === 0 ? 'due today' : days === 1 ? 'due tomorrow' : `due in ${days} days` };
  return { kind: 'normal', days, text: '' };
}

/** The day a milestone finishes (or is expected to): its completion date when done, else its due date. */
export const finishDate = (m: { dueDate: string; completedOn: string | null }) => m.completedOn ?? m.dueDate;
