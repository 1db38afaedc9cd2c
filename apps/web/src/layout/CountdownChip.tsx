import { CalendarClock } from 'lucide-react';
import { cn } from '../lib/cn.ts';
import { daysToGoal, goalCountdown } from '@coalition/domain';
import { useNow } from '../lib/coalition.tsx';
import { formatDate } from '../lib/dates.ts';
import { Tooltip } from '../components/Tooltip.tsx';

/** "284 days to go" toward the goal date, counted in the coalition's time zone; amber inside 30 days, grey once passed. */
export function CountdownChip({ goalDate, timeZone, className }: { goalDate: string; timeZone: string; className?: string }) {
  const days = daysToGoal(goalDate, timeZone, useNow());
  const c = goalCountdown(days);
  const tone = c.past ? 'bg-slate-100 text-slate-700 ring-slate-200' : days <= 30 ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-indigo-50 text-indigo-800 ring-indigo-200';
  return (
    <Tooltip content={`Goal date: ${formatDate(goalDate)}`}>
      <span
        tabIndex={0}
        className={cn('inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600', tone, className)}
      >
        <CalendarClock aria-hidden className="size-3.5" />
        <span className="sm:hidden">{c.short}</span>
        <span className="hidden sm:inline">{c.long}</span>
        <span className="sr-only"> until the goal date, {formatDate(goalDate)}</span>
      </span>
    </Tooltip>
  );
}
