import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { dueState, type MilestoneStatus } from '@coalition/domain';
import { AlarmClock, AlertTriangle, Flag, Link2Off, Loader2 } from 'lucide-react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useCoalitionToday, useRole } from '../../lib/coalition.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { MILESTONE_STATUS, TONE_CLASSES, optionsOf } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import type { ListItem } from './cache.ts';
import { InlineSelect } from './InlineSelect.tsx';
import { useMilestoneRefs } from './refs.ts';
import type { MilestoneFilters } from './useMilestoneFilters.ts';
import { useQuickUpdate, type QuickPatch } from './useQuickUpdate.tsx';

export const PAGE_SIZE = 200;

const STATUS_OPTIONS = optionsOf(MILESTONE_STATUS);
const PROGRESS_STEPS = Array.from({ length: 11 }, (_, i) => i * 10);

/** The width of an element, kept up to date (the list switches to cards when narrow). */
function useWidth(ref: React.RefObject<HTMLElement | null>) {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

export function listInput(coalitionId: string, f: MilestoneFilters) {
  return {
    coalitionId,
    ...(f.track === 'none' ? { trackId: null } : f.track !== 'all' ? { trackId: f.track } : {}),
    ...(f.status.length ? { status: f.status } : {}),
    ...(f.owner ? { ownerPartnerId: f.owner } : {}),
    ...(f.responsible ? { responsibleUserId: f.responsible } : {}),
    ...(f.from ? { dueFrom: f.from } : {}),
    ...(f.to ? { dueTo: f.to } : {}),
    ...(f.q ? { search: f.q } : {}),
    sortBy: f.sort,
    sortDir: f.dir,
    limit: PAGE_SIZE,
  };
}

/**
 * The due date with its state (overdue, due soon: the domain's `dueState`, the dashboard's rule)
 * and, when the list knows them, how many dependencies are late (`lateDependencies`, from the server).
 */
export function DueText({ dueDate, status, today, compact, lateDependencies = 0 }: { dueDate: string; status: MilestoneStatus; today: string; compact?: boolean; lateDependencies?: number }) {
  const due = dueState({ dueDate, status }, today);
  return (
    <span className={cn('flex min-w-0', compact ? 'flex-row flex-wrap items-center gap-x-2' : 'flex-col')}>
      <span className="whitespace-nowrap text-sm tabular-nums text-slate-800">{formatDate(dueDate)}</span>
      {due.kind === 'overdue' && (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs font-medium text-red-700">
          <AlertTriangle aria-hidden className="size-3.5" />
          {due.text}
        </span>
      )}
      {due.kind === 'soon' && (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs font-medium text-amber-800">
          <AlarmClock aria-hidden className="size-3.5" />
          {due.text}
        </span>
      )}
      {lateDependencies > 0 && (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs font-medium text-red-700">
          <Link2Off aria-hidden className="size-3.5" />
          {lateDependencies === 1 ? 'late dependency' : `${lateDependencies} late dependencies`}
        </span>
      )}
    </span>
  );
}

function StatusControl({ item, canEdit, onChange }: { item: ListItem; canEdit: boolean; onChange: (p: QuickPatch) => void }) {
  if (!canEdit) return <StatusBadge of="milestoneStatus" value={item.status} />;
  return (
    <InlineSelect
      label={`Status of ${item.title}`}
      value={item.status}
      onChange={(v) => v !== item.status && onChange({ status: v })}
      options={STATUS_OPTIONS}
      dot={TONE_CLASSES[MILESTONE_STATUS[item.status].tone].dot}
    />
  );
}

function ProgressControl({ item, canEdit, onChange, color }: { item: ListItem; canEdit: boolean; onChange: (p: QuickPatch) => void; color: string }) {
  const bar = <ProgressBar value={item.progress} label={`Progress of ${item.title}`} size="sm" color={color} className="min-w-8 flex-1" showValue={!canEdit} />;
  if (!canEdit) return bar;
  const steps = PROGRESS_STEPS.includes(item.progress) ? PROGRESS_STEPS : [...PROGRESS_STEPS, item.progress].sort((a, b) => a - b);
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      {bar}
      <InlineSelect
        className="w-[5.25rem] shrink-0 tabular-nums"
        label={`Progress of ${item.title} (percent)`}
        value={String(item.progress)}
        disabled={item.status === 'done'}
        onChange={(v) => Number(v) !== item.progress && onChange({ progress: Number(v) })}
        options={steps.map((n) => ({ value: String(n), label: `${n}%` }))}
      />
    </div>
  );
}

