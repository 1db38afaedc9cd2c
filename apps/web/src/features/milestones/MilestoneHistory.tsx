import { useInfiniteQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { Button } from '../../components/Button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { ActivitySentence, ActivityTime } from '../../components/ActivityText.tsx';
import { fieldChanges, formatChangeValue } from '../../lib/activity.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneRefs } from './refs.ts';

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

  const names = { track: (id: string) => refs.trackById.get(id)?.name, partner: (id: string) => refs.partnerById.get(id)?.name };
  // The responsible member is a person: named from the member list (the shared formatter knows tracks and partners).
  const value = (a: Parameters<typeof formatChangeValue>[0], field: string, v: unknown) =>
    field === 'responsibleUserId' ? (typeof v === 'string' ? refs.memberName(v) ?? '—' : 'nobody') : formatChangeValue(a, field, v, names);

  if (q.isPending) return <LoadingState label="Loading history…" rows={4} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState icon={<History aria-hidden />} title="No history yet" />;

  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3">
        {items.map((a) => {
          const changes = fieldChanges(a.action, a.data);
          return (
            <li key={a.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-sm text-slate-800">
                <ActivitySentence row={a} />
              </p>
              {changes.length > 0 && (
                <ul className="mt-1 flex flex-col gap-0.5 text-xs text-slate-700">
                  {changes.map((c) => (
                    <li key={c.field} className="break-words">
                      <span className="font-medium text-slate-600">{c.field === 'responsibleUserId' ? 'responsible' : c.label}:</span> {value(a, c.field, c.before)}{' '}
                      <span aria-label="changed to">→</span> {value(a, c.field, c.after)}
                    </li>
                  ))}
                </ul>
              )}
              <ActivityTime at={a.createdAt} className="mt-0.5 block" />
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
