import { useCallback } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';

/** After an eligible set or an act changed (logged on the milestone): refresh what shows it, as a live event would. */
export function useThresholdChanged() {
  const apply = useApplyChange();
  return useCallback(
    (action: 'milestone.eligible_set' | 'milestone.act_recorded' | 'milestone.act_updated' | 'milestone.act_deleted', milestoneId: string) => apply(ownChange(action, milestoneId)),
    [apply],
  );
}
