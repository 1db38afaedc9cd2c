/**
 * Live updates over server-sent events (tRPC v11 subscriptions, `httpSubscriptionLink`).
 *
 * One stream per open coalition. It carries:
 *  - `change`: a committed change (the activity row), sent as a *tracked* event whose id is
 *    the activity id; a reconnecting client passes `lastEventId` and gets what it missed from
 *    the activity log (or `resync` when too much was missed, so it refetches);
 *  - `presence`: who has the coalition open and on which milestone;
 *  - `access`: the caller's role changed; when they are removed the stream ends at once.
 */
import { EventEmitter, on } from 'node:events';
import { tracked, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Activity } from '@coalition/db/schema';
import { zId } from '@coalition/domain';
import type { AccessEvent } from '../events.ts';
import type { PresentUser } from '../presence.ts';
import { eventsAfter } from '../services/activity.ts';
import { viewerProcedure } from '../trpc.ts';

/** More missed events than this and the client is told to refetch instead. */
export const CATCH_UP_LIMIT = 500;

const zClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid client id');

export type LiveMessage =
  | { type: 'change'; event: Activity }
  | { type: 'resync' }
  | { type: 'presence'; users: PresentUser[] }
  | { type: 'access'; role: AccessEvent['role'] };

type Queued = { kind: 'change'; event: Activity } | { kind: 'presence'; users: PresentUser[] } | { kind: 'access'; event: AccessEvent };

export const liveRouter = {
  events: viewerProcedure
    .input(z.object({ clientId: zClientId, lastEventId: z.string().regex(/^\d{1,15}$/).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const { coalitionId, user } = ctx;
      // Subscribe before reading the backlog so nothing committed in between is lost.
      const queue = new EventEmitter();
      const push = (item: Queued) => queue.emit('item', item);
      const offChanges = ctx.events.subscribe(coalitionId, (event) => push({ kind: 'change', event }));
      const offAccess = ctx.events.subscribeAccess(coalitionId, user.id, (event) => push({ kind: 'access', event }));
      const offPresence = ctx.presence.subscribe(coalitionId, (users) => push({ kind: 'presence', users }));
      const items = on(queue, 'item', { signal: signal ?? undefined });
      ctx.presence.join(coalitionId, { clientId: input.clientId, userId: user.id, name: user.name }, ctx.now());
      try {
        let lastId = input.lastEventId != null ? Number(input.lastEventId) : null;
        if (lastId != null) {
          const missed = eventsAfter(ctx.db, coalitionId, lastId, CATCH_UP_LIMIT + 1);
          if (missed.length > CATCH_UP_LIMIT) {
            yield { type: 'resync' } satisfies LiveMessage;
            lastId = missed[missed.length - 1]!.id;
          } else {
            for (const event of missed) {
              lastId = event.id;
              yield tracked(String(event.id), { type: 'change', event } satisfies LiveMessage);
            }
          }
        }
        yield { type: 'presence', users: ctx.presence.list(coalitionId) } satisfies LiveMessage;
        for await (const [item] of items as AsyncIterable<[Queued]>) {
          if (item.kind === 'change') {
            if (lastId != null && item.event.id <= lastId) continue;
            lastId = item.event.id;
            yield tracked(String(item.event.id), { type: 'change', event: item.event } satisfies LiveMessage);
          } else if (item.kind === 'presence') {
            yield { type: 'presence', users: item.users } satisfies LiveMessage;
          } else {
            yield { type: 'access', role: item.event.role } satisfies LiveMessage;
            if (item.event.role === null) return; // removed: the stream ends now
          }
        }
      } catch (e) {
        if ((e as Error).name !== 'AbortError') throw e;
      } finally {
        offChanges();
        offAccess();
        offPresence();
        ctx.presence.leave(coalitionId, input.clientId);
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
