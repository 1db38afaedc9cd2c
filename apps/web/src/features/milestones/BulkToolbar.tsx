/**
 * The bulk toolbar of the milestone list: one change (status, track, owner, responsible member,
 * or a date shift) to every selected milestone. Loaded on the first selection (it brings the
 * domain's zod validators with it).
 */
import { plural, SHIFT_DATES, zShiftDays, type MilestoneBulkChange, type ShiftDates } from '@coalition/domain';
import { RotateCcw, X } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { Input } from '../../components/Input.tsx';
import { Select } from '../../components/Select.tsx';
import { Alert } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { MILESTONE_STATUS, optionsOf } from '../../lib/labels.ts';
import type { ListItem } from './cache.ts';
import { useMilestoneRefs } from './refs.ts';
import { NO_OWNER, NO_RESPONSIBLE, NO_TRACK } from './sentinels.ts';
import { useBulkUpdate, type BulkResult } from './useBulkUpdate.ts';
import { slipProblemOf, useSlipReason } from './useSlipReason.tsx';

type What = 'status' | 'track' | 'owner' | 'responsible' | 'shift';
const WHAT_OPTIONS: { value: What; label: string }[] = [
  { value: 'status', label: 'Status' },
  { value: 'track', label: 'Track' },
  { value: 'owner', label: 'Owner (partner)' },
  { value: 'responsible', label: 'Responsible member' },
  { value: 'shift', label: 'Shift dates' },
];
const SHIFT_LABEL: Record<ShiftDates, string> = { both: 'Both dates', due: 'Due date only', start: 'Start date only' };
const SHIFT_OPTIONS = SHIFT_DATES.map((d) => ({ value: d, label: SHIFT_LABEL[d] }));
const STATUS_OPTIONS = optionsOf(MILESTONE_STATUS);

export interface BulkToolbarProps {
  coalitionId: string;
  /** The selected rows, in list order, as the list shows them (their versions are sent). */
  selected: readonly ListItem[];
  onClear: () => void;
  /** After "reload": only these rows stay selected. */
  onKeepOnly: (ids: readonly string[]) => void;
}

