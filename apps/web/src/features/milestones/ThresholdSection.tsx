/** The milestone form's "Reached by a count of acts" section: the act that counts and how many (both or neither). */
import { ChevronRight } from 'lucide-react';
import { useId, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { THRESHOLD_ACT_NOUNS, twoThirdsOf, type ThresholdAct } from '@coalition/domain';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { Input } from '../../components/Input.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { cn } from '../../lib/cn.ts';
import { optionsOf, THRESHOLD_ACT } from '../../lib/labels.ts';
import type { MilestoneForm } from './MilestoneFields.tsx';
import { NO_THRESHOLD } from './sentinels.ts';

const ACT_OPTIONS = [{ value: NO_THRESHOLD, label: 'None (an ordinary milestone)' }, ...optionsOf(THRESHOLD_ACT)];

/**
 * Collapsible; open when the milestone has a threshold or a field in it has an error. With
 * `eligibleCount` (the eligible partners chosen on the milestone's page) it offers the two-thirds
 * majority of them as the threshold.
 */
export function ThresholdSection({ form, eligibleCount }: { form: MilestoneForm; eligibleCount?: number | undefined }) {
  const act = useWatch({ control: form.control, name: 'thresholdAct' });
  const count = useWatch({ control: form.control, name: 'threshold' });
  const [open, setOpen] = useState(act !== NO_THRESHOLD);
  const errors = form.formState.errors;
  const shown = open || !!errors.thresholdAct || !!errors.threshold;
  const bodyId = useId();
  const active = act !== NO_THRESHOLD;
  const noun = active ? THRESHOLD_ACT_NOUNS[act as ThresholdAct] : null;
  const summary = active && noun && count.trim() ? `${count.trim()} ${Number(count) === 1 ? noun.one : noun.many}` : 'Off';
  const majority = eligibleCount ? twoThirdsOf(eligibleCount) : null;

  return (
    <section className="rounded-lg border border-slate-200" aria-label="Reached by a count of acts">
      <button
        type="button"
        aria-expanded={shown}
        aria-controls={bodyId}
        onClick={() => setOpen(!shown)}
        className="flex w-full items-center gap-2 rounded-lg px-3 py-2.5 text-left text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <ChevronRight aria-hidden className={cn('size-4 shrink-0 text-slate-500 transition-transform', shown && 'rotate-90')} />
        Reached by a count of acts
        <span className={cn('ml-auto text-xs font-normal', active ? 'text-indigo-700' : 'text-slate-500')}>{summary}</span>
      </button>
      {shown && (
        <div id={bodyId} className="flex flex-col gap-3 border-t border-slate-200 px-3 pb-3 pt-3">
          <p className="text-xs text-slate-600">
            For milestones like “40 states ratify” or “a two-thirds majority votes yes”. Progress is the count over the threshold; when it is reached, the
            milestone is done on the day of the act that reached it.
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              control={form.control}
              name="thresholdAct"
              label="Act that counts"
              options={ACT_OPTIONS}
              afterChange={(v) => {
                if (v === NO_THRESHOLD) form.setValue('threshold', '', { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
              }}
            />
            <Field label="How many" error={errors.threshold?.message} description={active ? 'Between 1 and 10,000' : 'Choose the act first'}>
              <Input type="number" min={1} max={10000} step={1} inputMode="numeric" disabled={!active} {...form.register('threshold')} />
            </Field>
          </div>
          {active &&
            (majority ? (
              <div>
                <Button variant="subtle" onClick={() => form.setValue('threshold', String(majority), { shouldDirty: true, shouldValidate: true })}>
                  Set to two-thirds of {eligibleCount} eligible: {majority}
                </Button>
              </div>
            ) : (
              <p className="text-xs text-slate-500">Once the eligible partners are chosen (in the milestone’s whip count), you can set the threshold to two-thirds of them here.</p>
            ))}
        </div>
      )}
    </section>
  );
}
