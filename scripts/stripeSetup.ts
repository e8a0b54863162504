/**
 * npm run stripe:setup
 *
 * Creates or updates, in the Stripe account of STRIPE_SECRET_KEY, what billing needs: one
 * product per paid tier, its monthly NZD price (found again by lookup key; a changed amount
 * gets a new price that takes the key over, and the old one is archived) and the 15% GST
 * rate. Safe to run again: what is already right is left alone.
 */
import { getEnv } from '@/lib/kit/env'

import { StripeBillingDriver } from '../plugins/billing'

const env = getEnv()
if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) {
  console.error(
    'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are not set, so there is no Stripe account to set up.\n' +
      'Without them billing shows the plans and says it is not configured (see .env.example).',
  )
  process.exit(1)
}

const driver = new StripeBillingDriver({
  secretKey: env.STRIPE_SECRET_KEY,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET,
  apiUrl: env.STRIPE_API_URL,
})

try {
  const report = await driver.ensureCatalog()
  for (const [label, items] of Object.entries(report)) {
    for (const item of items) console.log(`${label.padEnd(9)} ${item}`)
  }
  console.log(
    `Stripe is ready: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} already right.`,
  )
} catch (error) {
  console.error(`Stripe setup failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
