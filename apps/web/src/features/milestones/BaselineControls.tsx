/**
 * The baseline controls (timeline toolbar and slips list): which baseline to compare with (the
 * latest by default, any other, or none), "Save baseline" for editors, and deleting the chosen
 * one for an owner or the person who saved it.
 */
import { useMutation } from '@tanstack/react-query';
import { plural } from '@coalition/domain';
import { Save, Trash2 } from 'lucide-react';
import { lazy, Suspense, useId, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { IconButton } from '../../components/IconButton.tsx';
import { Select, type SelectOption } from '../../components/Select.tsx';
import { toast } from '../../components/Toaster.tsx';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { CanEdit } from '../../lib/coalition.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { savedOn, useBaselineChoice } from './baselineChoice.ts';

const SaveBaselineDialog = lazy(() => import('./SaveBaselineDialog.tsx'));

/** `className`: the wrapper's layout ('contents' lets its controls wrap with a toolbar's own). */
export function BaselineControls({ coalitionId, className = 'flex flex-wrap items-center gap-2' }: { coalitionId: string; className?: string }) {
  const trpc = useTRPC();
  const apply = useApplyChange(coalitionId);
  const { choice, setChoice, list, chosen } = useBaselineChoice(coalitionId);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation(trpc.baseline.delete.mutationOptions());
  const selectId = useId();
  const baselines = list.data ?? [];

  const options: SelectOption[] = baselines.length
    ? [
        { value: 'latest', label: `Latest: ${baselines[0]!.name}`, textValue: `Latest ${baselines[0]!.name}` },
        ...baselines.slice(1).map((b) => ({ value: b.id, label: `${b.name} (${savedOn(b.createdAt)})`, textValue: b.name })),
        { value: 'none', label: 'None (hide)' },
      ]
    : [];

  return (
    <div className={className}>
      {baselines.length > 0 && (
        <div className="flex items-center gap-1.5">
          <label htmlFor={selectId} className="text-xs font-medium text-slate-600">
            Baseline
          </label>
          <Select id={selectId} size="sm" value={choice} onValueChange={setChoice} options={options} className="w-48 max-w-[60vw]" />
          {chosen?.canDelete && (
            <IconButton size="sm" tone="danger" label={`Delete the baseline “${chosen.name}”`} icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setDeleting(true)} />
          )}
        </div>
      )}
      <CanEdit coalitionId={coalitionId}>
        <Button size="sm" variant="secondary" icon={<Save aria-hidden className="size-4" />} onClick={() => setSaving(true)} disabled={list.isPending}>
          Save baseline
        </Button>
      </CanEdit>
      {saving && (
        <Suspense fallback={null}>
          <SaveBaselineDialog coalitionId={coalitionId} onClose={() => setSaving(false)} onSaved={() => setChoice('latest')} />
        </Suspense>
      )}
      {chosen && (
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete the baseline “${chosen.name}”?`}
          description={`Its dates (${plural(chosen.count, 'milestone')}) go${chosen.slipCount ? `, and so do the ${plural(chosen.slipCount, 'slip')} recorded against it, with their reasons` : ''}. The plan itself does not change.`}
          confirmLabel="Delete baseline"
          onConfirm={async () => {
            await remove.mutateAsync({ coalitionId, baselineId: chosen.id });
            apply(ownChange('baseline.deleted', chosen.id));
            if (choice === chosen.id) setChoice('latest');
            toast.success(`Baseline “${chosen.name}” deleted`);
          }}
        />
      )}
    </div>
  );
}
