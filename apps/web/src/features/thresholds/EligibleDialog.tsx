/**
 * Choose a threshold milestone's eligible partners: a searchable list of the coalition's partners
 * with a quick pick of every state actor (the domain's `isStateActor`). Partners with acts recorded
 * toward the milestone stay eligible (their acts would stop counting otherwise). Mount only while open.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { isStateActor, MAX_ELIGIBLE } from '@coalition/domain';
import { Alert, Button, Checkbox, Dialog, Input, LoadingState, ErrorState, toast } from '../../components/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { labelOf } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useThresholdChanged } from './cache.ts';
import type { Board } from './model.ts';

export default function EligibleDialog({ coalitionId, board, onClose }: { coalitionId: string; board: Board; onClose: () => void }) {
  const trpc = useTRPC();
  const changed = useThresholdChanged();
  const partners = useQuery(trpc.partner.list.queryOptions({ coalitionId }));
  const save = useMutation(trpc.threshold.setEligible.mutationOptions());
  const [selected, setSelected] = useState(() => new Set(board.eligible.map((e) => e.partnerId)));
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const locked = useMemo(() => new Set(board.eligible.filter((e) => e.acts.length > 0).map((e) => e.partnerId)), [board]);
  const all = partners.data ?? [];
  const needle = search.trim().toLowerCase();
  const shown = needle ? all.filter((p) => p.name.toLowerCase().includes(needle) || p.country.toLowerCase().includes(needle)) : all;
  const states = all.filter((p) => isStateActor(p.kind));

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else if (!locked.has(id)) next.delete(id);
      return next;
    });
  const addAll = (ids: string[]) => setSelected((prev) => new Set([...prev, ...ids]));

  const onSave = async () => {
    setError(null);
    try {
      const res = await save.mutateAsync({ coalitionId, milestoneId: board.milestone.id, partnerIds: [...selected] });
      changed('milestone.eligible_set', board.milestone.id);
      toast.success(`${res.eligible} eligible partner${res.eligible === 1 ? '' : 's'}`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title="Eligible partners"
      description={`Whose acts count toward “${board.milestone.title}”.`}
      size="lg"
      modalLock
      footer={
        <>
          <span className="mr-auto text-sm text-slate-600" aria-live="polite">
            {selected.size} selected
          </span>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" loading={save.isPending} disabled={selected.size > MAX_ELIGIBLE} onClick={() => void onSave()}>
            Save eligible partners
          </Button>
        </>
      }
    >
      {partners.isPending ? (
        <LoadingState rows={4} label="Loading partners…" />
      ) : partners.isError ? (
        <ErrorState error={partners.error} onRetry={() => void partners.refetch()} />
      ) : (
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <div className="relative min-w-48 flex-1">
              <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
              <Input type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} placeholder="Search by name or country" aria-label="Search partners" className="pl-8" />
            </div>
            <Button variant="subtle" onClick={() => addAll(states.map((p) => p.id))} disabled={states.length === 0} title="Every state and intergovernmental partner">
              All state actors ({states.length})
            </Button>
            {needle && shown.length > 0 && (
              <Button variant="subtle" onClick={() => addAll(shown.map((p) => p.id))}>
                All shown ({shown.length})
              </Button>
            )}
            <Button variant="ghost" onClick={() => setSelected(new Set(locked))}>
              Clear
            </Button>
          </div>
          {locked.size > 0 && <p className="text-xs text-slate-500">Partners with acts recorded stay eligible: delete their acts first to remove them.</p>}
          {shown.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">{all.length === 0 ? 'No partners yet: add them on the Partners screen.' : 'No partner matches.'}</p>
          ) : (
            <ul className="flex max-h-[50dvh] flex-col divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200" aria-label="Partners">
              {shown.map((p) => (
                <li key={p.id} className="px-3 py-2">
                  <Checkbox
                    checked={selected.has(p.id)}
                    disabled={locked.has(p.id)}
                    onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                    className="w-full"
                    label={
                      <span className="flex min-w-0 flex-1 flex-col sm:flex-row sm:items-baseline sm:gap-2">
                        <span className="font-medium">{p.name}</span>
                        <span className="text-xs text-slate-500 sm:ml-auto sm:text-right">
                          {[p.country !== p.name ? p.country : '', labelOf('kind', p.kind)].filter(Boolean).join(' · ')}
                          {locked.has(p.id) && ' · has acts'}
                        </span>
                      </span>
                    }
                  />
                </li>
              ))}
            </ul>
          )}
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      )}
    </Dialog>
  );
}
