// ESLint (flat config): typescript-eslint, the React hooks rules, and the import boundaries
// between the layers — the web app sees only @coalition/domain and the API's types; the domain
// sees nothing but zod; a feature uses another feature only through that feature's index.ts.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const FEATURES = readdirSync(new URL('./apps/web/src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Server-only modules the browser and the domain must never import. */
const SERVER_ONLY = [
  { group: ['@coalition/db', '@coalition/db/*'], message: 'The database is server-only: use @coalition/domain (rules, enums, validators) or the API.' },
  { group: ['@coalition/auth', '@coalition/auth/*'], message: 'Sessions and passwords are server-only.' },
  { group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'], message: 'The database driver is server-only.' },
  { group: ['node:*'], message: 'Node built-ins do not run in the browser.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tmp/**', 'data/**', 'drizzle/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Every disable says why, on its own line.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },

  // The domain: plain TypeScript and zod only.
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SERVER_ONLY,
            { group: ['@coalition/api', '@coalition/api/*', 'react', 'react-dom', '@trpc/*', '@tanstack/*'], message: 'The domain is plain TypeScript and zod: it depends on no framework.' },
          ],
        },
      ],
    },
  },

  // The web app: the domain, and only the API's types.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The rules of hooks. (The React Compiler's own rules in the plugin's recommended set are
      // left out: this app does not run the compiler, and they flag deliberate ref reads and the
      // libraries it cannot compile — TanStack Table and Virtual, react-hook-form.)
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@coalition/api', allowTypeImports: true, message: 'The web app imports only the API’s types (import type …).' }],
          patterns: SERVER_ONLY,
        },
      ],
    },
  },
  // Shared code (lib, components, layout) does not reach into features.
  {
    files: ['apps/web/src/{lib,components,layout}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)features/', message: 'Shared code does not depend on a feature.' }] }],
    },
  },
  // A feature uses another feature only through that feature's public index.ts.
  ...FEATURES.map((feature) => ({
    files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./(?!${feature}/)(?!\\.\\.?/)[^/]+/(?!index\\.ts$)`,
              message: 'Import another feature through its index.ts (its shared widgets), not its internals.',
            },
          ],
        },
      ],
    },
  })),

  // Tests may reach anywhere, and use any for fixtures.
  {
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
  {
    files: ['apps/server/src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs,js}', '.ci/**/*.mjs', '*.config.{ts,js}'],
    rules: { 'no-console': 'off' },
  },
);
