import { plural, zSlipReason } from '@coalition/domain';
import { z } from 'zod';
import { Field } from '../../components/Field.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { Textarea } from '../../components/Input.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useZodForm } from '../../lib/forms.ts';
import type { SlipProblem } from './slipProblem.ts';

const schema = z.object({ reason: zSlipReason });

/** How many moved milestones the dialog lists (the rest are counted). */
const LISTED = 6;

/** Asks why a due date moves past its baseline (one reason for every milestone listed). */
export default function SlipReasonDialog({ problem, onAnswer }: { problem: SlipProblem; onAnswer: (reason: string | null) => void }) {
  const form = useZodForm(schema, { defaultValues: { reason: '' } });
  const { slips, baseline } = problem;
  const one = slips.length === 1 ? slips[0] : undefined;
  const name = baseline ? `“${baseline.name}”` : 'the baseline';
  return (
    <FormDialog
      title={one ? 'This moves past its baseline' : `${plural(slips.length, 'milestone')} move past their baseline`}
      description={
        one
          ? `“${one.title}” would be due ${formatDate(one.toDue)}: ${plural(one.days, 'day')} after its baseline date, ${formatDate(one.baselineDue)} (${name}). Say why, for the slips list.`
          : slips.length > 1
            ? `Compared with ${name}. One reason covers them all; it goes in the slips list.`
            : problem.message
      }
      form={form}
      onClose={() => onAnswer(null)}
      submitLabel="Save with this reason"
      onSubmit={form.submit((v) => onAnswer(v.reason))}
    >
      {slips.length > 1 && (
        <ul className="flex flex-col gap-1 text-sm text-slate-700" aria-label="Moved past the baseline">
          {slips.slice(0, LISTED).map((s) => (
            <li key={s.milestoneId} className="flex flex-wrap justify-between gap-x-3">
              <span className="min-w-0 truncate font-medium text-slate-900">{s.title}</span>
              <span className="shrink-0 tabular-nums">
                {formatDate(s.baselineDue)} → {formatDate(s.toDue)} <span className="font-semibold text-red-700">+{plural(s.days, 'day')}</span>
              </span>
            </li>
          ))}
          {slips.length > LISTED && <li className="text-slate-500">and {plural(slips.length - LISTED, 'more milestone')}</li>}
        </ul>
      )}
      <Field label="Reason for the slip" required error={form.formState.errors.reason?.message} description="Who or what moved it, and what would bring it back.">
        <Textarea rows={3} autoFocus {...form.register('reason')} />
      </Field>
    </FormDialog>
  );
}
