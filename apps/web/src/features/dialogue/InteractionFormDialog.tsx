import { useMutation, useQuery } from '@tanstack/react-query';
import { positionDateProblem } from '@coalition/domain';
import { useMemo } from 'react';
import { Checkbox, Field, FieldSet, FormDialog, Input, SelectField, Textarea, toast, type SelectOption } from '../../components/index.ts';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { useCoalitionId, useCoalitionToday } from '../../lib/coalition.tsx';
import { useZodForm } from '../../lib/forms.ts';
import { INTERACTION_KIND, labelOf, optionsOf, POSITION } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useInteractionChanged } from './cache.ts';
import { interactionSchema, NO_POSITION, NOBODY, positionShown, toFormValues, toPayload, type InteractionRow } from './model.ts';

const kindOptions = optionsOf(INTERACTION_KIND);
const positionOptions: SelectOption[] = [{ value: NO_POSITION, label: 'Not recorded' }, ...optionsOf(POSITION)];

/** Log (no `interaction`) or edit an interaction with a partner; mount only while open. */
export default function InteractionFormDialog({ partnerId, partnerName, interaction, onClose }: {
  partnerId: string;
  partnerName: string;
  interaction: InteractionRow | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const changed = useInteractionChanged();
  const coalitionId = useCoalitionId();
  const today = useCoalitionToday();
  // A position is what the partner has shown: only with an interaction that has taken place (the server says so too).
  const schema = useMemo(
    () =>
      interactionSchema.superRefine((v, ctx) => {
        if (positionShown(v) && positionDateProblem(v.occurredOn, today)) {
          ctx.addIssue({ code: 'custom', path: ['position'], message: 'A position is recorded once shown: log it with an interaction that has taken place, or record it later' });
        }
      }),
    [today],
  );
  const form = useZodForm(schema, {
    defaultValues: toFormValues(interaction, today),
    draftId: interaction ? `interaction-edit:${interaction.id}` : `interaction-create:${partnerId}`,
  });
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const create = useMutation(trpc.interaction.create.mutationOptions());
  const update = useMutation(trpc.interaction.update.mutationOptions());
  const record = useMutation(trpc.position.record.mutationOptions());
  const apply = useApplyChange();
  const { errors } = form.formState;
  const memberOptions: SelectOption[] = [
    { value: NOBODY, label: 'Nobody yet' },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name, textValue: m.name })),
  ];
  const ourPeople = form.watch('ourPeople');

  return (
    <FormDialog
      title={interaction ? 'Edit interaction' : 'Log an interaction'}
      description={`With ${partnerName}: who met, what was asked, what came of it, and what happens next.`}
      size="lg"
      form={form}
      onClose={onClose}
      submitLabel={interaction ? 'Save changes' : 'Log interaction'}
      onSubmit={form.submit(async (values) => {
        const payload = toPayload(values);
        const position = positionShown(values);
        if (interaction) {
          await update.mutateAsync({ coalitionId, interactionId: interaction.id, version: interaction.version, ...payload });
          changed('updated', partnerId, Object.keys(payload));
          // An interaction already logged: its position is a change of its own, linked to it.
          if (position) await record.mutateAsync({ coalitionId, partnerId, position, shownOn: payload.occurredOn, interactionId: interaction.id });
        } else {
          // Logged with the interaction, in the same transaction.
          await create.mutateAsync({ coalitionId, partnerId, ...payload, position });
          changed('logged', partnerId);
        }
        if (position) apply(ownChange('position.recorded', partnerId));
        const shown = position ? `; ${partnerName} recorded as ${labelOf('position', position).toLowerCase()}` : '';
        toast.success(interaction ? `Interaction saved${shown}` : `Logged with ${partnerName}${shown}`);
        onClose();
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField control={form.control} name="kind" label="How" required options={kindOptions} />
        <Field label="Date" required error={errors.occurredOn?.message}>
          <Input type="date" {...form.register('occurredOn')} />
        </Field>
      </div>
      <FieldSet legend="Our people there" description={members.isPending ? 'Loading members…' : undefined}>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {(members.data ?? []).map((m) => (
            <Checkbox
              key={m.userId}
              label={m.name}
              checked={ourPeople.includes(m.userId)}
              onChange={(e) =>
                form.setValue('ourPeople', e.currentTarget.checked ? [...ourPeople, m.userId] : ourPeople.filter((id) => id !== m.userId), { shouldDirty: true })
              }
            />
          ))}
        </div>
      </FieldSet>
      <Field label="Their people" error={errors.theirPeople?.message} description="Names and roles, e.g. “Deputy Permanent Representative”">
        <Input autoComplete="off" {...form.register('theirPeople')} />
      </Field>
      <Field label="Summary" error={errors.summary?.message}>
        <Textarea rows={3} {...form.register('summary')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Our ask" error={errors.ask?.message}>
          <Textarea rows={2} {...form.register('ask')} />
        </Field>
        <Field label="Outcome" error={errors.outcome?.message}>
          <Textarea rows={2} {...form.register('outcome')} />
        </Field>
      </div>
      <SelectField
        control={form.control}
        name="position"
        label="Position shown"
        options={positionOptions}
        description={`Where ${partnerName} stood on the goal in this ${interaction ? 'interaction' : 'meeting, call or letter'}: recorded on its date, linked to it`}
      />
      <FieldSet legend="Next step" description="With a due date and a member, it lands in that member’s inbox.">
        <Field label="What happens next" error={errors.nextStep?.message}>
          <Input autoComplete="off" {...form.register('nextStep')} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Due" error={errors.nextStepDue?.message}>
            <Input type="date" {...form.register('nextStepDue')} />
          </Field>
          <SelectField control={form.control} name="nextStepUserId" label="Responsible member" options={memberOptions} />
        </div>
      </FieldSet>
    </FormDialog>
  );
}
