/** The milestone form's optional "Forecast range": the three-point estimate the odds on the dashboard draw from. */
import { Field, FieldSet } from '../../components/Field.tsx';
import { Input } from '../../components/Input.tsx';
import type { MilestoneForm } from './MilestoneFields.tsx';

export function ForecastRangeFields({ form }: { form: MilestoneForm }) {
  const errors = form.formState.errors;
  return (
    <FieldSet
      legend="Forecast range"
      description="Optional. The earliest, most likely and latest day it could be reached: while it is open, the dashboard’s odds of reaching the goal draw from this range. All three dates, or none."
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Optimistic" error={errors.estimateOptimistic?.message}>
          <Input type="date" {...form.register('estimateOptimistic')} />
        </Field>
        <Field label="Likely" error={errors.estimateLikely?.message}>
          <Input type="date" {...form.register('estimateLikely')} />
        </Field>
        <Field label="Pessimistic" error={errors.estimatePessimistic?.message}>
          <Input type="date" {...form.register('estimatePessimistic')} />
        </Field>
      </div>
    </FieldSet>
  );
}
