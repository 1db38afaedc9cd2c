import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Flag, Loader2 } from 'lucide-react';
import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '../../components/Button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useCoalitionToday, useRole } from '../../lib/coalition.tsx';
import { cn } from '../../lib/cn.ts';
import { lazyWithPreload } from '../../lib/prefetch.ts';
import { useTRPC } from '../../lib/trpc.ts';
import type { BulkToolbarProps } from './BulkToolbar.tsx';
import { MilestoneRow } from './MilestoneRow.tsx';
import { useMilestoneRefs } from './refs.ts';
import { ClosedFold } from './ClosedFold.tsx';
import { foldsClosed, OPEN_STATUSES, type MilestoneFilters } from './useMilestoneFilters.ts';
import { useQuickUpdate } from './useQuickUpdate.tsx';
import { useSelection } from './useSelection.ts';

// The bulk toolbar (and the validators it brings) loads when an editor's list shows.
const BulkToolbar = lazyWithPreload<BulkToolbarProps>(() => import('./BulkToolbar.tsx'));

export const PAGE_SIZE = 200;

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
    ...(f.status.length ? { status: f.status } : foldsClosed(f) ? { status: [...OPEN_STATUSES] } : {}),
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

const ROW_HEIGHT = { table: 58, cards: 138 } as const;

export function MilestoneList({
  coalitionId,
  filters,
  onCreate,
  onClearFilters,
  onShowClosed,
  activeFilters,
}: {
  coalitionId: string;
  filters: MilestoneFilters;
  onCreate: () => void;
  onClearFilters: () => void;
  /** Opens or closes the fold of done and dropped milestones. */
  onShowClosed: (show: boolean) => void;
  activeFilters: number;
}) {
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

  // Selection for the bulk edit (editors): cleared when the filters or sort change.
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useSelection(rowIds);
  const { clear: clearSelection } = selection;
  useEffect(() => clearSelection(), [inputKey, clearSelection]);
  const [bulkMounted, setBulkMounted] = useState(false);
  useEffect(() => {
    if (canEdit) void BulkToolbar.preload();
  }, [canEdit]);
  useEffect(() => {
    if (selection.count > 0) setBulkMounted(true);
  }, [selection.count]);
  const selectedRows = useMemo(() => rows.filter((r) => selection.ids.has(r.id)), [rows, selection.ids]);
  const allSelected = rows.length > 0 && selection.count === rows.length;

  // Arrow keys on a row's box move focus to the next row's box (scrolling it into view); Shift extends.
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const { extend } = selection;
  const onSelectKey = useCallback(
    (index: number, e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const target = index + (e.key === 'ArrowDown' ? 1 : -1);
      const from = rows[index];
      const to = rows[target];
      if (!from || !to) return;
      e.preventDefault();
      if (e.shiftKey) extend(from.id, to.id);
      virtualizer.scrollToIndex(target);
      setPendingFocus(target);
    },
    [rows, extend, virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (pendingFocus === null) return;
    const box = scrollRef.current?.querySelector<HTMLInputElement>(`[data-select-index="${pendingFocus}"]`);
    if (box) {
      box.focus();
      setPendingFocus(null);
    }
  }, [pendingFocus, items]);
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 30 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  let body: ReactNode;
  if (query.isPending) body = <LoadingState label="Loading milestones…" rows={8} className="p-4" />;
  else if (query.isError && !query.data) body = <ErrorState className="m-3" error={query.error} onRetry={() => void query.refetch()} />;
  else if (rows.length === 0) {
    const empty = activeFilters ? (
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
    // Nothing open: say so when what is folded away is all there is.
    body = foldsClosed(filters) ? <ClosedFold input={input} onShow={onShowClosed} fallback={empty} /> : empty;
  }

  const gridCols = cn(
    showOwner && canEdit && 'grid-cols-[1.25rem_minmax(0,1fr)_8.5rem_8.5rem_10.5rem_8.5rem_9rem]',
    showOwner && !canEdit && 'grid-cols-[minmax(0,1fr)_8.5rem_8.5rem_10.5rem_8.5rem_9rem]',
    !showOwner && canEdit && 'grid-cols-[1.25rem_minmax(0,1fr)_7.5rem_8rem_8.5rem_7.5rem]',
    !showOwner && !canEdit && 'grid-cols-[minmax(0,1fr)_7.5rem_8rem_8.5rem_7.5rem]',
  );

  return (
    <div
      ref={outerRef}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs"
      onKeyDown={(e) => {
        // Escape clears the selection (not from a menu that renders elsewhere, e.g. a select's list).
        if (e.key === 'Escape' && selection.count > 0 && e.currentTarget.contains(e.target as Node)) {
          e.preventDefault();
          selection.clear();
        }
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-3 py-2 text-xs text-slate-600">
        {canEdit && rows.length > 0 && (
          <label className="inline-flex cursor-pointer items-center gap-2 font-medium text-slate-700">
            <input
              type="checkbox"
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = selection.count > 0 && !allSelected;
              }}
              onChange={selection.toggleAll}
              className="size-4 cursor-pointer rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            />
            Select all<span className="sr-only"> {rows.length.toLocaleString('en-GB')} shown</span>
          </label>
        )}
        <p aria-live="polite" className="mr-auto">
          {query.data ? (
            <>
              {rows.length.toLocaleString('en-GB')}
              {hasNextPage ? '+' : ''} {foldsClosed(filters) ? 'open ' : ''}milestone{rows.length === 1 && !hasNextPage ? '' : 's'}
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
      {canEdit && bulkMounted && (
        <Suspense fallback={null}>
          <BulkToolbar coalitionId={coalitionId} selected={selectedRows} onClear={selection.clear} onKeepOnly={selection.keepOnly} />
        </Suspense>
      )}
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
                  {canEdit && (
                    <span role="columnheader">
                      <span className="sr-only">Selected</span>
                    </span>
                  )}
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
                    selected={selection.ids.has(m.id)}
                    onSelect={selection.click}
                    onSelectKey={onSelectKey}
                  />
                );
              })}
            </div>
          </div>
        </div>
      )}
      {!body && !hasNextPage && (filters.sort === 'next' && filters.status.length === 0) && (
        <ClosedFold input={input} onShow={onShowClosed} shown={filters.closed} />
      )}
      {quick.dialog}
    </div>
  );
}
