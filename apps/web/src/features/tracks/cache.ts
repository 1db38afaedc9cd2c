/** After a track or matrix change: refresh what shows it, through the same mapping as a live event (`keysForEvent`). */
import { useMemo } from 'react';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';

export function useTrackCache() {
  const coalitionId = useCoalitionId();
  const apply = useApplyChange(coalitionId);
  return useMemo(
    () => ({
      created: (trackId: string) => apply(ownChange('track.created', trackId)),
      updated: (trackId: string, fields: readonly string[] = []) => apply(ownChange('track.updated', trackId, fields)),
      reordered: () => apply(ownChange('track.reordered', coalitionId)),
      deleted: (trackId: string) => apply(ownChange('track.deleted', trackId)),
      /** After a matrix change (the matrix itself is updated optimistically); logged on the partner. */
      assignmentChanged: (partnerId: string, removed: boolean) => apply(ownChange(removed ? 'assignment.removed' : 'assignment.set', partnerId, ['role'])),
    }),
    [apply, coalitionId],
  );
}
