/**
 * Live updates and presence for the open coalition.
 *
 * `<LiveCoalition>` (mounted once by the coalition layout) holds one server-sent-events stream
 * (`live.events`, through `httpSubscriptionLink`). It:
 *  - turns each committed change into targeted invalidations (`keysForEvent`, lib/liveKeys.ts),
 *    batched over a few milliseconds and held back while one of our own mutations is in flight
 *    (a refetch then could briefly undo its optimistic update);
 *  - on `resync` (missed too much while away) refetches only this coalition's queries;
 *  - keeps who-is-here in the query cache under `live.presence` (read with `usePresence`): the
 *    stream's first presence message is the whole list, the next ones only what changed
 *    (`presenceDiff`: users to add or replace, user ids to drop), applied to the cached list;
 *  - on `access`: removed → toast, go home, forget the coalition's cache; role changed → refetch
 *    `coalition.get` so role gating follows at once.
 * The link reconnects by itself and sends the last event id, so the server replays what we missed.
 * A refused stream (TOO_MANY_REQUESTS: too many tabs open) says why once and retries slowly.
 */
import { useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { toast } from '../components/Toaster.tsx';
import { useMe } from './auth.tsx';
import { errorCode, errorMessage } from './errors.ts';
import { ROLE } from './labels.ts';
import { isCoalitionQuery, keysForEvent } from './liveKeys.ts';
import { paths } from './paths.ts';
import { clientId, useTRPC, useTRPCClient, type RouterOutputs } from './trpc.ts';

export type PresentUser = RouterOutputs['live']['presence'][number];
type Yielded = RouterOutputs['live']['events'] extends AsyncIterable<infer T, unknown, unknown> ? T : never;
/** A stream message; change events come wrapped as tracked `{ id, data }` (the id is the resume point). */
type LiveMessage = Exclude<Yielded, { id: string }> | Extract<Yielded, { id: string }>['data'];

/**
 * 'live' while streaming; 'connecting' before the first connection (or while the coalition loads);
 * 'reconnecting' after a drop, or while attempts fail (the server is unreachable); 'slow' when a
 * (re)connection has been under way for `SLOW_AFTER_MS` with nothing failing (a slow network);
 * 'offline' only when the browser itself is offline.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'slow' | 'offline';

const LiveContext = createContext<{ coalitionId: string; status: LiveStatus } | null>(null);

/** The stream's state for the top-bar indicator (null outside a coalition). */
export function useLiveStatus() {
  return useContext(LiveContext);
}

/** Mount once per open coalition (the coalition layout does); children can read the status. */
export function LiveCoalition({ coalitionId, enabled, children }: { coalitionId: string; enabled: boolean; children: ReactNode }) {
  const status = useLiveCoalition(coalitionId, { enabled });
  const value = useMemo(() => ({ coalitionId, status }), [coalitionId, status]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

const BATCH_MS = 20;
/** How long invalidations wait for our own in-flight mutations before going ahead anyway. */
const MAX_HOLD_MS = 3000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** First retry after the server refused the stream for having too many open. */
const RETRY_REFUSED_MS = 10_000;
/** A (re)connection still under way after this long, with nothing failing, is a slow connection. */
export const SLOW_AFTER_MS = 3000;

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** The browser's own view: false when it has no network at all. */
function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/** The subscription for one coalition; returns the connection status. */
export function useLiveCoalition(coalitionId: string, { enabled = true }: { enabled?: boolean } = {}): LiveStatus {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const invalidator = useMemo(() => createInvalidator(queryClient), [queryClient]);
  useEffect(() => () => invalidator.dispose(), [invalidator]);
  const connectedOnce = useRef(false);
  /** Set when a (re)connection starts: the next presence message re-announces where this tab is. */
  const announceLocation = useRef(true);
  /** A new stream (not the link's own reconnect) cannot replay what we missed: refetch instead. */
  const resyncOnStart = useRef(false);
  /** Removed from the coalition: the stream ended for good. */
  const removed = useRef(false);
  /** A change arrived on this stream: the link has a resume point (the last event id). */
  const sawChange = useRef(false);
  const attempts = useRef(0);
  /** Connections made so far: each wait for the next one is told apart from the one before. */
  const starts = useRef(0);

  const handle = (msg: LiveMessage) => {
    switch (msg.type) {
      case 'change':
        sawChange.current = true;
        invalidator.add(keysForEvent(msg.event, coalitionId));
        break;
      case 'resync':
        invalidator.addPredicate((key) => isCoalitionQuery(key, coalitionId));
        break;
      case 'presence':
      case 'presenceDiff':
        queryClient.setQueryData(trpc.live.presence.queryKey({ coalitionId }), (users) =>
          msg.type === 'presence' ? msg.users : applyPresenceDiff(users ?? [], msg),
        );
        // The first presence message of a (re)connection: the server knows this tab at no milestone yet.
        if (announceLocation.current) {
          announceLocation.current = false;
          location.resend(client, coalitionId);
        }
        break;
      case 'access':
        onAccessChange(msg.role);
        break;
      case 'inbox':
        // Something arrived in (or was read from) my inbox, in any coalition.
        void queryClient.invalidateQueries({ queryKey: trpc.inbox.unreadCount.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() });
        break;
    }
  };

  const onAccessChange = (role: Extract<LiveMessage, { type: 'access' }>['role']) => {
    const getKey = trpc.coalition.get.queryKey({ coalitionId });
    const coalition = queryClient.getQueryData(getKey);
    if (role === null) {
      // Leaving on purpose: the members screen does the rest and says so.
      removed.current = true;
      if (queryClient.isMutating({ mutationKey: trpc.member.leave.mutationKey() }) > 0) return;
      // Same order as a voluntary leave: forget, then go (both before React renders again).
      queryClient.removeQueries({ predicate: (q) => isCoalitionQuery(q.queryKey, coalitionId) });
      void queryClient.invalidateQueries({ queryKey: trpc.coalition.list.queryKey() });
      navigate(paths.home());
      toast.warning(`You were removed from ${coalition?.name ?? 'this coalition'}`);
      return;
    }
    void queryClient.invalidateQueries({ queryKey: getKey });
    void queryClient.invalidateQueries({ queryKey: trpc.coalition.list.queryKey() });
    if (coalition && coalition.role !== role) toast.info(`You are now ${ROLE[role].label.toLowerCase()} in ${coalition.name}`);
  };

  // Another coalition (the layout stays mounted across the switcher) starts afresh.
  useEffect(() => {
    connectedOnce.current = false;
    resyncOnStart.current = false;
    removed.current = false;
    sawChange.current = false;
    attempts.current = 0;
  }, [coalitionId]);
  // Paused (e.g. the coalition failed to load) and resumed later: nothing can be replayed.
  useEffect(() => {
    if (enabled) return;
    if (connectedOnce.current) resyncOnStart.current = true;
    sawChange.current = false;
  }, [enabled]);

  const sub = useSubscription(
    trpc.live.events.subscriptionOptions(
      { coalitionId, clientId },
      {
        enabled,
        onStarted: () => {
          // The link reconnects on its own and resumes after the last change we saw; with no
          // change seen yet there is no resume point, so a reconnect refetches instead.
          const reconnect = connectedOnce.current;
          if (resyncOnStart.current || (reconnect && !sawChange.current)) {
            resyncOnStart.current = false;
            invalidator.addPredicate((key) => isCoalitionQuery(key, coalitionId));
          }
          connectedOnce.current = true;
          starts.current += 1;
          announceLocation.current = true;
        },
        onData: (payload) => handle(unwrap(payload)),
      },
    ),
  );

  // A stream that ended (the server went away cleanly) or failed for good (a dropped connection
  // the link retries by itself): start a new one with backoff. A new stream has no resume
  // point, so once it is up this coalition's queries are refetched. If the server refused us,
  // re-check the coalition: the layout then shows "not found", or the sign-in redirect happens.
  const { status, error, reset } = sub;
  useEffect(() => {
    if (status === 'pending') attempts.current = 0;
    if ((status !== 'error' && status !== 'idle') || !enabled || removed.current) return;
    const code = errorCode(error);
    if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHORIZED') {
      void queryClient.invalidateQueries({ queryKey: trpc.coalition.get.queryKey({ coalitionId }) });
    }
    // Too many streams open (this person's tabs, or the whole coalition): say so once, retry slowly.
    if (code === 'TOO_MANY_REQUESTS') toast.warning(errorMessage(error), { id: 'live-too-many-streams' });
    const base = code === 'TOO_MANY_REQUESTS' ? RETRY_REFUSED_MS : RETRY_MIN_MS;
    const delay = Math.min(RETRY_MAX_MS, base * 2 ** attempts.current++);
    const timer = setTimeout(() => {
      if (connectedOnce.current) resyncOnStart.current = true;
      sawChange.current = false;
      reset();
    }, delay);
    return () => clearTimeout(timer);
  }, [status, error, reset, enabled, queryClient, trpc, coalitionId]);

  const online = useOnline();
  const streaming = enabled && !removed.current && status === 'pending';
  // Waiting for a connection (or for the coalition to load) with no attempt failed: it may just be slow.
  const waitKey = !streaming && !error ? `${coalitionId}/${enabled}/${starts.current}` : null;
  const [slowKey, setSlowKey] = useState<string | null>(null);
  useEffect(() => {
    if (!waitKey) return;
    const timer = setTimeout(() => setSlowKey(waitKey), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [waitKey]);

  if (!online) return 'offline';
  if (streaming) return 'live';
  if (waitKey && slowKey === waitKey) return 'slow';
  // 'connecting', 'error' and 'idle' (ended): a new attempt is on its way.
  return connectedOnce.current || error ? 'reconnecting' : 'connecting';
}

/** The cached list with a diff applied: removals, then additions and replacements by user id; sorted by name. */
export function applyPresenceDiff(users: PresentUser[], diff: { upsert: PresentUser[]; remove: string[] }): PresentUser[] {
  const byId = new Map(users.map((u) => [u.userId, u]));
  for (const userId of diff.remove) byId.delete(userId);
  for (const u of diff.upsert) byId.set(u.userId, u);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Tracked events arrive as `{ id, data }`; the others as the message itself. */
function unwrap(payload: Yielded): LiveMessage {
  return 'type' in payload ? payload : payload.data;
}

type Invalidation = { kind: 'key'; key: QueryKey } | { kind: 'predicate'; test: (key: QueryKey) => boolean };

/**
 * Collects invalidations for a few milliseconds (a burst of replayed events becomes one refetch
 * per query) and holds them while one of our own mutations is pending.
 */
function createInvalidator(queryClient: QueryClient) {
  const pending = new Map<string, Invalidation>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  let disposed = false;

  const flush = () => {
    clearTimeout(holdTimer);
    holdTimer = undefined;
    unsubscribe?.();
    unsubscribe = undefined;
    const items = [...pending.values()];
    pending.clear();
    const predicates = items.flatMap((i) => (i.kind === 'predicate' ? [i.test] : []));
    if (predicates.length) void queryClient.invalidateQueries({ predicate: (q) => predicates.some((t) => t(q.queryKey)) });
    for (const i of items) if (i.kind === 'key') void queryClient.invalidateQueries({ queryKey: i.key });
  };
  const run = () => {
    timer = undefined;
    if (disposed || pending.size === 0) return;
    if (queryClient.isMutating() === 0) return flush();
    if (unsubscribe) return; // already waiting
    unsubscribe = queryClient.getMutationCache().subscribe(() => {
      if (queryClient.isMutating() === 0) flush();
    });
    holdTimer = setTimeout(flush, MAX_HOLD_MS);
  };
  const schedule = () => {
    if (!timer && !unsubscribe) timer = setTimeout(run, BATCH_MS);
  };
  return {
    add(keys: QueryKey[]) {
      for (const key of keys) pending.set(JSON.stringify(key), { kind: 'key', key });
      schedule();
    },
    addPredicate(test: (key: QueryKey) => boolean) {
      pending.set(`predicate:${pending.size}`, { kind: 'predicate', test });
      schedule();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      clearTimeout(holdTimer);
      unsubscribe?.();
      pending.clear();
    },
  };
}

/* ---------------------------------------------------------------------------------------------
 * Where this tab is (which milestone), told to the server with live.setLocation. Sends are
 * serialized and coalesced (only the latest place matters), and re-sent after a reconnect.
 * ------------------------------------------------------------------------------------------- */

type Client = ReturnType<typeof useTRPCClient>;
type Place = { coalitionId: string; milestoneId: string | null };

const location = (() => {
  let desired: Place | null = null;
  let sent: string | null = null;
  let sending = false;
  const keyOf = (p: Place) => `${p.coalitionId}/${p.milestoneId ?? ''}`;

  /** Asked to send while a send was in flight (e.g. the stream joined meanwhile): go round again. */
  let again = false;
  async function pump(client: Client) {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      do {
        again = false;
        while (desired && keyOf(desired) !== sent) {
          const place = desired;
          const key = keyOf(place);
          try {
            const r = await client.live.setLocation.mutate({ coalitionId: place.coalitionId, clientId, milestoneId: place.milestoneId });
            // Not connected yet: the stream's first presence message asks for a resend.
            sent = r.ok ? key : null;
            if (!r.ok) break;
          } catch {
            sent = null;
            break;
          }
        }
      } while (again);
    } finally {
      sending = false;
    }
  }

  return {
    set(client: Client, place: Place) {
      desired = place;
      void pump(client);
    },
    clear(client: Client, place: Place) {
      if (desired && keyOf(desired) === keyOf(place)) this.set(client, { coalitionId: place.coalitionId, milestoneId: null });
    },
    /** After a (re)connection the server knows this tab at no milestone. */
    resend(client: Client, coalitionId: string) {
      sent = null;
      if (desired?.coalitionId === coalitionId && desired.milestoneId) void pump(client);
      else if (desired?.coalitionId === coalitionId) sent = keyOf(desired);
    },
  };
})();

/** Tells the others this tab is looking at a milestone (and that it left, on unmount). */
export function useLiveLocation(coalitionId: string, milestoneId: string | null) {
  const client = useTRPCClient();
  useEffect(() => {
    if (!coalitionId) return;
    const place = { coalitionId, milestoneId };
    location.set(client, place);
    return () => location.clear(client, place);
  }, [client, coalitionId, milestoneId]);
}

/** Who has this coalition open (from the stream), everyone including me. */
export function usePresence(coalitionId: string): PresentUser[] {
  const trpc = useTRPC();
  // Filled only by the stream (setQueryData): never fetched, so it cannot race the stream.
  const q = useQuery({ ...trpc.live.presence.queryOptions({ coalitionId }), enabled: false, staleTime: Infinity });
  return q.data ?? EMPTY;
}
const EMPTY: PresentUser[] = [];

/** The other people here: on the coalition, or (with `milestoneId`) on that milestone. */
export function useOthersHere(coalitionId: string, milestoneId?: string): PresentUser[] {
  const users = usePresence(coalitionId);
  const me = useMe().data?.id;
  return useMemo(
    () => users.filter((u) => u.userId !== me && (milestoneId === undefined || u.milestoneIds.includes(milestoneId))),
    [users, me, milestoneId],
  );
}
