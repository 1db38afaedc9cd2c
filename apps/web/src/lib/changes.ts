/**
 * This tab's own changes refresh the cache through the same mapping as everyone else's live
 * events (`keysForEvent`): a mutation's success handler describes what it changed
 * (`ownChange`) and the queries that show it are invalidated, and only those.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useContext } from 'react';
import { CoalitionIdContext } from './coalition.tsx';
import { keysForEvent, type LiveChange } from './liveKeys.ts';

export { ownChange } from './liveKeys.ts';

export function useApplyChange(coalitionId?: string): (change: LiveChange) => void {
  const queryClient = useQueryClient();
  const fromRoute = useContext(CoalitionIdContext);
  const id = coalitionId ?? fromRoute;
  return useCallback(
    (change: LiveChange) => {
      if (!id) return;
      for (const queryKey of keysForEvent(change, id)) void queryClient.invalidateQueries({ queryKey });
    },
    [queryClient, id],
  );
}
