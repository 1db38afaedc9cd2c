import { useMutation } from '@tanstack/react-query';
import { AlertTriangle, ArrowDownRight, ArrowUpLeft, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'wouter';
import { StatusBadge } from '../../components/Badge.tsx';
import { IconButton } from '../../components/IconButton.tsx';
import { toast } from '../../components/Toaster.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorData, errorMessage } from '../../lib/errors.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMilestoneCache, type MilestoneDetail } from './cache.ts';
import { MilestoneSearch } from './MilestonePicker.tsx';

type Linked = MilestoneDetail['dependsOn'][number];

/** Depends on / required by, with add (searchable picker) and remove; a refused cycle is shown under the picker. */
export function Dependencies({ m, coalitionId, canEdit }: { m: MilestoneDetail; coalitionId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const cache = useMilestoneCache(coalitionId);
  const [addError, setAddError] = useState<string | null>(null);
  const add = useMutation(trpc.milestone.addDependency.mutationOptions());
  const remove = useMutation(trpc.milestone.removeDependency.mutationOptions());

  /** An edge changed: refresh what shows it (both details, the timeline, the critical path), as a live event would. */
  const refresh = (dependentId: string, added: boolean) => cache.changed(added ? 'milestone.dependency_added' : 'milestone.dependency_removed', dependentId);

  const onPick = async (d: { id: string; title: string }) => {
    setAddError(null);
    try {
      const res = await add.mutateAsync({ coalitionId, milestoneId: m.id, dependsOnId: d.id });
      cache.patchListItem(m.id, (i) => (i.dependsOn.includes(d.id) ? i : { ...i, dependsOn: [...i.dependsOn, d.id] }));
      refresh(m.id, true);
      toast.success(res.added ? `Now depends on “${d.title}”` : `Already depends on “${d.title}”`);
    } catch (e) {
      setAddError(errorData(e)?.fieldErrors?.dependsOnId?.join(' ') ?? errorMessage(e));
    }
  };

  const onRemove = async (dependentId: string, prerequisite: Linked | { id: string; title: string }, dependentTitle: string) => {
    try {
      await remove.mutateAsync({ coalitionId, milestoneId: dependentId, dependsOnId: prerequisite.id });
      cache.patchListItem(dependentId, (i) => ({ ...i, dependsOn: i.dependsOn.filter((x) => x !== prerequisite.id) }));
      refresh(dependentId, false);
      toast.success(`“${dependentTitle}” no longer depends on “${prerequisite.title}”`);
    } catch (e) {
      toast.error(`Not removed: ${errorMessage(e)}`);
    }
  };

  const late = new Set(m.lateDependencies);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-5 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <section aria-labelledby={`deps-on-${m.id}`} className="flex min-w-0 flex-col gap-2">
        <h3 id={`deps-on-${m.id}`} className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <ArrowUpLeft aria-hidden className="size-4 text-slate-500" /> Depends on ({m.dependsOn.length})
        </h3>
        <p className="text-xs text-slate-500">Milestones that must finish before this one.</p>
        {m.dependsOn.length === 0 ? (
          <p className="text-sm italic text-slate-500">No dependencies.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
            {m.dependsOn.map((d) => (
              <LinkedRow
                key={d.id}
                d={d}
                coalitionId={coalitionId}
                warning={late.has(d.id) ? `Finishes after this milestone is due (${formatDate(m.dueDate)})` : null}
                onRemove={canEdit ? () => void onRemove(m.id, d, m.title) : undefined}
                removeLabel={`Remove dependency on ${d.title}`}
              />
            ))}
          </ul>
        )}
        {canEdit && (
          <MilestoneSearch
            coalitionId={coalitionId}
            label="Add a dependency"
            placeholder="Search a milestone this one waits for…"
            excludeIds={[m.id, ...m.dependsOn.map((d) => d.id)]}
            onPick={(d) => void onPick(d)}
            disabled={add.isPending}
            error={addError}
          />
        )}
      </section>
      <section aria-labelledby={`deps-by-${m.id}`} className="flex min-w-0 flex-col gap-2">
        <h3 id={`deps-by-${m.id}`} className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <ArrowDownRight aria-hidden className="size-4 text-slate-500" /> Required by ({m.dependents.length})
        </h3>
        <p className="text-xs text-slate-500">Milestones waiting for this one.</p>
        {m.dependents.length === 0 ? (
          <p className="text-sm italic text-slate-500">Nothing waits for this milestone.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200">
            {m.dependents.map((d) => (
              <LinkedRow
                key={d.id}
                d={d}
                coalitionId={coalitionId}
                warning={(m.completedOn ?? m.dueDate) > d.dueDate ? `Due ${formatDate(d.dueDate)}, before this one finishes` : null}
                onRemove={canEdit ? () => void onRemove(d.id, m, d.title) : undefined}
                removeLabel={`Stop ${d.title} depending on this milestone`}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function LinkedRow({ d, coalitionId, warning, onRemove, removeLabel }: { d: Linked; coalitionId: string; warning: string | null; onRemove?: () => void; removeLabel: string }) {
  return (
    <li className="flex items-start gap-2 px-3 py-2">
      <div className="min-w-0 flex-1">
        <Link href={paths.milestone(coalitionId, d.id)} className="block truncate text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {d.title}
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
          <StatusBadge of="milestoneStatus" value={d.status} />
          <span>due {formatDate(d.dueDate)}</span>
          {warning && (
            <span className="inline-flex items-center gap-1 font-medium text-red-700">
              <AlertTriangle aria-hidden className="size-3.5" /> Late: {warning}
            </span>
          )}
        </div>
      </div>
      {onRemove && <IconButton size="sm" tone="danger" label={removeLabel} icon={<X aria-hidden className="size-4" />} onClick={onRemove} />}
    </li>
  );
}
