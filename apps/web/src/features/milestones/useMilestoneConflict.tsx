/**
 * A milestone save refused as stale (CONFLICT): remembers the conflict and renders the
 * ConflictDialog for it. Used by the list's quick changes and the timeline's date saves, which
 * differ only in the fields they compare and in what keeping or discarding does.
 */
import { useState } from 'react';
import { ConflictDialog, type ConflictField } from '../../components/ConflictDialog.tsx';
import { errorData, isConflict } from '../../lib/errors.ts';

export interface MilestoneConflict<Mine> {
  milestoneId: string;
  title: string;
  /** The saved record now (with its newer version). */
  current: Record<string, unknown> & { version: number };
  mine: Mine;
}

export function useMilestoneConflict<Mine extends object>({
  fields,
  onApplyMine,
  onDiscardMine,
}: {
  fields: ConflictField[];
  /** Save mine again over `current` (its version). */
  onApplyMine: (conflict: MilestoneConflict<Mine>, current: Record<string, unknown>) => void;
  /** Take theirs: `current` replaces what the screen shows. */
  onDiscardMine: (conflict: MilestoneConflict<Mine>, current: Record<string, unknown>) => void;
}) {
  const [conflict, setConflict] = useState<MilestoneConflict<Mine> | null>(null);

  /** Opens the dialog if `err` is a stale-version refusal; false for any other error. */
  const showIfConflict = (err: unknown, at: { milestoneId: string; title?: string; mine: Mine }): boolean => {
    const info = errorData(err)?.conflict;
    if (!isConflict(err) || !info) return false;
    setConflict({ milestoneId: at.milestoneId, title: at.title ?? String(info.current.title ?? 'this milestone'), current: info.current, mine: at.mine });
    return true;
  };

  /** The dialog; `busy` while a save is on its way. */
  const dialog = (busy: boolean) => (
    <ConflictDialog
      open={!!conflict}
      onOpenChange={(o) => !o && setConflict(null)}
      entity="milestone"
      current={conflict?.current ?? null}
      mine={conflict?.mine ?? null}
      busy={busy}
      fields={fields}
      onApplyMine={(cur) => {
        if (!conflict) return;
        onApplyMine(conflict, cur);
        setConflict(null);
      }}
      onDiscardMine={(cur) => {
        if (!conflict) return;
        onDiscardMine(conflict, cur);
        setConflict(null);
      }}
    />
  );
  return { showIfConflict, dialog };
}
