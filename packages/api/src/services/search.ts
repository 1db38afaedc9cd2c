/**
 * The command palette's "jump to": milestones, partners, tracks and bottlenecks of the caller's
 * coalition whose name contains the typed text (taken literally: LIKE's `%`, `_` and `\` are
 * escaped), a few of each kind. Names that start with the text come first, then by name.
 * Matching is case-insensitive for ASCII letters (SQLite's LIKE).
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bottlenecks, milestones, partners, tracks } from '@coalition/db/schema';
import type { SearchQuery } from '@coalition/domain';
import type { CoalitionContext } from '../trpc.ts';
import { containsPattern, LIKE_ESCAPE } from './sql.ts';

/** `text%`, the text taken literally (for "starts with" ranking). */
const prefixPattern = (q: string) => containsPattern(q).slice(1);

/** `column LIKE pattern ESCAPE '\'`: the match condition and the "starts with" rank, in that order. */
function matching(column: SQLiteColumn, q: string): { where: SQL; startsWith: SQL } {
  return {
    where: sql`${column} LIKE ${containsPattern(q)} ESCAPE ${LIKE_ESCAPE}`,
    startsWith: sql`(${column} LIKE ${prefixPattern(q)} ESCAPE ${LIKE_ESCAPE})`,
  };
}

export function query(ctx: CoalitionContext, { q, limit }: Omit<SearchQuery, 'coalitionId'>) {
  const { db, coalitionId } = ctx;
  const m = matching(milestones.title, q);
  const p = matching(partners.name, q);
  const t = matching(tracks.name, q);
  const b = matching(bottlenecks.title, q);
  return {
    milestones: db
      .select({ id: milestones.id, title: milestones.title, status: milestones.status, dueDate: milestones.dueDate })
      .from(milestones)
      .where(and(eq(milestones.coalitionId, coalitionId), m.where))
      .orderBy(desc(m.startsWith), asc(sql`${milestones.title} COLLATE NOCASE`), asc(milestones.id))
      .limit(limit)
      .all(),
    partners: db
      .select({ id: partners.id, name: partners.name, kind: partners.kind, stage: partners.stage })
      .from(partners)
      .where(and(eq(partners.coalitionId, coalitionId), p.where))
      .orderBy(desc(p.startsWith), asc(sql`${partners.name} COLLATE NOCASE`), asc(partners.id))
      .limit(limit)
      .all(),
    tracks: db
      .select({ id: tracks.id, name: tracks.name, color: tracks.color, status: tracks.status })
      .from(tracks)
      .where(and(eq(tracks.coalitionId, coalitionId), t.where))
      .orderBy(desc(t.startsWith), asc(tracks.position), asc(tracks.id))
      .limit(limit)
      .all(),
    bottlenecks: db
      .select({ id: bottlenecks.id, title: bottlenecks.title, status: bottlenecks.status, severity: bottlenecks.severity })
      .from(bottlenecks)
      .where(and(eq(bottlenecks.coalitionId, coalitionId), b.where))
      .orderBy(desc(b.startsWith), asc(sql`${bottlenecks.title} COLLATE NOCASE`), asc(bottlenecks.id))
      .limit(limit)
      .all(),
  };
}
