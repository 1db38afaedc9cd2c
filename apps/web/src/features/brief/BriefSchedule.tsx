/** The brief's milestone tables (overdue, due next): the dashboard's schedule items, every row whole. */
import { Link } from 'wouter';
import { StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { paths } from '../../lib/paths.ts';
import type { ScheduleItem, TrackInfo } from '../dashboard/index.ts';

export function BriefMilestoneTable({
  items,
  total,
  trackById,
  coalitionId,
  caption,
  empty,
  danger,
}: {
  items: ScheduleItem[];
  total: number;
  trackById: Map<string, TrackInfo>;
  coalitionId: string;
  caption: string;
  empty: string;
  danger: boolean;
}) {
  if (items.length === 0) return <p className="py-2 text-sm text-slate-600">{empty}</p>;
  return (
    <div>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-600">
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Milestone
            </th>
            <th scope="col" className="hidden py-1.5 pr-3 font-medium sm:table-cell">
              Track
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium whitespace-nowrap">
              Due
            </th>
            <th scope="col" className="py-1.5 font-medium">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => {
            const track = m.trackId ? trackById.get(m.trackId) : undefined;
            return (
              <tr key={m.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="py-1.5 pr-3">
                  <Link href={paths.milestone(coalitionId, m.id)} className="font-medium text-slate-900 hover:underline">
                    {m.title}
                  </Link>
                  {/* On a phone the track goes under the title (no sideways scrolling in a brief). */}
                  <span className="mt-0.5 block text-xs text-slate-600 sm:hidden">{track?.name ?? 'Coalition-wide'}</span>
                </td>
                <td className="hidden py-1.5 pr-3 text-slate-700 sm:table-cell">
                  <span className="inline-flex items-center gap-1.5">
                    <TrackDot color={track?.color ?? '#334155'} />
                    {track?.name ?? 'Coalition-wide'}
                  </span>
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  <span className="block text-slate-800">{formatDate(m.dueDate)}</span>
                  <span className={cn('block text-xs font-medium', danger ? 'text-red-700' : 'text-slate-600')}>{m.dueText}</span>
                </td>
                <td className="py-1.5">
                  <StatusBadge of="milestoneStatus" value={m.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total > items.length && (
        <p className="mt-2 text-xs text-slate-600">
          These are the first {items.length} of {total}; the full list is on the{' '}
          <Link href={paths.milestones(coalitionId)} className="font-medium text-indigo-700 underline">
            Milestones
          </Link>{' '}
          screen.
        </p>
      )}
    </div>
  );
}
