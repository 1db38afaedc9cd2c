import { useMutation, useQuery } from '@tanstack/react-query';
import { Field, FormDialog, Input, SelectField, Textarea, toast, TrackDot, type ConflictField, type SelectOption } from '../../components/index.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useConflictResolution, useZodForm } from '../../lib/forms.ts';
import { BOTTLENECK_STATUS, labelOf, optionsOf, SEVERITY } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useBottleneckChanged } from './cache.ts';
import { bottleneckSchema, NONE, toBottleneckForm, toPayload, type BottleneckPayload, type BottleneckRow } from './model.ts';

const severityOptions = optionsOf(SEVERITY).reverse();
const statusOptions = optionsOf(BOTTLENECK_STATUS).map((o) =>
  o.value === 'open'
    ? { ...o, hint: 'The obstacle is blocking progress' }
    : o.value === 'resolved'
      ? { ...o, hint: 'Past it: the new narrative worked' }
      : o,
);
const MILESTONE_LIMIT = 500;

/** Create (no `bottleneck`) or edit; mount only while open. `preset` pre-fills a new one. */
export function BottleneckFormDialog({ bottleneck, onClose }: { bottleneck: BottleneckRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const coalitionId = useCoalitionId();
  const changed = useBottleneckChanged();
  const editing = !!bottleneck;
  const form = useZodForm(bottleneckSchema, {
    defaultValues: toBottleneckForm(bottleneck ?? {}),
    draftId: bottleneck ? `bottleneck-edit:${bottleneck.id}` : `bottleneck-create:${coalitionId}`,
  });
  const create = useMutation(trpc.bottleneck.create.mutationOptions());
  const update = useMutation(trpc.bottleneck.update.mutationOptions());
  const { errors } = form.formState;

  // Pickers: tracks, and the milestones of the chosen track (or all, most urgent first).
  const trackId = form.watch('trackId');
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const milestones = useQuery(
    trpc.milestone.list.queryOptions({ coalitionId, ...(trackId !== NONE ? { trackId } : {}), sortBy: 'dueDate', limit: MILESTONE_LIMIT }),
  );
  const trackName = new Map(tracks.data?.map((t) => [t.id, t.name]) ?? []);
  const trackOptions: SelectOption[] = [
    { value: NONE, label: 'Not tied to a track', textValue: 'Not tied to a track' },
    ...(tracks.data ?? []).map((t) => ({
      value: t.id,
      textValue: t.name,
      label: (
        <span className="flex items-center gap-2">
          <TrackDot color={t.color} />
          {t.name}
        </span>
      ),
    })),
  ];
  const milestoneItems = milestones.data?.items ?? [];
  const milestoneOptions: SelectOption[] = [
    { value: NONE, label: 'No milestone', textValue: 'No milestone' },
    ...milestoneItems.map((m) => ({
      value: m.id,
      label: m.title,
      textValue: m.title,
      hint: `Due ${formatDate(m.dueDate)}${trackId === NONE ? ` · ${m.trackId ? (trackName.get(m.trackId) ?? 'Track') : 'Coalition-wide'}` : ''}`,
    })),
  ];
  // Keep the saved milestone selectable even when it is not in the loaded page.
  const currentMilestone = form.watch('milestoneId');
  if (currentMilestone !== NONE && !milestoneItems.some((m) => m.id === currentMilestone)) {
    milestoneOptions.push({ value: currentMilestone, label: bottleneck?.milestoneId === currentMilestone ? (bottleneck.milestoneTitle ?? 'Current milestone') : 'Selected milestone' });
  }

  const conflictFields: ConflictField[] = [
    { key: 'title', label: 'Obstacle' },
    { key: 'description', label: 'Details' },
    { key: 'severity', label: 'Severity', format: (v) => labelOf('severity', String(v)) },
    { key: 'status', label: 'Status', format: (v) => labelOf('bottleneckStatus', String(v)) },
    { key: 'trackId', label: 'Track', format: (v) => (v ? (trackName.get(String(v)) ?? 'A track') : 'None') },
    { key: 'milestoneId', label: 'Milestone', format: (v) => (v ? (milestoneItems.find((m) => m.id === v)?.title ?? 'A milestone') : 'None') },
    { key: 'narrative', label: 'Reframing narrative' },
  ];

  const saveEdit = async (payload: BottleneckPayload, atVersion: number) => {
    const saved = await update.mutateAsync({ coalitionId, bottleneckId: bottleneck!.id, version: atVersion, ...payload });
    changed('updated', saved.id, Object.keys(payload));
    toast.success(`Saved “${saved.title}”`);
  };
  const conflict = useConflictResolution<BottleneckPayload>({
    form,
    version: bottleneck?.version ?? 1,
    entity: 'bottleneck',
    fields: conflictFields,
    busy: update.isPending,
    save: saveEdit,
    resetFrom: (cur) => {
      form.reset(toBottleneckForm(cur));
      changed('updated', bottleneck!.id);
    },
    onResolved: onClose,
  });

  return (
    <FormDialog
      title={editing ? 'Edit bottleneck' : 'Flag a bottleneck'}
      description={editing ? bottleneck.title : 'An obstacle on a track or milestone, and the narrative you will use to get past it.'}
      size="lg"
      form={form}
      onClose={onClose}
      conflict={conflict.dialog}
      submitLabel={editing ? 'Save changes' : 'Flag bottleneck'}
      onSubmit={form.submit(
        async (values) => {
          const payload = toPayload(values);
          if (editing) await saveEdit(payload, conflict.version);
          else {
            const created = await create.mutateAsync({ coalitionId, ...payload });
            changed('created', created.id);
            toast.success(`Flagged “${created.title}”`);
          }
          onClose();
        },
        { onConflict: (c, v) => conflict.open(c, toPayload(v)) },
      )}
    >
      <Field label="Obstacle" required error={errors.title?.message} description="In a line: what is blocking progress?">
        <Input autoComplete="off" autoFocus {...form.register('title')} />
      </Field>
      <Field label="Details" error={errors.description?.message} description="Who or what is behind it, and what it puts at risk">
        <Textarea rows={3} {...form.register('description')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField control={form.control} name="severity" label="Severity" required options={severityOptions} />
        <SelectField control={form.control} name="status" label="Status" required options={statusOptions} />
        <SelectField
          control={form.control}
          name="trackId"
          label="Track"
          options={trackOptions}
          afterChange={(v) => {
            // A milestone of another track no longer fits.
            const m = milestoneItems.find((x) => x.id === form.getValues('milestoneId'));
            if (v !== NONE && m && m.trackId !== v) form.setValue('milestoneId', NONE, { shouldDirty: true });
          }}
        />
        <SelectField
          control={form.control}
          name="milestoneId"
          className="sm:col-span-2"
          label="Milestone"
          options={milestoneOptions}
          description={
            milestones.isPending
              ? 'Loading milestones…'
              : milestones.data?.nextCursor
                ? `Showing the first ${MILESTONE_LIMIT} by due date; choose a track to narrow the list.`
                : trackId === NONE
                  ? 'Any milestone; choose a track to narrow the list.'
                  : undefined
          }
        />
      </div>
      <Field
        label="Reframing narrative"
        error={errors.narrative?.message}
        description="Lesson 2: avoid bottlenecks by changing narratives and reframing issues. How will you present this so that it stops blocking progress — which interests, values or evidence does the new framing speak to?"
      >
        <Textarea rows={6} className="text-[15px]" {...form.register('narrative')} />
      </Field>
    </FormDialog>
  );
}
