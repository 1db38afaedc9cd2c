/**
 * The public page: a read-only summary of a coalition for the supporters it wants to mobilise,
 * behind a secret link an owner publishes and can revoke. Publishing is optional (off until an
 * owner publishes) and there is at most one live link per coalition: publishing again rotates it.
 *
 * The link is handled as calendar feeds and invitations handle theirs: a random token
 * (`generateSessionToken`, 160 bits), only its SHA-256 kept, looked up by that hash (an indexed
 * equality on a digest: the lookup's timing says nothing about the token). The URL is shown
 * once, when published; after that the owners see that the page is published, since when and by
 * whom, never the link (to share it again, publish a new one: the old one stops working).
 *
 * What the page shows is `zPublicPage` (@coalition/domain), an allow-list built field by field
 * here from the dashboard's own figures (roll-up, countdown, momentum: one definition).
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, notInArray } from 'drizzle-orm';
import { generateSessionToken, hashToken } from '@coalition/auth';
import { newId, type DbOrTx } from '@coalition/db';
import { coalitions, milestones, partners, positionChanges, publicLinks, tracks, users } from '@coalition/db/schema';
import { PUBLIC_PAGE_MILESTONES, positionOn, todayIn, type PositionChange, type PublicMilestone, type PublicPage } from '@coalition/domain';
import { commitChange } from '../change.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import type { CoalitionContext } from '../trpc.ts';
import { supportSeries } from './positions.ts';

/** What `generateSessionToken` makes: lower-case base32. Anything else is not a link (and is not looked up). */
const TOKEN_PATTERN = /^[a-z2-7]{16,64}$/;

/** Revoked links are kept this long (they answer exactly like unknown ones), then deleted at the next publish. */
const KEEP_REVOKED_MS = 30 * 24 * 60 * 60 * 1000;

/** The page's address for a token: the web client's `/p/:token` screen. */
export const publicPageUrl = (ctx: Pick<Context, 'publicUrl'>, token: string) => `${ctx.publicUrl.replace(/\/+$/, '')}/p/${token}`;

/** One answer for an unknown, malformed or revoked link: nothing tells them apart. */
const pageNotFound = () => new AppError('NOT_FOUND', 'Page not found');

const isLive = (coalitionId: string) => and(eq(publicLinks.coalitionId, coalitionId), isNull(publicLinks.revokedAt));

/** Is the page published, since when, by whom (owners only; never the link itself). */
export function status(ctx: Pick<CoalitionContext, 'db' | 'coalitionId'>) {
  const live = ctx.db
    .select({ createdAt: publicLinks.createdAt, userId: users.id, userName: users.name })
    .from(publicLinks)
    .leftJoin(users, eq(users.id, publicLinks.createdBy))
    .where(isLive(ctx.coalitionId))
    .orderBy(desc(publicLinks.createdAt))
    .get();
  if (!live) return { published: false as const, publishedAt: null, publishedBy: null };
  return {
    published: true as const,
    publishedAt: live.createdAt,
    /** Null when that member's account is gone. */
    publishedBy: live.userId !== null && live.userName !== null ? { id: live.userId, name: live.userName } : null,
  };
}

export type PublicPageStatus = ReturnType<typeof status>;

/**
 * Publishes the page under a new secret link, revoking the live one if there is one (rotation).
 * The URL, token included, is returned only here.
 */
export function publish(ctx: CoalitionContext) {
  const token = generateSessionToken();
  commitChange(ctx, (tx, log, now) => {
    const rotated = tx.update(publicLinks).set({ revokedAt: now }).where(isLive(ctx.coalitionId)).run().changes > 0;
    tx.delete(publicLinks)
      .where(and(eq(publicLinks.coalitionId, ctx.coalitionId), lt(publicLinks.revokedAt, now - KEEP_REVOKED_MS)))
      .run();
    tx.insert(publicLinks)
      .values({ id: newId(), coalitionId: ctx.coalitionId, tokenHash: hashToken(token), createdBy: ctx.user.id, createdAt: now })
      .run();
    log({ event: { action: 'publicPage.published', rotated }, entityType: 'coalition', entityId: ctx.coalitionId });
  });
  return { url: publicPageUrl(ctx, token), status: status(ctx) };
}

/** Unpublishes the page: its link answers "not found" at once. Nothing published: nothing changes. */
export function revoke(ctx: CoalitionContext) {
  commitChange(ctx, (tx, log, now) => {
    const revoked = tx.update(publicLinks).set({ revokedAt: now }).where(isLive(ctx.coalitionId)).run().changes;
    if (revoked > 0) log({ event: { action: 'publicPage.revoked' }, entityType: 'coalition', entityId: ctx.coalitionId });
  });
  return status(ctx);
}

