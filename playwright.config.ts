import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * Browser tests against the production build served by the real server, in Debian's
 * Chromium (never a downloaded browser). The server gets a fresh SQLite file per run.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: '.tmp/e2e-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/reports/playwright.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The bundled server, as `pnpm start` runs it (`pnpm test:e2e` builds it first).
    command: `rm -rf .tmp/e2e-db && node apps/server/dist/main.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: '.tmp/e2e-db/e2e.db',
      PUBLIC_URL: `http://localhost:${PORT}`,
      NODE_ENV: 'production',
      SEED: '0',
      // The suite signs up ~20 users from one address within minutes.
      SIGNUP_BURST: '100',
    },
  },
});
