import { useMutation } from '@tanstack/react-query';
import { applyMilestoneRules, isOpenStatus, type MilestoneStatus } from '@coalition/domain';
import { useCallback, useRef } from 'react';
import { toast } from '../../components/Toaster.tsx';
import { useCoalitionToday } from '../../lib/coalition.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneCache, type ListItem } from './cache.ts';
import { useMilestoneConflict } from './useMilestoneConflict.tsx';

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

/**
 * Inline status/progress changes from the list: optimistic on every cached list page, rolled
 * back with a toast on error, a ConflictDialog on CONFLICT. Afterwards only milestone.get for
 * that id, the timeline, track.list and the dashboard are refreshed (the list keeps the server's row).
 */
export function useQuickUpdate(coalitionId: string) {
  const trpc = useTRPC();
  const cache = useMilestoneCache(coalitionId);
  const today = useCoalitionToday(coalitionId);
  const conflict = useMilestoneConflict<QuickPatch>({
    fields: [
      { key: 'status', label: 'Status', format: (v) => labelOf('milestoneStatus', String(v)) },
      { key: 'progress', label: 'Progress', format: (v) => `${String(v)}%` },
    ],
    onApplyMine: (c, cur) =>
      mutation.mutate({ coalitionId, milestoneId: c.milestoneId, version: Number(cur.version), ...c.mine }, { onSuccess: () => toast.success(`Saved your change to “${c.title}”`) }),
    onDiscardMine: (c, cur) => {
      // Their saved record replaces ours in the list (it carries the new version).
      const { coalitionId: _c, ...fields } = cur as Partial<ListItem> & { coalitionId?: string };
      cache.patchListItem(c.milestoneId, fields);
      cache.changed('milestone.updated', c.milestoneId, ['status']);
    },
  });
  const mutation = useMutation(
    trpc.milestone.update.mutationOptions({
      onMutate: async (input) => {
        const snapshot = await cache.snapshotLists();
        cache.patchListItem(input.milestoneId, (i) => applyQuick(i, { status: input.status, progress: input.progress }, today));
        return { snapshot };
      },
      onError: (err, input, ctx) => {
        if (ctx) cache.restoreLists(ctx.snapshot);
        const mine = { ...(input.status ? { status: input.status } : {}), ...(input.progress !== undefined ? { progress: input.progress } : {}) };
        if (!conflict.showIfConflict(err, { milestoneId: input.milestoneId, mine })) toast.error(`Not saved: ${errorMessage(err)}`);
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

  return { change, dialog: conflict.dialog(mutation.isPending), isPending: mutation.isPending };
}
