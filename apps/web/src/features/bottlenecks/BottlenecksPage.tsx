import { useMutation, useQuery } from '@tanstack/react-query';
import { AlertOctagon, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader, Select, TrackDot } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { CanEdit, useCoalition, useCoalitionId, useRole } from '../../lib/coalition.tsx';
import { plural, type BottleneckSeverity, type BottleneckStatus } from '@coalition/domain';
import { BOTTLENECK_STATUS, SEVERITY } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useUndoToast } from '../../lib/undo.ts';
import { BottleneckCard } from './BottleneckCard.tsx';
import { BottleneckFormDialog } from './BottleneckFormDialog.tsx';
import { useBottleneckChanged } from './cache.ts';
import { SEVERITY_DESC, STATUSES, type BottleneckRow } from './model.ts';

const STATUS_BLURB: Record<BottleneckStatus, string> = {
  open: 'Blocking progress, no new framing yet.',
  reframing: 'A new narrative is being tried.',
  resolved: 'Past it.',
};

function Toggle({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        'inline-flex h-8 items-center gap-1.5 rounded-full px-3 text-[13px] font-medium ring-1 ring-inset transition-colors',
        pressed ? 'bg-indigo-600 text-white ring-indigo-600 hover:bg-indigo-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
      )}
    >
      {children}
    </button>
  );
}

