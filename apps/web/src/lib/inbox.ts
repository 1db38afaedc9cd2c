/**
 * The inbox, where the shell and the inbox screen share it: the unread count's query (one set
 * of options, so the bell and the screen read the same cache entry) and how it reads.
 */
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from './trpc.ts';

export function unreadCountQueryOptions(trpc: TRPCOptionsProxy<AppRouter>) {
  return trpc.inbox.unreadCount.queryOptions();
}

/** The badge's text: "3", "99+". */
export function unreadBadge(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/** The bell's accessible name: "Inbox, 3 unread" ("Inbox" until the count is known). */
export function inboxBellLabel(unread: number | undefined): string {
  if (unread === undefined) return 'Inbox';
  return unread === 0 ? 'Inbox, nothing unread' : `Inbox, ${unreadBadge(unread)} unread`;
}
