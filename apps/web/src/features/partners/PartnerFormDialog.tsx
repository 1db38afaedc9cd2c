import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { Checkbox, Field, FieldSet, FormDialog, Input, Select, SelectField, Textarea, toast, type ConflictField, type SelectOption } from '../../components/index.ts';
import { useCoalitionId, useRole } from '../../lib/coalition.tsx';
import { useConflictResolution, useZodForm } from '../../lib/forms.ts';
import { CONTRIBUTION, labelOf, optionsOf, PARTNER_KIND, STAGE } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { usePartnerCache } from './cache.ts';
import { CONTRIBUTIONS, EMPTY_PARTNER, partnerSchema, toFormValues, type PartnerFormValues } from './model.ts';
import { ScoreInput } from './ScoreInput.tsx';

const kindOptions = optionsOf(PARTNER_KIND);
const stageOptions = optionsOf(STAGE);

const CONFLICT_FIELDS: ConflictField[] = [
  { key: 'name', label: 'Name' },
  { key: 'kind', label: 'Kind', format: (v) => labelOf('kind', String(v)) },
  { key: 'country', label: 'Country or region' },
  { key: 'contact', label: 'Contact' },
  { key: 'contributions', label: 'Contributions', format: (v) => (Array.isArray(v) && v.length ? v.map((c) => labelOf('contribution', String(c))).join(', ') : 'none') },
  { key: 'influence', label: 'Influence' },
  { key: 'interest', label: 'Interest' },
  { key: 'stage', label: 'Stage', format: (v) => labelOf('stage', String(v)) },
  { key: 'notes', label: 'Notes' },
  { key: 'relationshipOwnerId', label: 'Relationship owner', format: (v) => (v ? 'a member' : 'nobody') },
  { key: 'positionPublic', label: 'Position on the public page', format: (v) => (v ? 'shown' : 'not shown') },
];

/** The owner select's value for "nobody yet" (Radix values cannot be ''). */
const NOBODY = 'nobody';

/** Only an owner decides whether the public page names a partner's position: others never send the flag. */
function forRole<T extends Partial<PartnerFormValues>>(values: T, isOwner: boolean): T {
  if (isOwner) return values;
  const { positionPublic: _p, ...rest } = values;
  return rest as T;
}

export interface EditablePartner extends PartnerFormValues {
  id: string;
  version: number;
}

/**
 * Create (no `partner`) or edit a partner. Mount it only while open: each opening starts from
 * the record (or from a draft kept across a sign-in).
 */
