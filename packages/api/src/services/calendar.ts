/**
 * Private calendar feeds: a secret URL per person (`/calendar/<token>.ics`) that serves the due
 * dates of all their coalitions, or of one, as an iCalendar subscription with reminders. The
 * token is the credential: shown once, only its SHA-256 kept (as for sessions), revocable.
 * Membership is read on every fetch, so a person removed from a coalition stops receiving it.
 * The calendar itself is @coalition/domain's (`toCalendarFeed`); this service loads the rows.
 */
import { and, asc, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { generateSessionToken, hashToken } from '@coalition/auth';
import { newId } from '@coalition/db';
import { calendarFeeds, coalitions, memberships, milestones, tracks, type CalendarFeed } from '@coalition/db/schema';
import { MAX_CALENDAR_FEEDS_PER_USER, slugify, toCalendarFeed } from '@coalition/domain';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import type { UserContext } from '../trpc.ts';

/** Revoked links are kept this long (they answer 404 like unknown ones), then deleted when the person creates another. */
const KEEP_REVOKED_MS = 30 * 24 * 60 * 60 * 1000;

/** `last_used_at` is written at most this often per feed: clients that poll often cost one write per interval, not per fetch. */
export const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

/** What `generateSessionToken` makes: lower-case base32. Anything else is not a feed (and is not looked up). */
const TOKEN_PATTERN = /^[a-z2-7]{16,64}$/;

const base = (ctx: Pick<Context, 'publicUrl'>) => ctx.publicUrl.replace(/\/+$/, '');

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The subscription URL of a token. */
export const feedUrl = (ctx: Pick<Context, 'publicUrl'>, token: string) => `${base(ctx)}/calendar/${token}.ics`;

/** One answer for an unknown, malformed or revoked token: nothing tells them apart. */
const feedNotFound = () => new AppError('NOT_FOUND', 'Calendar not found');

function view(feed: CalendarFeed, coalitionName: string | null) {
  return {
    id: feed.id,
    scope: feed.coalitionId ? ('coalition' as const) : ('all' as const),
    coalitionId: feed.coalitionId,
    /** The coalition's name while the person is a member of it; null for "all" and for a coalition they left. */
    coalitionName,
    createdAt: feed.createdAt,
    lastUsedAt: feed.lastUsedAt,
  };
}

export type CalendarFeedView = ReturnType<typeof view>;

/** My live calendar links, newest first (never their tokens: those were shown once). */
export function list(ctx: UserContext) {
  return ctx.db
    .select({ feed: calendarFeeds, coalitionName: coalitions.name })
    .from(calendarFeeds)
    .leftJoin(memberships, and(eq(memberships.coalitionId, calendarFeeds.coalitionId), eq(memberships.userId, calendarFeeds.userId)))
    .leftJoin(coalitions, and(eq(coalitions.id, calendarFeeds.coalitionId), eq(coalitions.id, memberships.coalitionId)))
    .where(and(eq(calendarFeeds.userId, ctx.user.id), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt), asc(calendarFeeds.id))
    .all()
    .map((r) => view(r.feed, r.coalitionName));
}

/**
 * A new calendar link for all my coalitions, or for one I am a member of (any role). The URL,
 * token included, is returned only here.
 */
export function create(ctx: UserContext, coalitionId: string | undefined) {
  let coalitionName: string | null = null;
  if (coalitionId !== undefined) {
    const member = ctx.db
      .select({ name: coalitions.name })
      .from(memberships)
      .innerJoin(coalitions, eq(coalitions.id, memberships.coalitionId))
      .where(and(eq(memberships.coalitionId, coalitionId), eq(memberships.userId, ctx.user.id)))
      .get();
    // As for every coalition procedure: a non-member learns nothing about whether it exists.
    if (!member) throw new AppError('NOT_FOUND', 'Coalition not found');
    coalitionName = member.name;
  }
  const token = generateSessionToken();
  const now = ctx.now();
  const feed = ctx.db.transaction((tx) => {
    const { live } = tx
      .select({ live: count() })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, ctx.user.id), isNull(calendarFeeds.revokedAt)))
      .get()!;
    if (live >= MAX_CALENDAR_FEEDS_PER_USER) {
      throw new AppError(
        'BAD_REQUEST',
        `You already have ${MAX_CALENDAR_FEEDS_PER_USER} calendar links, the most one person can have. Revoke one you no longer use, then create the new one.`,
      );
    }
    tx.delete(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, ctx.user.id), lt(calendarFeeds.revokedAt, now - KEEP_REVOKED_MS)))
      .run();
    return tx
      .insert(calendarFeeds)
      .values({ id: newId(), userId: ctx.user.id, coalitionId: coalitionId ?? null, tokenHash: hashToken(token), createdAt: now })
      .returning()
      .get();
  });
  return { feed: view(feed, coalitionName), url: feedUrl(ctx, token) };
}