export default function BulkToolbar({ coalitionId, selected, onClear, onKeepOnly }: BulkToolbarProps) {
  const refs = useMilestoneRefs(coalitionId);
  const bulk = useBulkUpdate(coalitionId);
  const [what, setWhat] = useState<What>('status');
  const [value, setValue] = useState<string | undefined>(undefined);
  const [days, setDays] = useState('');
  const [dates, setDates] = useState<ShiftDates>('both');
  const [dayError, setDayError] = useState<string | undefined>(undefined);
  const countId = useId();
  const slip = useSlipReason();

  const valueOptions =
    what === 'status' ? STATUS_OPTIONS : what === 'track' ? refs.trackOptions : what === 'owner' ? refs.ownerOptions : what === 'responsible' ? refs.responsibleOptions : [];

  /** The change the controls describe, or null (with the reason shown) when it is not complete. */
  const change = (): MilestoneBulkChange | null => {
    if (what === 'shift') {
      const parsed = zShiftDays.safeParse(days.trim() === '' ? Number.NaN : Number(days));
      if (!parsed.success) {
        setDayError(parsed.error.issues[0]?.message ?? 'Enter a number of days');
        return null;
      }
      return { shift: { days: parsed.data, dates } };
    }
    if (value === undefined) return null;
    if (what === 'status') return { status: value as NonNullable<MilestoneBulkChange['status']> };
    if (what === 'track') return { trackId: value === NO_TRACK ? null : value };
    if (what === 'owner') return { ownerPartnerId: value === NO_OWNER ? null : value };
    return { responsibleUserId: value === NO_RESPONSIBLE ? null : value };
  };

  const submit = async () => {
    setDayError(undefined);
    const c = change();
    if (!c) return;
    try {
      let res: BulkResult;
      try {
        res = await bulk.apply(selected, c);
      } catch (e) {
        // Shifted past the baseline: one reason for every row, then the same change again.
        const problem = slipProblemOf(e);
        if (!problem) throw e;
        const reason = await slip.ask(problem);
        if (reason === null) {
          bulk.reset();
          return;
        }
        res = await bulk.apply(selected, c, reason);
      }
      const n = res.updated.length;
      if (n > 0) toast.success(`Updated ${plural(n, 'milestone')}`);
      else if (res.conflicts.length === 0) toast.info(`Nothing to change: ${res.unchanged.length === 1 ? 'it already was' : 'they already were'} so`);
      onClear();
    } catch {
      // Shown below (bulk.error): nothing was written.
    }
  };

  const count = selected.length;
  const pickWhat = (w: What) => {
    setWhat(w);
    setValue(undefined);
    setDayError(undefined);
    bulk.reset();
  };

  // Stays mounted after the first selection: with nothing selected it only shows the rows to reload.
  if (count === 0 && bulk.conflicts.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 border-b border-indigo-100 bg-indigo-50/60 px-3 py-2">
      {count > 0 && (
        <div role="toolbar" aria-labelledby={countId} aria-orientation="horizontal" className="flex flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-3">
            <p id={countId} className="text-sm font-semibold text-indigo-950" aria-live="polite">
              {plural(count, 'milestone')} selected
            </p>
            <Button size="sm" variant="ghost" icon={<X aria-hidden className="size-4" />} onClick={onClear}>
              Clear selection
            </Button>
          </div>
          <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
            <Field label="Change" className="w-44">
              <Select size="sm" value={what} onValueChange={pickWhat} options={WHAT_OPTIONS} />
            </Field>
            {what === 'shift' ? (
              <>
                <Field label="By days (− earlier)" error={dayError} className="w-52">
                  <Input
                    type="number"
                    inputMode="numeric"
                    step={1}
                    value={days}
                    placeholder="7 or -7"
                    onChange={(e) => {
                      setDays(e.target.value);
                      setDayError(undefined);
                    }}
                    onKeyDown={(e) => e.key === 'Enter' && void submit()}
                    className="h-8"
                  />
                </Field>
                <Field label="Which dates" className="w-44">
                  <Select size="sm" value={dates} onValueChange={setDates} options={SHIFT_OPTIONS} />
                </Field>
              </>
            ) : (
              <Field label={`New ${WHAT_OPTIONS.find((o) => o.value === what)!.label.toLowerCase()}`} className="w-52">
                <Select size="sm" value={value} onValueChange={(v) => setValue(v)} options={valueOptions} placeholder="Choose…" />
              </Field>
            )}
            {/* Level with the controls, below their labels. */}
            <Button size="sm" variant="primary" className="sm:mt-[1.6rem]" loading={bulk.isPending} disabled={what !== 'shift' && value === undefined} onClick={() => void submit()}>
              Apply to {plural(count, 'milestone')}
            </Button>
          </div>
        </div>
      )}
      {slip.dialog}
      {bulk.error && count > 0 && !slipProblemOf(bulk.error) && (
        <Alert tone="error">
          {errorMessage(bulk.error)}
        </Alert>
      )}
      {bulk.conflicts.length > 0 && (
        <Alert
          tone="warning"
          title={`${bulk.conflicts.length === 1 ? '1 milestone was' : `${bulk.conflicts.length} milestones were`} changed by someone else meanwhile and not updated`}
          action={
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" icon={<RotateCcw aria-hidden className="size-4" />} onClick={() => onKeepOnly(bulk.reloadConflicts())}>
                Reload {bulk.conflicts.length === 1 ? 'it' : 'them'}
              </Button>
              <Button size="sm" variant="ghost" onClick={bulk.dismissConflicts}>
                Dismiss
              </Button>
            </div>
          }
        >
          <ul className="mt-1 list-disc pl-4">
            {bulk.conflicts.map((c) => (
              <li key={c.id}>
                “{c.title}” <span className="text-slate-600">(now version {c.current.version})</span>
              </li>
            ))}
          </ul>
          <p className="mt-1">Reload shows their current values and keeps them selected, so you can apply the change again.</p>
        </Alert>
      )}
    </div>
  );
}