/** The live link's coalition, or undefined for a malformed, unknown or revoked token (one path for all three). */
function findLive(db: DbOrTx, token: string) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  return db
    .select({ coalitionId: publicLinks.coalitionId, timeZone: coalitions.timeZone })
    .from(publicLinks)
    .innerJoin(coalitions, eq(coalitions.id, publicLinks.coalitionId))
    .where(and(eq(publicLinks.tokenHash, hashToken(token)), isNull(publicLinks.revokedAt)))
    .get();
}

/** The page a token shows, for anyone (no session): only what `zPublicPage` allows. */
export async function view(ctx: Pick<Context, 'db' | 'now' | 'dashboards'>, token: string): Promise<PublicPage> {
  const link = findLive(ctx.db, token);
  if (!link) throw pageNotFound();
  const { coalitionId } = link;
  const today = todayIn(link.timeZone, ctx.now());
  // The dashboard's figures (cached per coalition and day): the same roll-up, countdown and momentum.
  const dashboard = await ctx.dashboards.get(coalitionId, today);

  const milestone = (m: { title: string; date: string | null; track: string | null }): PublicMilestone => ({ title: m.title, date: m.date ?? '', track: m.track });
  const reached = ctx.db
    .select({ title: milestones.title, date: milestones.completedOn, track: tracks.name })
    .from(milestones)
    .leftJoin(tracks, eq(tracks.id, milestones.trackId))
    .where(and(eq(milestones.coalitionId, coalitionId), eq(milestones.status, 'done'), isNotNull(milestones.completedOn), lte(milestones.completedOn, today)))
    .orderBy(desc(milestones.completedOn), asc(milestones.title))
    .limit(PUBLIC_PAGE_MILESTONES)
    .all()
    .map(milestone);
  const next = ctx.db
    .select({ title: milestones.title, date: milestones.dueDate, track: tracks.name })
    .from(milestones)
    .leftJoin(tracks, eq(tracks.id, milestones.trackId))
    .where(and(eq(milestones.coalitionId, coalitionId), notInArray(milestones.status, ['done', 'dropped'])))
    .orderBy(asc(milestones.dueDate), asc(milestones.title))
    .limit(PUBLIC_PAGE_MILESTONES)
    .all()
    .map(milestone);

  const c = dashboard.coalition;
  const progress = dashboard.progress;
  return {
    coalition: { name: c.name, goal: c.goal, goalDate: c.goalDate },
    today,
    daysToGoal: dashboard.daysToGoal,
    progress: {
      overall: progress.coalition.progress,
      reached: progress.coalition.doneCount,
      total: progress.coalition.milestoneCount,
      // A dropped track will not happen: it is not shown to supporters.
      tracks: progress.tracks.filter((t) => t.status !== 'dropped').map((t) => ({ name: t.name, color: t.color, progress: t.progress })),
    },
    milestones: { reached, next },
    momentum: dashboard.momentum.map((w) => ({
      week: w.week,
      milestonesCompleted: w.milestonesCompleted,
      partnersCommitted: w.partnersCommitted,
      cumulativeMilestones: w.cumulativeMilestones,
      cumulativePartners: w.cumulativePartners,
    })),
    // Aggregate counts only (state / non-state partners supporting the goal, per week): no names.
    supportGrowth: supportSeries(ctx.db, coalitionId, today).map((p) => ({ week: p.week, state: p.state, nonState: p.nonState })),
    partners: publicPartners(ctx.db, coalitionId, today),
  };
}

/** Partners the owner marked public: name, kind, country and their position on the goal today. */
function publicPartners(db: DbOrTx, coalitionId: string, today: string): PublicPage['partners'] {
  const rows = db
    .select({ id: partners.id, name: partners.name, kind: partners.kind, country: partners.country })
    .from(partners)
    .where(and(eq(partners.coalitionId, coalitionId), eq(partners.positionPublic, true)))
    .orderBy(asc(partners.name), asc(partners.id))
    .all();
  if (rows.length === 0) return [];
  const changes = db
    .select({ partnerId: positionChanges.partnerId, date: positionChanges.shownOn, position: positionChanges.position })
    .from(positionChanges)
    .where(
      and(
        eq(positionChanges.coalitionId, coalitionId),
        // The position on the goal, not on a track.
        isNull(positionChanges.trackId),
        inArray(
          positionChanges.partnerId,
          rows.map((r) => r.id),
        ),
        lte(positionChanges.shownOn, today),
      ),
    )
    // Same day: the later entry wins (positionOn keeps input order within a day).
    .orderBy(asc(positionChanges.shownOn), asc(positionChanges.createdAt), asc(positionChanges.id))
    .all();
  const byPartner = new Map<string, PositionChange[]>();
  for (const ch of changes) {
    const list = byPartner.get(ch.partnerId);
    if (list) list.push(ch);
    else byPartner.set(ch.partnerId, [ch]);
  }
  return rows.map((p) => ({ name: p.name, kind: p.kind, country: p.country, position: positionOn(byPartner.get(p.id) ?? [], today) }));
}
