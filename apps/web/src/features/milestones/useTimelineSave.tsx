import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from '../../components/Toaster.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { useTRPC, useTRPCClient } from '../../lib/trpc.ts';
import { useMilestoneCache } from './cache.ts';
import type { BarDates, TimelineData } from './timelineModel.ts';
import { useMilestoneConflict } from './useMilestoneConflict.tsx';
import { slipProblemOf, useSlipReason } from './useSlipReason.tsx';

type DatesPatch = Partial<BarDates>;
export interface SaveInput {
  milestoneId: string;
  title: string;
  version: number;
  patch: DatesPatch;
  /** The dates the bar had: put back if the save fails. */
  before: BarDates;
  /** Why the due date moves past its baseline (asked for when the server needs it). */
  slipReason?: string;
}

/** Puts new dates (and, from the server, a new version) on one milestone of the cached timeline. */
function patchTimeline(old: TimelineData | undefined, id: string, patch: Partial<TimelineData['milestones'][number]>): TimelineData | undefined {
  return old && { ...old, milestones: old.milestones.map((m) => (m.id === id ? { ...m, ...patch } : m)) };
}

const pick = (row: Record<string, unknown>) => {
  const out: Partial<TimelineData['milestones'][number]> = {};
  for (const k of ['startDate', 'dueDate', 'status', 'progress', 'completedOn', 'version', 'title'] as const) {
    if (k in row) (out as Record<string, unknown>)[k] = row[k];
  }
  return out;
};

const fields = [
  { key: 'startDate', label: 'Start', format: (v: unknown) => formatDate(v as string | null) },
  { key: 'dueDate', label: 'Due', format: (v: unknown) => formatDate(v as string | null) },
];

/**
 * Saves dates changed on the timeline with milestone.update and the version the bar was drawn
 * from: the bar stays where it was dropped while saving; a failure puts it back and says why
 * (`failure`, shown next to the chart); a stale version opens the ConflictDialog; a move past the
 * baseline asks for the reason (`useSlipReason`) with the bar left where it was dropped, then saves
 * again with it, or puts the bar back when the user cancels. Afterwards the views derived from the
 * milestone refresh through the live-event mapping (`cache.changed`).
 */
export function useTimelineSave(coalitionId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const cache = useMilestoneCache(coalitionId);
  const key = trpc.milestone.timeline.queryKey({ coalitionId });
  const conflict = useMilestoneConflict<DatesPatch>({
    fields,
    onApplyMine: (c, cur) => {
      const before = { startDate: (cur.startDate as string | null) ?? null, dueDate: String(cur.dueDate) };
      void save({ milestoneId: c.milestoneId, title: c.title, version: Number(cur.version), patch: c.mine, before });
    },
    onDiscardMine: (c, cur) => {
      qc.setQueryData<TimelineData>(key, (old) => patchTimeline(old, c.milestoneId, pick(cur)));
      cache.changed('milestone.updated', c.milestoneId, ['startDate', 'dueDate']);
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const slip = useSlipReason();

  const mutation = useMutation({
    mutationFn: (input: SaveInput) =>
      client.milestone.update.mutate({ coalitionId, milestoneId: input.milestoneId, version: input.version, ...input.patch, ...(input.slipReason ? { slipReason: input.slipReason } : {}) }),
    onError: (err, input) => {
      const problem = slipProblemOf(err);
      if (problem) {
        // Nothing was written: the bar stays where it was dropped while the reason is asked for.
        void slip.ask(problem).then((reason) => {
          if (reason !== null) {
            mutation.mutate({ ...input, slipReason: reason });
            return;
          }
          qc.setQueryData<TimelineData>(key, (old) => patchTimeline(old, input.milestoneId, input.before));
          toast.info(`“${input.title}” was not moved: it stays on its saved dates`);
        });
        return;
      }
      qc.setQueryData<TimelineData>(key, (old) => patchTimeline(old, input.milestoneId, input.before));
      if (conflict.showIfConflict(err, { milestoneId: input.milestoneId, title: input.title, mine: input.patch })) return;
      const why = errorMessage(err);
      const after = errorCode(err) === 'NOT_FOUND' ? 'It is no longer in the plan.' : 'Its bar is back on its saved dates.';
      const message = `“${input.title}” was not moved: ${why}${/[.!?]$/.test(why) ? '' : '.'} ${after}`;
      setFailure(message);
      toast.error(message);
    },
    onSuccess: (row, input) => {
      qc.setQueryData<TimelineData>(key, (old) => patchTimeline(old, row.id, pick(row as unknown as Record<string, unknown>)));
      const what = input.patch.dueDate !== undefined ? `due ${formatDate(row.dueDate)}` : `starts ${formatDate(row.startDate)}`;
      toast.success(`Saved: “${input.title}” ${what}`);
    },
    // A save waiting for its slip reason changed nothing yet (a refetch now would pull the bar back).
    onSettled: (_row, err, input) => {
      if (!slipProblemOf(err)) cache.changed('milestone.updated', input.milestoneId, Object.keys(input.patch));
    },
  });

  /**
   * The bar keeps its new dates from the drop on: in-flight timeline fetches are stopped (they
   * would put the old dates back), the cached timeline gets the new dates, then the save goes out.
   * Resolves once the cache shows the new dates (the caller then drops its preview).
   */
  const save = async (input: SaveInput) => {
    setFailure(null);
    await qc.cancelQueries({ queryKey: key });
    qc.setQueryData<TimelineData>(key, (old) => patchTimeline(old, input.milestoneId, input.patch));
    mutation.mutate(input);
  };

  const dialog = (
    <>
      {slip.dialog}
      {conflict.dialog(mutation.isPending)}
    </>
  );
  return { save, dialog, failure, dismissFailure: () => setFailure(null), isPending: mutation.isPending };
}
