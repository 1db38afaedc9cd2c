/**
 * In-process publish/subscribe of committed changes, per coalition. A change is published
 * only after its transaction has committed (see `commitChange`). Each event is the activity
 * row the change wrote, so its integer id is the resume point for a reconnecting client.
 */
import { EventEmitter } from 'node:events';
import type { Activity } from '@coalition/db/schema';

export type PlanEvent = Activity;
/** Sent to a member's streams when their access changes (removed, role changed). */
export type AccessEvent = { coalitionId: string; userId: string; role: 'viewer' | 'editor' | 'owner' | null };

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: PlanEvent): void {
    this.emitter.emit(`c:${event.coalitionId}`, event);
  }
  publishAccess(event: AccessEvent): void {
    this.emitter.emit(`a:${event.coalitionId}:${event.userId}`, event);
  }
  subscribe(coalitionId: string, listener: (e: PlanEvent) => void): () => void {
    const key = `c:${coalitionId}`;
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }
  subscribeAccess(coalitionId: string, userId: string, listener: (e: AccessEvent) => void): () => void {
    const key = `a:${coalitionId}:${userId}`;
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }
  listenerCount(coalitionId: string): number {
    return this.emitter.listenerCount(`c:${coalitionId}`);
  }
}
