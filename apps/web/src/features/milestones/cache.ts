/**
 * Cache updates for milestone changes (never a global invalidate):
 * - optimistic: the infinite list pages are patched in place (every filtered variant) and the
 *   detail updated, so the change shows before the server answers;
 * - then `changed` refreshes what derives from it through the same mapping as a live event
 *   (`keysForEvent`): details, timeline, tracks, dashboard, home card, history and feeds.
 */
import { useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import type { ActivityAction } from '@coalition/domain';
import { useMemo } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

export type ListPage = RouterOutputs['milestone']['list'];
export type ListItem = ListPage['items'][number];
export type MilestoneDetail = RouterOutputs['milestone']['get'];
type Pages = InfiniteData<ListPage, unknown>;

export function useMilestoneCache(coalitionId: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const apply = useApplyChange(coalitionId);
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
      /** After the server took a change: refresh every view derived from it (the live-event mapping). */
      changed(action: Extract<ActivityAction, `milestone.${string}`>, milestoneId: string, fields: readonly string[] = []) {
        apply(ownChange(action, milestoneId, fields));
      },
      setDetail(milestoneId: string, fn: (old: MilestoneDetail) => MilestoneDetail) {
        qc.setQueryData(trpc.milestone.get.queryKey({ coalitionId, milestoneId }), (old) => (old ? fn(old) : old));
      },
      removeDetail(milestoneId: string) {
        qc.removeQueries({ queryKey: trpc.milestone.get.queryKey({ coalitionId, milestoneId }) });
      },
    };
  }, [trpc, qc, coalitionId, apply]);
}
