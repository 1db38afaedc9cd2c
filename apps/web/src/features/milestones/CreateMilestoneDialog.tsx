import { useMutation } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError } from '../../components/FormError.tsx';
import { toast } from '../../components/Toaster.tsx';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/forms.ts';
import { useMilestoneCache } from './cache.ts';
import { blankForm, milestoneSchema, toApiFields, type MilestoneFormValues } from './form.ts';
import { MilestoneFields } from './MilestoneFields.tsx';
import { useMilestoneRefs } from './refs.ts';

export interface CreateMilestoneDialogProps {
  coalitionId: string;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  defaults?: Partial<MilestoneFormValues>;
}

export function CreateMilestoneDialog({ coalitionId, open, onOpenChange, defaults }: CreateMilestoneDialogProps) {
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

  const onSubmit = form.submit(async (v) => {
    const m = await create.mutateAsync({ coalitionId, ...toApiFields(v), dependsOn: v.dependsOn });
    cache.changed('milestone.created', m.id);
    toast.success('Milestone added', {
      action: { label: 'Open', onClick: () => navigate(paths.milestone(coalitionId, m.id)) },
    });
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {form.restoredDraft && <p className="text-xs text-slate-500">Restored your unsaved changes.</p>}
      <MilestoneFields variant="create" form={form} refs={refs} coalitionId={coalitionId} />
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
