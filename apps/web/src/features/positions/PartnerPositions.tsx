import { useMutation, useQuery } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Button, ConfirmDialog, ErrorState, IconButton, LoadingState, StatusBadge, toast } from '../../components/index.ts';
import { CanEdit, useCoalitionToday } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { usePositionChanged } from './cache.ts';
import { currentByScope, type PositionRow } from './model.ts';

const RecordPositionDialog = lazy(() => import('./RecordPositionDialog.tsx'));

const scopeOf = (r: PositionRow) => (r.trackId === null ? 'on the goal' : `on ${r.trackName ?? 'a track'}`);

/**
 * A partner's position on the partner detail: where it stands today on the goal (and on each
 * track it has a position for), every dated change with the interaction that showed it, and
 * (editors) recording a change.
 */
export function PartnerPositions({ coalitionId, partnerId, partnerName }: { coalitionId: string; partnerId: string; partnerName: string }) {
  const trpc = useTRPC();
  const today = useCoalitionToday();
  const changed = usePositionChanged();
  const [recording, setRecording] = useState(false);
  const [deleting, setDeleting] = useState<PositionRow | null>(null);
  const q = useQuery(trpc.position.list.queryOptions({ coalitionId, partnerId }));
  const remove = useMutation(trpc.position.delete.mutationOptions());

  let body;
  if (q.isPending) body = <LoadingState rows={2} label="Loading positions…" />;
  else if (q.isError) body = <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  else {
    const rows = q.data;
    const now = currentByScope(rows, today);
    body = (
      <>
        <dl className="flex flex-col gap-1.5 text-sm" data-testid="current-position">
          <div className="flex flex-wrap items-center gap-2">
            <dt className="font-medium text-slate-600">On the goal:</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <StatusBadge of="position" value={now.goal?.position ?? 'unknown'} />
              {now.goal ? <span className="text-slate-600">since {formatDate(now.goal.shownOn)}</span> : <span className="text-slate-600">nothing recorded yet</span>}
            </dd>
          </div>
          {now.tracks.map((t) => (
            <div key={t.trackId} className="flex flex-wrap items-center gap-2">
              <dt className="font-medium text-slate-600">On {t.trackName ?? 'a track'}:</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <StatusBadge of="position" value={t.position} />
                <span className="text-slate-600">since {formatDate(t.shownOn)}</span>
              </dd>
            </div>
          ))}
        </dl>
        {rows.length > 0 && (
          <ol className="flex flex-col gap-3 border-l-2 border-slate-200 pl-4" aria-label={`Positions of ${partnerName} over time`}>
            {rows.map((r) => (
              <li key={r.id} className="flex items-start gap-2 text-sm">
                <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="font-medium text-slate-900">{formatDate(r.shownOn)}</span>
                    <StatusBadge of="position" value={r.position} />
                    <span className="text-slate-700">{scopeOf(r)}</span>
                  </div>
                  {r.interactionId && r.interactionOn && r.interactionKind && (
                    <p className="text-slate-600">
                      Shown in the {labelOf('interactionKind', r.interactionKind).toLowerCase()} of {formatDate(r.interactionOn)}
                    </p>
                  )}
                  {r.note && <p className="whitespace-pre-wrap text-slate-800">{r.note}</p>}
                  {r.authorName && <p className="text-xs text-slate-500">Recorded by {r.authorName}</p>}
                </div>
                <CanEdit>
                  <IconButton size="sm" tone="danger" label={`Delete the position of ${formatDate(r.shownOn)}`} icon={<Trash2 aria-hidden className="size-3.5" />} onClick={() => setDeleting(r)} />
                </CanEdit>
              </li>
            ))}
          </ol>
        )}
      </>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {body}
      <CanEdit>
        <div>
          <Button variant="secondary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setRecording(true)}>
            Record a position
          </Button>
        </div>
      </CanEdit>
      {recording && (
        <Suspense fallback={null}>
          <RecordPositionDialog partnerId={partnerId} partnerName={partnerName} onClose={() => setRecording(false)} />
        </Suspense>
      )}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title="Delete this position?"
        description={deleting ? `${labelOf('position', deleting.position)} ${scopeOf(deleting)}, shown on ${formatDate(deleting.shownOn)}. The support chart and the map no longer count it.` : undefined}
        confirmLabel="Delete position"
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ coalitionId, positionChangeId: deleting.id });
          changed('deleted', partnerId);
          toast.success('Position deleted');
        }}
      />
    </div>
  );
}