interface RowProps {
  m: ListItem;
  index: number;
  start: number;
  size: number;
  layout: 'table' | 'cards';
  gridCols: string;
  showOwner: boolean;
  trackName: string;
  trackColor: string;
  owner: string | null;
  canEdit: boolean;
  today: string;
  coalitionId: string;
  onQuick: (item: ListItem, patch: QuickPatch) => void;
}

/** One milestone (a table row, or a card when narrow). Memoized: scrolling only mounts the rows that come into view. */
const MilestoneRow = memo(function MilestoneRow({ m, index, start, size, layout, gridCols, showOwner, trackName, trackColor, owner, canEdit, today, coalitionId, onQuick }: RowProps) {
  const style = { height: size, transform: `translateY(${start}px)` };
  const change = (p: QuickPatch) => onQuick(m, p);
  if (layout === 'cards') {
    return (
      <div role="listitem" className="absolute inset-x-0 top-0 px-2 py-1 [contain:layout_style]" style={style}>
        <div className="flex h-full flex-col justify-center gap-1.5 rounded-lg border border-slate-200 px-3 py-2">
          <Link href={paths.milestone(coalitionId, m.id)} className="truncate text-sm font-semibold text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            {m.title}
          </Link>
          <div className="flex min-w-0 items-center gap-1.5 text-xs text-slate-600">
            <TrackDot color={trackColor} />
            <span className="truncate">{trackName}</span>
            {owner && <span className="truncate">· {owner}</span>}
          </div>
          <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] items-center gap-2">
            <StatusControl item={m} canEdit={canEdit} onChange={change} />
            <ProgressControl item={m} canEdit={canEdit} onChange={change} color={trackColor} />
          </div>
          <div className="text-xs">
            <span className="sr-only">Due </span>
            <DueText dueDate={m.dueDate} status={m.status} today={today} lateDependencies={m.lateDependencies.length} compact />
          </div>
        </div>
      </div>
    );
  }
  return (
    <div role="row" aria-rowindex={index + 2} className={cn('absolute inset-x-0 top-0 grid items-center gap-3 border-b border-slate-100 px-3 [contain:layout_style] hover:bg-slate-50/70', gridCols)} style={style}>
      <div role="cell" className="min-w-0">
        <Link href={paths.milestone(coalitionId, m.id)} className="line-clamp-2 text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" title={m.title}>
          {m.title}
        </Link>
      </div>
      <div role="cell" className="min-w-0 text-sm text-slate-700">
        <span className="flex min-w-0 items-center gap-1.5">
          <TrackDot color={trackColor} />
          <span className="truncate" title={trackName}>
            {trackName}
          </span>
        </span>
        {/* No owner column at this width: the owner goes under the track. */}
        {!showOwner && owner && (
          <span className="block truncate text-xs text-slate-500" title={`Owner: ${owner}`}>
            <span className="sr-only">Owner: </span>
            {owner}
          </span>
        )}
      </div>
      <div role="cell" className="min-w-0">
        <StatusControl item={m} canEdit={canEdit} onChange={change} />
      </div>
      <div role="cell" className="min-w-0">
        <ProgressControl item={m} canEdit={canEdit} onChange={change} color={trackColor} />
      </div>
      <div role="cell" className="min-w-0">
        <DueText dueDate={m.dueDate} status={m.status} today={today} lateDependencies={m.lateDependencies.length} />
      </div>
      {showOwner && (
        <div role="cell" className="min-w-0 truncate text-sm text-slate-700" title={owner ?? undefined}>
          {owner ?? <span className="text-slate-400">—</span>}
        </div>
      )}
    </div>
  );
});

const ROW_HEIGHT = { table: 58, cards: 138 } as const;

