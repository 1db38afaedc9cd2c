/**
 * `pnpm db:backup [--out FILE] [--force]` and `pnpm db:restore FILE [--discard-current]`: the
 * configured database (DATABASE_URL, as the server reads it) backed up or restored. A file of
 * its own so the server bundle never runs it.
 *
 * Backup is safe while the server runs (a consistent snapshot through SQLite's online backup
 * API). Restore needs the server stopped; it refuses when it sees the database in use, and
 * keeps the database it replaces beside it unless --discard-current.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, backupTimestamp, restoreDatabase, type DatabaseCopyReport } from '@coalition/db';
import { REPO_ROOT, resolveDatabasePath } from './paths.ts';

const USAGE = `Usage:
  db-cli.ts backup [--out FILE] [--force]
      Copies the database while the app keeps running (default FILE:
      ./data/backups/coalition-YYYYMMDD-HHMMSS.db, UTC, under the repository root).
      --force replaces FILE if it exists.
  db-cli.ts restore FILE [--discard-current]
      Replaces the database with the backup FILE. Stop the server first. The replaced
      database is kept as <database>.before-restore-YYYYMMDD-HHMMSS unless --discard-current.

The database is DATABASE_URL (default ./data/coalition.db, relative to the repository root).`;

class UsageError extends Error {}

/** Paths typed on the command line are relative to where the command was run (pnpm scripts run in apps/server). */
function fromCommandLine(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD || process.cwd(), path);
}

function shown(path: string): string {
  const rel = relative(process.env.INIT_CWD || process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function describe(report: DatabaseCopyReport): string[] {
  const mb = (report.bytes / (1024 * 1024)).toFixed(1);
  const { migrations } = report;
  const lines = [
    `  size        ${mb} MB (${report.bytes.toLocaleString('en-US')} bytes), ${report.pages.toLocaleString('en-US')} pages of ${report.pageSize} bytes`,
    `  integrity   ${report.integrity}`,
    `  migrations  ${migrations.applied} of ${migrations.expected} applied` +
      (migrations.missing.length ? ` (missing: ${migrations.missing.join(', ')}; the server applies them when it starts)` : '') +
      (migrations.unknown ? `; ${migrations.unknown} unknown to this version (made by a newer version?)` : ''),
    '  rows',
  ];
  const width = Math.max(0, ...Object.keys(report.tables).map((t) => t.length));
  for (const [table, n] of Object.entries(report.tables)) lines.push(`    ${table.padEnd(width)}  ${n.toLocaleString('en-US')}`);
  return lines;
}

async function main(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, ...rest] = positionals;
  const database = resolveDatabasePath();
  if (database === ':memory:') throw new Error('DATABASE_URL is :memory:, there is no file to back up or restore');

  if (command === 'backup') {
    if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    const out = values.out
      ? fromCommandLine(values.out)
      : join(REPO_ROOT, 'data', 'backups', `coalition-${backupTimestamp()}.db`);
    const report = await backupDatabase(database, out, { overwrite: values.force });
    console.log([`Backed up ${shown(database)}`, `  to          ${shown(report.file)}`, ...describe(report)].join('\n'));
    return;
  }

  if (command === 'restore') {
    if (rest.length !== 1) throw new UsageError('restore takes one argument: the backup file');
    const backup = fromCommandLine(rest[0]!);
    const report = await restoreDatabase(backup, database, { keepPrevious: !values['discard-current'] });
    console.log(
      [
        `Restored ${shown(database)}`,
        `  from        ${shown(backup)}`,
        `  previous    ${report.previous ? `kept as ${shown(report.previous)}` : values['discard-current'] ? 'discarded' : '(there was none)'}`,
        ...describe(report),
        'Start the server again to use it.',
      ].join('\n'),
    );
    return;
  }

  throw new UsageError(command ? `Unknown command: ${command}` : 'Missing command: backup or restore');
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      'discard-current': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
