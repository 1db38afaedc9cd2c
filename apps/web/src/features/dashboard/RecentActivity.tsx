/** The dashboard's latest changes; each links where the activity screen links it (the domain's `activityTarget`). */
import { GitBranch } from 'lucide-react';
import { ActivitySentence, ActivityTime } from '../../components/ActivityText.tsx';
import { activityHref } from '../../lib/activity.ts';
import type { Dashboard } from './types.ts';

export function RecentActivity({ items, coalitionId }: { items: Dashboard['recentActivity']; coalitionId: string }) {
  if (items.length === 0) return <p className="py-3 text-sm text-slate-500">No activity yet.</p>;
  return (
    <ol className="-mx-1 divide-y divide-slate-100">
      {items.map((a) => (
        <li key={a.id} className="flex items-start gap-3 px-1 py-2 text-sm">
          <GitBranch aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
          <span className="min-w-0 flex-1 text-slate-700">
            <ActivitySentence row={a} href={activityHref(coalitionId, a)} />
          </span>
          <ActivityTime at={a.createdAt} className="shrink-0" />
        </li>
      ))}
    </ol>
  );
}
