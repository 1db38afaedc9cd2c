/**
 * The partner × track assignment matrix.
 *
 * Keyboard model (editors; the table is an ARIA grid with one tab stop — roving tabindex):
 *   Arrow keys        move between cells          Home / End        first / last track in the row
 *   Ctrl+Home / End   first / last cell           PageUp / PageDown 10 partners up / down
 *   L C T S O         set Lead, Co-lead, conTributor, Supporter, Observer (O the letter)
 *   Delete, Backspace or 0 (zero)   remove the partner from the track (the toast offers Undo)
 *   Enter or Space    open the role menu (a click does the same)
 * Changes are optimistic (the matrix cache is written at once) and rolled back with a toast on error.
 * Viewers get the same table read-only: plain cells, no buttons.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DropdownMenu as M } from 'radix-ui';
import { Check, Search, UserMinus } from 'lucide-react';
import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { AssignmentRole } from '@coalition/domain';
import { Link } from 'wouter';
import { Alert, Input, toast, TrackDot } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { plural } from '@coalition/domain';
import { errorMessage } from '../../lib/errors.ts';
import { paths } from '../../lib/paths.ts';
import { ASSIGNMENT_ROLE, labelOf, TONE_CLASSES } from '../../lib/labels.ts';
import { useTRPC, useTRPCClient } from '../../lib/trpc.ts';
import { useUndoToast } from '../../lib/undo.ts';
import { useTrackCache } from './cache.ts';
import { cellKey, needsLead, ROLE_ABBR, ROLE_KEY, roleForKey, ROLES, withAssignment, type Matrix, type MatrixPartner, type MatrixTrack } from './model.ts';
import { NoLeadBadge } from './TrackList.tsx';

type Pos = { r: number; c: number };

const roleText = (role: AssignmentRole | undefined) => (role ? ASSIGNMENT_ROLE[role].label : 'No role');

/** One cell's content: the abbreviation (visual) and the full role (screen readers). */
function RoleMark({ role }: { role: AssignmentRole | undefined }) {
  if (!role) {
    return (
      <>
        <span aria-hidden className="text-slate-300">
          ·
        </span>
        <span className="sr-only">No role</span>
      </>
    );
  }
  return (
    <>
      <span aria-hidden className={cn('inline-flex min-w-8 justify-center rounded px-1.5 py-0.5 text-xs font-bold ring-1 ring-inset', TONE_CLASSES[ASSIGNMENT_ROLE[role].tone].badge)}>
        {ROLE_ABBR[role]}
      </span>
      <span className="sr-only">{ASSIGNMENT_ROLE[role].label}</span>
    </>
  );
}

const cellBase = 'h-10 border-b border-r border-slate-100 p-0 text-center align-middle';

const EditCell = memo(function EditCell({ r, c, role, tabbable, expanded, title }: { r: number; c: number; role: AssignmentRole | undefined; tabbable: boolean; expanded: boolean; title: string }) {
  return (
    <td role="gridcell" className={cellBase}>
      <button
        type="button"
        data-cell={`${r}:${c}`}
        tabIndex={tabbable ? 0 : -1}
        aria-haspopup="menu"
        aria-expanded={expanded}
        title={title}
        className="flex h-full w-full items-center justify-center hover:bg-indigo-50/70 focus-visible:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600"
      >
        <RoleMark role={role} />
      </button>
    </td>
  );
});

function ViewCell({ role, title }: { role: AssignmentRole | undefined; title: string }) {
  return (
    <td className={cellBase} title={title}>
      <RoleMark role={role} />
    </td>
  );
}

