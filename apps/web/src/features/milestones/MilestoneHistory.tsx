import { useInfiniteQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { Button } from '../../components/Button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate, formatInstant, formatInstantFull } from '../../lib/dates.ts';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneRefs } from './refs.ts';

const FIELD_LABEL: Record<string, string> = {
  title: 'title',
  description: 'description',
  trackId: 'track',
  startDate: 'start',
  dueDate: 'due',
  status: 'status',
  progress: 'progress',
  ownerPartnerId: 'owner',
  completedOn: 'completed on',
  dependsOn: 'dependencies',
  body: 'comment',
};
const DATE_FIELDS = new Set(['startDate', 'dueDate', 'completedOn']);

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `data` of a milestone.updated row is `{ field: [before, after] }`: the pairs we can show. */
export function fieldDiffs(data: unknown): Array<[string, unknown, unknown]> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>)
    .filter((e): e is [string, [unknown, unknown]] => Array.isArray(e[1]) && e[1].length === 2)
    .map(([k, [a, b]]) => [k, a, b]);
}

/** The milestone's history from the activity log, newest first, with field changes as "status: planned → done". */
export function MilestoneHistory({ coalitionId, milestoneId }: { coalitionId: string; milestoneId: string }) {
  const trpc = useTRPC();
  const refs = useMilestoneRefs(coalitionId);
  const q = useInfiniteQuery(
    trpc.activity.list.infiniteQueryOptions(
      { coalitionId, entity: { type: 'milestone', id: milestoneId }, limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'status') return labelOf('milestoneStatus', String(v));
    if (field === 'progress') return `${String(v)}%`;
    if (field === 'trackId') return refs.track(String(v)).name;
    if (field === 'ownerPartnerId') return refs.ownerName(String(v)) ?? 'a removed partner';
    if (DATE_FIELDS.has(field)) return formatDate(String(v));
    if (Array.isArray(v)) return v.length === 0 ? 'none' : `${v.length}`;
    return short(String(v));
  };

  if (q.isPending) return <LoadingState label="Loading history…" rows={4} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState icon={<History aria-hidden />} title="No history yet" />;

  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3">
        {items.map((a) => {
          const diffs = a.action === 'milestone.updated' || a.action === 'comment.edited' ? fieldDiffs(a.data) : [];
          return (
            <li key={a.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-sm text-slate-800">
                <span className="font-semibold text-slate-900">{a.actor?.name ?? 'Someone'}</span> {a.summary}
              </p>
              {diffs.length > 0 && (
                <ul className="mt-1 flex flex-col gap-0.5 text-xs text-slate-700">
                  {diffs.map(([field, before, after]) => (
                    <li key={field} className="break-words">
                      <span className="font-medium text-slate-600">{FIELD_LABEL[field] ?? field}:</span> {show(field, before)} <span aria-label="changed to">→</span> {show(field, after)}
                    </li>
                  ))}
                </ul>
              )}
              <time dateTime={new Date(a.createdAt).toISOString()} title={formatInstantFull(a.createdAt)} className="mt-0.5 block text-xs text-slate-500">
                {formatInstant(a.createdAt)}
              </time>
            </li>
          );
        })}
      </ol>
      {q.hasNextPage && (
        <Button size="sm" variant="secondary" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          Show older
        </Button>
      )}
    </div>
  );
}
