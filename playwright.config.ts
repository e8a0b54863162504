import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests in Debian's Chromium against a production build served on its own port,
 * its own embedded PostgreSQL data directory and its own mail folder. A second server from the
 * same build and database bills through a local Stripe peer (tests/helpers/stripePeer.ts),
 * so billing is seen both without keys (the embedded default) and with them.
 */
export const E2E_PORT = 3100
export const E2E_BILLING_PORT = 3101
export const STRIPE_PEER_PORT = 12111
export const E2E_MAIL_DIR = '.data/e2e-mail'

const E2E_PG_PORT = 54349
/** Both servers sign the same session tokens: one secret, set here rather than kept on disk. */
const E2E_SECRET = 'e2e-only-secret-0123456789abcdef0123456789'
const STRIPE_KEYS = { STRIPE_SECRET_KEY: 'sk_test_e2epeer', STRIPE_WEBHOOK_SECRET: 'whsec_e2epeer' }
const shared = {
  NEXT_TELEMETRY_DISABLED: '1',
  PAYLOAD_SECRET: E2E_SECRET,
  MAIL_DIR: E2E_MAIL_DIR,
  MEDIA_DIR: '.data/e2e-media',
  PRIVATE_FILES_DIR: '.data/e2e-private-files',
  // Tests drive the browser from 127.0.0.1 all day: that address is not counted, and a test
  // that wants to be limited says where it comes from through the one trusted proxy.
  TRUSTED_PROXIES: '1',
  RATE_LIMIT_EXEMPT: '127.0.0.1',
  // The webhook receivers the tests run listen on 127.0.0.1; every other private address stays refused.
  WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES: '127.0.0.1',
}

/** The first server's database, for the second server and for the scripts a test runs. */
const E2E_DATABASE = {
  DATABASE_URL: `postgres://postgres:eventpros-local@127.0.0.1:${E2E_PG_PORT}/eventpros`,
  SEED_DEMO_DATA: 'false',
  MARKETPLACE_JOBS_CRON: 'off',
  SEARCH_SYNC_CRON: 'off',
}

/** What `npm run <script>` needs to act on the test servers' data (bookings:complete, say). */
export const E2E_SCRIPT_ENV = {
  ...shared,
  ...E2E_DATABASE,
  NODE_ENV: 'production' as const,
  NEXT_PUBLIC_SERVER_URL: `http://127.0.0.1:${E2E_PORT}`,
}

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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `rm -rf .data/e2e-postgres .data/e2e-postgres.lock ${E2E_MAIL_DIR} && npx next build && npx next start -H 127.0.0.1 -p ${E2E_PORT}`,
      url: `http://127.0.0.1:${E2E_PORT}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        ...shared,
        EMBEDDED_PG_PORT: String(E2E_PG_PORT),
        EMBEDDED_PG_DATA_DIR: '.data/e2e-postgres',
        NEXT_PUBLIC_SERVER_URL: `http://127.0.0.1:${E2E_PORT}`,
      },
    },
    {
      command: 'node scripts/run.mjs tests/helpers/stripePeerServer.ts',
      url: `http://127.0.0.1:${STRIPE_PEER_PORT}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { ...STRIPE_KEYS, STRIPE_PEER_PORT: String(STRIPE_PEER_PORT) },
    },
    {
      // Started after the first (Playwright starts them in order): same build, same database.
      command: `npx next start -H 127.0.0.1 -p ${E2E_BILLING_PORT}`,
      url: `http://127.0.0.1:${E2E_BILLING_PORT}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        ...shared,
        ...STRIPE_KEYS,
        STRIPE_API_URL: `http://127.0.0.1:${STRIPE_PEER_PORT}`,
        ...E2E_DATABASE,
        NEXT_PUBLIC_SERVER_URL: `http://127.0.0.1:${E2E_BILLING_PORT}`,
      },
    },
  ],
})
