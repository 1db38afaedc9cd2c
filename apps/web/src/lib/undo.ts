/**
 * The toast every delete shows: "Deleted “X”" with an Undo action for `UNDO_TOAST_MS` (the
 * domain's; the server keeps what was deleted much longer, so a late click still works).
 * Undo calls `undo.restore` with the token the delete returned and refreshes what the restore
 * changed through `keysForEvent` (the same mapping as everyone else's live event for it). What
 * could not come back as it was (a link to something deleted meanwhile) is said in a warning;
 * a refusal (too late, already undone, its item is gone) in an error toast.
 */
import { useCallback, useContext } from 'react';
import { UNDO_TOAST_MS } from '@coalition/domain';
import { toast } from '../components/Toaster.tsx';
import { useApplyChange } from './changes.ts';
import { CoalitionIdContext } from './coalition.tsx';
import { errorMessage } from './errors.ts';
import { useTRPCClient } from './trpc.ts';

export interface UndoableDelete {
  /** What the toast says: "Deleted “Signing”". */
  message: string;
  /** What it says once undone: "Restored “Signing”". */
  restored: string;
  /** The token the delete returned. */
  undoToken: string;
  /** Runs after a successful undo (e.g. reopen what was closed). */
  onRestored?: () => void;
}

export function useUndoToast(coalitionId?: string): (deleted: UndoableDelete) => void {
  const client = useTRPCClient();
  const fromRoute = useContext(CoalitionIdContext);
  const id = coalitionId ?? fromRoute ?? undefined;
  const apply = useApplyChange(id);
  return useCallback(
    ({ message, restored, undoToken, onRestored }: UndoableDelete) => {
      if (!id) return void toast.success(message);
      const undo = async () => {
        try {
          const result = await client.undo.restore.mutate({ coalitionId: id, token: undoToken });
          apply(result.change);
          onRestored?.();
          if (result.notes.length > 0) toast.warning(`${restored}, with changes`, { description: result.notes.join(' '), duration: 15_000 });
          else toast.success(restored);
        } catch (err) {
          toast.error(`Could not undo: ${errorMessage(err)}`, { duration: 10_000 });
        }
      };
      toast.success(message, { duration: UNDO_TOAST_MS, action: { label: 'Undo', onClick: () => void undo() } });
    },
    [client, id, apply],
  );
}
