import { Dialog as D } from 'radix-ui';
import { Menu as MenuIcon, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { IconButton } from '../components/IconButton.tsx';
import { PresenceAvatars } from '../components/Presence.tsx';
import { TooltipProvider } from '../components/Tooltip.tsx';
import { CoalitionSwitcher } from './CoalitionSwitcher.tsx';
import { CommandPaletteDrawerButton, CommandPaletteHost } from './CommandPaletteHost.tsx';
import { CountdownChip } from './CountdownChip.tsx';
import { InboxBell } from './InboxBell.tsx';
import { LiveIndicator } from './LiveStatus.tsx';
import { SessionBanner } from './SessionBanner.tsx';
import { SidebarNav } from './Sidebar.tsx';
import { UserMenu } from './UserMenu.tsx';

export function Logo({ compact }: { compact?: boolean }) {
  return (
    <Link href="/" className="inline-flex items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600" aria-label="Coalition Planner — my coalitions">
      <svg aria-hidden viewBox="0 0 32 32" className="size-7 shrink-0">
        <rect width="32" height="32" rx="7" fill="#4338ca" />
        <circle cx="11" cy="12" r="4" fill="#fff" />
        <circle cx="21" cy="12" r="4" fill="#c7d2fe" />
        <circle cx="16" cy="21" r="4" fill="#a5b4fc" />
      </svg>
      {!compact && <span className="hidden text-sm font-semibold tracking-tight text-slate-900 lg:inline">Coalition Planner</span>}
    </Link>
  );
}

function SkipLink() {
  return (
    <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3">
      Skip to content
    </a>
  );
}

export interface ShellProps {
  children: ReactNode;
  coalition?: { id: string; name: string; goalDate: string; timeZone: string } | undefined;
  /** Id of the coalition in the route (known before the coalition has loaded). */
  coalitionId?: string;
}

/**
 * The frame of every signed-in screen: top bar, (inside a coalition) the sidebar, and the main area.
 * A lazy chunk (layout/shell.ts) with the Radix menus, dialog and tooltips it brings: until it is
 * there, `ShellSkeleton` (the static shell of index.html, layout/bootShell.ts) stands in with the
 * same geometry — keep the two in step. It also provides the tooltips' context to every screen.
 */
export function AppShell(props: ShellProps) {
  return (
    <TooltipProvider delayDuration={300}>
      <Shell {...props} />
    </TooltipProvider>
  );
}

export default AppShell;

function Shell({ children, coalition, coalitionId }: ShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const inCoalition = !!coalitionId;
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 print:min-h-0 print:bg-white">
      <SkipLink />
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80 print:hidden">
        <div className="flex h-14 items-center gap-2 px-3 sm:px-4">
          {inCoalition && (
            <D.Root open={menuOpen} onOpenChange={setMenuOpen}>
              <D.Trigger asChild>
                <IconButton label="Open navigation" icon={<MenuIcon aria-hidden className="size-5" />} className="md:hidden" tooltip={false} />
              </D.Trigger>
              <D.Portal>
                <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
                <D.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 bg-slate-50 p-3 shadow-xl focus:outline-none md:hidden">
                  <div className="flex items-center justify-between">
                    <D.Title className="px-1 text-sm font-semibold text-slate-900">{coalition?.name ?? 'Navigation'}</D.Title>
                    <D.Close asChild>
                      <IconButton label="Close navigation" icon={<X aria-hidden className="size-5" />} tooltip={false} />
                    </D.Close>
                  </div>
                  <D.Description className="sr-only">Move between the screens of this coalition</D.Description>
                  <CommandPaletteDrawerButton onOpen={() => setMenuOpen(false)} />
                  <SidebarNav coalitionId={coalitionId} onNavigate={() => setMenuOpen(false)} />
                </D.Content>
              </D.Portal>
            </D.Root>
          )}
          <Logo compact={inCoalition} />
          <span aria-hidden className="mx-1 hidden h-5 w-px bg-slate-200 sm:block" />
          <div className="min-w-0 flex-1">
            <CoalitionSwitcher currentId={coalitionId} currentName={coalition?.name} />
          </div>
          <CommandPaletteHost coalitionId={coalitionId} />
          {inCoalition && <PresenceAvatars coalitionId={coalitionId} className="hidden sm:flex" />}
          {inCoalition && <LiveIndicator />}
          {coalition && <CountdownChip goalDate={coalition.goalDate} timeZone={coalition.timeZone} />}
          <InboxBell />
          <UserMenu />
        </div>
      </header>
      <SessionBanner />
      <div className="flex min-h-0 flex-1">
        {inCoalition && (
          <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-slate-100/60 md:block print:hidden">
            <div className="sticky top-14 max-h-[calc(100dvh-3.5rem)] overflow-y-auto p-3">
              <SidebarNav coalitionId={coalitionId} />
            </div>
          </aside>
        )}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          <div className="mx-auto w-full max-w-6xl px-4 py-5 sm:px-6 sm:py-6 print:max-w-none print:px-0 print:py-0">{children}</div>
        </main>
      </div>
    </div>
  );
}
