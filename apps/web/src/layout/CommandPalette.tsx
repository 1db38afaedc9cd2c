/**
 * The command palette (Ctrl-K / ⌘K): jump to a coalition, a screen of this one, or a milestone,
 * partner, track or bottleneck found by name (search.query, debounced), and run an action (new
 * milestone, new partner, invite a member, the current milestone's status). A lazy chunk with
 * cmdk: the shell only holds CommandPaletteHost. A modal dialog (Radix): focus stays inside,
 * Escape closes, focus returns to where it was; cmdk gives the input its combobox role and the
 * results their listbox/option roles.
 */
import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { AlertOctagon, Flag, Handshake, Loader2, Search, X } from 'lucide-react';
import { Dialog as D } from 'radix-ui';
import { useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { codePointLength, SEARCH_MAX } from '@coalition/domain';
import { TrackDot } from '../components/Badge.tsx';
import { formatDate } from '../lib/dates.ts';
import { errorMessage } from '../lib/errors.ts';
import { labelOf } from '../lib/labels.ts';
import { paths } from '../lib/paths.ts';
import { isApplePlatform } from '../lib/shortcuts.ts';
import { useTRPC } from '../lib/trpc.ts';
import { commandMatches, PaletteGroup, useStaticCommands, type PaletteCommand } from './CommandPaletteItems.tsx';
import { useMilestoneStatusCommands } from './CommandPaletteStatus.tsx';
import { useDebounced } from '../lib/useDebounced.ts';

export interface CommandPaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The coalition of the current route, if any. */
  coalitionId?: string | undefined;
  onShowShortcuts: () => void;
}

/** Typing settles for this long before the server is asked. */
const SEARCH_DEBOUNCE_MS = 200;

/** After a jump to `/path#id`, scrolls that element into view once the screen has drawn it. */
function revealHash(href: string) {
  const id = decodeURIComponent(href.split('#')[1] ?? '');
  if (!id) return;
  const started = Date.now();
  const look = () => {
    const el = document.getElementById(id);
    if (el) el.scrollIntoView({ block: 'center' });
    else if (Date.now() - started < 4000) setTimeout(look, 100);
  };
  look();
}

/** The server's matches as commands, per kind. */
function useSearchCommands(coalitionId: string | undefined, text: string) {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const enabled = !!coalitionId && q.length > 0 && codePointLength(q) <= SEARCH_MAX;
  const search = useQuery({ ...trpc.search.query.queryOptions({ coalitionId: coalitionId ?? '', q }), enabled });
  const go = (href: string) => () => {
    navigate(href);
    revealHash(href);
  };
  const c = coalitionId ?? '';
  const r = enabled ? search.data : undefined;
  const groups: { heading: string; commands: PaletteCommand[] }[] = [
    {
      heading: 'Milestones',
      commands: (r?.milestones ?? []).map((m) => ({
        id: `milestone:${m.id}`,
        label: m.title,
        detail: `Milestone · ${labelOf('milestoneStatus', m.status)} · due ${formatDate(m.dueDate)}`,
        icon: <Flag className="size-4" />,
        run: go(paths.milestone(c, m.id)),
      })),
    },
    {
      heading: 'Partners',
      commands: (r?.partners ?? []).map((p) => ({
        id: `partner:${p.id}`,
        label: p.name,
        detail: `Partner · ${labelOf('kind', p.kind)} · ${labelOf('stage', p.stage)}`,
        icon: <Handshake className="size-4" />,
        run: go(paths.partner(c, p.id)),
      })),
    },
    {
      heading: 'Tracks',
      commands: (r?.tracks ?? []).map((t) => ({
        id: `track:${t.id}`,
        label: t.name,
        detail: `Track · ${labelOf('trackStatus', t.status)}`,
        icon: <TrackDot color={t.color} />,
        run: go(paths.track(c, t.id)),
      })),
    },
    {
      heading: 'Bottlenecks',
      commands: (r?.bottlenecks ?? []).map((b) => ({
        id: `bottleneck:${b.id}`,
        label: b.title,
        detail: `Bottleneck · ${labelOf('severity', b.severity)} · ${labelOf('bottleneckStatus', b.status)}`,
        icon: <AlertOctagon className="size-4" />,
        run: go(paths.bottlenecks(c)),
      })),
    },
  ];
  const waiting = enabled && (search.isFetching || q !== text.trim());
  return { groups, waiting, error: enabled && search.isError ? search.error : null };
}

