/** The milestone form's fields, shared by the create dialog and the detail editor. */
import { Controller, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Field } from '../../components/Field.tsx';
import { Input, Textarea } from '../../components/Input.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import type { ZodForm } from '../../lib/forms.ts';
import { MILESTONE_STATUS, optionsOf } from '../../lib/labels.ts';
import type { milestoneSchema, MilestoneFormValues } from './form.ts';
import { ForecastRangeFields } from './ForecastRangeFields.tsx';
import { MilestoneMultiPicker } from './MilestonePicker.tsx';
import type { useMilestoneRefs } from './refs.ts';
import { NO_THRESHOLD } from './sentinels.ts';
import { ThresholdSection } from './ThresholdSection.tsx';

const STATUS_OPTIONS = optionsOf(MILESTONE_STATUS);

export type MilestoneForm = ZodForm<MilestoneFormValues, z.output<typeof milestoneSchema>>;

/**
 * Title, the grid of track / status / owner / responsible member / dates / progress, and the
 * description; `refs` are the tracks, partners and members to choose from (`useMilestoneRefs`).
 * `create` (the new-milestone dialog): title focused, a plain progress number, "Depends on" at the end.
 * `edit` (the detail editor): a progress slider with its number (locked at 100% when done) and
 * "Completed on" when done; `milestoneId` names the progress controls.
 * The threshold section ("reached by a count of acts") comes after the grid; `eligibleCount` (the
 * eligible partners already chosen) lets it offer a two-thirds majority. A threshold milestone's
 * progress follows its count, so the progress controls are locked then.
 */
export function MilestoneFields({
  form,
  refs,
  coalitionId,
  eligibleCount,
  ...mode
}: { form: MilestoneForm; refs: ReturnType<typeof useMilestoneRefs>; coalitionId: string; eligibleCount?: number | undefined } & ({ variant: 'create' } | { variant: 'edit'; milestoneId: string })) {
  const errors = form.formState.errors;
  const status = useWatch({ control: form.control, name: 'status' });
  const counted = useWatch({ control: form.control, name: 'thresholdAct' }) !== NO_THRESHOLD;
  const creating = mode.variant === 'create';

  const track = <SelectField control={form.control} name="trackId" label="Track" options={refs.trackOptions} />;
  const owner = <SelectField control={form.control} name="ownerPartnerId" label="Owner (partner)" options={refs.ownerOptions} />;
  const responsible = <SelectField control={form.control} name="responsibleUserId" label="Responsible (member)" options={refs.responsibleOptions} />;
  const statusField = <SelectField control={form.control} name="status" label="Status" options={STATUS_OPTIONS} />;
  const dates = (
    <>
      <Field label="Start date" error={errors.startDate?.message} description={creating ? 'Optional' : undefined}>
        <Input type="date" {...form.register('startDate')} />
      </Field>
      <Field label="Due date" required error={errors.dueDate?.message}>
        <Input type="date" {...form.register('dueDate')} />
      </Field>
    </>
  );

  return (
    <>
      <Field label="Title" required error={errors.title?.message}>
        <Input {...form.register('title')} autoFocus={creating || undefined} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {mode.variant === 'create' ? (
          <>
            {track}
            {statusField}
            {owner}
            {responsible}
            {dates}
            <Field label="Progress (%)" error={errors.progress?.message} description={counted ? 'Follows the count of acts' : undefined}>
              <Input type="number" min={0} max={100} step={5} inputMode="numeric" disabled={counted} {...form.register('progress', { valueAsNumber: true })} />
            </Field>
          </>
        ) : (
          <>
            {track}
            {statusField}
            {owner}
            {responsible}
            {dates}
            <ProgressControl
              form={form}
              locked={status === 'done' ? 'A done milestone is at 100%.' : counted ? 'Follows the count of acts (the whip count below).' : null}
              progressId={`progress-${mode.milestoneId}`}
            />
            {status === 'done' && (
              <Field label="Completed on" error={errors.completedOn?.message} description="Leave empty for today.">
                <Input type="date" {...form.register('completedOn')} />
              </Field>
            )}
          </>
        )}
      </div>
      <ForecastRangeFields form={form} />
      <ThresholdSection form={form} eligibleCount={eligibleCount} />
      <Field label="Description" error={errors.description?.message}>
        <Textarea rows={creating ? 3 : 4} {...form.register('description')} />
      </Field>
      {creating && (
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
      )}
    </>
  );
}

/** A slider and a number box for the same value; disabled (and explained) when `locked` says why. */
function ProgressControl({ form, locked, progressId }: { form: MilestoneForm; locked: string | null; progressId: string }) {
  const done = locked !== null;
  const error = form.formState.errors.progress;
  return (
    <Controller
      control={form.control}
      name="progress"
      render={({ field }) => (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={progressId} className="text-[13px] font-medium text-slate-800">
            Progress (%)
          </label>
          <div className="flex items-center gap-3">
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={Number.isFinite(field.value) ? field.value : 0}
              onChange={(e) => field.onChange(Number(e.target.value))}
              onBlur={field.onBlur}
              disabled={done}
              aria-label="Progress (slider)"
              aria-valuetext={`${Number.isFinite(field.value) ? field.value : 0}%`}
              className="h-9 min-w-0 flex-1 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            />
            <div className="w-20 shrink-0">
              <Input
                id={progressId}
                ref={field.ref}
                type="number"
                min={0}
                max={100}
                inputMode="numeric"
                disabled={done}
                aria-invalid={error ? true : undefined}
                aria-describedby={error || done ? `${progressId}-hint` : undefined}
                value={Number.isFinite(field.value) ? field.value : ''}
                onChange={(e) => field.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
                onBlur={field.onBlur}
              />
            </div>
          </div>
          {(error || done) && (
            <p id={`${progressId}-hint`} className={error ? 'text-xs font-medium text-red-700' : 'text-xs text-slate-500'}>
              {error ? `⚠ ${error.message}` : locked}
            </p>
          )}
        </div>
      )}
    />
  );
}
