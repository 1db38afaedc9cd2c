/**
 * Migrations keep the data they migrate. The migrator applies them inside a transaction, where
 * `PRAGMA foreign_keys=OFF` does nothing, so the table rebuild drizzle-kit writes for some
 * changes (create __new_x, copy, DROP TABLE x, rename) would cascade the DROP to every row
 * that references x (a milestone's dependencies, comments, acts…). This holds every migration
 * to adding columns in place; and checks, on a real database, that the latest migrations keep
 * the rows that reference the tables they change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDb, MIGRATIONS_FOLDER, openDb } from '@coalition/db';

const statements = (file: string) =>
  readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/^--.*$/gm, '').trim())
    .filter(Boolean);

const files = readdirSync(MIGRATIONS_FOLDER)
  .filter((f) => f.endsWith('.sql'))
  .sort();

describe('migrations', () => {
  it('never drop a table that another table references', () => {
    const referenced = new Set<string>();
    const dropped: string[] = [];
    for (const file of files) {
      for (const sql of statements(file)) {
        for (const m of sql.matchAll(/REFERENCES `(\w+)`/g)) referenced.add(m[1]!);
        const drop = /^DROP TABLE `(\w+)`/.exec(sql);
        if (drop && referenced.has(drop[1]!)) dropped.push(`${file}: ${drop[1]}`);
      }
    }
    expect(dropped).toEqual([]);
  });

  it('applied one by one to a database with data, keep every row that references a changed table', () => {
    const handle = openDb(':memory:', { migrate: false }); // foreign_keys=ON, as in production
    const db = handle.$client;
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const last = files.length - 1;
    // Everything up to the latest migration, then a small plan, then the latest in a transaction (as the migrator does).
    for (const file of files.slice(0, last)) db.transaction(() => statements(file).forEach((s) => db.exec(s)))();
    const now = Date.now();
    db.exec(`INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u', 'a@b.c', 'A', 'x', ${now})`);
    db.exec(`INSERT INTO coalitions (id, name, goal, goal_date, created_at, updated_at) VALUES ('c', 'C', 'G', '2030-01-01', ${now}, ${now})`);
    db.exec(`INSERT INTO milestones (id, coalition_id, title, due_date, created_at, updated_at) VALUES ('m1', 'c', 'One', '2029-01-01', ${now}, ${now}), ('m2', 'c', 'Two', '2029-02-01', ${now}, ${now})`);
    db.exec(`INSERT INTO milestone_dependencies (coalition_id, milestone_id, depends_on_id, created_at) VALUES ('c', 'm2', 'm1', ${now})`);
    const before = [count('milestones'), count('milestone_dependencies')];
    db.transaction(() => statements(files[last]!).forEach((s) => db.exec(s)))();
    expect([count('milestones'), count('milestone_dependencies')]).toEqual(before);
    closeDb(handle);
  });
});