/** Sets or removes one cell: optimistic on the matrix key, rolled back on error; then refreshes derived views only. */
function useAssign(m: Matrix) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const coalitionId = useCoalitionId();
  const queryClient = useQueryClient();
  const cache = useTrackCache();
  const undoToast = useUndoToast(coalitionId);
  const key = trpc.assignment.matrix.queryKey({ coalitionId });
  const names = useRef(m);
  names.current = m;
  const nameOf = (partnerId: string, trackId: string) => ({
    p: names.current.partners.find((x) => x.id === partnerId)?.name ?? 'the partner',
    t: names.current.tracks.find((x) => x.id === trackId)?.name ?? 'the track',
  });
  return useMutation({
    /** Returns the undo token of a cleared role. */
    mutationFn: async ({ partnerId, trackId, role }: { partnerId: string; trackId: string; role: AssignmentRole | null; prev: AssignmentRole | null }): Promise<string | null> => {
      if (role) {
        await client.assignment.set.mutate({ coalitionId, partnerId, trackId, role });
        return null;
      }
      return (await client.assignment.remove.mutate({ coalitionId, partnerId, trackId })).undoToken;
    },
    onMutate: async ({ partnerId, trackId, role }) => {
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData(key, (old: Matrix | undefined) => old && withAssignment(old, partnerId, trackId, role));
    },
    onError: (err, { partnerId, trackId, prev }) => {
      // Put back just this cell (other cells may have changed meanwhile), then re-read the matrix.
      queryClient.setQueryData(key, (old: Matrix | undefined) => old && withAssignment(old, partnerId, trackId, prev));
      const { p, t } = nameOf(partnerId, trackId);
      toast.error(`Could not change ${p} on ${t}: ${errorMessage(err)}`);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: (undoToken, { partnerId, trackId, role, prev }) => {
      cache.assignmentChanged(partnerId, role === null);
      if (undoToken && prev) {
        const { p, t } = nameOf(partnerId, trackId);
        undoToast({ message: `Removed ${p} from ${t} (was ${labelOf('assignmentRole', prev).toLowerCase()})`, restored: `${p} is back on ${t}`, undoToken });
      }
    },
  });
}

