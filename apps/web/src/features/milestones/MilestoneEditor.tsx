import { useMutation, useQuery } from '@tanstack/react-query';
import { THRESHOLD_ACT_NOUNS } from '@coalition/domain';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ConflictDialog, type ConflictField } from '../../components/ConflictDialog.tsx';
import { FormError } from '../../components/FormError.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { Alert } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useConflictState, useZodForm } from '../../lib/forms.ts';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneCache, type MilestoneDetail } from './cache.ts';
import { milestoneSchema, toApiFields, toFormValues, type MilestoneFormValues } from './form.ts';
import { MilestoneFields } from './MilestoneFields.tsx';
import { useMilestoneRefs } from './refs.ts';
import { useLeaveGuard } from '../../lib/useLeaveGuard.tsx';
import { slipProblemOf, useSlipReason } from './useSlipReason.tsx';

type Mine = ReturnType<typeof toApiFields> & { completedOn?: string };

function toMine(v: MilestoneFormValues): Mine {
  return { ...toApiFields(v), ...(v.status === 'done' && v.completedOn ? { completedOn: v.completedOn } : {}) };
}

/** Read-only facts for viewers. */
export function MilestoneFacts({ m, coalitionId }: { m: MilestoneDetail; coalitionId: string }) {
  const refs = useMilestoneRefs(coalitionId);
  const track = refs.track(m.trackId);
  const rows: Array<[string, React.ReactNode]> = [
    [
      'Track',
      <span className="inline-flex items-center gap-1.5">
        <TrackDot color={track.color} />
        {m.track?.name ?? track.name}
      </span>,
    ],
    ['Status', <StatusBadge of="milestoneStatus" value={m.status} />],
    ['Progress', <ProgressBar value={m.progress} label="Progress" showValue className="max-w-60" />],
    ['Start', formatDate(m.startDate)],
    ['Due', formatDate(m.dueDate)],
    ['Completed on', formatDate(m.completedOn)],
    ['Owner', m.owner?.name ?? '—'],
    ['Responsible', m.responsible?.name ?? 'Nobody'],
    [
      'Forecast range',
      m.estimateOptimistic && m.estimateLikely && m.estimatePessimistic
        ? `${formatDate(m.estimateOptimistic)} (optimistic) · ${formatDate(m.estimateLikely)} (likely) · ${formatDate(m.estimatePessimistic)} (pessimistic)`
        : 'None',
    ],
    ...(m.thresholdAct && m.threshold ? ([['Reached by', `${m.threshold} ${m.threshold === 1 ? THRESHOLD_ACT_NOUNS[m.thresholdAct].one : THRESHOLD_ACT_NOUNS[m.thresholdAct].many}`]] as Array<[string, React.ReactNode]>) : []),
  ];
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
        {rows.map(([k, v]) => (
          <div key={k} className="flex flex-col gap-0.5">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{k}</dt>
            <dd className="text-sm text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Description</h3>
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{m.description || <span className="italic text-slate-500">No description.</span>}</p>
      </div>
    </div>
  );
}

/** The edit form of a milestone: versioned save, a ConflictDialog when someone else saved first, a draft that survives a sign-in. */
export function MilestoneEditor({ m, coalitionId }: { m: MilestoneDetail; coalitionId: string }) {
  const trpc = useTRPC();
  const refs = useMilestoneRefs(coalitionId);
  const cache = useMilestoneCache(coalitionId);
  const [version, setVersion] = useState(m.version);
  const form = useZodForm(milestoneSchema, { defaultValues: toFormValues(m), draftId: `milestone-edit:${m.id}` });
  const conflict = useConflictState<MilestoneFormValues>();
  const save = useMutation(trpc.milestone.update.mutationOptions());
  const [applyError, setApplyError] = useState<string | null>(null);
  const slip = useSlipReason();
  const status = useWatch({ control: form.control, name: 'status' });
  // A threshold milestone's eligible partners (the whip count's query): the form offers two-thirds of them.
  const board = useQuery({ ...trpc.threshold.board.queryOptions({ coalitionId, milestoneId: m.id }), enabled: !!m.thresholdAct });
  // Leaving with unsaved edits asks first (links, back button) and the tab's close/reload warns.
  const leaveGuard = useLeaveGuard({
    dirty: form.formState.isDirty && !form.formState.isSubmitting,
    what: `“${m.title}”`,
    onDiscard: () => {
      form.reset(toFormValues(m));
      form.clearDraft();
    },
  });

  // Someone else's saved change arrives (refetch): take it when nothing is being edited here.
  useEffect(() => {
    if (m.version === version) return;
    if (!form.formState.isDirty) {
      form.reset(toFormValues(m));
      setVersion(m.version);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the server's version changes, not on every edit
  }, [m.version]);

  // Becoming done means 100%.
  useEffect(() => {
    if (status === 'done' && form.getValues('progress') !== 100) form.setValue('progress', 100, { shouldDirty: true });
  }, [status, form]);

  /** The detail's `{ id, name }` of the responsible member, from the coalition's member list. */
  const responsibleOf = (id: string | null | undefined): MilestoneDetail['responsible'] => (id ? { id, name: refs.memberName(id) ?? '…' } : null);

  const afterSave = (row: Awaited<ReturnType<typeof save.mutateAsync>>) => {
    const { dependsOn: _d, ...fields } = row;
    cache.setDetail(m.id, (old) => ({ ...old, ...fields, responsible: responsibleOf(row.responsibleUserId) }));
    cache.patchListItem(m.id, row);
    cache.changed('milestone.updated', m.id, Object.keys(form.formState.dirtyFields));
    setVersion(row.version);
    form.reset(toFormValues({ ...row, dependsOn: m.dependsOn }));
    form.clearDraft();
  };

  /** Saves; a due date past the baseline asks for the reason and saves again with it (cancelled: the refusal stays on the form). */
  const submit = async (values: Mine, v: number) => {
    const input = { coalitionId, milestoneId: m.id, version: v, ...values };
    let row: Awaited<ReturnType<typeof save.mutateAsync>>;
    try {
      row = await save.mutateAsync(input);
    } catch (e) {
      const problem = slipProblemOf(e);
      if (!problem) throw e;
      const reason = await slip.ask(problem);
      if (reason === null) throw e;
      row = await save.mutateAsync({ ...input, slipReason: reason });
    }
    afterSave(row);
    toast.success('Milestone saved');
  };

  const fmtTrack = (v: unknown) => (v ? refs.track(String(v)).name : 'Coalition-wide');
  const fmtOwner = (v: unknown) => (v ? (refs.ownerName(String(v)) ?? '—') : 'No owner');
  const fmtResponsible = (v: unknown) => (v ? (refs.memberName(String(v)) ?? '—') : 'Nobody');
  const conflictFields: ConflictField[] = [
    { key: 'title', label: 'Title' },
    { key: 'trackId', label: 'Track', format: fmtTrack },
    { key: 'status', label: 'Status', format: (v) => labelOf('milestoneStatus', String(v)) },
    { key: 'progress', label: 'Progress', format: (v) => `${String(v)}%` },
    { key: 'startDate', label: 'Start', format: (v) => formatDate(v as string | null) },
    { key: 'dueDate', label: 'Due', format: (v) => formatDate(v as string | null) },
    { key: 'completedOn', label: 'Completed on', format: (v) => formatDate(v as string | null) },
    { key: 'ownerPartnerId', label: 'Owner', format: fmtOwner },
    { key: 'responsibleUserId', label: 'Responsible', format: fmtResponsible },
    { key: 'estimateOptimistic', label: 'Forecast: optimistic', format: (v) => formatDate(v as string | null) },
    { key: 'estimateLikely', label: 'Forecast: likely', format: (v) => formatDate(v as string | null) },
    { key: 'estimatePessimistic', label: 'Forecast: pessimistic', format: (v) => formatDate(v as string | null) },
    { key: 'description', label: 'Description' },
    { key: 'thresholdAct', label: 'Act that counts', format: (v) => (v ? labelOf('thresholdAct', String(v)) : 'None') },
    { key: 'threshold', label: 'Threshold', format: (v) => (v ? String(v) : '—') },
  ];

  return (
    <>
      <form
        onSubmit={form.submit((v) => submit(toMine(v), version), {
          onConflict: (info, v) => conflict.open(info, v),
          // Their record in the form's shape, so the fields this user left alone read as the form's.
          currentAsValues: (cur) => toFormValues({ ...(cur as unknown as MilestoneDetail), dependsOn: m.dependsOn }),
        })}
        noValidate
        className="flex flex-col gap-4"
        aria-label="Edit milestone"
      >
        {form.restoredDraft && <Alert tone="info">Restored your unsaved changes.</Alert>}
        <MilestoneFields variant="edit" milestoneId={m.id} form={form} refs={refs} coalitionId={coalitionId} eligibleCount={board.data?.eligible.length} />
        <FormError form={form} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            variant="ghost"
            disabled={!form.formState.isDirty}
            onClick={() => {
              form.reset(toFormValues(m));
              form.clearDraft();
            }}
          >
            Undo changes
          </Button>
          <Button type="submit" variant="primary" loading={form.formState.isSubmitting}>
            Save changes
          </Button>
        </div>
        <ConflictDialog
          open={!!conflict.state}
          onOpenChange={(o) => !o && conflict.close()}
          entity="milestone"
          current={conflict.state?.current ?? null}
          mine={conflict.state ? (toMine(conflict.state.mine) as Record<string, unknown>) : null}
          fields={conflictFields}
          busy={save.isPending}
          onApplyMine={async (cur) => {
            setApplyError(null);
            try {
              await submit(toMine(conflict.state!.mine), Number(cur.version));
              conflict.close();
            } catch (e) {
              conflict.close();
              setApplyError(errorMessage(e));
            }
          }}
          onDiscardMine={(cur) => {
            const current = cur as unknown as MilestoneDetail;
            form.reset(toFormValues({ ...current, dependsOn: m.dependsOn }));
            setVersion(Number(cur.version));
            form.clearDraft();
            cache.setDetail(m.id, (old) => ({
              ...old,
              ...(cur as Partial<MilestoneDetail>),
              responsible: responsibleOf(current.responsibleUserId),
              dependsOn: old.dependsOn,
              dependents: old.dependents,
            }));
            cache.patchListItem(m.id, (i) => ({ ...i, ...(cur as Partial<typeof i>), dependsOn: i.dependsOn }));
            cache.changed('milestone.updated', m.id, ['status', 'dueDate']);
            conflict.close();
          }}
        />
        {applyError && <Alert tone="error">{applyError}</Alert>}
        {leaveGuard}
      </form>
      {/* Outside the editor's form: the reason dialog's own form must not submit this one (React events bubble through portals). */}
      {slip.dialog}
    </>
  );
}
