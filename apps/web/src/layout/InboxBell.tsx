/**
 * The top bar's inbox bell: a link to `/inbox` with my unread count as a badge ("3", "99+").
 * Inside a coalition the live stream refreshes the count (`{ type: 'inbox' }`, lib/live.tsx);
 * without a live stream (home screens, or while it is down) the count is polled every 30 s, only
 * while the tab is visible (TanStack pauses interval refetches in the background).
 */
import { useQuery } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { Link, useLocation } from 'wouter';
import { Tooltip } from '../components/Tooltip.tsx';
import { cn } from '../lib/cn.ts';
import { inboxBellLabel, unreadBadge, unreadCountQueryOptions } from '../lib/inbox.ts';
import { useLiveStatus } from '../lib/live.tsx';
import { paths } from '../lib/paths.ts';
import { useTRPC } from '../lib/trpc.ts';

const POLL_MS = 30_000;

export function InboxBell({ className }: { className?: string }) {
  const trpc = useTRPC();
  const live = useLiveStatus();
  const [location] = useLocation();
  const streaming = live?.status === 'live';
  const q = useQuery({ ...unreadCountQueryOptions(trpc), refetchInterval: streaming ? false : POLL_MS, refetchIntervalInBackground: false });
  const unread = q.data?.unread ?? 0;
  const label = inboxBellLabel(q.data?.unread);
  const here = location === paths.inbox();
  return (
    <Tooltip content={label}>
      <Link
        href={paths.inbox()}
        aria-label={label}
        aria-current={here ? 'page' : undefined}
        className={cn(
          'relative inline-flex size-9 shrink-0 items-center justify-center rounded-md text-slate-600 transition-colors hover:bg-slate-100 hover:text-slate-900',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
          here && 'bg-slate-100 text-slate-900',
          className,
        )}
      >
        <Bell aria-hidden className="size-5" />
        {unread > 0 && (
          <span
            aria-hidden
            data-testid="inbox-badge"
            className="absolute -right-0.5 -top-0.5 inline-flex h-[18px] min-w-[18px] items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold leading-none text-white ring-2 ring-white"
          >
            {unreadBadge(unread)}
          </span>
        )}
      </Link>
    </Tooltip>
  );
}