export function PartnerFormDialog({ partner, onClose }: { partner: EditablePartner | null; onClose: () => void }) {
  const trpc = useTRPC();
  const coalitionId = useCoalitionId();
  const cache = usePartnerCache();
  const editing = !!partner;
  const form = useZodForm(partnerSchema, {
    defaultValues: partner ? toFormValues(partner) : EMPTY_PARTNER,
    draftId: partner ? `partner-edit:${partner.id}` : `partner-create:${coalitionId}`,
  });
  const create = useMutation(trpc.partner.create.mutationOptions());
  const update = useMutation(trpc.partner.update.mutationOptions());
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const { isOwner } = useRole();
  const { errors } = form.formState;
  const ownerId = form.watch('relationshipOwnerId');
  const ownerOptions: SelectOption[] = [
    { value: NOBODY, label: 'Nobody yet' },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name, textValue: m.name })),
    // Kept when they have left the coalition (the server allows keeping them).
    ...(ownerId && members.data && !members.data.some((m) => m.userId === ownerId) ? [{ value: ownerId, label: 'A former member' }] : []),
  ];

  const saveEdit = async (values: PartnerFormValues, atVersion: number) => {
    const saved = await update.mutateAsync({ coalitionId, partnerId: partner!.id, version: atVersion, ...forRole(values, isOwner) });
    cache.updated(saved.id, Object.keys(values));
    toast.success(`Saved “${saved.name}”`);
    return saved;
  };

  const saveNew = async (values: PartnerFormValues) => {
    const created = await create.mutateAsync({ coalitionId, ...forRole(values, isOwner) });
    cache.created(created.id);
    return created;
  };
  /** "Save and add another": the last one saved, said in the dialog's live region. */
  const [savedName, setSavedName] = useState<string | null>(null);

  const conflict = useConflictResolution<PartnerFormValues>({
    form,
    version: partner?.version ?? 1,
    entity: 'partner',
    fields: CONFLICT_FIELDS,
    busy: update.isPending,
    save: saveEdit,
    resetFrom: (cur) => {
      form.reset(toFormValues(cur));
      cache.updated(partner!.id);
    },
    onResolved: onClose,
  });

  return (
    <FormDialog
      title={editing ? `Edit ${partner.name}` : 'Add a partner'}
      description={editing ? undefined : 'An organisation or person who brings ideas, resources, networks or political support.'}
      size="lg"
      form={form}
      onClose={onClose}
      conflict={conflict.dialog}
      submitLabel={editing ? 'Save changes' : 'Add partner'}
      onSubmit={form.submit(
        async (values) => {
          if (editing) {
            await saveEdit(values, conflict.version);
          } else {
            const created = await saveNew(values);
            toast.success(`Added “${created.name}”`);
          }
          onClose();
        },
        { onConflict: conflict.open },
      )}
      addAnother={
        editing
          ? undefined
          : {
              saved: savedName && `Saved “${savedName}”. Add the next partner.`,
              save: async (values: PartnerFormValues) => {
                const created = await saveNew(values);
                setSavedName(created.name);
              },
            }
      }
    >
      <Field label="Name" required error={errors.name?.message}>
        <Input autoComplete="off" autoFocus {...form.register('name')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          control={form.control}
          name="kind"
          label="Kind"
          required
          options={kindOptions}
          description={(kind) => (kind === 'state' || kind === 'intergovernmental' ? 'Counts as a state actor' : 'Counts as a non-state actor')}
        />
        <SelectField control={form.control} name="stage" label="Engagement stage" required options={stageOptions} />
        <Field label="Country or region" error={errors.country?.message}>
          <Input autoComplete="off" {...form.register('country')} />
        </Field>
        <Field label="Contact" error={errors.contact?.message} description="A focal point: name, email or phone">
          <Input autoComplete="off" {...form.register('contact')} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="contributions"
        render={({ field }) => (
          <FieldSet legend="Contributions" description="What this partner brings to the coalition" error={errors.contributions?.message}>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {CONTRIBUTIONS.map((c) => (
                <Checkbox
                  key={c}
                  label={CONTRIBUTION[c].label}
                  checked={field.value.includes(c)}
                  onBlur={field.onBlur}
                  onChange={(e) => field.onChange(e.target.checked ? CONTRIBUTIONS.filter((x) => x === c || field.value.includes(x)) : field.value.filter((x) => x !== c))}
                />
              ))}
            </div>
          </FieldSet>
        )}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="influence"
          render={({ field }) => (
            <ScoreInput name="influence" legend="Influence" description="How much they can move the outcome (1 low – 5 high)" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.influence?.message} />
          )}
        />
        <Controller
          control={form.control}
          name="interest"
          render={({ field }) => (
            <ScoreInput name="interest" legend="Interest" description="How much they care about the goal (1 low – 5 high)" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.interest?.message} />
          )}
        />
      </div>
      <Controller
        control={form.control}
        name="relationshipOwnerId"
        render={({ field }) => (
          <Field label="Relationship owner" description="The member who keeps the policy dialogue with this partner" error={errors.relationshipOwnerId?.message}>
            <Select value={field.value ?? NOBODY} onValueChange={(v) => field.onChange(v === NOBODY ? null : v)} onBlur={field.onBlur} ref={field.ref} options={ownerOptions} />
          </Field>
        )}
      />
      <Field label="Notes" error={errors.notes?.message}>
        <Textarea rows={4} {...form.register('notes')} />
      </Field>
      {isOwner && (
        <Controller
          control={form.control}
          name="positionPublic"
          render={({ field }) => (
            <FieldSet legend="Public page" description="Owners only. Without it, the public page counts this partner’s support but never names it.">
              <Checkbox label="Show this partner’s position on the public page" checked={field.value} onBlur={field.onBlur} onChange={(e) => field.onChange(e.target.checked)} />
            </FieldSet>
          )}
        />
      )}
    </FormDialog>
  );
}
