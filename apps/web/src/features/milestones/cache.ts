/**
 * Targeted cache updates for milestone changes (never a global invalidate):
 * - the infinite list pages are patched in place (every filtered variant);
 * - milestone.get for the changed id, milestone.timeline, track.list and coalition.dashboard are
 *   invalidated (they derive progress, schedule health and bars from it);
 * - the milestone's history (activity.list for that entity) and the activity feeds get a new row.
 */
import { useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

export type ListPage = RouterOutputs['milestone']['list'];
export type ListItem = ListPage['items'][number];
export type MilestoneDetail = RouterOutputs['milestone']['get'];
type Pages = InfiniteData<ListPage, unknown>;

export function useMilestoneCache(coalitionId: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useMemo(() => {
    const listKey = trpc.milestone.list.infiniteQueryKey({ coalitionId });
    const mapPages = (fn: (items: ListItem[]) => ListItem[]) =>
      qc.setQueriesData<Pages>({ queryKey: listKey }, (old) => old && { ...old, pages: old.pages.map((p) => ({ ...p, items: fn(p.items) })) });
    return {
      listKey,
      /** Stop in-flight list fetches (they would overwrite an optimistic change) and keep a copy for rollback. */
      async snapshotLists(): Promise<Array<[QueryKey, Pages | undefined]>> {
        await qc.cancelQueries({ queryKey: listKey });
        return qc.getQueriesData<Pages>({ queryKey: listKey });
      },
      restoreLists(snapshot: Array<[QueryKey, Pages | undefined]>) {
        for (const [key, data] of snapshot) qc.setQueryData(key, data);
      },
      patchListItem(id: string, patch: Partial<ListItem> | ((item: ListItem) => ListItem)) {
        mapPages((items) => items.map((i) => (i.id === id ? (typeof patch === 'function' ? patch(i) : { ...i, ...patch }) : i)));
      },
      removeListItem(id: string) {
        mapPages((items) => items.filter((i) => i.id !== id).map((i) => (i.dependsOn.includes(id) ? { ...i, dependsOn: i.dependsOn.filter((d) => d !== id) } : i)));
      },
      /** A new milestone: the lists' order and filters decide where it goes, so refetch them. */
      invalidateLists() {
        void qc.invalidateQueries({ queryKey: listKey });
      },
      /** The views derived from a milestone's fields. */
      invalidateDerived(milestoneId?: string) {
        if (milestoneId) void qc.invalidateQueries({ queryKey: trpc.milestone.get.queryKey({ coalitionId, milestoneId }) });
        void qc.invalidateQueries({ queryKey: trpc.milestone.timeline.queryKey({ coalitionId }) });
        void qc.invalidateQueries({ queryKey: trpc.track.list.queryKey({ coalitionId }) });
        void qc.invalidateQueries({ queryKey: trpc.coalition.dashboard.queryKey({ coalitionId }) });
      },
      /** The milestone's history panel and the activity feeds. */
      invalidateHistory() {
        void qc.invalidateQueries({ queryKey: trpc.activity.list.infiniteQueryKey({ coalitionId }) });
        void qc.invalidateQueries({ queryKey: trpc.activity.list.queryKey({ coalitionId }) });
      },
      setDetail(milestoneId: string, fn: (old: MilestoneDetail) => MilestoneDetail) {
        qc.setQueryData(trpc.milestone.get.queryKey({ coalitionId, milestoneId }), (old) => (old ? fn(old) : old));
      },
      removeDetail(milestoneId: string) {
        qc.removeQueries({ queryKey: trpc.milestone.get.queryKey({ coalitionId, milestoneId }) });
      },
    };
  }, [trpc, qc, coalitionId]);
}
