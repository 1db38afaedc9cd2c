import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { z } from 'zod';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog, type ConflictField } from '../../components/ConflictDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input, Textarea } from '../../components/Input.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { Alert, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { useCoalition, useCoalitionId, useRole } from '../../lib/coalition.tsx';
import { formatDate, formatInstantFull } from '../../lib/dates.ts';
import { useConflictResolution, useZodForm } from '../../lib/forms.ts';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { zCoalition } from '@coalition/domain';
import { EmailCard } from './EmailCard.tsx';
import { ExportCard } from './ExportCard.tsx';
import { PublicPageCard } from './PublicPageCard.tsx';

type Coalition = RouterOutputs['coalition']['get'];

/** The domain's coalition fields (the same the router takes), with the version being edited. */
const schema = zCoalition.extend({ version: z.number().int() });
type Values = z.output<typeof schema>;

const toValues = (c: Pick<Coalition, 'version' | 'name' | 'goal' | 'goalDate' | 'description' | 'timeZone'>): Values => ({
  version: c.version,
  name: c.name,
  goal: c.goal,
  goalDate: c.goalDate,
  description: c.description ?? '',
  timeZone: c.timeZone,
});

const CONFLICT_FIELDS: ConflictField[] = [
  { key: 'name', label: 'Name' },
  { key: 'goal', label: 'Goal' },
  { key: 'goalDate', label: 'Goal date', format: (v) => formatDate(v as string) },
  { key: 'description', label: 'Description' },
  { key: 'timeZone', label: 'Time zone' },
];

export default function SettingsPage() {
  const coalition = useCoalition();
  useDocumentTitle('Settings', coalition.data?.name);
  if (coalition.isPending) return <LoadingState />;
  if (coalition.isError) return <ErrorState error={coalition.error} onRetry={() => void coalition.refetch()} />;
  return <Settings coalition={coalition.data} />;
}

function Settings({ coalition }: { coalition: Coalition }) {
  const coalitionId = useCoalitionId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit, isOwner } = useRole();
  const [deleting, setDeleting] = useState(false);
  const apply = useApplyChange(coalitionId);

  const form = useZodForm(schema, { defaultValues: toValues(coalition), draftId: `coalition-settings:${coalitionId}` });
  const { errors, isSubmitting, isDirty } = form.formState;
  const update = useMutation(trpc.coalition.update.mutationOptions());
  const remove = useMutation(trpc.coalition.delete.mutationOptions());

  // Someone else saved while this form is untouched: show their values (and their version).
  useEffect(() => {
    if (!isDirty && form.getValues('version') !== coalition.version) form.reset(toValues(coalition));
  }, [coalition, isDirty, form]);

  /** Put the saved record in the shell (coalition.get) and refresh what else shows it, as a live event would. */
  const saved = (after: Omit<Coalition, 'role'>, fields: readonly string[]) => {
    queryClient.setQueryData(trpc.coalition.get.queryKey({ coalitionId }), { ...after, role: coalition.role });
    apply(ownChange('coalition.updated', coalitionId, fields));
    form.reset(toValues(after));
  };

  const save = async (values: Values) => {
    const after = await update.mutateAsync({ coalitionId, ...values });
    saved(after, Object.keys(values));
    toast.success('Settings saved');
  };

  const conflict = useConflictResolution<Values>({
    form,
    entity: 'coalition',
    fields: CONFLICT_FIELDS,
    busy: update.isPending,
    save: (mine, version) => save({ ...mine, version }),
    resetFrom: (current) => {
      const theirs = current as unknown as Omit<Coalition, 'role'>;
      queryClient.setQueryData(trpc.coalition.get.queryKey({ coalitionId }), { ...theirs, role: coalition.role });
      form.reset(toValues(theirs));
      form.clearDraft();
      toast('Kept their version');
    },
    onError: (error) => toast.error((error as Error).message),
  });

  return (
    <div className="max-w-3xl">
      <PageHeader title="Settings" description="The coalition’s name, goal and the date everything converges on, and its export." />

      {canEdit ? (
        <Card title="Coalition">
          <form noValidate className="flex flex-col gap-4 py-1" onSubmit={form.submit(save, { onConflict: conflict.open })}>
            {form.restoredDraft && (
              <Alert tone="info" action={<Button size="sm" variant="ghost" onClick={() => { form.clearDraft(); form.reset(toValues(coalition)); }}>Discard restored changes</Button>}>
                Restored the changes you had not saved before signing in.
              </Alert>
            )}
            <Field label="Name" required error={errors.name?.message}>
              <Input autoComplete="off" {...form.register('name')} />
            </Field>
            <Field label="Goal" required error={errors.goal?.message} description="The outcome every track converges on.">
              <Input autoComplete="off" {...form.register('goal')} />
            </Field>
            <Field label="Goal date" required error={errors.goalDate?.message} description="Changing it does not move milestones; it changes the countdown and the critical-path slack.">
              <Input type="date" className="sm:w-52" {...form.register('goalDate')} />
            </Field>
            <Field
              label="Time zone"
              required
              error={errors.timeZone?.message}
              description="Where the coalition's day begins: what counts as today, overdue and due soon, for every member wherever they are."
            >
              <TimeZoneSelect className="sm:w-72" {...form.register('timeZone')} />
            </Field>
            <Field label="Description" error={errors.description?.message}>
              <Textarea rows={5} {...form.register('description')} />
            </Field>
            <FormError form={form} />
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
              <p className="text-xs text-slate-500">Last changed {formatInstantFull(coalition.updatedAt)} · version {coalition.version}</p>
              <div className="flex gap-2">
                <Button
                  variant="ghost"
                  disabled={!isDirty || isSubmitting}
                  onClick={() => {
                    form.reset(toValues(coalition));
                    form.clearDraft();
                  }}
                >
                  Reset
                </Button>
                <Button type="submit" variant="primary" loading={isSubmitting} disabled={!isDirty}>
                  Save changes
                </Button>
              </div>
            </div>
          </form>
        </Card>
      ) : (
        <Card title="Coalition">
          <dl className="grid gap-3 py-1 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-slate-600">Name</dt>
            <dd className="text-slate-900">{coalition.name}</dd>
            <dt className="font-medium text-slate-600">Goal</dt>
            <dd className="text-slate-900">{coalition.goal}</dd>
            <dt className="font-medium text-slate-600">Goal date</dt>
            <dd className="text-slate-900">{formatDate(coalition.goalDate)}</dd>
            <dt className="font-medium text-slate-600">Time zone</dt>
            <dd className="text-slate-900">{coalition.timeZone.replace(/_/g, ' ')}</dd>
            <dt className="font-medium text-slate-600">Description</dt>
            <dd className="whitespace-pre-line text-slate-900">{coalition.description || '—'}</dd>
          </dl>
          <p className="mt-3 text-xs text-slate-500">You are a viewer: ask an owner for the editor role to change these.</p>
        </Card>
      )}

      <EmailCard className="mt-6" coalitionId={coalitionId} />
      <ExportCard className="mt-6" coalitionId={coalitionId} coalitionName={coalition.name} />
      {isOwner && <PublicPageCard className="mt-6" coalitionId={coalitionId} />}

      {isOwner && (
        <section aria-labelledby="danger-title" className="mt-6 rounded-xl border border-red-200 bg-white p-4">
          <h2 id="danger-title" className="text-sm font-semibold text-red-800">
            Delete this coalition
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Deletes the workspace and everything in it — tracks, partners, milestones, bottlenecks, comments and history — for every member. This cannot be undone.
          </p>
          <Button className="mt-3" variant="danger" icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setDeleting(true)}>
            Delete coalition…
          </Button>
        </section>
      )}

      <ConflictDialog {...conflict.dialog} />

      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this coalition?"
        description="Everything in it is deleted for every member. This cannot be undone."
        confirmLabel="Delete forever"
        requireText={coalition.name}
        onConfirm={async (typed) => {
          await remove.mutateAsync({ coalitionId, confirmName: typed.trim() });
          queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(`"coalitionId":"${coalitionId}"`) });
          void queryClient.invalidateQueries({ queryKey: trpc.coalition.list.queryKey() });
          navigate(paths.home());
          toast.success(`Deleted “${coalition.name}”`);
        }}
      />
    </div>
  );
}
