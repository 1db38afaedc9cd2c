import { useMutation, useQuery } from '@tanstack/react-query';
import { positionDateProblem } from '@coalition/domain';
import { useMemo } from 'react';
import { Field, FormDialog, Input, SelectField, Textarea, toast, type SelectOption } from '../../components/index.ts';
import { useCoalitionId, useCoalitionToday } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useZodForm } from '../../lib/forms.ts';
import { labelOf, optionsOf, POSITION } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { usePositionChanged } from './cache.ts';
import { emptyForm, GOAL, NO_INTERACTION, positionSchema, toPayload } from './model.ts';

const positionOptions = optionsOf(POSITION);

/** Record where a partner stands (on the goal or a track), on a day, optionally as shown in one of its interactions. Mount only while open. */
export default function RecordPositionDialog({ partnerId, partnerName, onClose }: { partnerId: string; partnerName: string; onClose: () => void }) {
  const trpc = useTRPC();
  const coalitionId = useCoalitionId();
  const today = useCoalitionToday();
  const changed = usePositionChanged();
  const schema = useMemo(
    () =>
      positionSchema.superRefine((v, ctx) => {
        const problem = positionDateProblem(v.shownOn, today);
        if (problem) ctx.addIssue({ code: 'custom', path: ['shownOn'], message: problem });
      }),
    [today],
  );
  const form = useZodForm(schema, { defaultValues: emptyForm(today), draftId: `position-record:${partnerId}` });
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const log = useQuery(trpc.interaction.list.queryOptions({ coalitionId, partnerId, limit: 50 }));
  const record = useMutation(trpc.position.record.mutationOptions());
  const { errors } = form.formState;

  const trackOptions: SelectOption[] = [
    { value: GOAL, label: 'The coalition’s goal' },
    ...(tracks.data ?? []).map((t) => ({ value: t.id, label: `Track: ${t.name}`, textValue: t.name })),
  ];
  const happened = (log.data?.items ?? []).filter((i) => i.occurredOn <= today);
  const interactionOptions: SelectOption[] = [
    { value: NO_INTERACTION, label: 'Not in a logged interaction' },
    ...happened.map((i) => ({ value: i.id, label: `${formatDate(i.occurredOn)} · ${labelOf('interactionKind', i.kind)}${i.summary ? ` — ${i.summary.slice(0, 40)}` : ''}` })),
  ];

  return (
    <FormDialog
      title="Record a position"
      description={`Where ${partnerName} stands, on the day they showed it.`}
      form={form}
      onClose={onClose}
      submitLabel="Record position"
      onSubmit={form.submit(async (values) => {
        await record.mutateAsync({ coalitionId, partnerId, ...toPayload(values) });
        changed('recorded', partnerId);
        toast.success(`Recorded ${partnerName} as ${labelOf('position', values.position).toLowerCase()}`);
        onClose();
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField control={form.control} name="position" label="Position" required options={positionOptions} />
        <Field label="Shown on" required error={errors.shownOn?.message}>
          <Input type="date" max={today} {...form.register('shownOn')} />
        </Field>
      </div>
      <SelectField control={form.control} name="trackId" label="Goal or track" options={trackOptions} description="Where they stand on the coalition’s goal, or on one track of the plan" />
      <SelectField
        control={form.control}
        name="interactionId"
        label="Shown in"
        options={interactionOptions}
        description={log.isPending ? 'Loading the dialogue log…' : happened.length ? 'Picking one sets the day to its date' : 'No interaction logged with this partner yet'}
        afterChange={(id) => {
          const picked = happened.find((i) => i.id === id);
          if (picked) form.setValue('shownOn', picked.occurredOn, { shouldDirty: true, shouldValidate: true });
        }}
      />
      <Field label="Note" error={errors.note?.message} description="What they said or did that shows it">
        <Textarea rows={2} {...form.register('note')} />
      </Field>
    </FormDialog>
  );
}