export default function CommandPalette({ open, onOpenChange, coalitionId, onShowShortcuts }: CommandPaletteProps) {
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Where focus was before the palette opened: it goes back there when it closes (no Radix trigger here).
  const returnTo = useRef<Element | null>(null);
  // The highlighted row, and the result list it was chosen in: a new list highlights its first row.
  const [choice, setChoice] = useState({ value: '', list: '' });
  const apple = isApplePlatform(navigator.userAgent);
  const statics = useStaticCommands(coalitionId, onShowShortcuts);
  const status = useMilestoneStatusCommands(coalitionId);
  const found = useSearchCommands(coalitionId, text);
  const typed = text.trim();

  const pick = (list: PaletteCommand[]) => list.filter((c) => commandMatches(c, typed));
  const groups = [
    // What the user typed a name for comes first: Enter opens the best match. With nothing typed,
    // Enter opens a form ("New milestone"): it never changes anything by itself.
    ...(typed ? found.groups : []),
    { heading: 'Actions', commands: pick(statics.actions) },
    { heading: 'This milestone', commands: pick(status.commands) },
    { heading: 'Go to', commands: pick(statics.screens) },
    { heading: 'Coalitions', commands: pick(statics.coalitions) },
  ];
  const ids = groups.flatMap((g) => g.commands.map((c) => c.id));
  const list = ids.join('|');
  const selected = choice.list === list && ids.includes(choice.value) ? choice.value : (ids[0] ?? '');
  const setOpen = (next: boolean) => {
    if (!next) setText('');
    onOpenChange(next);
  };

  const run = (command: PaletteCommand) => {
    setOpen(false);
    command.run();
  };

  return (
    <>
      <D.Root open={open} onOpenChange={setOpen}>
        <D.Portal>
          <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[1px]" />
          <D.Content
            aria-describedby={undefined}
            onOpenAutoFocus={(e) => {
              e.preventDefault();
              returnTo.current = document.activeElement;
              input.current?.focus();
            }}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              const back = returnTo.current;
              if (back instanceof HTMLElement && back.isConnected) back.focus();
            }}
            className="fixed left-1/2 top-3 z-50 flex max-h-[calc(100dvh-1.5rem)] w-[calc(100vw-1.5rem)] max-w-xl -translate-x-1/2 flex-col overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-900/10 focus:outline-none sm:top-[12vh] sm:max-h-[70vh]"
          >
            <Command label="Search milestones, partners, tracks, bottlenecks, screens and actions" shouldFilter={false} loop value={selected} onValueChange={(value) => setChoice({ value, list })} className="flex min-h-0 flex-col">
              <div className="flex items-center justify-between gap-3 px-4 pt-3">
                <D.Title className="text-xs font-semibold uppercase tracking-wide text-slate-500">Go to or do</D.Title>
                <span className="flex items-center gap-2">
                  <kbd aria-hidden className="hidden font-sans text-xs text-slate-500 sm:inline">Esc</kbd>
                  <D.Close className="-mr-1.5 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label="Close">
                    <X aria-hidden className="size-4" />
                  </D.Close>
                </span>
              </div>
              <div className="flex items-center gap-2 border-b border-slate-200 px-4">
                <Search aria-hidden className="size-4 shrink-0 text-slate-400" />
                <Command.Input
                  ref={input}
                  value={text}
                  onValueChange={setText}
                  maxLength={SEARCH_MAX}
                  placeholder={coalitionId ? 'Type a name, a screen or an action…' : 'Type a coalition, a screen or an action…'}
                  className="h-12 min-w-0 flex-1 bg-transparent text-base text-slate-900 placeholder:text-slate-500 focus:outline-none sm:text-sm"
                />
                {found.waiting && <Loader2 aria-hidden className="size-4 shrink-0 animate-spin text-slate-400" />}
              </div>
              <Command.List className="min-h-0 flex-1 overflow-y-auto overscroll-contain py-1">
                {found.error && (
                  <p role="alert" className="px-4 py-2 text-sm text-red-700">
                    Search failed: {errorMessage(found.error)}
                  </p>
                )}
                <Command.Empty className="px-4 py-6 text-center text-sm text-slate-600">{found.waiting ? 'Searching…' : `Nothing matches “${typed}”.`}</Command.Empty>
                {groups.map((g) => (
                  <PaletteGroup key={g.heading} heading={g.heading} commands={g.commands} apple={apple} onRun={run} />
                ))}
              </Command.List>
            </Command>
          </D.Content>
        </D.Portal>
      </D.Root>
      {status.conflictDialog}
    </>
  );
}
