import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown, Pencil, Trash2 } from 'lucide-react';
import { memo, useMemo, useRef } from 'react';
import { StatusBadge, TrackDot } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { positionScore } from '@coalition/domain';
import { labelOf, PARTNER_KIND } from '../../lib/labels.ts';
import { MovementMark, movementOf, type CurrentPosition } from '../positions/index.ts';
import type { PartnerRow, TrackRow } from './model.ts';
import { StateBadge } from './StateBadge.tsx';

/** Plain buttons (no per-row menu or tooltip): rows mount cheaply while scrolling 500 partners. */
const actionCls =
  'inline-flex size-7 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600';

/** Above this many rows only the visible rows are rendered. */
export const VIRTUALIZE_AFTER = 100;
const ROW_HEIGHT = 49;

/** Columns the server sorts by; the others (country, position, tracks) are sorted here. */
export const SERVER_SORTS = ['name', 'kind', 'stage', 'influence', 'interest'] as const;
export type ServerSort = (typeof SERVER_SORTS)[number];
export const isServerSort = (id: string): id is ServerSort => (SERVER_SORTS as readonly string[]).includes(id);

function Score({ value, label }: { value: number; label: string }) {
  return (
    <span className="inline-flex items-center gap-2" title={`${label} ${value} of 5`}>
      <span className="w-3 text-right font-medium tabular-nums text-slate-900">{value}</span>
      <span aria-hidden className="flex gap-0.5">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={cn('h-2.5 w-1.5 rounded-sm', n <= value ? 'bg-indigo-500' : 'bg-slate-200')} />
        ))}
      </span>
      <span className="sr-only">of 5</span>
    </span>
  );
}

const col = createColumnHelper<PartnerRow>();

