/**
 * In-process publish/subscribe of committed changes, per coalition. A change is published
 * only after its transaction has committed (see `commitChange`). Each event is the activity
 * row the change wrote, so its integer id is the resume point for a reconnecting client.
 *
 * Publishing stays cheap for the caller (the mutation): listeners are called synchronously,
 * in publication order (= activity id order), but a live stream's listener only appends to
 * that stream's own queue. The work per stream — resuming its loop, serializing, writing to
 * the socket — is scheduled on `liveWakeups`, after the caller's turn and a slice of streams
 * per turn of the event loop, so a mutation's answer (and other requests) never wait behind
 * hundreds of streams.
 */
import type { Activity } from '@coalition/db/schema';

export type PlanEvent = Activity;
/** Sent to a member's streams when their access changes (removed, role changed). */
export type AccessEvent = { coalitionId: string; userId: string; role: 'viewer' | 'editor' | 'owner' | null };

type Listener<T> = (payload: T) => void;

/**
 * Runs callbacks after the current turn of the event loop (never inside the caller's call),
 * in the order they were scheduled, at most `slice` per turn (`setImmediate` between slices),
 * so I/O gets in between.
 */
export class SlicedScheduler {
  private queue: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly slice = 64) {}

  schedule(task: () => void): void {
    this.queue.push(task);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  }

  /** Tasks scheduled and not run yet. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Resolves once every task scheduled so far has run. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private readonly run = () => {
    const end = Math.min(this.queue.length, this.head + this.slice);
    while (this.head < end) {
      const task = this.queue[this.head++]!;
      try {
        task();
      } catch (error) {
        // One broken task must not starve the others.
        console.error('scheduled live task failed', error);
      }
    }
    if (this.head < this.queue.length) {
      setImmediate(this.run);
      return;
    }
    this.queue = [];
    this.head = 0;
    this.scheduled = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
}

/** Wakes live streams whose queue got something (process-wide: one budget of stream work per turn). */
export const liveWakeups = new SlicedScheduler();

export class EventBus {
  private readonly channels = new Map<string, Set<Listener<never>>>();

  /** Calls this coalition's listeners now, in order (they only queue: see the module comment). */
  publish(event: PlanEvent): void {
    this.emit(`c:${event.coalitionId}`, event);
  }
  publishAccess(event: AccessEvent): void {
    this.emit(`a:${event.coalitionId}:${event.userId}`, event);
  }
  subscribe(coalitionId: string, listener: (e: PlanEvent) => void): () => void {
    return this.on(`c:${coalitionId}`, listener);
  }
  subscribeAccess(coalitionId: string, userId: string, listener: (e: AccessEvent) => void): () => void {
    return this.on(`a:${coalitionId}:${userId}`, listener);
  }
  /** Something arrived in this user's inbox: their open tabs refresh the unread count. */
  publishInbox(userId: string): void {
    this.emit(`i:${userId}`, userId);
  }
  subscribeInbox(userId: string, listener: () => void): () => void {
    return this.on(`i:${userId}`, listener);
  }
  /** Some of this user's sessions were deleted (sign-out, sign-out everywhere): their streams re-check at once. */
  publishSessionsEnded(userId: string): void {
    this.emit(`s:${userId}`, userId);
  }
  subscribeSessionsEnded(userId: string, listener: () => void): () => void {
    return this.on(`s:${userId}`, listener);
  }
  listenerCount(coalitionId: string): number {
    return this.channels.get(`c:${coalitionId}`)?.size ?? 0;
  }

  private emit<T>(key: string, payload: T) {
    const listeners = this.channels.get(key) as Set<Listener<T>> | undefined;
    if (!listeners) return;
    // The change has committed: a failing listener must not turn it into an error for the caller.
    for (const listener of listeners) {
      try {
        listener(payload);
      } catch (error) {
        console.error('live event listener failed', error);
      }
    }
  }

  private on<T>(key: string, listener: Listener<T>): () => void {
    let set = this.channels.get(key) as Set<Listener<T>> | undefined;
    if (!set) this.channels.set(key, (set = new Set()) as Set<Listener<never>>);
    // Wrapped: the same function subscribed twice is two subscriptions, as with EventEmitter.
    const entry: Listener<T> = (payload) => listener(payload);
    set.add(entry);
    return () => {
      const current = this.channels.get(key) as Set<Listener<T>> | undefined;
      if (!current?.delete(entry)) return;
      if (current.size === 0) this.channels.delete(key);
    };
  }
}
