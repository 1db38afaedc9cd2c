/**
 * Bundles the server into plain JavaScript: `node build.mjs` writes dist/main.js (and
 * dist/dashboard-worker.js, the dashboard's worker thread), which `pnpm start` runs with
 * plain `node`: no TypeScript compilation at start-up. `tsx` stays for development.
 *
 * - Everything JavaScript is bundled: the workspace packages (@coalition/*, TypeScript
 *   sources resolved through their package.json `exports`) and the npm dependencies
 *   (fastify, tRPC, drizzle, zod…). One file parses and links much faster than the few
 *   hundred files node_modules would load one by one.
 * - Native addons stay external: better-sqlite3 and @node-rs/argon2 (which picks its
 *   platform binary at run time). They are required by bare name when they resolve from
 *   dist/ (i.e. once they are dependencies of @coalition/server), otherwise by a relative
 *   path to the very file the workspace package that imports them resolves to, so the
 *   bundle loads exactly what the sources load under tsx.
 * - Paths computed from `import.meta.url` (the repository root, the migrations folder, the
 *   worker file) see dist/ in the bundle: paths.ts and @coalition/db find the repository by
 *   walking up, and the dashboard service starts dist/dashboard-worker.js.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const SERVER_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SERVER_DIR, '../..');
const OUT_DIR = resolve(SERVER_DIR, 'dist');

/** Packages with a compiled addon: never bundled. */
const NATIVE = /^(better-sqlite3|@node-rs\/argon2)(\/|$)/;

const ENTRIES = [
  { in: resolve(SERVER_DIR, 'src/main.ts'), out: 'main' },
  // Started by the dashboard service in a worker thread (new URL('./dashboard-worker.js', import.meta.url)).
  { in: resolve(REPO_ROOT, 'packages/api/src/services/dashboard/worker.ts'), out: 'dashboard-worker' },
];

const toPosix = (path) => path.split(sep).join('/');
/** An import specifier for `file`, relative to the output folder. */
const fromOutDir = (file) => {
  const path = toPosix(relative(OUT_DIR, file));
  return path.startsWith('.') ? path : `./${path}`;
};

/**
 * Keeps native addons out of the bundle, loaded from dist/ with require(): they are CommonJS,
 * and `import` of a CommonJS file costs the ESM loader's translation (a lexer pass over the
 * source for its export names) on every start.
 */
const nativeAddons = {
  name: 'native-addons',
  setup(build) {
    // The require() inside the stand-in module below: left to Node.
    build.onResolve({ filter: /.*/, namespace: 'native-addon' }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: NATIVE }, async (args) => {
      if (args.pluginData?.nativeAddons) return undefined;
      const resolveFrom = (resolveDir) =>
        build.resolve(args.path, { kind: 'require-call', resolveDir, pluginData: { nativeAddons: true } });
      const wanted = await resolveFrom(args.resolveDir);
      if (wanted.errors.length > 0) return { errors: wanted.errors };
      const fromDist = await resolveFrom(OUT_DIR);
      const specifier = fromDist.errors.length === 0 && fromDist.path === wanted.path ? args.path : fromOutDir(wanted.path);
      return { path: specifier, namespace: 'native-addon' };
    });
    // A CommonJS stand-in: esbuild's interop gives importers its default and named exports.
    build.onLoad({ filter: /.*/, namespace: 'native-addon' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const started = performance.now();
const result = await esbuild.build({
  absWorkingDir: REPO_ROOT,
  entryPoints: ENTRIES,
  outdir: OUT_DIR,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // The map points at the files on disk (node_modules and the workspace sources).
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS packages (fastify and its plugins) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);",
  },
  plugins: [nativeAddons],
  // Written below, each file atomically: a server starting from dist/ while another build
  // runs (the browser tests, `pnpm start`) never reads a half-written bundle.
  write: false,
});

mkdirSync(OUT_DIR, { recursive: true });
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}
// Leftovers of earlier builds (an entry point that is gone).
const written = new Set(result.outputFiles.map((file) => file.path));
for (const name of readdirSync(OUT_DIR)) {
  const path = resolve(OUT_DIR, name);
  if (!written.has(path) && /\.js(\.map)?$/.test(name)) rmSync(path, { force: true });
}

const outputs = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, { bytes }]) => `${toPosix(relative(SERVER_DIR, resolve(REPO_ROOT, file)))} ${(bytes / 1024 / 1024).toFixed(1)} MB`);
process.stdout.write(`Built ${outputs.join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