export function PartnerTable({ rows, tracks, positions, sorting, onSortingChange, onOpen, onEdit, onDelete, canEdit, caption }: {
  rows: PartnerRow[];
  tracks: TrackRow[];
  /** Each partner's position on the goal today and its movement (position.current), by partner id. */
  positions: ReadonlyMap<string, CurrentPosition>;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  onOpen: (id: string) => void;
  onEdit: (p: PartnerRow) => void;
  onDelete: (p: PartnerRow) => void;
  canEdit: boolean;
  caption: string;
}) {
  const trackById = useMemo(() => new Map(tracks.map((t) => [t.id, t])), [tracks]);

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: 'Name',
        size: 200,
        cell: (c) => (
          <button
            type="button"
            onClick={() => onOpen(c.row.original.id)}
            className="block max-w-full truncate rounded text-left font-medium text-indigo-700 underline-offset-2 hover:underline"
            title={c.getValue()}
          >
            {c.getValue()}
          </button>
        ),
      }),
      col.accessor('kind', {
        header: 'Kind',
        size: 200,
        cell: (c) => (
          <span className="flex items-center gap-1.5">
            <span className="truncate text-slate-800" title={PARTNER_KIND[c.getValue()].hint}>
              {labelOf('kind', c.getValue())}
            </span>
            <StateBadge isStateActor={c.row.original.isStateActor} />
          </span>
        ),
      }),
      col.accessor('country', {
        header: 'Country',
        size: 120,
        cell: (c) => <span className="block truncate text-slate-700" title={c.getValue()}>{c.getValue() || '—'}</span>,
      }),
      col.accessor('stage', { header: 'Stage', size: 112, cell: (c) => <StatusBadge of="stage" value={c.getValue()} /> }),
      col.accessor((p) => positions.get(p.id)?.position ?? 'unknown', {
        id: 'position',
        header: 'Position',
        size: 136,
        sortDescFirst: true,
        cell: (c) => (
          <span className="inline-flex items-center gap-1">
            <StatusBadge of="position" value={c.getValue()} />
            <MovementMark movement={movementOf(positions.get(c.row.original.id))} />
          </span>
        ),
      }),
      col.accessor('influence', { header: 'Influence', size: 100, sortDescFirst: true, cell: (c) => <Score value={c.getValue()} label="Influence" /> }),
      col.accessor('interest', { header: 'Interest', size: 96, sortDescFirst: true, cell: (c) => <Score value={c.getValue()} label="Interest" /> }),
      col.accessor((p) => p.tracks.length, {
        id: 'tracks',
        header: 'Tracks',
        size: 96,
        sortDescFirst: true,
        cell: (c) => {
          const list = c.row.original.tracks;
          if (!list.length) return <span className="text-slate-500">None</span>;
          const text = list.map((a) => `${trackById.get(a.trackId)?.name ?? 'Track'} (${labelOf('assignmentRole', a.role)})`).join(', ');
          return (
            <span className="flex items-center gap-2" title={text}>
              <span className="w-4 text-right font-medium tabular-nums text-slate-900">{list.length}</span>
              <span aria-hidden className="flex items-center gap-1">
                {list.slice(0, 4).map((a) => (
                  <TrackDot key={a.trackId} color={trackById.get(a.trackId)?.color ?? '#94a3b8'} />
                ))}
                {list.length > 4 && <span className="text-[11px] font-medium text-slate-500">+{list.length - 4}</span>}
              </span>
              <span className="sr-only">: {text}</span>
            </span>
          );
        },
      }),
      ...(canEdit
        ? [
            col.display({
              id: 'actions',
              header: () => <span className="sr-only">Actions</span>,
              size: 72,
              cell: (c) => (
                <span className="inline-flex items-center gap-0.5">
                  <button type="button" className={actionCls} aria-label={`Edit ${c.row.original.name}`} title="Edit" onClick={() => onEdit(c.row.original)}>
                    <Pencil aria-hidden className="size-4" />
                  </button>
                  <button type="button" className={cn(actionCls, 'hover:bg-red-50 hover:text-red-700')} aria-label={`Delete ${c.row.original.name}`} title="Delete" onClick={() => onDelete(c.row.original)}>
                    <Trash2 aria-hidden className="size-4" />
                  </button>
                </span>
              ),
            }),
          ]
        : []),
    ],
    [canEdit, onDelete, onEdit, onOpen, trackById, positions],
  );

  // Country, position and track count are not server sorts: order them here.
  const sortId = sorting[0]?.id ?? 'name';
  const desc = sorting[0]?.desc ?? false;
  const data = useMemo(() => {
    if (isServerSort(sortId)) return rows;
    const dir = desc ? -1 : 1;
    const byName = (a: PartnerRow, b: PartnerRow) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
    const copy = [...rows];
    if (sortId === 'country') {
      copy.sort((a, b) => {
        // Partners without a country go last either way.
        if (!a.country !== !b.country) return a.country ? -1 : 1;
        return dir * a.country.localeCompare(b.country, undefined, { sensitivity: 'base' }) || byName(a, b);
      });
    } else if (sortId === 'tracks') {
      copy.sort((a, b) => dir * (a.tracks.length - b.tracks.length) || byName(a, b));
    } else if (sortId === 'position') {
      // Champion … opposed; unknown goes last either way.
      const score = (p: PartnerRow) => positionScore(positions.get(p.id)?.position ?? 'unknown');
      copy.sort((a, b) => {
        const sa = score(a);
        const sb = score(b);
        if ((sa === null) !== (sb === null)) return sa === null ? 1 : -1;
        return dir * ((sa ?? 0) - (sb ?? 0)) || byName(a, b);
      });
    }
    return copy;
  }, [rows, sortId, desc, positions]);

  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (p) => p.id,
  });

  const tableRows = table.getRowModel().rows;
  const virtualize = tableRows.length > VIRTUALIZE_AFTER;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtualize,
  });
  const items = virtualize ? virtualizer.getVirtualItems() : null;
  const visible = items ? items.map((v) => ({ row: tableRows[v.index]!, index: v.index })) : tableRows.map((row, index) => ({ row, index }));
  const padTop = items?.length ? items[0]!.start : 0;
  const padBottom = items?.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const colCount = table.getVisibleLeafColumns().length;
  const minWidth = table.getVisibleLeafColumns().reduce((sum, c) => sum + c.getSize(), 0);

  return (
    <div ref={scrollRef} className={cn('relative overflow-auto rounded-lg border border-slate-200 bg-white', virtualize && 'max-h-[70vh]')}>
      <table className="w-full table-fixed border-collapse text-sm" style={{ minWidth }} aria-rowcount={tableRows.length + 1}>
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {table.getVisibleLeafColumns().map((c) => (
            <col key={c.id} style={{ width: c.getSize() }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-slate-50">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id} aria-rowindex={1} className="border-b border-slate-200">
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const sortable = h.column.getCanSort() && h.column.id !== 'actions';
                return (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className="px-2.5 py-2 text-left text-[11px] font-semibold uppercase tracking-wide text-slate-600"
                  >
                    {sortable ? (
                      <button
                        type="button"
                        onClick={h.column.getToggleSortingHandler()}
                        className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:bg-slate-200/60 hover:text-slate-900"
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {sorted === 'asc' ? (
                          <ArrowUp aria-hidden className="size-3.5 text-indigo-600" />
                        ) : sorted === 'desc' ? (
                          <ArrowDown aria-hidden className="size-3.5 text-indigo-600" />
                        ) : (
                          <ArrowUpDown aria-hidden className="size-3.5 text-slate-400" />
                        )}
                        <span className="sr-only">{sorted ? '' : ', sortable'}</span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden>
              <td colSpan={colCount} style={{ height: padTop, padding: 0 }} />
            </tr>
          )}
          {visible.map(({ row, index }) => (
            <RowView key={row.id} row={row} index={index} columns={columns} />
          ))}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={colCount} style={{ height: padBottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** One table row, memoized: scrolling mounts the rows coming into view and leaves the others alone. */
const RowView = memo(function RowView({ row, index }: {
  row: Row<PartnerRow>;
  index: number;
  /** Not read here: a new column set (tracks loaded, role changed) must re-render the row. */
  columns: unknown;
}) {
  return (
    <tr aria-rowindex={index + 2} className="border-b border-slate-100 hover:bg-slate-50/70" style={{ height: ROW_HEIGHT }}>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={cn('overflow-hidden whitespace-nowrap px-2.5 py-2 align-middle', cell.column.id === 'actions' && 'px-1 text-right')}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
});
