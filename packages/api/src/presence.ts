/**
 * Who has a coalition open right now, and on which milestone. In memory: presence is
 * about live connections of this server process, and is rebuilt as clients reconnect.
 *
 * Sent as changes, batched: joins, leaves and moves only mark the user as changed; once per
 * window (per coalition) the changed users are compared with what was last published and
 * one diff (`upsert` / `remove`) goes to every stream of that coalition. The window is 50 ms,
 * longer in a coalition with many streams (one diff costs a write per stream): 1 ms per 5
 * streams, at most 250 ms — 100 ms with 500 streams open. A new stream starts
 * from a snapshot of the published state taken when it subscribes, so snapshot + the diffs
 * after it always add up to the published state (a join costs O(1), not a list per stream).
 *
 * Also here: `StreamLimiter`, the process-wide count of open live streams per user and per
 * coalition behind the caps (LIVE_MAX_STREAMS_PER_USER / _PER_COALITION).
 */
export interface PresenceEntry {
  clientId: string;
  userId: string;
  name: string;
  milestoneId: string | null;
  since: number;
  /** Which stream owns the entry (a tab reconnecting may briefly have two with one clientId). */
  stream: number;
}

/** One row per user (a user with two tabs appears once, on every milestone their tabs are on). */
export interface PresentUser {
  userId: string;
  name: string;
  milestoneIds: string[];
}

/** What changed since the previous diff: users to add or replace, and user ids to drop. */
export interface PresenceDiff {
  upsert: PresentUser[];
  remove: string[];
}

type DiffListener = (diff: PresenceDiff) => void;

interface CoalitionPresence {
  clients: Map<string, PresenceEntry>;
  /** userId → that user's clientIds (insertion order = the order their tabs joined). */
  byUser: Map<string, Set<string>>;
  /** What the streams have been told: userId → user. */
  published: Map<string, PresentUser>;
  /** `published` as a list sorted by name (built on demand, dropped on change). */
  publishedList: PresentUser[] | null;
  dirty: Set<string>;
  timer: ReturnType<typeof setTimeout> | null;
  listeners: Set<DiffListener>;
}

export interface PresenceOptions {
  /** How long changes are collected before one diff is sent, at least (default 50 ms). */
  batchMs?: number;
  /** ... and at most, however many streams the coalition has (default 250 ms). */
  maxBatchMs?: number;
}

/** Streams per extra millisecond of a coalition's presence window. */
const STREAMS_PER_MS = 5;

const byName = new Intl.Collator();
const sortUsers = (users: PresentUser[]) => users.sort((a, b) => byName.compare(a.name, b.name) || (a.userId < b.userId ? -1 : 1));

export class PresenceRegistry {
  private readonly byCoalition = new Map<string, CoalitionPresence>();
  private readonly batchMs: number;
  private readonly maxBatchMs: number;
  private streamSeq = 0;

  constructor({ batchMs = 50, maxBatchMs = 250 }: PresenceOptions = {}) {
    this.batchMs = batchMs;
    this.maxBatchMs = Math.max(batchMs, maxBatchMs);
  }

  /** How long this coalition's changes are collected before they are sent. */
  windowMs(coalitionId: string): number {
    const streams = this.byCoalition.get(coalitionId)?.listeners.size ?? 0;
    return Math.min(this.maxBatchMs, Math.max(this.batchMs, Math.ceil(streams / STREAMS_PER_MS)));
  }

  /** Adds a connection; returns its stream number, for `leave`. */
  join(
    coalitionId: string,
    entry: Omit<PresenceEntry, 'milestoneId' | 'since' | 'stream'> & { milestoneId?: string | null },
    now = Date.now(),
  ): number {
    const c = this.coalition(coalitionId);
    const stream = ++this.streamSeq;
    const previous = c.clients.get(entry.clientId);
    if (previous && previous.userId !== entry.userId) this.forget(c, previous);
    c.clients.set(entry.clientId, { ...entry, milestoneId: entry.milestoneId ?? null, since: now, stream });
    let tabs = c.byUser.get(entry.userId);
    if (!tabs) c.byUser.set(entry.userId, (tabs = new Set()));
    tabs.add(entry.clientId);
    this.changed(coalitionId, c, entry.userId);
    return stream;
  }

