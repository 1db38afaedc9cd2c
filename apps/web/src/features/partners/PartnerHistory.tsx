import { useInfiniteQuery } from '@tanstack/react-query';
import { ActivitySentence, ActivityTime, Button, ErrorState, LoadingState } from '../../components/index.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** The activity log of one partner (edits, stage moves, track assignments, comments), newest first. */
export function PartnerHistory({ coalitionId, partnerId }: { coalitionId: string; partnerId: string }) {
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.activity.list.infiniteQueryOptions(
      { coalitionId, entity: { type: 'partner', id: partnerId }, limit: 15 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  if (q.isPending) return <LoadingState rows={3} label="Loading history…" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <p className="text-sm text-slate-500">No changes recorded yet.</p>;
  return (
    <div>
      <ol className="flex flex-col gap-2">
        {items.map((a) => (
          <li key={a.id} className="flex flex-col gap-0.5 border-l-2 border-slate-200 pl-3 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-3">
            <span className="min-w-0 text-slate-800">
              <ActivitySentence row={a} />
            </span>
            <ActivityTime at={a.createdAt} className="shrink-0" />
          </li>
        ))}
      </ol>
      {q.hasNextPage && (
        <Button size="sm" variant="ghost" className="mt-2" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          Show older changes
        </Button>
      )}
    </div>
  );
}
