/**
 * Live updates over server-sent events (tRPC v11 subscriptions, `httpSubscriptionLink`).
 *
 * One stream per open coalition. It carries:
 *  - `change`: a committed change (the activity row), sent as a *tracked* event whose id is
 *    the activity id; a reconnecting client passes `lastEventId` and gets what it missed from
 *    the activity log (or `resync` when too much was missed, so it refetches);
 *  - `presence`: who has the coalition open and on which milestone — first a snapshot
 *    (`presence`, the whole list), then only what changed (`presenceDiff`), batched per
 *    coalition over a few tens of milliseconds (see presence.ts);
 *  - `access`: the caller's role changed; when they are removed the stream ends at once.
 *
 * Listeners (the event bus, presence) only push to the stream's own queue; the stream's loop
 * takes from it. A user and a coalition may hold a limited number of open streams
 * (`liveLimits`): past that the stream is refused with TOO_MANY_REQUESTS before anything is sent.
 */
import { TRPCError, tracked, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Activity } from '@coalition/db/schema';
import { isSessionActive } from '@coalition/auth';
import { activityReadableBy, zId } from '@coalition/domain';
import { liveWakeups, type AccessEvent, type SlicedScheduler } from '../events.ts';
import type { PresenceDiff, PresentUser, StreamRefusal } from '../presence.ts';
import { eventsAfter } from '../services/activity.ts';
import { viewerProcedure } from '../trpc.ts';

/** More missed events than this and the client is told to refetch instead. */
export const CATCH_UP_LIMIT = 500;
/**
 * More messages than this waiting for one stream (its client stopped reading) and the stream
 * ends with a retryable error: the client reconnects and catches up from the activity log,
 * instead of the server holding an ever-growing queue for it.
 */
export const MAX_QUEUED = 2000;

const zClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid client id');

export type LiveMessage =
  | { type: 'change'; event: Activity }
  | { type: 'resync' }
  /** The whole list: the first presence message of every stream. */
  | { type: 'presence'; users: PresentUser[] }
  /** Then only changes: users to add or replace (by userId), user ids to drop. */
  | { type: 'presenceDiff'; upsert: PresentUser[]; remove: string[] }
  | { type: 'access'; role: AccessEvent['role'] }
  /** Something arrived in (or was read from) my inbox, in any coalition: refresh the unread count. */
  | { type: 'inbox' };

type Queued =
  | { kind: 'change'; event: Activity }
  | { kind: 'presence'; diff: PresenceDiff }
  | { kind: 'access'; event: AccessEvent }
  /** Re-check the session (one of the user's sessions was deleted, or the timer fired). */
  | { kind: 'session' }
  | { kind: 'inbox' };

const INBOX_MESSAGE: LiveMessage = { type: 'inbox' };

/** What a stream whose session ended gets (the client stops and shows the sign-in screen). */
export const SESSION_ENDED_MESSAGE = 'Your session has ended (signed out or expired). Sign in again to see live changes.';

/**
 * One message object per change, diff or snapshot, shared by every stream that sends it (they
 * are never mutated), so a writer may serialize it once for all of them.
 */
const sharedMessages = new WeakMap<object, LiveMessage>();
function shared<K extends object, M extends LiveMessage>(key: K, make: () => M): M {
  let message = sharedMessages.get(key) as M | undefined;
  if (!message) sharedMessages.set(key, (message = make()));
  return message;
}
type MessageOf<T extends LiveMessage['type']> = Extract<LiveMessage, { type: T }>;
const changeMessage = (event: Activity) => shared(event, (): MessageOf<'change'> => ({ type: 'change', event }));
const snapshotMessage = (users: PresentUser[]) => shared(users, (): MessageOf<'presence'> => ({ type: 'presence', users }));
const diffMessage = (diff: PresenceDiff) =>
  shared(diff, (): MessageOf<'presenceDiff'> => ({ type: 'presenceDiff', upsert: diff.upsert, remove: diff.remove }));

/** What the refused caller reads (the web client shows it). */
export function tooManyStreamsMessage(refusal: StreamRefusal): string {
  return refusal.scope === 'user'
    ? `Too many live connections: you already have ${refusal.limit} open, the most one person may have. ` +
        'Close some other tabs or windows of the planner; this one reconnects by itself.'
    : `This coalition already has ${refusal.limit} live connections open, the most it may have. ` +
        'Live updates resume by themselves when some close; until then reload to see changes.';
}

/**
 * One stream's queue. Listeners push: an append, nothing else runs in the publisher's call
 * (a mutation's, with hundreds of streams open). A stream's loop waiting in `take` is woken
 * later through `liveWakeups` (after the publisher's turn, a slice of streams per turn).
 * Items come out in the order they were pushed. Closing wakes the loop with nothing, so it ends.
 */
export class StreamQueue<T> {
  private items: T[] = [];
  private wake: (() => void) | null = null;
  private wakeScheduled = false;
  private closed = false;
  /** More than `limit` items piled up (the client stopped reading): the queue closed itself. */
  overflowed = false;

  constructor(
    private readonly wakeups: SlicedScheduler = liveWakeups,
    private readonly limit = MAX_QUEUED,
  ) {}

