import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, ArrowDown, ArrowUp, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { useRef, useState } from 'react';
import { Badge, IconButton, Menu, MenuContent, MenuItem, MenuTrigger, ProgressBar, StatusBadge, toast, TrackDot } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { doneOf, plural } from '@coalition/domain';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useTrackCache } from './cache.ts';
import { reorderById, type Matrix, type TrackRow } from './model.ts';

/** Opens a dialog from a menu item after the menu has closed and handed focus back, so the dialog keeps focus. */
const later = (fn: () => void) => void setTimeout(fn, 0);

export function NoLeadBadge({ className }: { className?: string }) {
  return (
    <Badge tone="amber" title="No partner leads this track" className={className}>
      <AlertTriangle aria-hidden className="size-3" />
      No lead
    </Badge>
  );
}

/** Optimistic track.reorder: the list (and the matrix columns) move at once, and move back on error. */
function useReorder() {
  const trpc = useTRPC();
  const coalitionId = useCoalitionId();
  const queryClient = useQueryClient();
  const listKey = trpc.track.list.queryKey({ coalitionId });
  const matrixKey = trpc.assignment.matrix.queryKey({ coalitionId });
  const cache = useTrackCache();
  return useMutation(
    trpc.track.reorder.mutationOptions({
      onMutate: async ({ trackIds }) => {
        await Promise.all([queryClient.cancelQueries({ queryKey: listKey }), queryClient.cancelQueries({ queryKey: matrixKey })]);
        const previous = queryClient.getQueryData(listKey);
        const previousMatrix = queryClient.getQueryData(matrixKey);
        queryClient.setQueryData(listKey, (old) => old && reorderById(old, trackIds).map((t, position) => ({ ...t, position })));
        queryClient.setQueryData(matrixKey, (old: Matrix | undefined) => old && { ...old, tracks: reorderById(old.tracks, trackIds).map((t, position) => ({ ...t, position })) });
        return { previous, previousMatrix };
      },
      onError: (err, _input, ctx) => {
        if (ctx?.previous) queryClient.setQueryData(listKey, ctx.previous);
        if (ctx?.previousMatrix) queryClient.setQueryData(matrixKey, ctx.previousMatrix);
        toast.error(`Could not reorder the tracks: ${errorMessage(err)}`);
        void queryClient.invalidateQueries({ queryKey: listKey });
      },
      onSuccess: () => cache.reordered(),
    }),
  );
}

/** The tracks in order, with progress, partners and leads; editors reorder, edit and delete. */
export function TrackList({ tracks, canEdit, onEdit, onDelete }: { tracks: TrackRow[]; canEdit: boolean; onEdit: (t: TrackRow) => void; onDelete: (t: TrackRow) => void }) {
  const coalitionId = useCoalitionId();
  const reorder = useReorder();
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLOListElement>(null);

  const move = (index: number, delta: -1 | 1, direction: 'up' | 'down') => {
    const target = index + delta;
    if (target < 0 || target >= tracks.length) return;
    const ids = tracks.map((t) => t.id);
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    const moved = tracks[index]!;
    reorder.mutate({ coalitionId, trackIds: ids });
    setAnnouncement(`${moved.name} moved to position ${target + 1} of ${tracks.length}`);
    // Keep focus on the arrow just used (the row may have been moved in the DOM, which drops focus).
    // At either end the arrow stays focusable (aria-disabled), so focus never falls to the page.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-move="${moved.id}:${direction}"]`)?.focus());
  };

  return (
    <>
      <ol ref={listRef} className="flex flex-col divide-y divide-slate-100">
        {tracks.map((t, i) => {
          const noLead = t.needsLead;
          return (
            <li key={t.id} id={`track-${t.id}`} className="flex flex-col gap-2 py-3 first:pt-1 last:pb-1 sm:flex-row sm:items-center sm:gap-4">
              <div className="flex min-w-0 flex-1 items-start gap-3">
                <span aria-hidden className="mt-0.5 w-5 shrink-0 text-right text-xs font-semibold tabular-nums text-slate-400">
                  {i + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <TrackDot color={t.color} className="size-3" />
                    <h3 className="font-semibold text-slate-900">
                      <span className="sr-only">Track {i + 1}: </span>
                      {t.name}
                    </h3>
                    <StatusBadge of="trackStatus" value={t.status} />
                    {noLead && <NoLeadBadge />}
                  </div>
                  {t.objective && <p className="mt-1 line-clamp-2 text-[13px] text-slate-600">{t.objective}</p>}
                  <p className="mt-1 text-xs text-slate-500">
                    {plural(t.partnerCount, 'partner')} · {plural(t.leadCount, 'lead')}
                    {t.coLeadCount > 0 && ` · ${plural(t.coLeadCount, 'co-lead')}`} · {t.doneCount} of {plural(t.milestoneCount, 'milestone')} done
                    {t.droppedCount > 0 && ` (${t.droppedCount} dropped, not counted)`}
                    {t.overdueCount > 0 && <span className="font-medium text-red-700"> · {t.overdueCount} overdue</span>}
                  </p>
                </div>
              </div>
              <div className="flex items-center gap-2 pl-8 sm:w-72 sm:pl-0">
                <ProgressBar
                  value={t.progress}
                  label={`${t.name} progress`}
                  valueText={`${Math.round(t.progress)}%, ${doneOf(t.doneCount, t.milestoneCount)}`}
                  color={t.color}
                  showValue
                  className="flex-1"
                />
                {canEdit && (
                  <div className="flex shrink-0 items-center">
                    <IconButton
                      size="sm"
                      label={`Move ${t.name} up`}
                      data-move={`${t.id}:up`}
                      aria-disabled={i === 0 || undefined}
                      className={cn(i === 0 && 'cursor-not-allowed opacity-40')}
                      icon={<ArrowUp aria-hidden className="size-4" />}
                      onClick={() => move(i, -1, 'up')}
                    />
                    <IconButton
                      size="sm"
                      label={`Move ${t.name} down`}
                      data-move={`${t.id}:down`}
                      aria-disabled={i === tracks.length - 1 || undefined}
                      className={cn(i === tracks.length - 1 && 'cursor-not-allowed opacity-40')}
                      icon={<ArrowDown aria-hidden className="size-4" />}
                      onClick={() => move(i, 1, 'down')}
                    />
                    <Menu>
                      <MenuTrigger>
                        <IconButton size="sm" tooltip={false} label={`Actions for ${t.name}`} icon={<MoreHorizontal aria-hidden className="size-4" />} />
                      </MenuTrigger>
                      <MenuContent>
                        <MenuItem onSelect={() => later(() => onEdit(t))}>
                          <Pencil aria-hidden />
                          Edit track
                        </MenuItem>
                        <MenuItem tone="danger" onSelect={() => later(() => onDelete(t))}>
                          <Trash2 aria-hidden />
                          Delete track
                        </MenuItem>
                      </MenuContent>
                    </Menu>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
