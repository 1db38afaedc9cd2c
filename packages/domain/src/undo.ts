/**
 * Undoing a delete: what can be undone, and for how long. A delete captures every row it
 * removes or unlinks in an undo entry; the toast that confirms the delete offers "Undo" for
 * `UNDO_TOAST_MS`, and the server keeps the entry for `UNDO_KEEP_MS` (comfortably longer, so a
 * click at the toast's last second, a slow network or a paused toast still finds it).
 */
import { z } from 'zod';
import { zCoalitionId, zId } from './validators.ts';

/** How long the "Undo" action stays in the toast (ms). */
export const UNDO_TOAST_MS = 15_000;
/** How long the server keeps an undo entry (ms); older entries are refused and pruned. */
export const UNDO_KEEP_MS = 10 * 60_000;

export const zUndoRestore = z.object({ coalitionId: zCoalitionId, token: zId });
