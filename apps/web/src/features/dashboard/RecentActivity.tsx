/** The dashboard's latest changes; each links where the activity screen links it (the domain's `activityTarget`). */
import { GitBranch } from 'lucide-react';
import { Link } from 'wouter';
import { activityHref } from '../../lib/activity.ts';
import { formatInstant, formatInstantFull } from '../../lib/dates.ts';
import type { Dashboard } from './types.ts';

export function RecentActivity({ items, coalitionId }: { items: Dashboard['recentActivity']; coalitionId: string }) {
  if (items.length === 0) return <p className="py-3 text-sm text-slate-500">No activity yet.</p>;
  return (
    <ol className="-mx-1 divide-y divide-slate-100">
      {items.map((a) => {
        const href = activityHref(coalitionId, a);
        const text = (
          <>
            <span className="font-medium text-slate-900">{a.actor?.name ?? 'Someone'}</span> {a.summary}
          </>
        );
        return (
          <li key={a.id} className="flex items-start gap-3 px-1 py-2 text-sm">
            <GitBranch aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
            <span className="min-w-0 flex-1 text-slate-700">
              {href ? (
                <Link href={href} className="hover:underline">
                  {text}
                </Link>
              ) : (
                text
              )}
            </span>
            <time dateTime={new Date(a.createdAt).toISOString()} title={formatInstantFull(a.createdAt)} className="shrink-0 text-xs text-slate-500">
              {formatInstant(a.createdAt)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