  /** Removes a connection (only the given stream's, when `stream` is passed). */
  leave(coalitionId: string, clientId: string, stream?: number) {
    const c = this.byCoalition.get(coalitionId);
    const entry = c?.clients.get(clientId);
    if (!c || !entry || (stream !== undefined && entry.stream !== stream)) return;
    this.forget(c, entry);
    this.changed(coalitionId, c, entry.userId);
  }

  /** Removes every connection of a user (e.g. removed from the coalition). */
  leaveUser(coalitionId: string, userId: string) {
    const c = this.byCoalition.get(coalitionId);
    const tabs = c?.byUser.get(userId);
    if (!c || !tabs) return;
    for (const clientId of [...tabs]) this.forget(c, c.clients.get(clientId)!);
    this.changed(coalitionId, c, userId);
  }

  /** Moves a connection to a milestone (or back to none). False if the client is not connected as this user. */
  setLocation(coalitionId: string, clientId: string, userId: string, milestoneId: string | null): boolean {
    const c = this.byCoalition.get(coalitionId);
    const entry = c?.clients.get(clientId);
    if (!c || !entry || entry.userId !== userId) return false;
    if (entry.milestoneId !== milestoneId) {
      entry.milestoneId = milestoneId;
      this.changed(coalitionId, c, userId);
    }
    return true;
  }

  /** Who is here right now (including changes not sent to the streams yet), sorted by name. */
  list(coalitionId: string): PresentUser[] {
    const c = this.byCoalition.get(coalitionId);
    if (!c) return [];
    return sortUsers([...c.byUser.keys()].map((userId) => this.userState(c, userId)!));
  }

  /**
   * Subscribes to this coalition's diffs and returns the snapshot they apply to (the published
   * state at this moment: it may lack a join of a moment ago, which the next diff brings). The
   * snapshot array is shared: do not mutate it.
   */
  subscribe(coalitionId: string, listener: DiffListener): { snapshot: PresentUser[]; unsubscribe: () => void } {
    const c = this.coalition(coalitionId);
    c.listeners.add(listener);
    c.publishedList ??= sortUsers([...c.published.values()]);
    return {
      snapshot: c.publishedList,
      unsubscribe: () => {
        if (c.listeners.delete(listener)) this.dropIfUnused(coalitionId, c);
      },
    };
  }

  /** Sends pending diffs now instead of at the end of their window. */
  flush(coalitionId?: string) {
    for (const [id, c] of this.byCoalition) if (coalitionId === undefined || id === coalitionId) this.publish(id, c);
  }

  private coalition(coalitionId: string): CoalitionPresence {
    let c = this.byCoalition.get(coalitionId);
    if (!c) {
      c = { clients: new Map(), byUser: new Map(), published: new Map(), publishedList: null, dirty: new Set(), timer: null, listeners: new Set() };
      this.byCoalition.set(coalitionId, c);
    }
    return c;
  }

  private forget(c: CoalitionPresence, entry: PresenceEntry) {
    c.clients.delete(entry.clientId);
    const tabs = c.byUser.get(entry.userId);
    tabs?.delete(entry.clientId);
    if (tabs?.size === 0) c.byUser.delete(entry.userId);
    c.dirty.add(entry.userId);
  }

  private changed(coalitionId: string, c: CoalitionPresence, userId: string) {
    c.dirty.add(userId);
    if (c.timer) return;
    c.timer = setTimeout(() => this.publish(coalitionId, c), this.windowMs(coalitionId));
    c.timer.unref?.();
  }

