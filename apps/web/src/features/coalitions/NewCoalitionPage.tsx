import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useSearch } from 'wouter';
import { z } from 'zod';
import { Button, ButtonLink } from '../../components/Button.tsx';
import { Field, FieldSet } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input, Textarea } from '../../components/Input.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { Alert, ErrorState, Skeleton } from '../../components/States.tsx';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/Tabs.tsx';
import { cn } from '../../lib/cn.ts';
import { daysBetween, isIsoDate, localTimeZone, plural, TEMPLATE_IDS, zCoalition, zDate } from '@coalition/domain';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useZodForm } from '../../lib/forms.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCoalitionCreated, useCreateFromTemplate } from './useCreateFromTemplate.ts';

type Template = RouterOutputs['coalition']['templates'][number];

/** Its own chunk, loaded when the tab opens. */
const ImportFromFile = lazy(() => import('./ImportFromFile.tsx'));

export default function NewCoalitionPage() {
  useDocumentTitle('New coalition');
  const search = useSearch();
  const params = new URLSearchParams(search);
  const preset = params.get('template');
  const [tab, setTab] = useState(preset ? 'template' : params.get('from') === 'file' ? 'import' : 'blank');
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="New coalition"
        description="A coalition is a workspace for one dated goal: its parallel tracks, partners and milestones."
      />
      <Tabs value={tab} onValueChange={setTab}>
        <TabsList label="How to start">
          <TabsTrigger value="blank">Blank</TabsTrigger>
          <TabsTrigger value="template">From a template</TabsTrigger>
          <TabsTrigger value="import">
            {/* Shorter on a phone, so the three tabs fit. */}
            <span className="sm:hidden">From a file</span>
            <span className="hidden sm:inline">Import from a file</span>
          </TabsTrigger>
        </TabsList>
        <TabsContent value="blank">
          <BlankForm />
        </TabsContent>
        <TabsContent value="template">
          <TemplateForm preset={preset} />
        </TabsContent>
        <TabsContent value="import">
          <Suspense fallback={<Skeleton className="h-64 rounded-xl" />}>
            <ImportFromFile />
          </Suspense>
        </TabsContent>
      </Tabs>
    </div>
  );
}

/** coalition.create's own fields (@coalition/domain). */
const blankSchema = zCoalition;