export function MilestoneList({ coalitionId, filters, onCreate, onClearFilters, activeFilters }: { coalitionId: string; filters: MilestoneFilters; onCreate: () => void; onClearFilters: () => void; activeFilters: number }) {
  const trpc = useTRPC();
  const { canEdit } = useRole(coalitionId);
  const refs = useMilestoneRefs(coalitionId);
  const quick = useQuickUpdate(coalitionId);
  const input = useMemo(() => listInput(coalitionId, filters), [coalitionId, filters]);
  const query = useInfiniteQuery(
    trpc.milestone.list.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const today = useCoalitionToday(coalitionId);

  const outerRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(outerRef);
  const layout: 'table' | 'cards' = width >= 720 ? 'table' : 'cards';
  const showOwner = width >= 940;
  const rowHeight = ROW_HEIGHT[layout];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  const virtualizer = useVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    getItemKey: (i) => rows[i]?.id ?? `loader-${i}`,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  // New filters or sort: back to the top.
  const inputKey = JSON.stringify(input);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [inputKey]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 30 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  let body: ReactNode;
  if (query.isPending) body = <LoadingState label="Loading milestones…" rows={8} className="p-4" />;
  else if (query.isError && !query.data) body = <ErrorState className="m-3" error={query.error} onRetry={() => void query.refetch()} />;
  else if (rows.length === 0) {
    body = activeFilters ? (
      <EmptyState className="m-3" icon={<Flag aria-hidden />} title="No milestone matches these filters" description="Try a wider due window or fewer statuses." action={<Button onClick={onClearFilters}>Clear filters</Button>} />
    ) : (
      <EmptyState
        className="m-3"
        icon={<Flag aria-hidden />}
        title="No milestones yet"
        description="Break the goal into clear, near-term interim milestones: each one reached builds momentum."
        action={
          canEdit ? (
            <Button variant="primary" onClick={onCreate}>
              Add the first milestone
            </Button>
          ) : undefined
        }
      />
    );
  }

  const gridCols = showOwner
    ? 'grid-cols-[minmax(0,1fr)_8.5rem_8.5rem_10.5rem_8.5rem_9rem]'
    : 'grid-cols-[minmax(0,1fr)_7.5rem_8rem_8.5rem_7.5rem]';

  return (
    <div ref={outerRef} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-3 py-2 text-xs text-slate-600">
        <p aria-live="polite">
          {query.data ? (
            <>
              {rows.length.toLocaleString('en-GB')}
              {hasNextPage ? '+' : ''} milestone{rows.length === 1 && !hasNextPage ? '' : 's'}
              {hasNextPage ? ' (more load as you scroll)' : ''}
            </>
          ) : (
            'Loading…'
          )}
        </p>
        {(query.isFetching && !query.isPending) && (
          <span className="inline-flex items-center gap-1">
            <Loader2 aria-hidden className="size-3.5 animate-spin" /> Updating…
          </span>
        )}
      </div>
      {query.isError && query.data && <ErrorState className="m-3" error={query.error} onRetry={() => void query.refetch()} title="Could not load more" />}
      {body ?? (
        <div
          ref={scrollRef}
          tabIndex={0}
          aria-label="Milestones (scrollable)"
          className="relative overflow-y-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
          style={{ height: 'clamp(22rem, calc(100dvh - 19rem), 60rem)' }}
        >
          <div role={layout === 'table' ? 'table' : 'list'} aria-label="Milestones" aria-rowcount={layout === 'table' ? (hasNextPage ? -1 : rows.length + 1) : undefined}>
            {layout === 'table' && (
              <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50">
                <div role="row" aria-rowindex={1} className={cn('grid items-center gap-3 px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500', gridCols)}>
                  <span role="columnheader">Milestone</span>
                  <span role="columnheader">{showOwner ? 'Track' : 'Track · owner'}</span>
                  <span role="columnheader">Status</span>
                  <span role="columnheader">Progress</span>
                  <span role="columnheader">Due</span>
                  {showOwner && <span role="columnheader">Owner</span>}
                </div>
              </div>
            )}
            <div role={layout === 'table' ? 'rowgroup' : undefined} className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((v) => {
                const m = rows[v.index];
                if (!m) {
                  return (
                    <div
                      key={v.key}
                      role={layout === 'table' ? 'row' : 'listitem'}
                      className="absolute inset-x-0 top-0 flex items-center justify-center gap-2 text-sm text-slate-500"
                      style={{ height: v.size, transform: `translateY(${v.start}px)` }}
                    >
                      <Loader2 aria-hidden className="size-4 animate-spin" /> Loading more milestones…
                    </div>
                  );
                }
                const track = refs.track(m.trackId);
                return (
                  <MilestoneRow
                    key={v.key}
                    m={m}
                    index={v.index}
                    start={v.start}
                    size={v.size}
                    layout={layout}
                    gridCols={gridCols}
                    showOwner={showOwner}
                    trackName={track.name}
                    trackColor={track.color}
                    owner={refs.ownerName(m.ownerPartnerId)}
                    canEdit={canEdit}
                    today={today}
                    coalitionId={coalitionId}
                    onQuick={quick.change}
                  />
                );
              })}
            </div>
          </div>
        </div>
      )}
      {quick.dialog}
    </div>
  );
}
