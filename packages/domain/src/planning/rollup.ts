/** Progress roll-up: milestone → track → coalition. The only place a coalition's percentages come from. */
import { MILESTONE_STATUSES, type MilestoneStatus, type TrackStatus } from '../enums.ts';
import { isCounted, isOverdue, milestoneProgress } from '../rules/milestones.ts';
import { byPosition, percent, zeroRecord, type PlanMilestone, type PlanTrack } from './types.ts';

/** What the roll-up reads of a milestone. */
export type RollupMilestone = Pick<PlanMilestone, 'trackId' | 'status' | 'progress' | 'dueDate'>;

export interface ProgressBucket {
  /** Average progress of the counted milestones, whole percent. */
  progress: number;
  /** Milestones that count (every status but dropped). */
  milestoneCount: number;
  doneCount: number;
  /** Dropped milestones: shown, never counted. */
  droppedCount: number;
  overdueCount: number;
}

export interface TrackProgress extends ProgressBucket {
  id: string;
  name: string;
  color: string;
  position: number;
  status: TrackStatus;
}

export interface ProgressRollup {
  /** The whole coalition: every counted milestone, tracked or not. */
  coalition: ProgressBucket;
  byStatus: Record<MilestoneStatus, number>;
  tracks: TrackProgress[];
  /** Milestones that belong to the coalition as a whole (no track), e.g. the summit itself. */
  coalitionWide: ProgressBucket;
}

interface Acc {
  sum: number;
  count: number;
  done: number;
  dropped: number;
  overdue: number;
}

const emptyAcc = (): Acc => ({ sum: 0, count: 0, done: 0, dropped: 0, overdue: 0 });
const bucket = (a: Acc): ProgressBucket => ({
  progress: percent(a.sum, a.count),
  milestoneCount: a.count,
  doneCount: a.done,
  droppedCount: a.dropped,
  overdueCount: a.overdue,
});

/**
 * The one roll-up (documented for every screen that shows a percentage):
 * - `dropped` milestones are left out (they will not happen, so they neither drag progress
 *   down nor count as work); they are still counted in `droppedCount` and `byStatus`;
 * - a milestone's progress is `milestoneProgress` (done counts as 100);
 * - a track's progress is the plain average over its counted milestones;
 * - the coalition's progress is the average over ALL its counted milestones (tracked and
 *   coalition-wide alike), weighted by milestone, not the average of the track bars: a track
 *   with 200 milestones represents more of the plan than one with 3;
 * - whole percentages; an empty bucket shows 0.
 */
export function rollUpProgress(milestones: readonly RollupMilestone[], tracks: readonly PlanTrack[], today: string): ProgressRollup {
  const byStatus = zeroRecord(MILESTONE_STATUSES);
  const acc = new Map<string, Acc>();
  for (const t of tracks) acc.set(t.id, emptyAcc());
  const wide = emptyAcc();
  const all = emptyAcc();
  for (const m of milestones) {
    byStatus[m.status]++;
    const buckets = [all, m.trackId === null ? wide : acc.get(m.trackId)];
    for (const b of buckets) {
      // A track id not in the list: counted only in the coalition's figures.
      if (!b) continue;
      if (!isCounted(m.status)) {
        b.dropped++;
        continue;
      }
      b.sum += milestoneProgress(m);
      b.count++;
      if (m.status === 'done') b.done++;
      if (isOverdue(m, today)) b.overdue++;
    }
  }
  return {
    coalition: bucket(all),
    byStatus,
    tracks: [...tracks].sort(byPosition).map((t) => ({
      id: t.id,
      name: t.name,
      color: t.color,
      position: t.position,
      status: t.status,
      ...bucket(acc.get(t.id)!),
    })),
    coalitionWide: bucket(wide),
  };
}
