/** After a partner change: refresh what shows it, through the same mapping as a live event (`keysForEvent`). */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { useTRPC } from '../../lib/trpc.ts';

export function usePartnerCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const coalitionId = useCoalitionId();
  const apply = useApplyChange(coalitionId);
  return useMemo(
    () => ({
      created: (partnerId: string) => apply(ownChange('partner.created', partnerId)),
      updated: (partnerId: string, fields: readonly string[] = []) => apply(ownChange('partner.updated', partnerId, fields)),
      deleted: (partnerId: string) => {
        queryClient.removeQueries({ queryKey: trpc.partner.get.queryKey({ coalitionId, partnerId }) });
        apply(ownChange('partner.deleted', partnerId));
      },
    }),
    [apply, queryClient, trpc, coalitionId],
  );
}
