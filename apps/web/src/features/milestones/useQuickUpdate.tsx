import { useMutation } from '@tanstack/react-query';
import { applyMilestoneRules, isOpenStatus, type MilestoneStatus } from '@coalition/domain';
import { useCallback, useRef, useState } from 'react';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { toast } from '../../components/Toaster.tsx';
import { useCoalitionToday } from '../../lib/coalition.tsx';
import { errorData, errorMessage, isConflict } from '../../lib/errors.ts';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneCache, type ListItem } from './cache.ts';

export interface QuickPatch {
  status?: MilestoneStatus;
  progress?: number;
}

/**
 * What the server will do with a quick change, applied ahead of its answer: the domain's own
 * milestone rules (`applyMilestoneRules`), on the coalition's today. A change the rules refuse
 * is not applied (the server refuses it too). A milestone no longer open waits for nothing.
 */
export function applyQuick(item: ListItem, patch: QuickPatch, today: string): ListItem {
  const result = applyMilestoneRules(item, patch, today);
  if (!result.ok) return item;
  const next = { ...item, ...result.patch };
  return isOpenStatus(next.status) ? next : { ...next, lateDependencies: [] };
}

type ConflictState = { milestoneId: string; title: string; current: Record<string, unknown> & { version: number }; mine: QuickPatch };

/**
 * Inline status/progress changes from the list: optimistic on every cached list page, rolled
 * back with a toast on error, a ConflictDialog on CONFLICT. Afterwards only milestone.get for
 * that id, the timeline, track.list and the dashboard are refreshed (the list keeps the server's row).
 */
export function useQuickUpdate(coalitionId: string) {
  const trpc = useTRPC();
  const cache = useMilestoneCache(coalitionId);
  const today = useCoalitionToday(coalitionId);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const mutation = useMutation(
    trpc.milestone.update.mutationOptions({
      onMutate: async (input) => {
        const snapshot = await cache.snapshotLists();
        cache.patchListItem(input.milestoneId, (i) => applyQuick(i, { status: input.status, progress: input.progress }, today));
        return { snapshot };
      },
      onError: (err, input, ctx) => {
        if (ctx) cache.restoreLists(ctx.snapshot);
        const info = errorData(err)?.conflict;
        if (isConflict(err) && info) {
          setConflict({
            milestoneId: input.milestoneId,
            title: String(info.current.title ?? 'this milestone'),
            current: info.current,
            mine: { ...(input.status ? { status: input.status } : {}), ...(input.progress !== undefined ? { progress: input.progress } : {}) },
          });
        } else {
          toast.error(`Not saved: ${errorMessage(err)}`);
        }
      },
      onSuccess: (row) => {
        const { dependsOn: _d, ...fields } = row;
        cache.patchListItem(row.id, fields);
      },
      onSettled: (_data, _err, input) => {
        cache.changed('milestone.updated', input.milestoneId, [...(input.status ? ['status'] : []), ...(input.progress !== undefined ? ['progress'] : [])]);
      },
    }),
  );

  // Stable across renders, so memoized rows do not re-render when the list does.
  const mutateRef = useRef(mutation.mutate);
  mutateRef.current = mutation.mutate;
  const change = useCallback(
    (item: ListItem, patch: QuickPatch) => mutateRef.current({ coalitionId, milestoneId: item.id, version: item.version, ...patch }),
    [coalitionId],
  );

  const dialog = (
    <ConflictDialog
      open={!!conflict}
      onOpenChange={(o) => !o && setConflict(null)}
      entity="milestone"
      current={conflict?.current ?? null}
      mine={conflict?.mine ?? null}
      busy={mutation.isPending}
      fields={[
        { key: 'status', label: 'Status', format: (v) => labelOf('milestoneStatus', String(v)) },
        { key: 'progress', label: 'Progress', format: (v) => `${String(v)}%` },
      ]}
      onApplyMine={(cur) => {
        if (!conflict) return;
        mutation.mutate(
          { coalitionId, milestoneId: conflict.milestoneId, version: Number(cur.version), ...conflict.mine },
          { onSuccess: () => toast.success(`Saved your change to “${conflict.title}”`) },
        );
        setConflict(null);
      }}
      onDiscardMine={(cur) => {
        if (!conflict) return;
        // Their saved record replaces ours in the list (it carries the new version).
        const { coalitionId: _c, ...fields } = cur as Partial<ListItem> & { coalitionId?: string };
        cache.patchListItem(conflict.milestoneId, fields);
        cache.changed('milestone.updated', conflict.milestoneId, ['status']);
        setConflict(null);
      }}
    />
  );
  return { change, dialog, isPending: mutation.isPending };
}
