/** The four figures at the top of the dashboard: countdown, progress, schedule outlook, bottlenecks. */
import { doneOf, goalCountdown, type ScheduleOutlook } from '@coalition/domain';
import { AlertOctagon, CalendarClock, CheckCircle2, Clock } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { paths } from '../../lib/paths.ts';
import type { Dashboard } from './types.ts';

const TONE_TEXT: Record<ScheduleOutlook['tone'] | 'danger' | 'ok', string> = {
  danger: 'text-red-700',
  warning: 'text-amber-800',
  ok: 'text-emerald-700',
  neutral: 'text-slate-900',
};

export function DashboardTiles({ d, coalitionId }: { d: Dashboard; coalitionId: string }) {
  const p = d.progress.coalition;
  const s = d.schedule;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <CountdownTile daysToGoal={d.daysToGoal} goalDate={d.coalition.goalDate} />
      <StatTile
        icon={<CheckCircle2 aria-hidden />}
        label="Overall progress"
        value={`${p.progress}%`}
        detail={`${doneOf(p.doneCount, p.milestoneCount)}${p.droppedCount ? ` · ${p.droppedCount} dropped, not counted` : ''}`}
      >
        <ProgressBar className="mt-2" value={p.progress} label="Overall progress" size="sm" valueText={`${p.progress}%, ${doneOf(p.doneCount, p.milestoneCount)}`} />
      </StatTile>
      <StatTile
        icon={<Clock aria-hidden />}
        label="Schedule (critical path)"
        value={d.outlook.text}
        tone={d.outlook.tone}
        detail={`${s.overdueCount} overdue · ${s.dueSoonCount} due in the next 14 days`}
        href={paths.milestones(coalitionId)}
      />
      <StatTile
        icon={<AlertOctagon aria-hidden />}
        label="Bottlenecks"
        value={`${d.bottlenecks.open} open`}
        tone={d.bottlenecks.critical > 0 ? 'danger' : 'neutral'}
        detail={d.bottlenecks.critical > 0 ? `${d.bottlenecks.critical} critical` : 'None critical'}
        href={paths.bottlenecks(coalitionId)}
        className="col-span-2 sm:col-span-1"
      />
    </div>
  );
}

function CountdownTile({ daysToGoal, goalDate }: { daysToGoal: number; goalDate: string }) {
  const c = goalCountdown(daysToGoal);
  const n = Math.abs(daysToGoal);
  return (
    <div className={cn('col-span-2 flex flex-col rounded-xl border p-4 shadow-xs sm:col-span-1', c.past ? 'border-slate-200 bg-white' : 'border-indigo-200 bg-indigo-50/60')}>
      <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600 [&>svg]:size-3.5">
        <CalendarClock aria-hidden />
        Goal date · {formatDate(goalDate)}
      </p>
      {daysToGoal === 0 ? (
        <p className="mt-2 text-2xl font-semibold tracking-tight text-indigo-900">Today</p>
      ) : (
        <p className={cn('mt-2', c.past ? 'text-slate-900' : 'text-indigo-950')}>
          {c.past && <span className="text-sm">Goal passed </span>}
          <span className="text-2xl font-semibold tabular-nums tracking-tight">{n.toLocaleString('en-GB')}</span>
          <span className="text-sm whitespace-nowrap"> {n === 1 ? 'day' : 'days'} {c.past ? 'ago' : 'to go'}</span>
        </p>
      )}
      <p className="mt-auto pt-1 text-xs text-slate-600">{c.past ? 'Set a new goal date in Settings if the plan continues.' : 'Every milestone counts toward it.'}</p>
    </div>
  );
}

function StatTile({
  icon,
  label,
  value,
  detail,
  tone = 'neutral',
  href,
  children,
  className,
}: {
  className?: string;
  icon: ReactNode;
  label: string;
  value: string;
  detail?: string;
  tone?: keyof typeof TONE_TEXT;
  href?: string;
  children?: ReactNode;
}) {
  const body = (
    <>
      <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600 [&>svg]:size-3.5">
        {icon}
        {label}
      </p>
      <p className={cn('mt-2 text-2xl font-semibold tabular-nums tracking-tight', TONE_TEXT[tone])}>{value}</p>
      {children}
      {detail && <p className="mt-auto pt-1 text-xs text-slate-500">{detail}</p>}
    </>
  );
  const cls = cn('flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs', className);
  return href ? (
    <Link href={href} className={cn(cls, 'transition-colors hover:border-slate-300 hover:bg-slate-50')}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
