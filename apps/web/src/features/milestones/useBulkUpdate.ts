/**
 * milestone.bulkUpdate from the list: sends the selected rows at the versions the list shows,
 * puts the rows the server changed in place, refreshes what derives from them (the live-event
 * mapping, each key once), and keeps the rows someone else changed meanwhile for the user to
 * reload.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MilestoneBulkChange } from '@coalition/domain';
import { useCallback, useState } from 'react';
import { keysForEvent, ownChange } from '../../lib/liveKeys.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useMilestoneCache, type ListItem } from './cache.ts';

export type BulkResult = RouterOutputs['milestone']['bulkUpdate'];
export type BulkConflict = BulkResult['conflicts'][number];

/** The fields a change can touch (what the history lines of the rows will name). */
export function fieldsOf(change: MilestoneBulkChange): string[] {
  return [
    ...(change.status !== undefined ? ['status', 'progress', 'completedOn'] : []),
    ...(change.trackId !== undefined ? ['trackId'] : []),
    ...(change.ownerPartnerId !== undefined ? ['ownerPartnerId'] : []),
    ...(change.responsibleUserId !== undefined ? ['responsibleUserId'] : []),
    ...(change.shift ? ['startDate', 'dueDate'] : []),
  ];
}

export function useBulkUpdate(coalitionId: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const cache = useMilestoneCache(coalitionId);
  const [conflicts, setConflicts] = useState<BulkConflict[]>([]);
  const mutation = useMutation(trpc.milestone.bulkUpdate.mutationOptions());

  /** Invalidates what these milestones' change makes stale, each query key once. */
  const refresh = useCallback(
    (ids: readonly string[], fields: readonly string[]) => {
      const seen = new Set<string>();
      for (const id of ids) {
        for (const queryKey of keysForEvent(ownChange('milestone.updated', id, fields), coalitionId)) {
          const text = JSON.stringify(queryKey);
          if (seen.has(text)) continue;
          seen.add(text);
          void qc.invalidateQueries({ queryKey });
        }
      }
    },
    [qc, coalitionId],
  );

  /** `slipReason`: why a date shift moves rows past their baseline (asked for when the server refuses without one). */
  const apply = useCallback(
    async (items: readonly ListItem[], change: MilestoneBulkChange, slipReason?: string): Promise<BulkResult> => {
      setConflicts([]);
      const res = await mutation.mutateAsync({ coalitionId, items: items.map((i) => ({ id: i.id, version: i.version })), change, ...(slipReason ? { slipReason } : {}) });
      for (const row of res.updated) cache.patchListItem(row.id, row);
      if (res.updated.length) refresh(res.updated.map((r) => r.id), fieldsOf(change));
      setConflicts(res.conflicts);
      return res;
    },
    [mutation, coalitionId, cache, refresh],
  );

  /** Shows the conflicted rows as they are now (their new version), ready to change again. */
  const reloadConflicts = useCallback(() => {
    for (const c of conflicts) cache.patchListItem(c.id, c.current);
    refresh(
      conflicts.map((c) => c.id),
      ['status', 'dueDate'],
    );
    const ids = conflicts.map((c) => c.id);
    setConflicts([]);
    return ids;
  }, [conflicts, cache, refresh]);

  return { apply, conflicts, dismissConflicts: () => setConflicts([]), reloadConflicts, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