export default function BottlenecksPage() {
  const coalitionId = useCoalitionId();
  const { data: coalition } = useCoalition();
  useDocumentTitle('Bottlenecks', coalition?.name);
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const changed = useBottleneckChanged();
  const list = useQuery(trpc.bottleneck.list.queryOptions({ coalitionId }));
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const colorOf = useMemo(() => new Map(tracks.data?.map((t) => [t.id, t.color]) ?? []), [tracks.data]);

  const [statusFilter, setStatusFilter] = useState<BottleneckStatus[]>([]);
  const [severityFilter, setSeverityFilter] = useState<BottleneckSeverity[]>([]);
  const [trackFilter, setTrackFilter] = useState<string>('all');
  const [editing, setEditing] = useState<{ b: BottleneckRow | null } | null>(null);
  const [deleting, setDeleting] = useState<BottleneckRow | null>(null);
  const remove = useMutation(trpc.bottleneck.delete.mutationOptions());
  const undoToast = useUndoToast(coalitionId);

  const all = list.data ?? [];
  const shown = all.filter(
    (b) =>
      (severityFilter.length === 0 || severityFilter.includes(b.severity)) &&
      (trackFilter === 'all' || (trackFilter === 'none' ? !b.trackId : b.trackId === trackFilter)),
  );
  const statusCount = (s: BottleneckStatus) => shown.filter((b) => b.status === s).length;
  const groups = STATUSES.filter((s) => statusFilter.length === 0 || statusFilter.includes(s));
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const filtered = statusFilter.length > 0 || severityFilter.length > 0 || trackFilter !== 'all';
  const visibleCount = shown.filter((b) => groups.includes(b.status)).length;

  const addButton = (
    <CanEdit>
      <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setEditing({ b: null })}>
        Flag a bottleneck
      </Button>
    </CanEdit>
  );

  let content: React.ReactNode;
  if (list.isPending) content = <LoadingState rows={6} label="Loading bottlenecks…" />;
  else if (list.isError) content = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (all.length === 0)
    content = (
      <EmptyState
        icon={<AlertOctagon aria-hidden />}
        title="No bottlenecks flagged"
        description={
          <>
            A <strong>bottleneck</strong> is an obstacle that stalls a track or milestone: a government that blocks, a funding gap, a contested term. Its{' '}
            <strong>reframing narrative</strong> is how you will change the way the issue is told so it stops blocking — successful coalitions avoided bottlenecks by changing narratives and reframing
            issues (lesson 2).
          </>
        }
        action={addButton}
      />
    );
  else
    content = (
      <>
        <div role="group" aria-label="Filter bottlenecks" className="mb-5 flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-3">
          <div className="flex flex-wrap items-center gap-2">
            <span className="w-16 text-xs font-medium text-slate-600">Status</span>
            {STATUSES.map((s) => (
              <Toggle key={s} pressed={statusFilter.includes(s)} onClick={() => setStatusFilter(toggle(statusFilter, s))}>
                {BOTTLENECK_STATUS[s].label}
                <span className="tabular-nums opacity-80">{statusCount(s)}</span>
              </Toggle>
            ))}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <span className="w-16 text-xs font-medium text-slate-600">Severity</span>
            {SEVERITY_DESC.map((s) => (
              <Toggle key={s} pressed={severityFilter.includes(s)} onClick={() => setSeverityFilter(toggle(severityFilter, s))}>
                {SEVERITY[s].label}
              </Toggle>
            ))}
          </div>
          {(tracks.data?.length ?? 0) > 0 && (
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor="bottleneck-track" className="w-16 text-xs font-medium text-slate-600">
                Track
              </label>
              <div className="w-64 max-w-full">
              <Select
                id="bottleneck-track"
                size="sm"
                value={trackFilter}
                onValueChange={setTrackFilter}
                options={[
                  { value: 'all', label: 'All tracks', textValue: 'All tracks' },
                  { value: 'none', label: 'Not tied to a track', textValue: 'Not tied to a track' },
                  ...(tracks.data ?? []).map((t) => ({
                    value: t.id,
                    textValue: t.name,
                    label: (
                      <span className="flex items-center gap-2">
                        <TrackDot color={t.color} />
                        {t.name}
                      </span>
                    ),
                  })),
                ]}
              />
              </div>
            </div>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
            <p role="status" aria-live="polite" className="text-xs text-slate-600">
              Showing {plural(visibleCount, 'bottleneck')} of {all.length}
            </p>
            {filtered && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setStatusFilter([]);
                  setSeverityFilter([]);
                  setTrackFilter('all');
                }}
              >
                Clear filters
              </Button>
            )}
          </div>
        </div>
        {visibleCount === 0 ? (
          <EmptyState title="No bottlenecks match these filters" description="Change or clear the filters to see the others." />
        ) : (
          <div className="flex flex-col gap-8">
            {groups.map((s) => {
              const items = shown.filter((b) => b.status === s);
              if (items.length === 0 && filtered) return null;
              return (
                <section key={s} aria-labelledby={`group-${s}`}>
                  <div className="mb-3 flex flex-wrap items-baseline gap-x-2">
                    <h2 id={`group-${s}`} className="text-base font-semibold text-slate-900">
                      {BOTTLENECK_STATUS[s].label} <span className="font-normal text-slate-500">({items.length})</span>
                    </h2>
                    <p className="text-sm text-slate-500">{STATUS_BLURB[s]}</p>
                  </div>
                  {items.length === 0 ? (
                    <p className="rounded-lg border border-dashed border-slate-300 px-4 py-4 text-sm text-slate-500">None.</p>
                  ) : (
                    <div className="grid gap-4 lg:grid-cols-2">
                      {items.map((b) => (
                        <BottleneckCard key={b.id} b={b} canEdit={canEdit} trackColor={b.trackId ? colorOf.get(b.trackId) : undefined} onEdit={(x) => setEditing({ b: x })} onDelete={setDeleting} />
                      ))}
                    </div>
                  )}
                </section>
              );
            })}
          </div>
        )}
      </>
    );

  return (
    <>
      <PageHeader
        title="Bottlenecks & narratives"
        description="Obstacles on tracks and milestones, and the reframing narrative chosen for each. Avoid bottlenecks by changing narratives and reframing issues."
        actions={all.length > 0 ? addButton : undefined}
      />
      {content}
      {editing && <BottleneckFormDialog bottleneck={editing.b} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title="Delete this bottleneck?"
        description={deleting ? `“${deleting.title}”, its narrative and its discussion are deleted. You can undo it from the notice that follows.` : undefined}
        confirmLabel="Delete bottleneck"
        onConfirm={async () => {
          if (!deleting) return;
          const res = await remove.mutateAsync({ coalitionId, bottleneckId: deleting.id });
          changed('deleted', deleting.id);
          undoToast({ message: `Deleted “${deleting.title}”`, restored: `Restored “${deleting.title}”`, undoToken: res.undoToken });
        }}
      />
    </>
  );
}
