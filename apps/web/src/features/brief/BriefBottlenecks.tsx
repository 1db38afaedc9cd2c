/** Open bottlenecks with their reframing narrative, most severe first (the list's own order). */
import { Sparkles } from 'lucide-react';
import { StatusBadge } from '../../components/Badge.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type BriefBottleneck = RouterOutputs['bottleneck']['list'][number];

export function BriefBottlenecks({ items }: { items: BriefBottleneck[] }) {
  if (items.length === 0) return <p className="py-2 text-sm text-slate-600">No open bottlenecks.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((b) => (
        <li key={b.id} className="py-2.5 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">{b.title}</h3>
            <StatusBadge of="severity" value={b.severity} />
            <StatusBadge of="bottleneckStatus" value={b.status} />
          </div>
          {(b.trackName || b.milestoneTitle) && (
            <p className="mt-0.5 text-xs text-slate-600">
              {b.trackName && <>Track: {b.trackName}</>}
              {b.trackName && b.milestoneTitle && ' · '}
              {b.milestoneTitle && <>Milestone: {b.milestoneTitle}</>}
            </p>
          )}
          {b.description && <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{b.description}</p>}
          <div className="mt-1.5 rounded-md border-l-4 border-violet-300 bg-violet-50/70 px-3 py-1.5">
            <p className="flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-violet-800">
              <Sparkles aria-hidden className="size-3" />
              Reframing
            </p>
            <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-900">{b.narrative || 'No reframing narrative yet.'}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
