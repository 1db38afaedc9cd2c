/**
 * Backups of the live database, restores, and the migration status (for `pnpm db:backup`,
 * `pnpm db:restore` and the server's /readyz).
 *
 * A backup is taken with SQLite's online backup API, page by page, from a connection of its own
 * that holds one read transaction for the whole copy: in WAL mode that is a snapshot, so the
 * copy is the database as of one commit while the server keeps writing (writers are never
 * blocked). Without that transaction the backup API restarts from the first page whenever
 * another connection commits, and under a steady stream of writes it never finishes.
 *
 * Every copy is written beside its destination (`…partial` / `…restoring`), checked with
 * `PRAGMA integrity_check`, and only then renamed into place: a failed or interrupted run
 * never leaves a half-written file under the final name.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_FOLDER } from './client.ts';

// ---------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------

/** One migration this code ships (drizzle/meta/_journal.json). */
export interface MigrationJournalEntry {
  tag: string;
  /** drizzle records it as `created_at` in `__drizzle_migrations` when applied. */
  when: number;
}

/** The migrations in the journal of `folder` (the app's drizzle/ folder by default). */
export function readMigrationJournal(folder: string = MIGRATIONS_FOLDER): MigrationJournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

export interface MigrationStatus {
  /** Migrations this code ships. */
  expected: number;
  /** Of those, the ones recorded as applied in the database. */
  applied: number;
  /** Tags of the shipped migrations the database has not recorded. */
  missing: string[];
  /** Migrations recorded in the database that this code does not know (a newer version ran them). */
  unknown: number;
}

/**
 * Which of the shipped migrations a database has applied: drizzle records each one in
 * `__drizzle_migrations` with the journal's `when` as `created_at`.
 */
export function migrationStatus(sqlite: Database.Database, journal: MigrationJournalEntry[] = readMigrationJournal()): MigrationStatus {
  const hasTable =
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  const recorded = hasTable
    ? (sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number | string | null }[]).map((r) =>
        Number(r.at),
      )
    : [];
  const applied = new Set(recorded);
  const shipped = new Set(journal.map((e) => e.when));
  const missing = journal.filter((e) => !applied.has(e.when)).map((e) => e.tag);
  return {
    expected: journal.length,
    applied: journal.length - missing.length,
    missing,
    unknown: recorded.filter((at) => !shipped.has(at)).length,
  };
}

/** Rows per table of the app (drizzle's and SQLite's own tables left out), by table name. */
export function tableRowCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n]),
  );
}

// ---------------------------------------------------------------------------
// Backup and restore
// ---------------------------------------------------------------------------

/** What a verified copy holds. */
export interface DatabaseCopyReport {
  /** Absolute path of the copy. */
  file: string;
  bytes: number;
  pages: number;
  pageSize: number;
  /** `PRAGMA integrity_check` said `ok` (anything else throws). */
  integrity: 'ok';
  migrations: MigrationStatus;
  /** Rows per table of the app. */
  tables: Record<string, number>;
}

export interface BackupReport extends DatabaseCopyReport {
  source: string;
  /** Event-loop turns the copy took (the app's writes run in between). */
  steps: number;
}

export interface BackupOptions {
  /** Replace an existing destination (refused by default). */
  overwrite?: boolean;
  /** Pages copied per event-loop turn (100, better-sqlite3's default). */
  pagesPerStep?: number;
  onProgress?: (progress: { totalPages: number; remainingPages: number }) => void;
}

export interface RestoreReport extends DatabaseCopyReport {
  backup: string;
  /** Where the database that was replaced now is (null when there was none, or it was discarded). */
  previous: string | null;
}

export interface RestoreOptions {
  /** Move the replaced database aside as `<target>.before-restore-<timestamp>` (default) instead of deleting it. */
  keepPrevious?: boolean;
}

/** `YYYYMMDD-HHMMSS` in UTC: backup file names. */
export function backupTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Copies the database at `sourceFile` to `destFile` while other connections keep writing to it,
 * then opens the copy and checks it (`PRAGMA integrity_check` must say `ok`, else this throws and
 * no file is left at `destFile`). The copy is a single self-contained file (rollback-journal
 * mode, no `-wal` beside it) holding the database as of the moment the backup started.
 */
