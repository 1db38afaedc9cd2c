import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { useTRPC } from '../../lib/trpc.ts';

/** A bottleneck change affects the bottleneck list and the dashboard's open/critical counts only. */
export function useBottleneckCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const coalitionId = useCoalitionId();
  return useMemo(
    () => () => {
      void queryClient.invalidateQueries({ queryKey: trpc.bottleneck.list.queryKey({ coalitionId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.coalition.dashboard.queryKey({ coalitionId }) });
    },
    [trpc, queryClient, coalitionId],
  );
}