function BlankForm() {
  const trpc = useTRPC();
  const created = useCoalitionCreated();
  const create = useMutation(trpc.coalition.create.mutationOptions());
  const form = useZodForm(blankSchema, {
    // The new coalition's day follows the creator's own time zone unless they pick another.
    defaultValues: { name: '', goal: '', goalDate: '', description: '', timeZone: localTimeZone() },
    draftId: 'coalition-new',
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Card>
      <form
        noValidate
        className="flex flex-col gap-4 py-1"
        onSubmit={form.submit(async (values) => {
          const coalition = await create.mutateAsync(values);
          created(coalition);
        })}
      >
        {form.restoredDraft && <Alert tone="info">Restored what you typed before signing in.</Alert>}
        <Field label="Name" required error={errors.name?.message} description="e.g. “Coalition for a World Summit 2020”">
          <Input autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Goal" required error={errors.goal?.message} description="The one outcome the tracks converge on, in a sentence.">
          <Input autoComplete="off" {...form.register('goal')} />
        </Field>
        <Field label="Goal date" required error={errors.goalDate?.message}>
          <Input type="date" className="sm:w-52" {...form.register('goalDate')} />
        </Field>
        <Field label="Description" error={errors.description?.message} description="Optional: context, scope, who convenes.">
          <Textarea rows={4} {...form.register('description')} />
        </Field>
        <Field label="Time zone" required error={errors.timeZone?.message} description="Where the coalition's day begins: it decides what is overdue and how many days are left, for every member.">
          <TimeZoneSelect className="sm:w-72" {...form.register('timeZone')} />
        </Field>
        <FormError form={form} />
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-4">
          <ButtonLink href={paths.home()} variant="ghost">
            Cancel
          </ButtonLink>
          <Button type="submit" variant="primary" loading={isSubmitting}>
            Create coalition
          </Button>
        </div>
      </form>
    </Card>
  );
}

const templateSchema = z.object({
  templateId: z.enum(TEMPLATE_IDS, { message: 'Pick a template' }),
  name: z
    .string()
    .trim()
    .max(200, 'At most 200 characters')
    .transform((s) => s || undefined),
  /** Optional here: '' keeps the template's own goal date. */
  goalDate: z.union([z.literal('').transform(() => undefined), zDate]),
});

function TemplateForm({ preset }: { preset: string | null }) {
  const trpc = useTRPC();
  const templates = useQuery(trpc.coalition.templates.queryOptions());
  const create = useCreateFromTemplate();
  const form = useZodForm(templateSchema, {
    defaultValues: { templateId: (preset ?? 'world-summit-2020') as 'world-summit-2020', name: '', goalDate: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const chosen = templates.data?.find((t) => t.id === form.watch('templateId'));
  const newGoal = form.watch('goalDate');
  const shift = chosen && newGoal && isIsoDate(newGoal) ? daysBetween(chosen.goalDate, newGoal) : 0;

  if (templates.isPending) return <Skeleton className="h-64 rounded-xl" />;
  if (templates.isError) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;

  return (
    <Card>
      <form
        noValidate
        className="flex flex-col gap-5 py-1"
        onSubmit={form.submit(async (values) => {
          await create.mutateAsync({ ...values, timeZone: localTimeZone() });
        })}
      >
        <Controller
          control={form.control}
          name="templateId"
          render={({ field }) => (
            <FieldSet legend="Template" error={errors.templateId?.message}>
              <div className="grid gap-2">
                {templates.data.map((t) => (
                  <TemplateRadio key={t.id} template={t} checked={field.value === t.id} onChange={() => field.onChange(t.id)} name={field.name} />
                ))}
              </div>
            </FieldSet>
          )}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" error={errors.name?.message} description="Optional. Leave empty to keep the template’s name.">
            <Input autoComplete="off" placeholder={chosen?.name} {...form.register('name')} />
          </Field>
          <Field
            label="New goal date"
            error={errors.goalDate?.message}
            description={chosen ? `Optional. The template’s goal is ${formatDate(chosen.goalDate)}; every date moves with it.` : 'Optional.'}
          >
            <Input type="date" {...form.register('goalDate')} />
          </Field>
        </div>
        {shift !== 0 && (
          <Alert tone="info">
            The whole plan shifts {shift > 0 ? 'later' : 'earlier'} by {plural(Math.abs(shift), 'day')}: every milestone keeps its distance to the goal date.
          </Alert>
        )}
        <FormError form={form} />
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-4">
          <ButtonLink href={paths.home()} variant="ghost">
            Cancel
          </ButtonLink>
          <Button type="submit" variant="primary" loading={isSubmitting}>
            Create from template
          </Button>
        </div>
      </form>
    </Card>
  );
}

function TemplateRadio({ template: t, checked, onChange, name }: { template: Template; checked: boolean; onChange: () => void; name: string }) {
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-3 rounded-lg border p-3 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600',
        checked ? 'border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500' : 'border-slate-200 hover:border-slate-300 hover:bg-slate-50',
      )}
    >
      <input type="radio" name={name} value={t.id} checked={checked} onChange={onChange} className="mt-1 size-4 accent-indigo-600 focus:outline-none" />
      <span className="min-w-0">
        <span className="block text-sm font-semibold text-slate-900">{t.name}</span>
        <span className="mt-0.5 block text-sm text-slate-600">{t.summary}</span>
        <span className="mt-1 block text-xs text-slate-600">
          {t.counts.tracks} tracks · {t.counts.partners} partners · {t.counts.milestones} milestones · goal {formatDate(t.goalDate)}
        </span>
      </span>
    </label>
  );
}
