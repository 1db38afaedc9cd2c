/**
 * The command palette's rows: what a command is, how the typed text picks commands (every word
 * in its label or keywords, case-insensitive), and how a group of them is drawn as cmdk options.
 * The commands that need no server search: actions, the coalition's screens, the coalitions.
 */
import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { Building2, Home, Inbox, Keyboard, MailPlus, Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useRole } from '../lib/coalition.tsx';
import { withNewParam } from '../lib/newParam.ts';
import { paths } from '../lib/paths.ts';
import { keysOf, shortcutFor, shortcutForHref, type Shortcut } from '../lib/shortcuts.ts';
import { useTRPC } from '../lib/trpc.ts';
import { NAV } from './nav.ts';

export interface PaletteCommand {
  /** Unique among the palette's rows (cmdk's value). */
  id: string;
  label: string;
  /** A second line: what the item is (e.g. "Milestone · At risk · due 3 Mar 2030"). */
  detail?: string;
  /** More words it is found by. */
  keywords?: string;
  /** A small icon (aria-hidden), 16 px. */
  icon: ReactNode;
  /** Shown at the right: the keyboard shortcut that does the same. */
  shortcut?: Shortcut | undefined;
  run: () => void;
}

/** Whether every word of `query` is in the command's label or keywords (case-insensitive). Empty: all. */
export function commandMatches(command: Pick<PaletteCommand, 'label' | 'keywords'>, query: string): boolean {
  const text = `${command.label} ${command.keywords ?? ''}`.toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

function Keys({ shortcut, apple }: { shortcut: Shortcut; apple: boolean }) {
  const keys = keysOf(shortcut, apple);
  return (
    <span className="ml-auto hidden shrink-0 items-center gap-1 sm:flex" aria-label={`Shortcut: ${keys.join(' then ')}`}>
      {keys.map((k, i) => (
        <kbd key={i} className="rounded border border-slate-200 bg-white px-1.5 font-sans text-[11px] font-medium text-slate-500">
          {k}
        </kbd>
      ))}
    </span>
  );
}

/** A cmdk group of commands; nothing when it has none. */
export function PaletteGroup({ heading, commands, apple, onRun }: { heading: string; commands: PaletteCommand[]; apple: boolean; onRun: (c: PaletteCommand) => void }) {
  if (commands.length === 0) return null;
  return (
    <Command.Group heading={heading} className="px-2 pb-2 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-500">
      {commands.map((c) => {
        return (
          <Command.Item
            key={c.id}
            value={c.id}
            onSelect={() => onRun(c)}
            className="flex min-h-10 cursor-pointer items-center gap-3 rounded-md px-2 py-1.5 text-sm text-slate-800 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-950 data-[selected=true]:outline-2 data-[selected=true]:-outline-offset-2 data-[selected=true]:outline-indigo-600"
          >
            <span aria-hidden className="flex size-5 shrink-0 items-center justify-center text-slate-500">
              {c.icon}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate">{c.label}</span>
              {c.detail && <span className="block truncate text-xs text-slate-600">{c.detail}</span>}
            </span>
            {c.shortcut && <Keys shortcut={c.shortcut} apple={apple} />}
          </Command.Item>
        );
      })}
    </Command.Group>
  );
}

/** The commands that need no server search: actions for this role, screens, coalitions, help. */
export function useStaticCommands(coalitionId: string | undefined, onShowShortcuts: () => void) {
  const trpc = useTRPC();
  const [location, navigate] = useLocation();
  const { canEdit, isOwner } = useRole(coalitionId);
  const coalitions = useQuery(trpc.coalition.list.queryOptions());
  const here = { pathname: location, search: useSearch() };

  const actions: PaletteCommand[] = [];
  if (coalitionId && canEdit) {
    actions.push(
      { id: 'action:new-milestone', label: 'New milestone', keywords: 'create add step', icon: <Plus className="size-4" />, run: () => navigate(withNewParam(paths.milestones(coalitionId), here)) },
      { id: 'action:new-partner', label: 'New partner', keywords: 'create add organisation state', icon: <Plus className="size-4" />, run: () => navigate(withNewParam(paths.partners(coalitionId), here)) },
    );
  }
  if (coalitionId && isOwner) {
    actions.push({ id: 'action:invite', label: 'Invite a member', keywords: 'invitation people email add', icon: <MailPlus className="size-4" />, run: () => navigate(withNewParam(paths.members(coalitionId), here)) });
  }
  actions.push({ id: 'action:shortcuts', label: 'Keyboard shortcuts', keywords: 'help keys', icon: <Keyboard className="size-4" />, shortcut: shortcutFor({ type: 'help' }), run: onShowShortcuts });

  const screens: PaletteCommand[] = coalitionId
    ? NAV.map((item) => {
        const href = item.href(coalitionId);
        return {
          id: `screen:${item.label}`,
          label: item.label,
          keywords: 'go to screen page',
          icon: <item.icon className="size-4" />,
          shortcut: shortcutForHref(href, coalitionId),
          run: () => navigate(href),
        };
      })
    : [];
  screens.push(
    { id: 'screen:inbox', label: 'Inbox', keywords: 'go to notifications', icon: <Inbox className="size-4" />, shortcut: shortcutFor({ type: 'go', to: 'inbox' }), run: () => navigate(paths.inbox()) },
    { id: 'screen:home', label: 'My coalitions', keywords: 'go to home all', icon: <Home className="size-4" />, run: () => navigate(paths.home()) },
  );

  const coalitionCommands: PaletteCommand[] = (coalitions.data ?? []).map((c) => ({
    id: `coalition:${c.id}`,
    label: c.name,
    detail: c.id === coalitionId ? 'Coalition · the one you are in' : 'Coalition',
    keywords: 'coalition switch',
    icon: <Building2 className="size-4" />,
    run: () => navigate(paths.dashboard(c.id)),
  }));
  return { actions, screens, coalitions: coalitionCommands };
}
