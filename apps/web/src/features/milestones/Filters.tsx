import type { MilestoneStatus } from '@coalition/domain';
import { ArrowDownWideNarrow, ArrowUpNarrowWide, ChevronDown, Search, SlidersHorizontal, X } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useEffect, useId, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { IconButton } from '../../components/IconButton.tsx';
import { Checkbox, Input, controlClasses } from '../../components/Input.tsx';
import { Select } from '../../components/Select.tsx';
import { useMe } from '../../lib/auth.tsx';
import { cn } from '../../lib/cn.ts';
import { MILESTONE_STATUS } from '../../lib/labels.ts';
import { NO_OWNER, NO_RESPONSIBLE } from './sentinels.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useMilestoneRefs } from './refs.ts';
import { SORT_KEYS, SORT_LABEL, STATUSES, type MilestoneFilters, type SortKey } from './useMilestoneFilters.ts';

/** Multi-select of statuses in a popover of checkboxes. */
function StatusFilter({ value, onChange, id }: { value: MilestoneStatus[]; onChange: (v: MilestoneStatus[]) => void; id?: string }) {
  const summary = value.length === 0 ? 'Any status' : value.length === 1 ? MILESTONE_STATUS[value[0]!].label : `${value.length} statuses`;
  return (
    <Popover.Root>
      <Popover.Trigger id={id} aria-label={`Status filter: ${summary}`} className={cn(controlClasses, 'inline-flex h-9 items-center justify-between gap-2 text-left')}>
        <span className="truncate">{summary}</span>
        <ChevronDown aria-hidden className="size-4 text-slate-500" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} collisionPadding={8} className="z-50 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg focus:outline-none">
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1 text-xs font-medium text-slate-500">Show milestones that are</legend>
            {STATUSES.map((s) => (
              <Checkbox
                key={s}
                label={MILESTONE_STATUS[s].label}
                checked={value.includes(s)}
                onChange={(e) => onChange(e.target.checked ? STATUSES.filter((x) => x === s || value.includes(x)) : value.filter((x) => x !== s))}
              />
            ))}
          </fieldset>
          {value.length > 0 && (
            <Button size="sm" variant="ghost" className="mt-2 w-full" onClick={() => onChange([])}>
              Any status
            </Button>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

export function MilestoneFiltersBar({
  coalitionId,
  filters,
  set,
  clear,
  activeCount,
}: {
  coalitionId: string;
  filters: MilestoneFilters;
  set: (p: Partial<MilestoneFilters>) => void;
  clear: () => void;
  activeCount: number;
}) {
  const refs = useMilestoneRefs(coalitionId);
  const me = useMe().data;
  const [q, setQ] = useState(filters.q);
  const debounced = useDebounced(q, 300);
  const statusId = useId();
  const searchId = useId();
  const [showMore, setShowMore] = useState(false);
  useEffect(() => {
    if (debounced.trim() !== filters.q) set({ q: debounced.trim() });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new debounced text writes the URL; a URL change must not write it back
  }, [debounced]);
  // A cleared filter (or back/forward) resets the box.
  useEffect(() => {
    if (filters.q !== q.trim()) setQ(filters.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a URL change resets the box; typing must not
  }, [filters.q]);

  const trackOptions = [
    { value: 'all', label: 'All tracks' },
    { value: 'none', label: 'Coalition-wide' },
    ...refs.tracks.map((t) => ({ value: t.id, label: t.name })),
  ];
  const ownerOptions = [{ value: NO_OWNER, label: 'Any owner' }, ...refs.partners.map((p) => ({ value: p.id, label: p.name }))];
  // "Me" first, then the other members.
  const meId = me?.id ?? null;
  const myself = meId ? refs.memberById.get(meId) : undefined;
  const responsibleOptions = [
    { value: NO_RESPONSIBLE, label: 'Anyone (or nobody)' },
    ...(myself ? [{ value: myself.userId, label: `Me (${myself.name})` }] : []),
    ...refs.responsibleOptions.filter((o) => o.value !== NO_RESPONSIBLE && o.value !== meId),
  ];
  const sortOptions = SORT_KEYS.map((k) => ({ value: k, label: SORT_LABEL[k] }));
  const hiddenActive = activeCount - (filters.q ? 1 : 0);

  return (
    <div role="search" aria-label="Filter milestones" className="mb-3 flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-xs">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(12rem,2fr)_minmax(9rem,1fr)_minmax(9rem,1fr)_auto]">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={searchId} className="text-[13px] font-medium text-slate-800">
            Search
          </label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
            <Input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title or description" maxLength={100} className="pl-8" />
          </div>
        </div>
        <div className={cn('contents', !showMore && 'max-sm:hidden')}>
          <Field label="Track">
            <Select value={filters.track} onValueChange={(v) => set({ track: v })} options={trackOptions} />
          </Field>
          <Field label="Status" id={statusId}>
            <StatusFilter value={filters.status} onChange={(v) => set({ status: v })} />
          </Field>
          <div className="flex items-end gap-2">
            <Field label="Sort by" className="min-w-0 flex-1">
              <Select value={filters.sort} onValueChange={(v) => set({ sort: v as SortKey })} options={sortOptions} />
            </Field>
            <IconButton
              label={filters.dir === 'asc' ? 'Ascending: switch to descending' : 'Descending: switch to ascending'}
              icon={filters.dir === 'asc' ? <ArrowUpNarrowWide aria-hidden className="size-4" /> : <ArrowDownWideNarrow aria-hidden className="size-4" />}
              className="ring-1 ring-inset ring-slate-300"
              onClick={() => set({ dir: filters.dir === 'asc' ? 'desc' : 'asc' })}
            />
          </div>
        </div>
      </div>
      <div className={cn('grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4', !showMore && 'hidden sm:grid')}>
        <Field label="Owner (partner)">
          <Select value={filters.owner ?? NO_OWNER} onValueChange={(v) => set({ owner: v === NO_OWNER ? null : v })} options={ownerOptions} />
        </Field>
        <Field label="Responsible (member)">
          <Select
            value={filters.responsible ?? NO_RESPONSIBLE}
            onValueChange={(v) => set({ responsible: v === NO_RESPONSIBLE ? null : v })}
            options={responsibleOptions}
          />
        </Field>
        <Field label="Due from">
          <Input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        </Field>
        <Field label="Due to">
          <Input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </Field>
      </div>
      <div className={cn('flex flex-wrap items-center gap-2', activeCount === 0 && 'sm:hidden')}>
        <Button size="sm" variant="ghost" className="sm:hidden" aria-expanded={showMore} onClick={() => setShowMore((s) => !s)} icon={<SlidersHorizontal aria-hidden className="size-4" />}>
          {showMore ? 'Hide filters and sort' : `Filters and sort${hiddenActive ? ` (${hiddenActive} active)` : ''}`}
        </Button>
        {activeCount > 0 && (
          <Button size="sm" variant="ghost" onClick={clear} icon={<X aria-hidden className="size-4" />}>
            Clear {activeCount} filter{activeCount === 1 ? '' : 's'}
          </Button>
        )}
      </div>
    </div>
  );
}
