/** Which queries a track or assignment change affects — and only those. */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { useTRPC } from '../../lib/trpc.ts';

export function useTrackCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const coalitionId = useCoalitionId();
  return useMemo(() => {
    const inv = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
    const base = () => {
      inv(trpc.track.list.queryKey({ coalitionId }));
      inv(trpc.assignment.matrix.queryKey({ coalitionId }));
      inv(trpc.coalition.dashboard.queryKey({ coalitionId }));
    };
    return {
      created: base,
      /** Name changes show up where the track name is joined in (partner detail, bottlenecks). */
      updated: (nameChanged: boolean) => {
        base();
        if (nameChanged) {
          inv(trpc.partner.get.queryKey({ coalitionId }));
          inv(trpc.bottleneck.list.queryKey({ coalitionId }));
        }
      },
      /** Its milestones become coalition-wide, its bottlenecks lose the track, its roles go. */
      deleted: () => {
        base();
        inv(trpc.partner.list.queryKey({ coalitionId }));
        inv(trpc.partner.get.queryKey({ coalitionId }));
        inv(trpc.milestone.list.infiniteQueryKey({ coalitionId }));
        inv(trpc.milestone.get.queryKey({ coalitionId }));
        inv(trpc.milestone.timeline.queryKey({ coalitionId }));
        inv(trpc.bottleneck.list.queryKey({ coalitionId }));
      },
      /** After a matrix change (the matrix itself is updated optimistically). */
      assignmentChanged: (partnerId: string) => {
        inv(trpc.track.list.queryKey({ coalitionId }));
        inv(trpc.coalition.dashboard.queryKey({ coalitionId }));
        inv(trpc.partner.list.queryKey({ coalitionId }));
        inv(trpc.partner.get.queryKey({ coalitionId, partnerId }));
        inv(trpc.activity.list.infiniteQueryKey({ coalitionId, entity: { type: 'partner', id: partnerId } }));
      },
    };
  }, [trpc, queryClient, coalitionId]);
}
