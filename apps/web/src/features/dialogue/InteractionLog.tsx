import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { CalendarCheck, Pencil, Plus } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Button, ErrorState, LoadingState, StatusBadge, toast } from '../../components/index.ts';
import { CanEdit, useCoalitionToday } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useInteractionChanged } from './cache.ts';
import type { InteractionRow } from './model.ts';

const InteractionFormDialog = lazy(() => import('./InteractionFormDialog.tsx'));

function Line({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <p className="text-sm text-slate-800">
      <span className="font-medium text-slate-600">{label}: </span>
      <span className="whitespace-pre-wrap">{text}</span>
    </p>
  );
}

/** The policy dialogue with one partner: its interactions, newest first, each with its next step. */
export function InteractionLog({ coalitionId, partnerId, partnerName }: { coalitionId: string; partnerId: string; partnerName: string }) {
  const trpc = useTRPC();
  const today = useCoalitionToday();
  const changed = useInteractionChanged();
  const [editing, setEditing] = useState<InteractionRow | 'new' | null>(null);
  const q = useInfiniteQuery(
    trpc.interaction.list.infiniteQueryOptions({ coalitionId, partnerId, limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const nameOf = new Map(members.data?.map((m) => [m.userId, m.name]) ?? []);
  const update = useMutation(trpc.interaction.update.mutationOptions());
  const markDone = async (i: InteractionRow) => {
    try {
      await update.mutateAsync({ coalitionId, interactionId: i.id, version: i.version, nextStepDoneOn: today });
      changed('updated', partnerId, ['nextStepDoneOn']);
      toast.success('Next step done');
    } catch (error) {
      toast.error(error instanceof Error ? error.message : 'Could not mark the next step done');
    }
  };
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="flex flex-col gap-3">
      <CanEdit>
        <div>
          <Button variant="secondary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setEditing('new')}>
            Log an interaction
          </Button>
        </div>
      </CanEdit>
      {q.isPending ? (
        <LoadingState rows={2} label="Loading the dialogue log…" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">No meeting, call or letter logged yet. Lesson 1: bring the main players into a policy dialogue early.</p>
      ) : (
        <ol className="flex flex-col gap-3 border-l-2 border-slate-200 pl-4" aria-label={`Dialogue with ${partnerName}`}>
          {items.map((i) => {
            const overdue = !!i.nextStepDue && !i.nextStepDoneOn && i.nextStepDue < today;
            return (
              <li key={i.id} className="flex flex-col gap-1">
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge of="interactionKind" value={i.kind} />
                  <span className="text-sm font-medium text-slate-900">{formatDate(i.occurredOn)}</span>
                  {i.ourPeople.length > 0 && (
                    <span className="text-xs text-slate-600">with {i.ourPeople.map((id) => nameOf.get(id) ?? 'a former member').join(', ')}</span>
                  )}
                  <CanEdit>
                    <Button variant="ghost" className="ml-auto" icon={<Pencil aria-hidden className="size-3.5" />} onClick={() => setEditing(i)}>
                      Edit
                    </Button>
                  </CanEdit>
                </div>
                <Line label="Their people" text={i.theirPeople} />
                <Line label="Summary" text={i.summary} />
                <Line label="Our ask" text={i.ask} />
                <Line label="Outcome" text={i.outcome} />
                {i.nextStep && (
                  <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-2 py-1.5 text-sm">
                    <span className="font-medium text-slate-600">Next step:</span>
                    <span className={i.nextStepDoneOn ? 'text-slate-500 line-through' : 'text-slate-900'}>{i.nextStep}</span>
                    {i.nextStepDue && (
                      <span className={overdue ? 'font-medium text-red-700' : 'text-slate-600'}>
                        {overdue ? 'overdue since' : 'due'} {formatDate(i.nextStepDue)}
                      </span>
                    )}
                    {i.nextStepUserName && <span className="text-slate-600">· {i.nextStepUserName}</span>}
                    {i.nextStepDoneOn ? (
                      <span className="text-emerald-700">· done {formatDate(i.nextStepDoneOn)}</span>
                    ) : (
                      <CanEdit>
                        <Button variant="ghost" icon={<CalendarCheck aria-hidden className="size-3.5" />} loading={update.isPending} onClick={() => void markDone(i)}>
                          Mark done
                        </Button>
                      </CanEdit>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {q.hasNextPage && (
        <div>
          <Button variant="ghost" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
            Show older interactions
          </Button>
        </div>
      )}
      {editing && (
        <Suspense fallback={null}>
          <InteractionFormDialog partnerId={partnerId} partnerName={partnerName} interaction={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        </Suspense>
      )}
    </div>
  );
}
