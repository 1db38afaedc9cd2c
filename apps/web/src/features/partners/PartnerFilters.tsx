import { DropdownMenu as M } from 'radix-ui';
import { Check, ChevronDown, Search, X } from 'lucide-react';
import { Button, Input, Select, TrackDot } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import type { Contribution, EngagementStage, PartnerKind } from '@coalition/domain';
import { CONTRIBUTION, PARTNER_KIND, STAGE, type EnumMeta } from '../../lib/labels.ts';
import type { TrackRow } from './model.ts';

export interface PartnerFilterState {
  kind: PartnerKind[];
  stage: EngagementStage[];
  contribution: Contribution[];
  trackId: string | null;
  search: string;
}

export const NO_FILTERS: PartnerFilterState = { kind: [], stage: [], contribution: [], trackId: null, search: '' };

export function hasFilters(f: PartnerFilterState) {
  return f.kind.length > 0 || f.stage.length > 0 || f.contribution.length > 0 || !!f.trackId || f.search.trim() !== '';
}

/** A multi-select filter as a dropdown of checkbox items; the button says how many are on. */
function FilterMenu<K extends string>({ label, map, selected, onChange }: { label: string; map: Record<K, EnumMeta>; selected: K[]; onChange: (next: K[]) => void }) {
  const keys = Object.keys(map) as K[];
  const n = selected.length;
  return (
    <M.Root>
      <M.Trigger asChild>
        <Button size="sm" variant={n ? 'subtle' : 'secondary'} aria-label={`Filter by ${label.toLowerCase()}${n ? `, ${n} selected` : ''}`}>
          {label}
          {n > 0 && <span className="rounded-full bg-indigo-600 px-1.5 text-[11px] font-semibold text-white">{n}</span>}
          <ChevronDown aria-hidden className="size-3.5 text-slate-500" />
        </Button>
      </M.Trigger>
      <M.Portal>
        <M.Content align="start" sideOffset={6} collisionPadding={8} className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg">
          <M.Label className="px-2 py-1.5 text-xs font-medium text-slate-500">{label}</M.Label>
          {keys.map((k) => (
            <M.CheckboxItem
              key={k}
              checked={selected.includes(k)}
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={(on) => onChange(on ? keys.filter((x) => x === k || selected.includes(x)) : selected.filter((x) => x !== k))}
              className="relative flex cursor-default select-none items-start gap-2 rounded-md py-1.5 pl-8 pr-2 text-slate-800 outline-none data-[highlighted]:bg-slate-100"
            >
              <M.ItemIndicator className="absolute left-2 top-2">
                <Check aria-hidden className="size-4 text-indigo-600" />
              </M.ItemIndicator>
              <span className="flex flex-col">
                {map[k].label}
                {map[k].hint && <span className="text-xs text-slate-500">{map[k].hint}</span>}
              </span>
            </M.CheckboxItem>
          ))}
          {n > 0 && (
            <>
              <M.Separator className="my-1 h-px bg-slate-100" />
              <M.Item onSelect={() => onChange([])} className="flex cursor-default select-none items-center rounded-md px-2 py-1.5 text-slate-700 outline-none data-[highlighted]:bg-slate-100">
                Clear {label.toLowerCase()}
              </M.Item>
            </>
          )}
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}

function Chip({ children, onRemove, label }: { children: React.ReactNode; onRemove: () => void; label: string }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 text-xs font-medium text-indigo-900 ring-1 ring-inset ring-indigo-200">
      {children}
      <button type="button" onClick={onRemove} aria-label={`Remove filter ${label}`} className="rounded-full p-0.5 hover:bg-indigo-100">
        <X aria-hidden className="size-3" />
      </button>
    </span>
  );
}

export function PartnerFilters({ value, onChange, tracks, searchText, onSearchText }: {
  value: PartnerFilterState;
  onChange: (next: PartnerFilterState) => void;
  tracks: TrackRow[];
  /** The search box text (debounced into `value.search` by the page). */
  searchText: string;
  onSearchText: (text: string) => void;
}) {
  const set = <K extends keyof PartnerFilterState>(key: K, v: PartnerFilterState[K]) => onChange({ ...value, [key]: v });
  const track = tracks.find((t) => t.id === value.trackId);
  const chips = [
    ...value.kind.map((k) => ({ key: `k-${k}`, text: `Kind: ${PARTNER_KIND[k].label}`, remove: () => set('kind', value.kind.filter((x) => x !== k)) })),
    ...value.stage.map((s) => ({ key: `s-${s}`, text: `Stage: ${STAGE[s].label}`, remove: () => set('stage', value.stage.filter((x) => x !== s)) })),
    ...value.contribution.map((c) => ({ key: `c-${c}`, text: `Brings: ${CONTRIBUTION[c].label}`, remove: () => set('contribution', value.contribution.filter((x) => x !== c)) })),
    ...(track ? [{ key: 'track', text: `Track: ${track.name}`, remove: () => set('trackId', null) }] : []),
  ];
  const trackOptions = [
    { value: 'all', label: 'All tracks', textValue: 'All tracks' },
    ...tracks.map((t) => ({
      value: t.id,
      textValue: t.name,
      label: (
        <span className="flex items-center gap-2">
          <TrackDot color={t.color} />
          {t.name}
        </span>
      ),
    })),
  ];
  return (
    <div role="search" aria-label="Filter partners" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative w-full sm:w-64">
          <label htmlFor="partner-search" className="sr-only">
            Search partners by name, country or contact
          </label>
          <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
          <Input
            id="partner-search"
            type="search"
            placeholder="Search name, country, contact…"
            value={searchText}
            maxLength={100}
            onChange={(e) => onSearchText(e.target.value)}
            className={cn('h-8 pl-8 text-[13px]')}
          />
        </div>
        <FilterMenu label="Kind" map={PARTNER_KIND} selected={value.kind} onChange={(v) => set('kind', v)} />
        <FilterMenu label="Stage" map={STAGE} selected={value.stage} onChange={(v) => set('stage', v)} />
        <FilterMenu label="Contribution" map={CONTRIBUTION} selected={value.contribution} onChange={(v) => set('contribution', v)} />
        {tracks.length > 0 && (
          <div className="w-48 max-w-full">
          <Select
            size="sm"
            aria-label={`Track filter: ${trackOptions.find((o) => o.value === (value.trackId ?? 'all'))?.label ?? 'All tracks'}`}
            value={value.trackId ?? 'all'}
            onValueChange={(v) => set('trackId', v === 'all' ? null : v)}
            options={trackOptions}
          />
          </div>
        )}
      </div>
      {(chips.length > 0 || value.search) && (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs text-slate-500">Filtered by</span>
          {chips.map((c) => (
            <Chip key={c.key} label={c.text} onRemove={c.remove}>
              {c.text}
            </Chip>
          ))}
          {value.search && (
            <Chip label={`search “${value.search}”`} onRemove={() => onSearchText('')}>
              “{value.search}”
            </Chip>
          )}
          <Button
            size="sm"
            variant="ghost"
            className="h-6 px-1.5 text-xs"
            onClick={() => {
              onSearchText('');
              onChange(NO_FILTERS);
            }}
          >
            Clear all
          </Button>
        </div>
      )}
    </div>
  );
}
