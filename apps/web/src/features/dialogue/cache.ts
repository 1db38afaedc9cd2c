import { useCallback } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';

/** After an interaction change (logged on its partner): refresh what shows it, as a live event would. */
export function useInteractionChanged() {
  const apply = useApplyChange();
  return useCallback(
    (verb: 'logged' | 'updated' | 'deleted', partnerId: string, fields: readonly string[] = []) => apply(ownChange(`interaction.${verb}`, partnerId, fields)),
    [apply],
  );
}
