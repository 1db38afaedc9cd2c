import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useLocation } from 'wouter';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input, Textarea } from '../../components/Input.tsx';
import { Select } from '../../components/Select.tsx';
import { toast } from '../../components/Toaster.tsx';
import { MILESTONE_STATUS, optionsOf } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/forms.ts';
import { useMilestoneCache } from './cache.ts';
import { blankForm, milestoneSchema, toApiFields, type MilestoneFormValues } from './form.ts';
import { MilestoneMultiPicker } from './MilestonePicker.tsx';
import { useMilestoneRefs } from './refs.ts';

const STATUS_OPTIONS = optionsOf(MILESTONE_STATUS);

export function CreateMilestoneDialog({ coalitionId, open, onOpenChange, defaults }: { coalitionId: string; open: boolean; onOpenChange: (o: boolean) => void; defaults?: Partial<MilestoneFormValues> }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New milestone" description="A clear, near-term interim step toward the goal." size="lg" modalLock>
      {open && <CreateMilestoneForm coalitionId={coalitionId} onDone={() => onOpenChange(false)} defaults={defaults} />}
    </Dialog>
  );
}

function CreateMilestoneForm({ coalitionId, onDone, defaults }: { coalitionId: string; onDone: () => void; defaults?: Partial<MilestoneFormValues> }) {
  const trpc = useTRPC();
  const refs = useMilestoneRefs(coalitionId);
  const cache = useMilestoneCache(coalitionId);
  const [, navigate] = useLocation();
  const form = useZodForm(milestoneSchema, { defaultValues: { ...blankForm(), ...defaults }, draftId: `milestone-create:${coalitionId}` });
  const create = useMutation(trpc.milestone.create.mutationOptions());
  const errors = form.formState.errors;

  const onSubmit = form.submit(async (v) => {
    const m = await create.mutateAsync({ coalitionId, ...toApiFields(v), dependsOn: v.dependsOn });
    cache.invalidateLists();
    cache.invalidateDerived();
    cache.invalidateHistory();
    toast.success('Milestone added', {
      action: { label: 'Open', onClick: () => navigate(paths.milestone(coalitionId, m.id)) },
    });
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {form.restoredDraft && <p className="text-xs text-slate-500">Restored your unsaved changes.</p>}
      <Field label="Title" required error={errors.title?.message}>
        <Input {...form.register('title')} autoFocus maxLength={300} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="trackId"
          render={({ field }) => (
            <Field label="Track" error={errors.trackId?.message}>
              <Select value={field.value} onValueChange={field.onChange} options={refs.trackOptions} ref={field.ref} onBlur={field.onBlur} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="ownerPartnerId"
          render={({ field }) => (
            <Field label="Owner (partner)" error={errors.ownerPartnerId?.message}>
              <Select value={field.value} onValueChange={field.onChange} options={refs.ownerOptions} ref={field.ref} onBlur={field.onBlur} />
            </Field>
          )}
        />
        <Field label="Start date" error={errors.startDate?.message} description="Optional">
          <Input type="date" {...form.register('startDate')} />
        </Field>
        <Field label="Due date" required error={errors.dueDate?.message}>
          <Input type="date" {...form.register('dueDate')} />
        </Field>
        <Controller
          control={form.control}
          name="status"
          render={({ field }) => (
            <Field label="Status" error={errors.status?.message}>
              <Select value={field.value} onValueChange={field.onChange} options={STATUS_OPTIONS} ref={field.ref} onBlur={field.onBlur} />
            </Field>
          )}
        />
        <Field label="Progress (%)" error={errors.progress?.message}>
          <Input type="number" min={0} max={100} step={5} inputMode="numeric" {...form.register('progress', { valueAsNumber: true })} />
        </Field>
      </div>
      <Field label="Description" error={errors.description?.message}>
        <Textarea rows={3} {...form.register('description')} />
      </Field>
      <Controller
        control={form.control}
        name="dependsOn"
        render={({ field }) => (
          <MilestoneMultiPicker
            coalitionId={coalitionId}
            label="Depends on"
            value={field.value}
            onChange={field.onChange}
            error={errors.dependsOn?.message ?? (errors.dependsOn as { root?: { message?: string } } | undefined)?.root?.message}
          />
        )}
      />
      <FormError form={form} />
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-3">
        <Button
          variant="secondary"
          onClick={() => {
            form.clearDraft();
            onDone();
          }}
        >
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={form.formState.isSubmitting}>
          Add milestone
        </Button>
      </div>
    </form>
  );
}
