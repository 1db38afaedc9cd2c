/**
 * Reading the inbox, optimistically: marking items read updates every cached inbox list (plain
 * or paged, any filter) and the bell's unread count at once; a failure puts them back; either
 * way both are refetched afterwards.
 */
import { useMutation, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { toast } from '../../components/Toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

export type InboxPage = RouterOutputs['inbox']['list'];
export type InboxItem = InboxPage['items'][number];
type Cached = InboxPage | InfiniteData<InboxPage, unknown> | undefined;

interface Snapshot {
  lists: Array<[QueryKey, Cached]>;
  count: { unread: number } | undefined;
}

const pagesOf = (data: Cached): InboxPage[] => (!data ? [] : 'pages' in data ? data.pages : [data]);

function mapItems(data: Cached, fn: (item: InboxItem) => InboxItem): Cached {
  if (!data) return data;
  const page = (p: InboxPage): InboxPage => ({ ...p, items: p.items.map(fn) });
  return 'pages' in data ? { ...data, pages: data.pages.map(page) } : page(data);
}

export function useInboxCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.inbox.list.pathKey();
  const countKey = trpc.inbox.unreadCount.queryKey();

  const snapshot = async (): Promise<Snapshot> => {
    await Promise.all([queryClient.cancelQueries({ queryKey: listKey }), queryClient.cancelQueries({ queryKey: countKey })]);
    return { lists: queryClient.getQueriesData<Cached>({ queryKey: listKey }), count: queryClient.getQueryData(countKey) };
  };
  const restore = (s: Snapshot | undefined) => {
    if (!s) return;
    for (const [key, data] of s.lists) queryClient.setQueryData(key, data);
    queryClient.setQueryData(countKey, s.count);
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: listKey });
    void queryClient.invalidateQueries({ queryKey: countKey });
  };

  /** Marks `ids` read (or everything when `ids` is 'all') in the cache; returns how many were unread there. */
  const applyRead = (s: Snapshot, ids: readonly number[] | 'all') => {
    const now = Date.now();
    const hit = (item: InboxItem) => item.readAt === null && (ids === 'all' || ids.includes(item.id));
    const wereUnread = new Set<number>();
    for (const [, data] of s.lists) for (const p of pagesOf(data)) for (const item of p.items) if (hit(item)) wereUnread.add(item.id);
    queryClient.setQueriesData<Cached>({ queryKey: listKey }, (old) => mapItems(old, (item) => (hit(item) ? { ...item, readAt: now } : item)));
    if (s.count) queryClient.setQueryData(countKey, { unread: ids === 'all' ? 0 : Math.max(0, s.count.unread - wereUnread.size) });
  };

  const fail = (err: unknown, ctx: Snapshot | undefined) => {
    restore(ctx);
    toast.error(errorMessage(err));
  };

  const markRead = useMutation(
    trpc.inbox.markRead.mutationOptions({
      onMutate: async ({ ids }) => {
        const s = await snapshot();
        applyRead(s, ids);
        return s;
      },
      onError: (err, _input, ctx) => fail(err, ctx),
      onSettled: refresh,
    }),
  );
  const markAllRead = useMutation(
    trpc.inbox.markAllRead.mutationOptions({
      onMutate: async () => {
        const s = await snapshot();
        applyRead(s, 'all');
        return s;
      },
      onError: (err, _input, ctx) => fail(err, ctx),
      onSettled: refresh,
    }),
  );
  return { markRead, markAllRead, refresh };
}