export async function backupDatabase(sourceFile: string, destFile: string, options: BackupOptions = {}): Promise<BackupReport> {
  if (sourceFile === ':memory:' || destFile === ':memory:') throw new Error('An in-memory database cannot be backed up');
  const source = resolve(sourceFile);
  const dest = resolve(destFile);
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (source === dest) throw new Error('The backup cannot replace the database it copies');
  if (existsSync(dest) && !options.overwrite) throw new Error(`${dest} already exists: choose another file (or overwrite it explicitly)`);
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  removeDatabaseFiles(partial);

  const pagesPerStep = Math.max(1, Math.floor(options.pagesPerStep ?? 100));
  let steps = 0;
  const src = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    const wal = String(src.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    if (wal) {
      // The snapshot: a read transaction (started by the first read) that every step copies from.
      src.exec('BEGIN');
      src.prepare('SELECT count(*) FROM sqlite_master').get();
    }
    try {
      await src.backup(partial, {
        progress(progress) {
          steps++;
          options.onProgress?.(progress);
          // Not in WAL mode, a snapshot would block the writers: copy everything in one step.
          return wal ? pagesPerStep : 0x7fffffff;
        },
      });
    } finally {
      if (src.inTransaction) src.exec('COMMIT');
    }
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  } finally {
    src.close();
  }

  let report: DatabaseCopyReport;
  try {
    report = verifyCopy(partial);
    syncFile(partial);
    renameSync(partial, dest);
    syncDirectory(dirname(dest));
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
  return { ...report, file: dest, source, steps };
}

/**
 * Replaces the database at `targetFile` with the backup at `backupFile`.
 *
 * THE SERVER MUST BE STOPPED. The restore refuses when it can tell that another connection has
 * the target open (any connection in WAL mode, which is how the app opens it: leaving WAL mode
 * needs exclusive access), but it cannot see a process that opens the file while it runs.
 *
 * The backup is checked first (integrity, and that it is a database of this app); the copy is
 * made with the backup API beside the target, checked again, and renamed into place. The
 * database it replaces is moved aside (with its `-wal`), unless `keepPrevious: false`; stale
 * `-wal`/`-shm`/`-journal` files of the target are removed so they cannot be replayed onto the
 * restored file.
 */
export async function restoreDatabase(backupFile: string, targetFile: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  if (backupFile === ':memory:' || targetFile === ':memory:') throw new Error('Cannot restore to or from an in-memory database');
  const backup = resolve(backupFile);
  const target = resolve(targetFile);
  if (!existsSync(backup)) throw new Error(`No backup at ${backup}`);
  if (backup === target) throw new Error('The backup and the database to restore are the same file');

  // 1. The backup itself.
  const src = new Database(backup, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const problems = integrityProblems(src);
    if (problems) throw new Error(`The backup ${backup} is damaged (integrity check failed): ${problems}`);
    const hasMigrations =
      src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
    if (!hasMigrations) throw new Error(`${backup} is not a database of this app (no migrations recorded)`);

    // 2. Nobody may be using the target.
    if (existsSync(target)) assertNotInUse(target);

    // 3. The copy, beside the target.
    mkdirSync(dirname(target), { recursive: true });
    const restoring = `${target}.restoring`;
    removeDatabaseFiles(restoring);
    let report: DatabaseCopyReport;
    try {
      await src.backup(restoring);
      report = verifyCopy(restoring);
      syncFile(restoring);
    } catch (error) {
      removeDatabaseFiles(restoring);
      throw error;
    }

    // 4. The current database aside, its journals gone, the copy in place.
    let previous: string | null = null;
    if (existsSync(target)) {
      if (options.keepPrevious === false) {
        rmSync(target, { force: true });
      } else {
        previous = `${target}.before-restore-${backupTimestamp()}`;
        renameSync(target, previous);
        // Committed data not yet checkpointed belongs with the file it was written for.
        if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${previous}-wal`);
      }
    }
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(restoring, target);
    syncDirectory(dirname(target));
    return { ...report, file: target, backup, previous };
  } finally {
    src.close();
  }
}

/** `null` when `PRAGMA integrity_check` says ok, else what it (or SQLite) reported. */
function integrityProblems(db: Database.Database): string | null {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const lines = rows.map((r) => r.integrity_check);
    return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 10).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Opens a fresh copy, checks it, makes it self-contained (rollback-journal mode: no `-wal` is
 * ever needed beside it) and reports what it holds. Throws unless the integrity check says ok.
 */
function verifyCopy(file: string): DatabaseCopyReport {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5000 });
  } catch (error) {
    throw new Error(`The copy ${file} cannot be opened: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let report: Omit<DatabaseCopyReport, 'bytes'>;
  try {
    const problems = integrityProblems(db);
    if (problems) throw new Error(`Integrity check of the copy ${file} failed: ${problems}`);
    db.pragma('journal_mode = DELETE');
    report = {
      file,
      pages: Number(db.pragma('page_count', { simple: true })),
      pageSize: Number(db.pragma('page_size', { simple: true })),
      integrity: 'ok',
      migrations: migrationStatus(db),
      tables: tableRowCounts(db),
    };
  } finally {
    db.close();
  }
  return { ...report, bytes: statSync(file).size };
}

/** Throws when another connection has the database open (see restoreDatabase). */
function assertNotInUse(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return; // Not openable as a database: nothing is serving it.
  }
  try {
    // Leaving WAL mode needs every other connection gone; it also checkpoints the WAL.
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code?.startsWith('SQLITE_BUSY_')) {
      throw new Error(`${file} is in use by another connection: stop the server (and any other process using it) before restoring`, {
        cause: error,
      });
    }
    // Damaged or not a database: it is about to be replaced.
  } finally {
    db.close();
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; not every platform can fsync a directory (Windows), which is fine. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}