/** Stops one of my calendar links at once (calendar clients then get 404). Another person's link: NOT_FOUND. */
export function revoke(ctx: UserContext, feedId: string) {
  const feed = ctx.db
    .select({ id: calendarFeeds.id, revokedAt: calendarFeeds.revokedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.userId, ctx.user.id)))
    .get();
  if (!feed) throw new AppError('NOT_FOUND', 'Calendar link not found');
  if (feed.revokedAt !== null) return { id: feed.id, revokedAt: feed.revokedAt };
  const revokedAt = ctx.now();
  ctx.db.update(calendarFeeds).set({ revokedAt }).where(eq(calendarFeeds.id, feed.id)).run();
  return { id: feed.id, revokedAt };
}

/**
 * The calendar a token serves, for GET /calendar/<token>.ics (apps/server/src/calendar-route.ts).
 * Unknown, malformed and revoked tokens get the same NOT_FOUND. Only the coalitions the owner
 * of the link is a member of right now are in it; a link for a coalition they have left serves
 * a calendar with no events (clients then drop the events they showed; a 404 would leave them
 * showing the last copy).
 */
export function feed(ctx: Pick<Context, 'db' | 'now' | 'publicUrl'>, token: string) {
  if (!TOKEN_PATTERN.test(token)) throw feedNotFound();
  const row = ctx.db
    .select({ id: calendarFeeds.id, userId: calendarFeeds.userId, coalitionId: calendarFeeds.coalitionId, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!row) throw feedNotFound();
  const now = ctx.now();

  const scope = ctx.db
    .select({ id: coalitions.id, name: coalitions.name, goal: coalitions.goal, goalDate: coalitions.goalDate })
    .from(memberships)
    .innerJoin(coalitions, eq(coalitions.id, memberships.coalitionId))
    .where(and(eq(memberships.userId, row.userId), row.coalitionId ? eq(memberships.coalitionId, row.coalitionId) : undefined))
    .orderBy(asc(coalitions.name), asc(coalitions.id))
    .all();
  const ids = scope.map((c) => c.id);
  const allMilestones = ids.length
    ? ctx.db
        .select({
          id: milestones.id,
          coalitionId: milestones.coalitionId,
          title: milestones.title,
          trackId: milestones.trackId,
          dueDate: milestones.dueDate,
          status: milestones.status,
          progress: milestones.progress,
          description: milestones.description,
        })
        .from(milestones)
        .where(inArray(milestones.coalitionId, ids))
        .orderBy(asc(milestones.dueDate), asc(milestones.title), asc(milestones.id))
        .all()
    : [];
  const allTracks = ids.length
    ? ctx.db.select({ id: tracks.id, coalitionId: tracks.coalitionId, name: tracks.name }).from(tracks).where(inArray(tracks.coalitionId, ids)).all()
    : [];

  const milestonesOf = groupBy(allMilestones, (m) => m.coalitionId);
  const tracksOf = groupBy(allTracks, (t) => t.coalitionId);

  // A cheap "last used": one small write per feed every few minutes at most.
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    ctx.db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, row.id)).run();
  }

  const one = row.coalitionId !== null;
  const name = one ? (scope[0] ? `${scope[0].name} · Coalition Planner` : 'Coalition Planner') : 'My coalitions · Coalition Planner';
  const url = base(ctx);
  const content = toCalendarFeed({
    name,
    description: one
      ? 'Goal date and milestone due dates of one coalition, from Coalition Planner. Private link: do not share it.'
      : 'Goal dates and milestone due dates of all your coalitions, from Coalition Planner. Private link: do not share it.',
    coalitions: scope.map((coalition) => ({
      coalition,
      milestones: milestonesOf.get(coalition.id) ?? [],
      tracks: tracksOf.get(coalition.id) ?? [],
    })),
    links: {
      coalition: (coalitionId) => `${url}/c/${coalitionId}`,
      milestone: (coalitionId, milestoneId) => `${url}/c/${coalitionId}/milestones/${milestoneId}`,
    },
    now,
  });
  return { filename: `${one && scope[0] ? slugify(scope[0].name) : 'coalitions'}-due-dates.ics`, content };
}
