/** Which queries a partner change affects — and only those. */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { useTRPC } from '../../lib/trpc.ts';

export function usePartnerCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const coalitionId = useCoalitionId();
  return useMemo(() => {
    const inv = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
    const common = (partnerId?: string) => {
      // Every filtered/sorted variant of the table and the map.
      inv(trpc.partner.list.queryKey({ coalitionId }));
      // Matrix rows carry name, kind, stage and influence.
      inv(trpc.assignment.matrix.queryKey({ coalitionId }));
      // Balance (state vs non-state, by stage, engage next) and momentum.
      inv(trpc.coalition.dashboard.queryKey({ coalitionId }));
      if (partnerId) {
        inv(trpc.partner.get.queryKey({ coalitionId, partnerId }));
        inv(trpc.activity.list.infiniteQueryKey({ coalitionId, entity: { type: 'partner', id: partnerId } }));
      }
    };
    return {
      created: () => common(),
      updated: (partnerId: string) => common(partnerId),
      deleted: (partnerId: string, milestonesUnowned: number) => {
        common();
        queryClient.removeQueries({ queryKey: trpc.partner.get.queryKey({ coalitionId, partnerId }) });
        // Partner counts per track.
        inv(trpc.track.list.queryKey({ coalitionId }));
        if (milestonesUnowned > 0) {
          inv(trpc.milestone.list.infiniteQueryKey({ coalitionId }));
          inv(trpc.milestone.timeline.queryKey({ coalitionId }));
        }
      },
    };
  }, [trpc, queryClient, coalitionId]);
}
