/** The dashboard's plan cards: progress by track, the critical path, and the milestone lists. */
import { doneOf } from '@coalition/domain';
import { CheckCircle2, Link2Off } from 'lucide-react';
import { Link } from 'wouter';
import { Badge, StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { paths } from '../../lib/paths.ts';
import type { Dashboard, ScheduleItem, TrackInfo } from './types.ts';

export function TrackProgressList({ tracks, coalitionWide }: { tracks: TrackInfo[]; coalitionWide: Dashboard['progress']['coalitionWide'] }) {
  if (tracks.length === 0) return <p className="py-4 text-sm text-slate-500">No tracks yet.</p>;
  return (
    <ul className="flex flex-col gap-3.5 py-1">
      {tracks.map((t) => (
        <li key={t.id}>
          <div className="mb-1 flex items-center justify-between gap-3 text-sm">
            <span className="flex min-w-0 items-center gap-2">
              <TrackDot color={t.color} />
              <span className="truncate font-medium text-slate-800">{t.name}</span>
              {t.status !== 'active' && <StatusBadge of="trackStatus" value={t.status} />}
            </span>
            <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
              {t.overdueCount > 0 && <Badge tone="red">{t.overdueCount} overdue</Badge>}
              <span className="tabular-nums">
                {t.doneCount}/{t.milestoneCount}
              </span>
            </span>
          </div>
          <ProgressBar value={t.progress} color={t.color} label={`${t.name} progress`} valueText={`${t.progress}%, ${doneOf(t.doneCount, t.milestoneCount)}`} showValue />
        </li>
      ))}
      {coalitionWide.milestoneCount > 0 && (
        <li className="border-t border-slate-100 pt-3">
          <div className="mb-1 flex items-center justify-between gap-3 text-sm">
            <span className="flex items-center gap-2 font-medium text-slate-800">
              <TrackDot color="var(--color-slate-700)" />
              Coalition-wide milestones
            </span>
            <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
              {coalitionWide.overdueCount > 0 && <Badge tone="red">{coalitionWide.overdueCount} overdue</Badge>}
              <span className="tabular-nums">
                {coalitionWide.doneCount}/{coalitionWide.milestoneCount}
              </span>
            </span>
          </div>
          <ProgressBar value={coalitionWide.progress} color="var(--color-slate-700)" label="Coalition-wide milestones progress" showValue />
        </li>
      )}
    </ul>
  );
}

const OUTLOOK_BOX = {
  danger: 'bg-red-50 text-red-900',
  warning: 'bg-amber-50 text-amber-900',
  ok: 'bg-emerald-50 text-emerald-900',
  neutral: 'bg-slate-50 text-slate-800',
} as const;

/** The chain that decides when the plan can finish; its verdict is the Schedule tile's (`d.outlook`). */
export function CriticalPath({ d, trackById, coalitionId }: { d: Dashboard; trackById: Map<string, TrackInfo>; coalitionId: string }) {
  const cp = d.criticalPath;
  if (!cp.items.length || !cp.projectedFinish) return <p className="py-4 text-sm text-slate-500">No milestones with dates to chain yet.</p>;
  return (
    <div>
      <div className={cn('flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg px-3 py-2.5', OUTLOOK_BOX[d.outlook.tone])}>
        <span className="text-lg font-semibold tabular-nums">{d.outlook.text}</span>
        <span className="text-xs">
          projected finish {formatDate(cp.projectedFinish)} · goal {formatDate(cp.goalDate)}
        </span>
      </div>
      <ol className="mt-3 flex flex-col" aria-label="Critical path, first to last">
        {cp.items.map((m, i) => {
          const track = m.trackId ? trackById.get(m.trackId) : undefined;
          const done = m.completedOn !== null;
          const slips = !done && m.earliestFinish > m.dueDate;
          return (
            <li key={m.id} className="relative flex gap-3 pb-3 last:pb-0">
              <span aria-hidden className="flex flex-col items-center">
                <span className="mt-1 size-2.5 rounded-full ring-2 ring-white" style={{ backgroundColor: track?.color ?? 'var(--color-slate-700)' }} />
                {i < cp.items.length - 1 && <span className="mt-1 w-px flex-1 bg-slate-200" />}
              </span>
              <div className="min-w-0 text-sm">
                <Link href={paths.milestone(coalitionId, m.id)} className={cn('font-medium hover:underline', done ? 'text-slate-500' : 'text-slate-900')}>
                  {m.title}
                </Link>
                <p className="text-xs text-slate-500">
                  {track ? `${track.name} · ` : ''}
                  {done ? (
                    <span className="inline-flex items-center gap-1 font-medium text-emerald-700">
                      <CheckCircle2 aria-hidden className="size-3.5" /> done {formatDate(m.completedOn!)}
                    </span>
                  ) : (
                    <>due {formatDate(m.dueDate)}</>
                  )}
                  {slips && <span className="font-medium text-red-700"> · can finish {formatDate(m.earliestFinish)}</span>}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Overdue, due soon or flagged milestones; `note` says why each is here (the domain's due wording). */
export function MilestoneList({
  items,
  total,
  trackById,
  coalitionId,
  empty,
  note,
}: {
  items: ScheduleItem[];
  total: number;
  trackById: Map<string, TrackInfo>;
  coalitionId: string;
  empty: string;
  note: (m: ScheduleItem) => { text: string; danger: boolean };
}) {
  if (items.length === 0) {
    return (
      <p className="flex items-center gap-2 py-3 text-sm text-slate-500">
        <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
        {empty}
      </p>
    );
  }
  const shown = items.slice(0, 8);
  return (
    <>
      <ul className="-mx-1 divide-y divide-slate-100">
        {shown.map((m) => {
          const track = m.trackId ? trackById.get(m.trackId) : undefined;
          const n = note(m);
          return (
            <li key={m.id}>
              <Link href={paths.milestone(coalitionId, m.id)} className="flex items-center gap-3 rounded-md px-1 py-2 hover:bg-slate-50">
                <TrackDot color={track?.color ?? 'var(--color-slate-700)'} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">{m.title}</span>
                  <span className="block truncate text-xs text-slate-500">
                    {track?.name ?? 'Coalition-wide'} · due {formatDate(m.dueDate)}
                  </span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1">
                  {n.text && <span className={cn('text-xs font-medium', n.danger ? 'text-red-700' : 'text-slate-600')}>{n.text}</span>}
                  <StatusBadge of="milestoneStatus" value={m.status} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {total > shown.length && (
        <p className="mt-2 text-xs text-slate-500">
          and {total - shown.length} more —{' '}
          <Link href={paths.milestones(coalitionId)} className="font-medium text-indigo-700 hover:underline">
            see all milestones
          </Link>
        </p>
      )}
    </>
  );
}

export function DependencyProblems({ d, coalitionId }: { d: Dashboard; coalitionId: string }) {
  return (
    <ul className="divide-y divide-slate-100">
      {d.dependencyViolations.map((v) => (
        <li key={`${v.milestoneId}-${v.dependsOnId}`} className="flex flex-col gap-0.5 py-2 text-sm">
          <span className="flex items-center gap-1.5">
            <Link2Off aria-hidden className="size-4 shrink-0 text-amber-600" />
            <Link href={paths.milestone(coalitionId, v.milestoneId)} className="font-medium text-slate-900 hover:underline">
              {v.title}
            </Link>
          </span>
          <span className="pl-5.5 text-slate-600">
            due {formatDate(v.dueDate)}, but depends on{' '}
            <Link href={paths.milestone(coalitionId, v.dependsOnId)} className="text-indigo-700 underline underline-offset-2">
              {v.dependsOnTitle}
            </Link>{' '}
            finishing {formatDate(v.dependsOnFinish)}
          </span>
        </li>
      ))}
    </ul>
  );
}
