/**
 * Who has a coalition open right now, and on which milestone. In memory: presence is
 * about live connections of this server process, and is rebuilt as clients reconnect.
 */
import { EventEmitter } from 'node:events';

export interface PresenceEntry {
  clientId: string;
  userId: string;
  name: string;
  milestoneId: string | null;
  since: number;
}

/** One row per user (a user with two tabs appears once, on the most recent location). */
export interface PresentUser {
  userId: string;
  name: string;
  milestoneIds: string[];
}

export class PresenceRegistry {
  private readonly byCoalition = new Map<string, Map<string, PresenceEntry>>();
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  join(coalitionId: string, entry: Omit<PresenceEntry, 'milestoneId' | 'since'> & { milestoneId?: string | null }, now = Date.now()) {
    let clients = this.byCoalition.get(coalitionId);
    if (!clients) this.byCoalition.set(coalitionId, (clients = new Map()));
    clients.set(entry.clientId, { ...entry, milestoneId: entry.milestoneId ?? null, since: now });
    this.changed(coalitionId);
  }

  leave(coalitionId: string, clientId: string) {
    const clients = this.byCoalition.get(coalitionId);
    if (!clients?.delete(clientId)) return;
    if (clients.size === 0) this.byCoalition.delete(coalitionId);
    this.changed(coalitionId);
  }

  /** Removes every connection of a user (e.g. removed from the coalition). */
  leaveUser(coalitionId: string, userId: string) {
    const clients = this.byCoalition.get(coalitionId);
    if (!clients) return;
    let any = false;
    for (const [id, e] of clients) if (e.userId === userId) any = clients.delete(id) || any;
    if (any) this.changed(coalitionId);
  }

  /** Moves a connection to a milestone (or back to none). False if the client is not connected as this user. */
  setLocation(coalitionId: string, clientId: string, userId: string, milestoneId: string | null): boolean {
    const entry = this.byCoalition.get(coalitionId)?.get(clientId);
    if (!entry || entry.userId !== userId) return false;
    if (entry.milestoneId !== milestoneId) {
      entry.milestoneId = milestoneId;
      this.changed(coalitionId);
    }
    return true;
  }

  list(coalitionId: string): PresentUser[] {
    const users = new Map<string, PresentUser>();
    for (const e of this.byCoalition.get(coalitionId)?.values() ?? []) {
      const u = users.get(e.userId) ?? { userId: e.userId, name: e.name, milestoneIds: [] };
      if (e.milestoneId && !u.milestoneIds.includes(e.milestoneId)) u.milestoneIds.push(e.milestoneId);
      users.set(e.userId, u);
    }
    return [...users.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  subscribe(coalitionId: string, listener: (users: PresentUser[]) => void): () => void {
    this.emitter.on(coalitionId, listener);
    return () => this.emitter.off(coalitionId, listener);
  }

  private changed(coalitionId: string) {
    this.emitter.emit(coalitionId, this.list(coalitionId));
  }
}
