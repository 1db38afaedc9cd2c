/**
 * Which milestones of the list are selected for a bulk edit: click toggles one, shift-click
 * selects the range from the last one clicked, Shift+Arrow extends from the focused row, "select
 * all" takes every row shown, Escape clears. Ids are kept in the list's order of `rows`.
 */
import { useCallback, useMemo, useRef, useState } from 'react';

/** The ids between `from` and `to` (both included), in the order of `ids`; just `to` when `from` is not there. */
export function rangeBetween(ids: readonly string[], from: string | null, to: string): string[] {
  const a = from === null ? -1 : ids.indexOf(from);
  const b = ids.indexOf(to);
  if (b < 0) return [];
  if (a < 0) return [to];
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
}

export interface Selection {
  /** Selected ids still in the list. */
  ids: ReadonlySet<string>;
  count: number;
  has(id: string): boolean;
  /** A click on a row's box: toggle it, or with Shift select the range from the last row clicked. */
  click(id: string, shift: boolean): void;
  /** Shift+Arrow from `from` onto `to`: both selected (the anchor stays where the range began). */
  extend(from: string, to: string): void;
  /** Every row shown, or none when all are selected already. */
  toggleAll(): void;
  /** Only these stay selected (e.g. the rows to review after a conflict). */
  keepOnly(ids: readonly string[]): void;
  clear(): void;
}

export function useSelection(rowIds: readonly string[]): Selection {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  // Rows that left the list (filters, deletions) are no longer selected.
  const ids = useMemo(() => {
    if (picked.size === 0) return picked;
    const shown = new Set(rowIds);
    return new Set([...picked].filter((id) => shown.has(id)));
  }, [picked, rowIds]);

  const click = useCallback(
    (id: string, shift: boolean) => {
      setPicked((prev) => {
        const next = new Set(prev);
        if (shift && anchor.current !== null && anchor.current !== id) {
          // The range takes the state the clicked box takes.
          const on = !prev.has(id);
          for (const r of rangeBetween(rowIds, anchor.current, id)) {
            if (on) next.add(r);
            else next.delete(r);
          }
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = id;
    },
    [rowIds],
  );

  const extend = useCallback((from: string, to: string) => {
    setPicked((prev) => new Set([...prev, from, to]));
    if (anchor.current === null) anchor.current = from;
  }, []);

  const toggleAll = useCallback(() => {
    setPicked((prev) => (rowIds.length > 0 && rowIds.every((id) => prev.has(id)) ? new Set() : new Set(rowIds)));
  }, [rowIds]);

  const keepOnly = useCallback((keep: readonly string[]) => setPicked(new Set(keep)), []);
  const clear = useCallback(() => {
    setPicked(new Set());
    anchor.current = null;
  }, []);

  return { ids, count: ids.size, has: (id) => ids.has(id), click, extend, toggleAll, keepOnly, clear };
}
