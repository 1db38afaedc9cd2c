/**
 * Where things are on disk, independent of the working directory: `pnpm start` from the
 * repository root and from apps/server must open the same database and serve the same
 * client build.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module that holds pnpm-workspace.yaml.
 * This module is apps/server/src/paths.ts under tsx and part of apps/server/dist/main.js in
 * the bundled server; both find the same root.
 */
export const REPO_ROOT = findRepoRoot(fileURLToPath(new URL('.', import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '../../..');
  }
}

/** The Vite build of apps/web. */
export const DEFAULT_WEB_DIST = resolve(REPO_ROOT, 'apps/web/dist');

export const DEFAULT_DATABASE_URL = './data/coalition.db';

/**
 * Resolves `DATABASE_URL` (a path or a `file:` path; `:memory:` is kept) to an absolute
 * path. Relative paths are taken relative to the repository root.
 */
export function resolveDatabasePath(url: string | undefined = process.env.DATABASE_URL): string {
  const raw = url && url.trim() ? url.trim() : DEFAULT_DATABASE_URL;
  const path = raw.startsWith('file:') ? raw.slice('file:'.length) : raw;
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}
