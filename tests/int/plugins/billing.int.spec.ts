import { REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'

import { getBilling } from '../../../plugins/billing'
import { startPayload, type TestContext } from '../../helpers/payload'
import { startStripePeer, type StripePeer } from '../../helpers/stripePeer'
import { recorded } from './billing/recorded'

let ctx: TestContext
let payload: Payload
let peer: StripePeer

const PASSWORD = 'billing-plugin-password'
const STRIPE_ENV = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_URL'] as const

/** `POST /api/<path>` through Payload's own route handler, as the app's API route serves it. */
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const request = new Request(`http://localhost:3000/api/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const response = await REST_POST(ctx.config)(request, {
    params: Promise.resolve({ slug: path.split('/') }),
  })
  return { status: response.status, body: await response.json() }
}

const signedIn = async (role: 'admin' | 'vendor') => {
  const email = `${role}-${Date.now().toString(36)}@example.test`
  const user = await payload.create({
    collection: 'users',
    // The generated types are the app's users; this config's hold only the role billing asks about.
    data: { email, password: PASSWORD, role } as never,
  })
  const { token } = await payload.login({
    collection: 'users',
    data: { email, password: PASSWORD },
  })
  return { user, auth: { Authorization: `JWT ${token}` } }
}

/** Stripe's delivery of an event, signed as Stripe signs it. */
const deliver = (event: Record<string, unknown>) =>
  post('billing/webhook', event, { 'Stripe-Signature': peer.signed(event).signature })

beforeAll(async () => {
  peer = await startStripePeer()
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: peer.secretKey,
    STRIPE_WEBHOOK_SECRET: peer.webhookSecret,
    STRIPE_API_URL: peer.url,
  })
  ctx = await startPayload('billing-plugin', () => import('./billing/config'))
  payload = ctx.payload
  // What `npm run stripe:setup` does once for a Stripe account.
  await getBilling(payload).ensureCatalog()
})

afterEach(() => {
  // Every request the SDK made must have been one Stripe's API would accept.
  expect(peer.refused).toEqual([])
})

afterAll(async () => {
  await ctx?.stop()
  await peer?.close()
  for (const name of STRIPE_ENV) delete process.env[name]
})

describe('billing plugin on its own', () => {
  let vendorId: number
  let vendorAuth: Record<string, string>
  let invoice: Record<string, unknown>

  it('applies a signed Checkout once: subscription, tier, and the tier change audited', async () => {
    const vendor = await signedIn('vendor')
    vendorAuth = vendor.auth
    const profile = await payload.create({
      collection: 'vendors',
      // The generated types are the app's vendors; this config's hold only what billing reads.
      data: { businessName: 'Plugin Vendor', owner: vendor.user.id } as never,
    })
    vendorId = profile.id

    const started = await post('subscriptions', { tier: 'showcase' }, vendorAuth)
    expect(started.status).toBe(200)
    const done = peer.completeCheckout(started.body.sessionId)
    invoice = done.invoice
    const completed = peer.event('checkout.session.completed', done.session)

    expect((await deliver(completed)).body.outcome).toBe('applied')
    expect((await deliver(completed)).body.outcome).toBe('duplicate')

    const { docs: subscriptions } = await payload.find({
      collection: 'subscriptions',
      where: { vendor: { equals: vendorId } },
    })
    expect(subscriptions).toHaveLength(1)
    expect(subscriptions[0]).toMatchObject({
      stripeSubscriptionId: done.subscription.id,
      status: 'active',
      tier: 'showcase',
    })
    expect((await payload.findByID({ collection: 'vendors', id: vendorId })).tier).toBe('showcase')
    const events = await payload.count({
      collection: 'billing-events',
      where: { eventId: { equals: completed.id } },
    })
    expect(events.totalDocs).toBe(1)

    expect(recorded.audited.filter((entry) => entry.targetId === vendorId)).toEqual([
      expect.objectContaining({
        action: 'vendor.tier-sync',
        targetCollection: 'vendors',
        details: {
          from: 'essential',
          to: 'showcase',
          source: `Stripe subscription ${done.subscription.id}`,
        },
      }),
    ])
    // The app's own hook on vendors still ran on the tier change: billing's was added after it.
    expect(recorded.savedVendorIds.filter((id) => id === vendorId)).toHaveLength(2)
  })

  it('refunds only for admins, and audits the refund', async () => {
    expect((await deliver(peer.event('invoice.paid', invoice))).body.outcome).toBe('applied')
    const {
      docs: [payment],
    } = await payload.find({ collection: 'payments', where: { vendor: { equals: vendorId } } })
    expect(payment).toMatchObject({ status: 'paid', amountCents: 3335, gstCents: 435 })

    const byVendor = await post(`payments/${payment!.id}/refund`, { amountCents: 100 }, vendorAuth)
    expect(byVendor.status).toBe(403)
    expect(byVendor.body.error.code).toBe('FORBIDDEN')

    const admin = await signedIn('admin')
    const byAdmin = await post(
      `payments/${payment!.id}/refund`,
      { amountCents: 100, reason: 'Goodwill' },
      admin.auth,
    )
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body.doc).toMatchObject({ status: 'partially_refunded', refundedCents: 100 })
    expect(recorded.audited).toContainEqual(
      expect.objectContaining({
        action: 'payment.refund',
        targetCollection: 'payments',
        targetId: payment!.id,
      }),
    )
  })
})