export function AssignmentMatrix({ matrix, canEdit }: { matrix: Matrix; canEdit: boolean }) {
  const coalitionId = useCoalitionId();
  const helpId = useId();
  const captionId = useId();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());
  const tracks = matrix.tracks;
  const partners = useMemo(
    () => (deferredFilter ? matrix.partners.filter((p) => p.name.toLowerCase().includes(deferredFilter)) : matrix.partners),
    [matrix.partners, deferredFilter],
  );
  const roles = useMemo(() => new Map(matrix.assignments.map((a) => [cellKey(a.partnerId, a.trackId), a.role])), [matrix.assignments]);
  const led = useMemo(() => new Set(matrix.assignments.filter((a) => a.role === 'lead').map((a) => a.trackId)), [matrix.assignments]);
  const noLead = tracks.filter((t) => needsLead(t, led.has(t.id)));

  const assign = useAssign(matrix);
  const [active, setActive] = useState<Pos>({ r: 0, c: 0 });
  const [menu, setMenu] = useState<(Pos & { rect: DOMRect }) | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  // Keep the tab stop inside the grid when rows are filtered out.
  const rowCount = partners.length;
  const colCount = tracks.length;
  const safe = { r: Math.min(active.r, Math.max(0, rowCount - 1)), c: Math.min(active.c, Math.max(0, colCount - 1)) };

  const cellEl = useCallback((pos: Pos) => scrollRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${pos.r}:${pos.c}"]`) ?? null, []);
  const focusCell = useCallback(
    (pos: Pos) => {
      setActive(pos);
      const el = cellEl(pos);
      if (el) {
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      }
    },
    [cellEl],
  );

  const setCell = (pos: Pos, role: AssignmentRole | null) => {
    const p = partners[pos.r];
    const t = tracks[pos.c];
    if (!p || !t) return;
    const prev = roles.get(cellKey(p.id, t.id)) ?? null;
    if (prev === role) {
      setAnnouncement(`${p.name} is already ${role ? labelOf('assignmentRole', role) : 'not on'} ${role ? 'on ' : ''}${t.name}`);
      return;
    }
    assign.mutate({ partnerId: p.id, trackId: t.id, role, prev });
    setAnnouncement(role ? `${p.name}: ${labelOf('assignmentRole', role)} on ${t.name}` : `${p.name} removed from ${t.name}`);
  };

  const openMenu = (pos: Pos) => {
    const el = cellEl(pos);
    if (!el) return;
    setActive(pos);
    setMenu({ ...pos, rect: el.getBoundingClientRect() });
  };

  const posOf = (target: EventTarget | null): Pos | null => {
    const cell = (target as HTMLElement | null)?.closest?.('[data-cell]')?.getAttribute('data-cell');
    if (!cell) return null;
    const [r, c] = cell.split(':').map(Number);
    return { r: r!, c: c! };
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const pos = posOf(e.target);
    if (!pos) return;
    const lastR = rowCount - 1;
    const lastC = colCount - 1;
    let next: Pos | null = null;
    switch (e.key) {
      case 'ArrowUp':
        next = { r: Math.max(0, pos.r - 1), c: pos.c };
        break;
      case 'ArrowDown':
        next = { r: Math.min(lastR, pos.r + 1), c: pos.c };
        break;
      case 'ArrowLeft':
        next = { r: pos.r, c: Math.max(0, pos.c - 1) };
        break;
      case 'ArrowRight':
        next = { r: pos.r, c: Math.min(lastC, pos.c + 1) };
        break;
      case 'Home':
        next = e.ctrlKey || e.metaKey ? { r: 0, c: 0 } : { r: pos.r, c: 0 };
        break;
      case 'End':
        next = e.ctrlKey || e.metaKey ? { r: lastR, c: lastC } : { r: pos.r, c: lastC };
        break;
      case 'PageUp':
        next = { r: Math.max(0, pos.r - 10), c: pos.c };
        break;
      case 'PageDown':
        next = { r: Math.min(lastR, pos.r + 10), c: pos.c };
        break;
    }
    if (next) {
      e.preventDefault();
      focusCell(next);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const role = roleForKey(e.key);
    if (role !== undefined) {
      e.preventDefault();
      setCell(pos, role);
    }
  };

  const onClick = (e: MouseEvent<HTMLTableElement>) => {
    const pos = posOf(e.target);
    if (pos) openMenu(pos);
  };

  const menuPartner = menu ? partners[menu.r] : undefined;
  const menuTrack = menu ? tracks[menu.c] : undefined;
  const menuRole = menuPartner && menuTrack ? roles.get(cellKey(menuPartner.id, menuTrack.id)) : undefined;

  // Opened menus start on the current role (or the first one).
  useEffect(() => {
    if (!menu) return;
    const id = requestAnimationFrame(() => {
      const root = menuRef.current;
      const item = root?.querySelector<HTMLElement>('[role="menuitemradio"][data-state="checked"]') ?? root?.querySelector<HTMLElement>('[role="menuitemradio"]');
      item?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [menu]);

  const chooseFromMenu = (role: AssignmentRole | null) => {
    if (!menu) return;
    setCell(menu, role);
    setMenu(null);
  };

  if (tracks.length === 0) return <p className="text-sm text-slate-600">Add a track to start assigning partners.</p>;
  if (matrix.partners.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No partners yet.{' '}
        <Link href={paths.partners(coalitionId)} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Add partners
        </Link>{' '}
        to give them roles on the tracks.
      </p>
    );

  return (
    <div className="flex flex-col gap-3">
      {noLead.length > 0 && (
        <Alert tone="warning" title={`${plural(noLead.length, 'open track')} ${noLead.length === 1 ? 'has' : 'have'} no lead`}>
          {noLead.map((t) => t.name).join(', ')}.{' '}
          {canEdit ? 'Give each a lead partner: focus a cell in its column and press L.' : 'An editor can give each a lead partner.'}
        </Alert>
      )}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative w-full sm:w-64">
          <label htmlFor="matrix-filter" className="sr-only">
            Filter partners in the matrix
          </label>
          <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
          <Input id="matrix-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter partners…" maxLength={100} className="h-8 pl-8 text-[13px]" />
        </div>
        <ul aria-label="Role abbreviations" className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
          {ROLES.map((r) => (
            <li key={r} className="inline-flex items-center gap-1">
              <span className={cn('rounded px-1 font-bold ring-1 ring-inset', TONE_CLASSES[ASSIGNMENT_ROLE[r].tone].badge)}>{ROLE_ABBR[r]}</span>
              {ASSIGNMENT_ROLE[r].label}
            </li>
          ))}
        </ul>
      </div>
      {canEdit && <KeyHelp id={helpId} />}
      {partners.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-6 text-center text-sm text-slate-600">No partner name contains “{filter}”.</p>
      ) : (
        <div
          ref={scrollRef}
          // Viewers have no focusable cells: the scroll area itself takes focus so it scrolls by keyboard.
          {...(canEdit ? {} : { tabIndex: 0, role: 'region', 'aria-labelledby': captionId })}
          className="relative max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white [scroll-padding-left:8rem] [scroll-padding-top:4rem] sm:[scroll-padding-left:14rem]">
          <table
            role={canEdit ? 'grid' : undefined}
            aria-labelledby={captionId}
            aria-describedby={canEdit ? helpId : undefined}
            aria-rowcount={canEdit ? partners.length + 1 : undefined}
            aria-colcount={canEdit ? tracks.length + 1 : undefined}
            className="min-w-full border-separate border-spacing-0 text-sm"
            onKeyDown={canEdit ? onKeyDown : undefined}
            onClick={canEdit ? onClick : undefined}
          >
            <caption id={captionId} className="sr-only">
              Partner roles on each track{canEdit ? ' (editable grid)' : ''}
            </caption>
            <thead>
              <tr role={canEdit ? 'row' : undefined}>
                <th
                  scope="col"
                  role={canEdit ? 'columnheader' : undefined}
                  className="sticky left-0 top-0 z-20 w-32 min-w-32 border-b border-r border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 sm:w-56 sm:min-w-56"
                >
                  Partner
                </th>
                {tracks.map((t) => (
                  <TrackHeader key={t.id} track={t} noLead={needsLead(t, led.has(t.id))} grid={canEdit} />
                ))}
              </tr>
            </thead>
            <tbody>
              {partners.map((p, r) => (
                <MatrixRow
                  key={p.id}
                  partner={p}
                  r={r}
                  tracks={tracks}
                  rowRoles={tracks.map((t) => roles.get(cellKey(p.id, t.id)) ?? '').join(',')}
                  activeC={safe.r === r ? safe.c : -1}
                  menuC={menu?.r === r ? menu.c : -1}
                  canEdit={canEdit}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>

      {canEdit && (
        <M.Root open={!!menu} onOpenChange={(o) => !o && setMenu(null)}>
          {/* The menu's anchor: an inert box laid over the chosen cell (one menu serves the whole grid). */}
          <M.Trigger asChild>
            <span
              aria-hidden
              tabIndex={-1}
              className="pointer-events-none fixed"
              style={menu ? { left: menu.rect.left, top: menu.rect.top, width: menu.rect.width, height: menu.rect.height } : { left: 0, top: 0, width: 0, height: 0 }}
            />
          </M.Trigger>
          <M.Portal>
            <M.Content
              ref={menuRef}
              align="start"
              sideOffset={2}
              collisionPadding={8}
              aria-label={menuPartner && menuTrack ? `Role of ${menuPartner.name} on ${menuTrack.name}` : 'Role'}
              className="z-50 w-60 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg"
              onCloseAutoFocus={(e) => {
                e.preventDefault();
                if (menu) focusCell(menu);
                else cellEl(safe)?.focus();
              }}
              onKeyDown={(e) => {
                if (e.ctrlKey || e.metaKey || e.altKey) return;
                const role = roleForKey(e.key);
                if (role === undefined || e.key === 'Backspace') return;
                e.preventDefault();
                chooseFromMenu(role);
              }}
            >
              <M.Label className="truncate px-2 py-1.5 text-xs font-medium text-slate-500">
                {menuPartner?.name} · {menuTrack?.name}
              </M.Label>
              <M.RadioGroup value={menuRole ?? ''} onValueChange={(v) => chooseFromMenu(v as AssignmentRole)}>
                {ROLES.map((r) => (
                  <M.RadioItem
                    key={r}
                    value={r}
                    className="relative flex cursor-default select-none items-center gap-2 rounded-md py-1.5 pl-8 pr-2 text-slate-800 outline-none data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-900"
                  >
                    <M.ItemIndicator className="absolute left-2">
                      <Check aria-hidden className="size-4 text-indigo-600" />
                    </M.ItemIndicator>
                    <span className={cn('inline-flex min-w-7 justify-center rounded px-1 text-xs font-bold ring-1 ring-inset', TONE_CLASSES[ASSIGNMENT_ROLE[r].tone].badge)} aria-hidden>
                      {ROLE_ABBR[r]}
                    </span>
                    <span className="flex-1">{ASSIGNMENT_ROLE[r].label}</span>
                    <kbd aria-hidden className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[10px] text-slate-500">
                      {ROLE_KEY[r]}
                    </kbd>
                  </M.RadioItem>
                ))}
              </M.RadioGroup>
              <M.Separator className="my-1 h-px bg-slate-100" />
              <M.Item
                disabled={!menuRole}
                onSelect={() => chooseFromMenu(null)}
                className="flex cursor-default select-none items-center gap-2 rounded-md py-1.5 pl-8 pr-2 text-red-700 outline-none data-[disabled]:text-slate-400 data-[highlighted]:bg-red-50"
              >
                <UserMinus aria-hidden className="-ml-6 size-4" />
                <span className="flex-1">Remove from track</span>
                <kbd aria-hidden className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[10px] text-slate-500">
                  Del
                </kbd>
              </M.Item>
            </M.Content>
          </M.Portal>
        </M.Root>
      )}
    </div>
  );
}

const kbd = 'rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-700';

/**
 * The keys, each with its meaning in words: the letter O (observer) and the digit 0 (remove)
 * look alike in most fonts, so each is named ("letter O", "zero") and they sit in separate groups.
 */
function KeyHelp({ id }: { id: string }) {
  return (
    <div id={id} className="flex flex-col gap-1 text-xs text-slate-600">
      <p>Click a cell to choose a role, or focus a cell (arrow keys move between cells) and press a key:</p>
      <ul aria-label="Keys" className="flex flex-wrap gap-x-4 gap-y-1">
        {ROLES.map((r) => (
          <li key={r}>
            <kbd className={kbd}>{ROLE_KEY[r]}</kbd> {ASSIGNMENT_ROLE[r].label.toLowerCase()}
            {ROLE_KEY[r] === 'O' && <span className="text-slate-500"> (letter O)</span>}
          </li>
        ))}
        <li>
          <kbd className={kbd}>Delete</kbd>, <kbd className={kbd}>Backspace</kbd> or <kbd className={kbd}>0</kbd>
          <span className="text-slate-500"> (zero)</span> remove the role — Undo in the notice brings it back
        </li>
      </ul>
    </div>
  );
}

function TrackHeader({ track, noLead, grid }: { track: MatrixTrack; noLead: boolean; grid: boolean }) {
  return (
    <th
      scope="col"
      role={grid ? 'columnheader' : undefined}
      className={cn('sticky top-0 z-10 w-24 min-w-24 border-b border-r border-slate-200 bg-slate-50 px-2 py-2 text-left align-bottom text-xs font-semibold text-slate-700 sm:w-28 sm:min-w-28', noLead && 'bg-amber-50')}
    >
      <span className="flex items-start gap-1.5">
        <TrackDot color={track.color} className="mt-0.5" />
        <span className="line-clamp-2 break-words" title={track.name}>
          {track.name}
        </span>
      </span>
      {track.status !== 'active' && <span className="mt-0.5 block text-[11px] font-normal text-slate-500">{labelOf('trackStatus', track.status)}</span>}
      {noLead && <NoLeadBadge className="mt-1" />}
    </th>
  );
}

/** One partner's row; memoized so moving focus or changing a cell re-renders only the rows involved. */
const MatrixRow = memo(function MatrixRow({ partner, r, tracks, rowRoles, activeC, menuC, canEdit }: {
  partner: MatrixPartner;
  r: number;
  tracks: MatrixTrack[];
  /** The roles in track order, comma-joined ('' = none): a cheap, comparable snapshot of the row. */
  rowRoles: string;
  activeC: number;
  menuC: number;
  canEdit: boolean;
}) {
  const cells = rowRoles.split(',');
  return (
    <tr role={canEdit ? 'row' : undefined} className="group">
      <PartnerHeader partner={partner} grid={canEdit} />
      {tracks.map((t, c) => {
        const role = (cells[c] || undefined) as AssignmentRole | undefined;
        const title = `${partner.name} on ${t.name}: ${roleText(role)}`;
        return canEdit ? (
          <EditCell key={t.id} r={r} c={c} role={role} title={title} tabbable={activeC === c} expanded={menuC === c} />
        ) : (
          <ViewCell key={t.id} role={role} title={title} />
        );
      })}
    </tr>
  );
});

function PartnerHeader({ partner, grid }: { partner: MatrixPartner; grid: boolean }) {
  return (
    <th
      scope="row"
      role={grid ? 'rowheader' : undefined}
      className="sticky left-0 z-[5] w-32 min-w-32 max-w-32 border-b border-r border-slate-200 bg-white px-2 py-1.5 text-left text-[13px] font-medium text-slate-900 group-hover:bg-slate-50 sm:px-3 sm:w-56 sm:min-w-56 sm:max-w-56"
    >
      <span className="block truncate" title={partner.name}>
        {partner.name}
      </span>
      <span className="block truncate text-[11px] font-normal text-slate-500">
        {labelOf('kind', partner.kind)}
      </span>
    </th>
  );
}
