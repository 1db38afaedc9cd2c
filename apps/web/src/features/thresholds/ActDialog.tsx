/**
 * Record a partner's act toward a threshold milestone (signed, ratified, voted yes…) with its date
 * and a note, or edit / delete one (versioned: a colleague's newer save opens the conflict dialog).
 * Opened from a partner's row it starts with that partner, the act that counts and today, so
 * recording is one more click. Mount only while open.
 */
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { actFields, type ThresholdAct } from '@coalition/domain';
import { Button, Field, FormDialog, Input, SelectField, Textarea, toast, type ConflictField } from '../../components/index.ts';
import { useCoalitionToday } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useConflictResolution, useZodForm } from '../../lib/forms.ts';
import { labelOf, optionsOf, THRESHOLD_ACT } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useThresholdChanged } from './cache.ts';
import { countLine, type ActRow, type Board } from './model.ts';

const ACT_OPTIONS = optionsOf(THRESHOLD_ACT);

const CONFLICT_FIELDS: ConflictField[] = [
  { key: 'act', label: 'Act', format: (v) => labelOf('thresholdAct', String(v)) },
  { key: 'actedOn', label: 'Date', format: (v) => formatDate(v as string) },
  { key: 'note', label: 'Note' },
];

/** The act form: the domain's act fields, the partner, and a date not after the coalition's today. */
function actSchema(today: string) {
  return z
    .object({ partnerId: z.string().min(1, 'Choose the partner'), act: actFields.act, actedOn: actFields.actedOn, note: actFields.note })
    .superRefine((v, ctx) => {
      if (v.actedOn > today) ctx.addIssue({ code: 'custom', path: ['actedOn'], message: `An act is recorded once it has happened: today (${formatDate(today)}) or earlier` });
    });
}
type ActFormValues = z.input<ReturnType<typeof actSchema>>;
type ActMine = Omit<z.output<ReturnType<typeof actSchema>>, 'partnerId'>;

export default function ActDialog({ coalitionId, board, partnerId, act, preset, onClose }: {
  coalitionId: string;
  board: Board;
  /** The partner (from its row), or null to choose one. */
  partnerId: string | null;
  /** The act being edited, or null to record one. */
  act: ActRow | null;
  /** The act to start with when recording (the row's button: the act that counts). */
  preset: ThresholdAct | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const today = useCoalitionToday(coalitionId);
  const changed = useThresholdChanged();
  const milestoneId = board.milestone.id;
  const schema = useMemo(() => actSchema(today), [today]);
  const partner = board.eligible.find((e) => e.partnerId === partnerId) ?? null;
  const form = useZodForm(schema, {
    defaultValues: {
      partnerId: partnerId ?? '',
      act: act?.act ?? preset ?? board.milestone.thresholdAct,
      actedOn: act?.actedOn ?? today,
      note: act?.note ?? '',
    } satisfies ActFormValues,
    draftId: act ? `act-edit:${act.id}` : `act-record:${milestoneId}:${partnerId ?? 'any'}`,
  });
  const record = useMutation(trpc.threshold.recordAct.mutationOptions());
  const update = useMutation(trpc.threshold.updateAct.mutationOptions());
  const remove = useMutation(trpc.threshold.deleteAct.mutationOptions());
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const { errors } = form.formState;
  const nameOf = (id: string) => board.eligible.find((e) => e.partnerId === id)?.name ?? 'the partner';

  const saveEdit = async (mine: ActMine, version: number) => {
    const res = await update.mutateAsync({ coalitionId, actId: act!.id, version, ...mine });
    changed('milestone.act_updated', milestoneId);
    toast.success(`Saved: ${countLine({ ...board, progress: res.progress })}`);
  };
  const conflict = useConflictResolution<ActMine>({
    form,
    version: act?.version ?? 1,
    entity: 'act',
    fields: CONFLICT_FIELDS,
    busy: update.isPending,
    save: saveEdit,
    resetFrom: (cur) => {
      form.reset({ partnerId: partnerId ?? '', act: cur.act as ThresholdAct, actedOn: String(cur.actedOn), note: String(cur.note ?? '') });
      changed('milestone.act_updated', milestoneId);
    },
    onResolved: onClose,
  });

  const onDelete = async () => {
    if (!act) return;
    if (!confirmDelete) return setConfirmDelete(true);
    setDeleteError(null);
    try {
      const res = await remove.mutateAsync({ coalitionId, actId: act.id });
      changed('milestone.act_deleted', milestoneId);
      toast.success(`Deleted the record: ${countLine({ ...board, progress: res.progress })}`);
      form.clearDraft();
      onClose();
    } catch (e) {
      setDeleteError(errorMessage(e));
    }
  };

  const partnerOptions = board.eligible.map((e) => ({ value: e.partnerId, label: e.name, textValue: e.name }));
  const who = partner?.name ?? (act ? nameOf(partnerId ?? '') : null);

  return (
    <FormDialog
      title={act ? `Edit the record of ${who}` : who ? `Record an act of ${who}` : 'Record an act'}
      description={`Toward “${board.milestone.title}”: ${countLine(board)} so far.`}
      form={form}
      onClose={onClose}
      conflict={conflict.dialog}
      submitLabel={act ? 'Save changes' : 'Record act'}
      onSubmit={form.submit(
        async ({ partnerId: pid, ...mine }) => {
          if (act) {
            await saveEdit(mine, conflict.version);
          } else {
            const res = await record.mutateAsync({ coalitionId, milestoneId, partnerId: pid, ...mine });
            changed('milestone.act_recorded', milestoneId);
            toast.success(`Recorded: ${nameOf(pid)} ${labelOf('thresholdAct', mine.act).toLowerCase()} — ${countLine({ ...board, progress: res.progress })}`);
          }
          onClose();
        },
        { onConflict: conflict.open },
      )}
    >
      {!partnerId && !act && <SelectField control={form.control} name="partnerId" label="Partner" required options={partnerOptions} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          control={form.control}
          name="act"
          label="Act"
          required
          options={ACT_OPTIONS}
          description={(v) => (v === board.milestone.thresholdAct ? 'Counts toward the threshold' : 'Recorded, but does not count toward the threshold')}
        />
        <Field label="Date" required error={errors.actedOn?.message}>
          <Input type="date" max={today} {...form.register('actedOn')} />
        </Field>
      </div>
      <Field label="Note" error={errors.note?.message} description="Optional, e.g. where the instrument was deposited">
        <Textarea rows={2} {...form.register('note')} />
      </Field>
      {act && (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
          <Button variant={confirmDelete ? 'danger' : 'ghost'} loading={remove.isPending} onClick={() => void onDelete()}>
            {confirmDelete ? 'Click again to delete this record' : 'Delete this record'}
          </Button>
          {deleteError && <p className="text-sm text-red-700">{deleteError}</p>}
        </div>
      )}
    </FormDialog>
  );
}
