import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests in Debian's Chromium against a production build served on its own port,
 * its own embedded PostgreSQL data directory and its own mail folder.
 */
export const E2E_PORT = 3100
export const E2E_MAIL_DIR = '.data/e2e-mail'

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf .data/e2e-postgres .data/e2e-postgres.lock ${E2E_MAIL_DIR} && npx next build && npx next start -H 127.0.0.1 -p ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      EMBEDDED_PG_PORT: '54349',
      EMBEDDED_PG_DATA_DIR: '.data/e2e-postgres',
      MAIL_DIR: E2E_MAIL_DIR,
      MEDIA_DIR: '.data/e2e-media',
      NEXT_PUBLIC_SERVER_URL: `http://127.0.0.1:${E2E_PORT}`,
    },
  },
})
