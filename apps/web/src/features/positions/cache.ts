import { useCallback } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';

/** After a position change (logged on its partner): refresh what shows it, as a live event would. */
export function usePositionChanged() {
  const apply = useApplyChange();
  return useCallback((verb: 'recorded' | 'deleted', partnerId: string) => apply(ownChange(`position.${verb}`, partnerId)), [apply]);
}