  /** The user as the streams should see them now, or undefined when they have no connection. */
  private userState(c: CoalitionPresence, userId: string): PresentUser | undefined {
    const tabs = c.byUser.get(userId);
    if (!tabs) return undefined;
    let name = '';
    const milestoneIds: string[] = [];
    for (const clientId of tabs) {
      const e = c.clients.get(clientId)!;
      name ||= e.name;
      if (e.milestoneId && !milestoneIds.includes(e.milestoneId)) milestoneIds.push(e.milestoneId);
    }
    return { userId, name, milestoneIds };
  }

  private publish(coalitionId: string, c: CoalitionPresence) {
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
    const upsert: PresentUser[] = [];
    const remove: string[] = [];
    for (const userId of c.dirty) {
      const now = this.userState(c, userId);
      const before = c.published.get(userId);
      if (!now) {
        if (before) {
          c.published.delete(userId);
          remove.push(userId);
        }
      } else if (!before || !sameUser(before, now)) {
        c.published.set(userId, now);
        upsert.push(now);
      }
    }
    c.dirty.clear();
    if (upsert.length || remove.length) {
      c.publishedList = null;
      const diff: PresenceDiff = { upsert: sortUsers(upsert), remove };
      // Listeners are live streams: each only queues the diff (see routers/live.ts).
      for (const listener of c.listeners) {
        try {
          listener(diff);
        } catch (error) {
          console.error('presence listener failed', error);
        }
      }
    }
    this.dropIfUnused(coalitionId, c);
  }

  private dropIfUnused(coalitionId: string, c: CoalitionPresence) {
    if (c.clients.size === 0 && c.listeners.size === 0 && c.published.size === 0 && !c.timer && c.dirty.size === 0) {
      this.byCoalition.delete(coalitionId);
    }
  }
}

function sameUser(a: PresentUser, b: PresentUser): boolean {
  return a.name === b.name && a.milestoneIds.length === b.milestoneIds.length && a.milestoneIds.every((m, i) => m === b.milestoneIds[i]);
}

/* ---------------------------------------------------------------------------------------------
 * Caps on open live streams.
 * ------------------------------------------------------------------------------------------- */

export interface LiveLimits {
  /** Open streams one user may hold in this process (all coalitions, all tabs). */
  maxStreamsPerUser: number;
  /** Open streams one coalition may have in this process (all members). */
  maxStreamsPerCoalition: number;
  /**
   * How often an open stream re-checks its session when nothing else happens (it also re-checks
   * before every message, and at once when one of its user's sessions is deleted): an expired
   * session's stream ends within this time.
   */
  sessionRecheckMs: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { maxStreamsPerUser: 20, maxStreamsPerCoalition: 1000, sessionRecheckMs: 30_000 };

export type StreamRefusal = { scope: 'user' | 'coalition'; limit: number };

/** Counts open streams per user and per coalition; `acquire` refuses past the limits. */
export class StreamLimiter {
  private readonly perUser = new Map<string, number>();
  private readonly perCoalition = new Map<string, number>();

  /** Takes a slot, or says which limit is reached (nothing is taken then). The release runs once. */
  acquire(userId: string, coalitionId: string, limits: Pick<LiveLimits, 'maxStreamsPerUser' | 'maxStreamsPerCoalition'>): { ok: true; release: () => void } | ({ ok: false } & StreamRefusal) {
    const user = this.perUser.get(userId) ?? 0;
    if (user >= limits.maxStreamsPerUser) return { ok: false, scope: 'user', limit: limits.maxStreamsPerUser };
    const coalition = this.perCoalition.get(coalitionId) ?? 0;
    if (coalition >= limits.maxStreamsPerCoalition) return { ok: false, scope: 'coalition', limit: limits.maxStreamsPerCoalition };
    this.perUser.set(userId, user + 1);
    this.perCoalition.set(coalitionId, coalition + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        decrement(this.perUser, userId);
        decrement(this.perCoalition, coalitionId);
      },
    };
  }

  openForUser(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }
  openForCoalition(coalitionId: string): number {
    return this.perCoalition.get(coalitionId) ?? 0;
  }
}

function decrement(map: Map<string, number>, key: string) {
  const n = (map.get(key) ?? 0) - 1;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
