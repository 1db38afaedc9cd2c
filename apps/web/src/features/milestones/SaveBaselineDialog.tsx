import { useMutation } from '@tanstack/react-query';
import { plural, zBaselineName } from '@coalition/domain';
import { z } from 'zod';
import { Field } from '../../components/Field.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { Input } from '../../components/Input.tsx';
import { toast } from '../../components/Toaster.tsx';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { useCoalitionToday } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useZodForm } from '../../lib/forms.ts';
import { useTRPC } from '../../lib/trpc.ts';

const schema = z.object({ name: zBaselineName });

export interface SaveBaselineDialogProps {
  coalitionId: string;
  onClose: () => void;
  /** After the save (e.g. compare with the new baseline). */
  onSaved: (id: string) => void;
}

/** Names and saves a baseline: the start and due date of every milestone as they are now. Mount only while open. */
export default function SaveBaselineDialog({ coalitionId, onClose, onSaved }: SaveBaselineDialogProps) {
  const trpc = useTRPC();
  const today = useCoalitionToday(coalitionId);
  const apply = useApplyChange(coalitionId);
  const create = useMutation(trpc.baseline.create.mutationOptions());
  const form = useZodForm(schema, { defaultValues: { name: `Plan of ${formatDate(today)}` } });
  return (
    <FormDialog
      title="Save a baseline"
      description="A snapshot of every milestone’s start and due date as they are now. The timeline shows it under each bar, and moving a due date past it asks for a reason."
      form={form}
      onClose={onClose}
      submitLabel="Save baseline"
      onSubmit={form.submit(async ({ name }) => {
        const saved = await create.mutateAsync({ coalitionId, name });
        apply(ownChange('baseline.created', saved.id));
        toast.success(`Baseline “${saved.name}” saved: the dates of ${plural(saved.count, 'milestone')}`);
        onSaved(saved.id);
        onClose();
      })}
    >
      <Field label="Name" required error={form.formState.errors.name?.message} description="For example the plan agreed at a meeting: “As agreed in Geneva, March”.">
        <Input autoComplete="off" {...form.register('name')} />
      </Field>
    </FormDialog>
  );
}
