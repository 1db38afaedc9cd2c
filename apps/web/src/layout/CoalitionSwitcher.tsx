import { useQuery } from '@tanstack/react-query';
import { ChevronsUpDown, LayoutGrid, Plus } from 'lucide-react';
import { Badge } from '../components/Badge.tsx';
import { Menu, MenuContent, MenuLabel, MenuLinkItem, MenuSeparator, MenuTrigger } from '../components/DropdownMenu.tsx';
import { ROLE } from '../lib/labels.ts';
import { paths } from '../lib/paths.ts';
import { useTRPC } from '../lib/trpc.ts';

export function CoalitionSwitcher({ currentId, currentName }: { currentId?: string; currentName?: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.coalition.list.queryOptions());
  return (
    <Menu>
      <MenuTrigger>
        <button
          type="button"
          className="inline-flex min-w-0 max-w-full items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 sm:max-w-xs"
        >
          <span className="truncate">{currentName ?? 'My coalitions'}</span>
          <span className="sr-only">: switch coalition</span>
          <ChevronsUpDown aria-hidden className="size-3.5 shrink-0 text-slate-500" />
        </button>
      </MenuTrigger>
      <MenuContent align="start" className="w-72">
        <MenuLabel>Your coalitions</MenuLabel>
        {list.isPending && <p className="px-2 py-1.5 text-sm text-slate-500">Loading…</p>}
        {list.data?.length === 0 && <p className="px-2 py-1.5 text-sm text-slate-500">None yet</p>}
        <div className="max-h-72 overflow-y-auto">
          {list.data?.map((c) => (
            <MenuLinkItem key={c.id} href={paths.dashboard(c.id)} current={c.id === currentId}>
              <span className="min-w-0 flex-1 truncate">{c.name}</span>
              {c.id === currentId && <span className="sr-only">(current)</span>}
              <Badge tone={ROLE[c.role].tone}>{ROLE[c.role].label}</Badge>
            </MenuLinkItem>
          ))}
        </div>
        <MenuSeparator />
        <MenuLinkItem href={paths.home()}>
          <LayoutGrid aria-hidden />
          All coalitions
        </MenuLinkItem>
        <MenuLinkItem href={paths.newCoalition()}>
          <Plus aria-hidden />
          New coalition
        </MenuLinkItem>
      </MenuContent>
    </Menu>
  );
}
