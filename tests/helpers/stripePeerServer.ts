/**
 * The Stripe peer as a standalone server for the browser tests (playwright.config.ts starts
 * it): port STRIPE_PEER_PORT, keys from the environment so the app can be pointed at it, and
 * the catalog created by our own `stripe:setup` code, as an operator would have done.
 */
import { StripeBillingDriver } from '../../plugins/billing'
import { startStripePeer } from './stripePeer'

const port = Number(process.env.STRIPE_PEER_PORT ?? 12111)
const peer = await startStripePeer(port, {
  secretKey: process.env.STRIPE_SECRET_KEY,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
})
await new StripeBillingDriver({
  secretKey: peer.secretKey,
  webhookSecret: peer.webhookSecret,
  apiUrl: peer.url,
}).ensureCatalog()
console.log(`Stripe peer listening on ${peer.url}`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void peer.close().then(() => process.exit(0)))
}
