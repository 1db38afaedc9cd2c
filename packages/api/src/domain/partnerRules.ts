/**
 * Business rules for partners and their track assignments, as plain functions (the routers
 * call them; no database access here).
 */
import type { AssignmentRole, Contribution, EngagementStage, PartnerKind } from '@coalition/db';
import { isCommitted, isStateActor } from './partners.ts';

/** The ways the partner table can be sorted. */
export const PARTNER_SORTS = ['name', 'kind', 'stage', 'influence', 'interest', 'updatedAt'] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

/** Adds the derived state / non-state flag to a partner row. */
export function withStateActor<T extends { kind: PartnerKind }>(partner: T): T & { isStateActor: boolean } {
  return { ...partner, isStateActor: isStateActor(partner.kind) };
}

/**
 * The day the partner first reached `committed` or `champion`: set once, the first time
 * the stage gets there, and never cleared afterwards (a partner stepping back to dialogue
 * keeps its place in the momentum history).
 */
export function committedOnAfter(current: string | null, stage: EngagementStage, today: string): string | null {
  if (current) return current;
  return isCommitted(stage) ? today : null;
}

/** True when no contribution is listed twice. */
export function hasUniqueContributions(list: readonly Contribution[]): boolean {
  return new Set(list).size === list.length;
}

/** Escape character used with `LIKE ... ESCAPE` for user search text. */
export const LIKE_ESCAPE = '\\';

/** `%text%` with LIKE's wildcards (`%`, `_`) and the escape character taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}

/** Groups assignment rows by partner, keeping the rows' order. */
export function groupByPartner<R extends { partnerId: string }>(rows: readonly R[]): Map<string, Omit<R, 'partnerId'>[]> {
  const byPartner = new Map<string, Omit<R, 'partnerId'>[]>();
  for (const { partnerId, ...rest } of rows) {
    let list = byPartner.get(partnerId);
    if (!list) byPartner.set(partnerId, (list = []));
    list.push(rest);
  }
  return byPartner;
}

const ROLE_LABEL: Record<AssignmentRole, string> = {
  lead: 'lead',
  co_lead: 'co-lead',
  contributor: 'contributor',
  supporter: 'supporter',
  observer: 'observer',
};

/** `lead`, `co-lead`, ... for activity summaries. */
export function roleLabel(role: AssignmentRole): string {
  return ROLE_LABEL[role];
}