  push(item: T) {
    if (this.closed) return;
    if (this.items.length >= this.limit) {
      this.overflowed = true;
      this.close();
      return;
    }
    this.items.push(item);
    if (this.wake && !this.wakeScheduled) {
      this.wakeScheduled = true;
      this.wakeups.schedule(this.resume);
    }
  }
  close() {
    this.closed = true;
    this.items = [];
    this.resume();
  }
  /** What is queued (waiting for at least one item); empty once closed. */
  async take(): Promise<T[]> {
    while (this.items.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
    const items = this.items;
    this.items = [];
    return items;
  }
  private readonly resume = () => {
    this.wakeScheduled = false;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  };
}

/** Several presence diffs waiting for a slow stream become one. */
function coalesce(items: Queued[]): Queued[] {
  let presenceAt = -1;
  const out: Queued[] = [];
  for (const item of items) {
    if (item.kind !== 'presence') {
      out.push(item);
    } else if (presenceAt === -1) {
      presenceAt = out.push(item) - 1;
    } else {
      out[presenceAt] = { kind: 'presence', diff: mergeDiffs((out[presenceAt] as { diff: PresenceDiff }).diff, item.diff) };
    }
  }
  return out;
}

function mergeDiffs(a: PresenceDiff, b: PresenceDiff): PresenceDiff {
  const upsert = new Map(a.upsert.map((u) => [u.userId, u]));
  const remove = new Set(a.remove);
  for (const id of b.remove) {
    upsert.delete(id);
    remove.add(id);
  }
  for (const u of b.upsert) {
    upsert.set(u.userId, u);
    remove.delete(u.userId);
  }
  return { upsert: [...upsert.values()], remove: [...remove] };
}

export const liveRouter = {
  events: viewerProcedure
    .input(z.object({ clientId: zClientId, lastEventId: z.string().regex(/^\d{1,15}$/).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const { coalitionId, user } = ctx;
      // What this member may read of the log; kept current by access events.
      let role = ctx.role;
      // Refused before anything is sent (and nothing to release: the slot was not taken).
      const slot = ctx.streams.acquire(user.id, coalitionId, ctx.liveLimits);
      if (!slot.ok) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: tooManyStreamsMessage(slot) });

      const queue = new StreamQueue<Queued>();
      const onAbort = () => queue.close();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) queue.close();
      // Subscribe before reading the backlog so nothing committed in between is lost.
      const offChanges = ctx.events.subscribe(coalitionId, (event) => queue.push({ kind: 'change', event }));
      const offAccess = ctx.events.subscribeAccess(coalitionId, user.id, (event) => queue.push({ kind: 'access', event }));
      // A stream was authorized once, when it opened: it re-checks its session before every
      // message it sends, at once when one of its user's sessions is deleted, and on a timer (expiry).
      const offSessions = ctx.events.subscribeSessionsEnded(user.id, () => queue.push({ kind: 'session' }));
      const offInbox = ctx.events.subscribeInbox(user.id, () => queue.push({ kind: 'inbox' }));
      const recheck = setInterval(() => queue.push({ kind: 'session' }), ctx.liveLimits.sessionRecheckMs);
      recheck.unref();
      const sessionId = ctx.session.id;
      const assertSession = () => {
        if (!isSessionActive(ctx.db, sessionId, ctx.now())) throw new TRPCError({ code: 'UNAUTHORIZED', message: SESSION_ENDED_MESSAGE });
      };
      // The snapshot and the diffs after it come from the same moment: nothing between them is lost.
      const presence = ctx.presence.subscribe(coalitionId, (diff) => queue.push({ kind: 'presence', diff }));
      const joined = ctx.presence.join(coalitionId, { clientId: input.clientId, userId: user.id, name: user.name }, ctx.now());
      try {
        let lastId = input.lastEventId != null ? Number(input.lastEventId) : null;
        if (lastId != null) {
          const missed = eventsAfter(ctx.db, coalitionId, lastId, CATCH_UP_LIMIT + 1, role);
          if (missed.length > CATCH_UP_LIMIT) {
            yield { type: 'resync' } satisfies LiveMessage;
            lastId = missed[missed.length - 1]!.id;
          } else {
            for (const event of missed) {
              lastId = event.id;
              yield tracked(String(event.id), changeMessage(event));
            }
          }
        }
        yield snapshotMessage(presence.snapshot);
        for (;;) {
          const items = await queue.take();
          if (items.length === 0) {
            if (!queue.overflowed) return; // closed: the client went away
            throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'This connection fell behind; it reconnects and catches up.' });
          }
          assertSession();
          let inboxNudged = false;
          for (const item of coalesce(items)) {
            if (item.kind === 'session') {
              continue; // checked above, for the whole batch
            } else if (item.kind === 'inbox') {
              if (!inboxNudged) yield INBOX_MESSAGE; // one nudge per batch
              inboxNudged = true;
            } else if (item.kind === 'change') {
              if (lastId != null && item.event.id <= lastId) continue;
              if (!activityReadableBy(item.event.action, role)) continue;
              lastId = item.event.id;
              yield tracked(String(item.event.id), changeMessage(item.event));
            } else if (item.kind === 'presence') {
              yield diffMessage(item.diff);
            } else {
              yield { type: 'access', role: item.event.role } satisfies LiveMessage;
              if (item.event.role === null) return; // removed: the stream ends now
              role = item.event.role;
            }
          }
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        queue.close();
        offChanges();
        offAccess();
        offSessions();
        offInbox();
        clearInterval(recheck);
        presence.unsubscribe();
        ctx.presence.leave(coalitionId, input.clientId, joined);
        slot.release();
      }
    }),

  /** Tells the others which milestone this connection is looking at (or none). */
  setLocation: viewerProcedure
    .input(z.object({ clientId: zClientId, milestoneId: zId.nullable() }))
    .mutation(({ ctx, input }) => ({
      ok: ctx.presence.setLocation(ctx.coalitionId, input.clientId, ctx.user.id, input.milestoneId),
    })),

  presence: viewerProcedure.query(({ ctx }) => ctx.presence.list(ctx.coalitionId)),
} satisfies TRPCRouterRecord;
