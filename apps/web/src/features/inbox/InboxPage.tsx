/**
 * The inbox: what needs me across all my coalitions, newest first — mentions, comments on and
 * status changes of what I follow, role changes. Opening an item marks it read and goes where
 * the activity screen links the same change (`pathOf` of the domain's `activityTarget`).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { CheckCheck, Inbox } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { useLocation, useSearch } from 'wouter';
import { NOTIFICATION_KIND_LABELS } from '@coalition/domain';
import { ActivitySentence, ActivityTime } from '../../components/ActivityText.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Checkbox } from '../../components/Input.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { cn } from '../../lib/cn.ts';
import { useNow } from '../../lib/coalition.tsx';
import { unreadCountQueryOptions } from '../../lib/inbox.ts';
import { pathOf, paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useInboxCache, type InboxItem } from './cache.ts';

const PAGE = 30;

export default function InboxPage() {
  useDocumentTitle('Inbox');
  const trpc = useTRPC();
  const search = useSearch();
  const [, navigate] = useLocation();
  const unreadOnly = new URLSearchParams(search).get('unread') === '1';
  const setUnreadOnly = (on: boolean) => navigate(on ? `${paths.inbox()}?unread=1` : paths.inbox(), { replace: true });

  const q = useInfiniteQuery(
    trpc.inbox.list.infiniteQueryOptions({ limit: PAGE, ...(unreadOnly ? { unreadOnly: true } : {}) }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const count = useQuery(unreadCountQueryOptions(trpc));
  const { markRead, markAllRead, refresh } = useInboxCache();
  const now = useNow(30_000);
  const unread = count.data?.unread ?? 0;

  // No live stream out here: when the (polled) unread count rises, something new arrived.
  const lastUnread = useRef(unread);
  useEffect(() => {
    if (unread > lastUnread.current) refresh();
    lastUnread.current = unread;
  }, [unread, refresh]);

  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  let body: React.ReactNode;
  if (q.isPending) body = <LoadingState label="Loading your inbox…" rows={6} />;
  else if (q.isError) body = <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  else if (items.length === 0)
    body = (
      <EmptyState
        icon={<Inbox aria-hidden />}
        title="Nothing needs you right now"
        description={
          unreadOnly
            ? 'You have read everything. Show all to see earlier ones.'
            : 'When someone mentions you, comments on or changes the status of something you follow, makes you responsible or changes your role, or a milestone you are responsible for is due soon, it shows up here.'
        }
        action={
          unreadOnly ? (
            <Button variant="secondary" onClick={() => setUnreadOnly(false)}>
              Show all
            </Button>
          ) : undefined
        }
      />
    );
  else
    body = (
      <>
        <ol aria-label="Notifications, newest first" className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {items.map((item) => (
            <InboxRow key={item.id} item={item} now={now} onRead={() => markRead.mutate({ ids: [item.id] })} />
          ))}
        </ol>
        {q.hasNextPage && (
          <div className="mt-3">
            <Button variant="secondary" size="sm" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
              Show older
            </Button>
          </div>
        )}
      </>
    );

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Inbox"
        description="Mentions, comments and status changes on what you follow, milestones you are responsible for that are due soon or overdue, and changes to your role, across all your coalitions."
        actions={
          <Button variant="secondary" icon={<CheckCheck aria-hidden className="size-4" />} disabled={unread === 0} loading={markAllRead.isPending} onClick={() => markAllRead.mutate()}>
            Mark all read
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <Checkbox label="Unread only" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
        <p className="text-sm text-slate-600" aria-live="polite">
          {count.data ? (unread === 0 ? 'All read' : `${unread.toLocaleString('en-GB')} unread`) : ''}
        </p>
      </div>
      {body}
    </div>
  );
}

function InboxRow({ item, now, onRead }: { item: InboxItem; now: number; onRead: () => void }) {
  const sentenceId = useId();
  const unread = item.readAt === null;
  const href = item.target ? pathOf(item.coalitionId, item.target) : undefined;
  const label = NOTIFICATION_KIND_LABELS[item.kind];
  return (
    <li className={cn('flex items-start gap-3 px-4 py-3', unread && 'shadow-[inset_3px_0_0_var(--color-indigo-600)]')}>
      <span aria-hidden className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-indigo-600' : 'bg-transparent')} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
          <span className={cn('font-semibold', unread ? 'text-indigo-800' : 'text-slate-700')}>{label}</span>
          <span className="hidden text-slate-400 sm:inline" aria-hidden>
            ·
          </span>
          <span className="min-w-0 break-words text-slate-600">{item.coalitionName}</span>
          {unread && <Badge tone="indigo">Unread</Badge>}
          {item.emailStatus === 'failed' && (
            <Badge tone="red" title={item.emailError ?? undefined}>
              Email not delivered
            </Badge>
          )}
        </p>
        <p id={sentenceId} className={cn('mt-1 text-sm break-words', unread ? 'text-slate-900' : 'text-slate-700')}>
          <ActivitySentence
            row={{ summary: item.summary ?? label.toLowerCase(), actor: item.actorName ? { name: item.actorName } : null }}
            href={href}
            onNavigate={unread ? onRead : undefined}
          />
        </p>
        {item.excerpt && <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-sm text-slate-700 break-words">{item.excerpt}</blockquote>}
        <div className={cn('mt-1 flex flex-wrap items-center justify-between gap-x-3', unread && 'min-h-8')}>
          <ActivityTime at={item.createdAt} now={now} />
          {unread && (
            <Button variant="ghost" size="sm" className="-my-1 -mr-2" aria-describedby={sentenceId} onClick={onRead}>
              Mark read
            </Button>
          )}
        </div>
      </div>
    </li>
  );
}
