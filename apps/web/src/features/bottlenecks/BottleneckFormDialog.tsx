import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Controller } from 'react-hook-form';
import { Alert, Button, ConflictDialog, Dialog, Field, FormError, Input, Select, Textarea, toast, TrackDot, type ConflictField, type SelectOption } from '../../components/index.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorData, isConflict } from '../../lib/errors.ts';
import { applyServerErrors, useConflictState, useZodForm } from '../../lib/forms.ts';
import { BOTTLENECK_STATUS, labelOf, optionsOf, SEVERITY } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useBottleneckCache } from './cache.ts';
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
  const invalidate = useBottleneckCache();
  const formId = useId();
  const editing = !!bottleneck;
  const [version, setVersion] = useState(bottleneck?.version ?? 1);
  const form = useZodForm(bottleneckSchema, {
    defaultValues: toBottleneckForm(bottleneck ?? {}),
    draftId: bottleneck ? `bottleneck-edit:${bottleneck.id}` : `bottleneck-create:${coalitionId}`,
  });
  const conflict = useConflictState<BottleneckPayload>();
  const create = useMutation(trpc.bottleneck.create.mutationOptions());
  const update = useMutation(trpc.bottleneck.update.mutationOptions());
  const { errors, isSubmitting } = form.formState;

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
    invalidate();
    toast.success(`Saved “${saved.title}”`);
  };
  const cancel = () => {
    form.clearDraft();
    onClose();
  };

  return (
    <>
      <Dialog
        open
        onOpenChange={(o) => !o && cancel()}
        modalLock
        size="lg"
        title={editing ? 'Edit bottleneck' : 'Flag a bottleneck'}
        description={editing ? bottleneck.title : 'An obstacle on a track or milestone, and the narrative you will use to get past it.'}
        footer={
          <>
            <Button variant="secondary" onClick={cancel} disabled={isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="primary" loading={isSubmitting}>
              {editing ? 'Save changes' : 'Flag bottleneck'}
            </Button>
          </>
        }
      >
        <form
          id={formId}
          noValidate
          className="flex flex-col gap-4"
          onSubmit={form.submit(
            async (values) => {
              const payload = toPayload(values);
              if (editing) await saveEdit(payload, version);
              else {
                const created = await create.mutateAsync({ coalitionId, ...payload });
                invalidate();
                toast.success(`Flagged “${created.title}”`);
              }
              onClose();
            },
            { onConflict: (c, v) => conflict.open(c, toPayload(v)) },
          )}
        >
          {form.restoredDraft && <Alert tone="info">Restored your unsaved changes.</Alert>}
          <Field label="Obstacle" required error={errors.title?.message} description="In a line: what is blocking progress?">
            <Input autoComplete="off" autoFocus {...form.register('title')} />
          </Field>
          <Field label="Details" error={errors.description?.message} description="Who or what is behind it, and what it puts at risk">
            <Textarea rows={3} {...form.register('description')} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Controller
              control={form.control}
              name="severity"
              render={({ field }) => (
                <Field label="Severity" required error={errors.severity?.message}>
                  <Select value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} ref={field.ref} options={severityOptions} />
                </Field>
              )}
            />
            <Controller
              control={form.control}
              name="status"
              render={({ field }) => (
                <Field label="Status" required error={errors.status?.message}>
                  <Select value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} ref={field.ref} options={statusOptions} />
                </Field>
              )}
            />
            <Controller
              control={form.control}
              name="trackId"
              render={({ field }) => (
                <Field label="Track" error={errors.trackId?.message}>
                  <Select
                    value={field.value}
                    onValueChange={(v) => {
                      field.onChange(v);
                      // A milestone of another track no longer fits.
                      const m = milestoneItems.find((x) => x.id === form.getValues('milestoneId'));
                      if (v !== NONE && m && m.trackId !== v) form.setValue('milestoneId', NONE, { shouldDirty: true });
                    }}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    options={trackOptions}
                  />
                </Field>
              )}
            />
            <Controller
              control={form.control}
              name="milestoneId"
              render={({ field }) => (
                <Field
                  className="sm:col-span-2"
                  label="Milestone"
                  error={errors.milestoneId?.message}
                  description={
                    milestones.isPending
                      ? 'Loading milestones…'
                      : milestones.data?.nextCursor
                        ? `Showing the first ${MILESTONE_LIMIT} by due date; choose a track to narrow the list.`
                        : trackId === NONE
                          ? 'Any milestone; choose a track to narrow the list.'
                          : undefined
                  }
                >
                  <Select value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} ref={field.ref} options={milestoneOptions} />
                </Field>
              )}
            />
          </div>
          <Field
            label="Reframing narrative"
            error={errors.narrative?.message}
            description="Lesson 2: avoid bottlenecks by changing narratives and reframing issues. How will you present this so that it stops blocking progress — which interests, values or evidence does the new framing speak to?"
          >
            <Textarea rows={6} className="text-[15px]" {...form.register('narrative')} />
          </Field>
          <FormError form={form} />
        </form>
      </Dialog>
      <ConflictDialog
        open={!!conflict.state}
        onOpenChange={(o) => !o && conflict.close()}
        entity="bottleneck"
        current={conflict.state?.current ?? null}
        mine={(conflict.state?.mine as unknown as Record<string, unknown>) ?? null}
        fields={conflictFields}
        busy={update.isPending}
        onApplyMine={async (cur) => {
          try {
            await saveEdit(conflict.state!.mine, Number(cur.version));
            conflict.close();
            form.clearDraft();
            onClose();
          } catch (e) {
            const again = errorData(e)?.conflict;
            if (isConflict(e) && again) conflict.open(again, conflict.state!.mine);
            else {
              conflict.close();
              applyServerErrors(form, e);
            }
          }
        }}
        onDiscardMine={(cur) => {
          form.reset(toBottleneckForm(cur));
          setVersion(Number(cur.version));
          invalidate();
          conflict.close();
        }}
      />
    </>
  );
}
