import { useCallback } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';

/** After a bottleneck change: refresh what shows it (the same mapping as a live event). */
export function useBottleneckChanged() {
  const apply = useApplyChange();
  return useCallback(
    (verb: 'created' | 'updated' | 'deleted', bottleneckId: string, fields: readonly string[] = []) =>
      apply(ownChange(`bottleneck.${verb}`, bottleneckId, fields)),
    [apply],
  );
}
