/**
 * GET /calendar/<token>.ics: a person's private calendar feed (the due dates of their
 * coalitions, with reminders), for Google Calendar, Apple Calendar and Outlook to subscribe to.
 *
 * The token in the path is the credential: no session, no cookie (calendar clients send none).
 * It runs the `calendar.feed` procedure through a server-side caller, which checks the token
 * (only its hash is stored) and the person's memberships on every fetch. An unknown, malformed
 * or revoked token gets the very same 404 as any unknown path. A GET, so the CSRF check does
 * not apply; the host check does (clients use the public URL). Never cached: the URL is a
 * secret and a revocation or a removal from a coalition takes effect on the next fetch.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { TRPCError } from '@trpc/server';
import { appRouter, createCallerFactory, createContext, type AppServices } from '@coalition/api';

/** Fetches per minute of one feed: clients poll every few hours; more is a loop or abuse. */
export const CALENDAR_FETCHES_PER_MINUTE = 60;

const FEED_FILE = /^([a-z2-7]{16,64})\.ics$/;

/** The app's answer for any unknown path (app.ts's not-found handler), so a bad token tells nothing. */
function notFound(reply: FastifyReply) {
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ statusCode: 404, error: 'Not Found', message: 'Not found' });
}

export function registerCalendarFeed(app: FastifyInstance, services: AppServices): void {
  const createCaller = createCallerFactory(appRouter);
  // Per feed, in memory (the rate-limit plugin is registered by limits.ts before this).
  const checkFetches = app.createRateLimit({
    max: CALENDAR_FETCHES_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => `calendar:${(request.params as { file: string }).file}`,
  });

  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    reply.header('x-robots-tag', 'noindex, nofollow');
    const token = FEED_FILE.exec(request.params.file)?.[1];
    if (!token) return notFound(reply);
    const limit = await checkFetches(request);
    if (!limit.isAllowed && limit.isExceeded) {
      return reply
        .code(429)
        .header('retry-after', limit.ttlInSeconds)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Too many requests for this calendar. Try again in a minute.');
    }
    const caller = createCaller(createContext(services, { clientAddress: request.ip }));
    let feed: Awaited<ReturnType<typeof caller.calendar.feed>>;
    try {
      feed = await caller.calendar.feed({ token });
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'NOT_FOUND') return notFound(reply);
      throw error;
    }
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename="${feed.filename}"`)
      .type('text/calendar; charset=utf-8')
      .send(feed.content);
  });
}
