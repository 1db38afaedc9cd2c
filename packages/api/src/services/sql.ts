/** Small SQL helpers the services share. */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Escape character used with `LIKE ... ESCAPE` for user search text. */
export const LIKE_ESCAPE = '\\';

/** `%text%` with LIKE's wildcards (`%`, `_`) and the escape character taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}

/** `(a LIKE %search% OR b LIKE %search% …)`, the search text taken literally. */
export function searchAny(columns: readonly SQLiteColumn[], search: string): SQL {
  const pattern = containsPattern(search);
  return sql`(${sql.join(
    columns.map((c) => sql`${c} LIKE ${pattern} ESCAPE ${LIKE_ESCAPE}`),
    sql` OR `,
  )})`;
}

/** `CASE column WHEN v0 THEN 0 … END`: the position of an enum value in its tuple, for sorting. */
export function rankOf(column: SQLiteColumn, values: readonly string[], rank: (v: string) => number): SQL {
  return sql`(CASE ${column} ${sql.join(
    values.map((v) => sql`WHEN ${v} THEN ${rank(v)}`),
    sql` `,
  )} END)`;
}

/** Groups rows by partner, keeping the rows' order. */
export function groupByPartner<R extends { partnerId: string }>(rows: readonly R[]): Map<string, Omit<R, 'partnerId'>[]> {
  const byPartner = new Map<string, Omit<R, 'partnerId'>[]>();
  for (const { partnerId, ...rest } of rows) {
    let list = byPartner.get(partnerId);
    if (!list) byPartner.set(partnerId, (list = []));
    list.push(rest);
  }
  return byPartner;
}
