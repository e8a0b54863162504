import { createLocalReq, type Payload } from 'payload'
import Stripe from 'stripe'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import {
  endLapsedGracePeriods,
  setBilling,
  StripeBillingDriver,
  UnconfiguredBillingDriver,
} from '../../plugins/billing'
import { DAY_MS, inDays } from '../helpers/dates'
import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { startStripePeer, type StripePeer } from '../helpers/stripePeer'
import { createUser, readMails } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let peer: StripePeer
let driver: StripeBillingDriver
let firstCatalog: Awaited<ReturnType<StripeBillingDriver['ensureCatalog']>>
let categoryId: number
let admin: Account
let moderator: Account
let organizer: Account

const mailTo = (email: string) => readMails(ctx.mailDir, email).join('\n')
const runQueuedEmails = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 200 })

/** A vendor account with an active profile on `tier`. */
const vendorAccount = async (tier: 'essential' | 'showcase' | 'spotlight' = 'essential') => {
  const account = await createUser(payload, rest, 'vendor')
  const vendor = await createVendor(payload, account.user.id, categoryId, { tier })
  return { ...account, vendorId: vendor.id }
}
type VendorAccount = Awaited<ReturnType<typeof vendorAccount>>

const vendorTier = async (id: number) =>
  (await payload.findByID({ collection: 'vendors', id, depth: 0 })).tier

/** Stripe's delivery: the JSON body with the Stripe-Signature header the SDK's helper makes. */
const deliver = (event: Record<string, unknown>, signature = peer.signed(event).signature) =>
  rest.post('/api/billing/webhook', { body: event, headers: { 'Stripe-Signature': signature } })

/** The vendor starts Checkout from the API and Stripe reports the finished payment. */
const subscribe = async (account: VendorAccount, tier: 'showcase' | 'spotlight') => {
  const started = await rest.post('/api/subscriptions', { token: account.token, body: { tier } })
  if (started.status !== 200) throw new Error(JSON.stringify(started.body))
  const done = peer.completeCheckout(started.body.sessionId)
  const completed = peer.event('checkout.session.completed', done.session)
  expect((await deliver(completed)).body.outcome).toBe('applied')
  expect((await deliver(peer.event('invoice.paid', done.invoice))).body.outcome).toBe('applied')
  const {
    docs: [row],
  } = await payload.find({
    collection: 'subscriptions',
    where: { stripeSubscriptionId: { equals: done.subscription.id } },
  })
  return { ...done, row: row!, completed }
}

beforeAll(async () => {
  ctx = await startPayload('billing')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  peer = await startStripePeer()
  driver = new StripeBillingDriver({
    secretKey: peer.secretKey,
    webhookSecret: peer.webhookSecret,
    apiUrl: peer.url,
  })
  firstCatalog = await driver.ensureCatalog()
  setBilling(payload, driver)
  categoryId = (await createCategory(payload, 'Photographers')).id
  admin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
  organizer = await createUser(payload, rest, 'organizer')
})

afterAll(async () => {
  await peer?.close()
  await ctx?.stop()
})

afterEach(() => {
  // Every request the SDK made must have been one Stripe's API would accept.
  expect(peer.refused).toEqual([])
})

describe('npm run stripe:setup (ensureCatalog)', () => {
  it('creates the products, monthly NZD prices by lookup key and the GST rate once', async () => {
    expect(firstCatalog.created).toEqual([
      'product event_pros_showcase',
      'price event_pros_showcase_monthly',
      'product event_pros_spotlight',
      'price event_pros_spotlight_monthly',
      'tax rate GST 15%',
      // Stripe opens no portal session without one (or a default saved in the Dashboard).
      'billing portal configuration',
    ])
    const again = await driver.ensureCatalog()
    expect(again.created).toEqual([])
    expect(again.unchanged).toHaveLength(6)
    const showcase = [...peer.prices.values()].find(
      (price) => price.lookup_key === 'event_pros_showcase_monthly',
    )!
    expect(showcase).toMatchObject({
      unit_amount: 2900,
      currency: 'nzd',
      tax_behavior: 'exclusive',
      recurring: { interval: 'month' },
    })
    const [gst] = [...peer.taxRates.values()]
    expect(gst).toMatchObject({ percentage: 15, inclusive: false, country: 'NZ' })
  })

  it('replaces a price whose amount is wrong: the new one takes the lookup key, the old is archived', async () => {
    const old = [...peer.prices.values()].find(
      (price) => price.lookup_key === 'event_pros_spotlight_monthly',
    )!
    old.unit_amount = 8900
    const report = await driver.ensureCatalog()
    expect(report.created).toEqual(['price event_pros_spotlight_monthly'])
    expect(old).toMatchObject({ active: false, lookup_key: null })
    const current = [...peer.prices.values()].find(
      (price) => price.lookup_key === 'event_pros_spotlight_monthly',
    )!
    expect(current.unit_amount).toBe(9900)
    expect((await driver.ensureCatalog()).created).toEqual([])
  })
})

describe('plans and checkout', () => {
  it('lists the tiers with GST for anyone', async () => {
    const { status, body } = await rest.get('/api/billing/plans')
    expect(status).toBe(200)
    expect(body.configured).toBe(true)
    expect(body.tiers.map((tier: { value: string }) => tier.value)).toEqual([
      'essential',
      'showcase',
      'spotlight',
    ])
    expect(body.tiers[1].monthly).toEqual({ netCents: 2900, gstCents: 435, grossCents: 3335 })
    expect(body.tiers[2].monthly).toEqual({ netCents: 9900, gstCents: 1485, grossCents: 11385 })
  })

  it('opens Checkout in subscription mode with the price, GST, customer email and vendor id', async () => {
    const vendor = await vendorAccount()
    const { status, body } = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'showcase' },
    })
    expect(status).toBe(200)
    const session = peer.sessions.get(body.sessionId)!
    expect(body.checkoutUrl).toBe(session.url)
    const sent = peer.requests.findLast((r) => r.path === '/v1/checkout/sessions')!.body
    expect(sent).toMatchObject({
      mode: 'subscription',
      customer_email: vendor.email,
      client_reference_id: String(vendor.vendorId),
      metadata: { vendorId: String(vendor.vendorId), tier: 'showcase' },
      subscription_data: { metadata: { vendorId: String(vendor.vendorId) } },
      success_url: 'http://localhost:3000/billing/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://localhost:3000/billing/cancelled',
    })
    expect(sent.line_items[0].quantity).toBe('1')
    expect(peer.taxRates.get(sent.line_items[0].tax_rates[0])?.percentage).toBe(15)
    expect(peer.prices.get(sent.line_items[0].price)?.lookup_key).toBe(
      'event_pros_showcase_monthly',
    )
  })

  it('refuses a tier that is not for sale, people who are not vendors, and a second plan', async () => {
    const vendor = await vendorAccount()
    const gold = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'gold' },
    })
    expect(gold.status).toBe(400)
    expect(gold.body.error.details[0].field).toBe('tier')
    const free = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'essential' },
    })
    expect(free.status).toBe(400)
    expect((await rest.post('/api/subscriptions', { body: { tier: 'showcase' } })).status).toBe(401)
    const byOrganizer = await rest.post('/api/subscriptions', {
      token: organizer.token,
      body: { tier: 'showcase' },
    })
    expect(byOrganizer.status).toBe(403)

    await subscribe(vendor, 'showcase')
    const second = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'spotlight' },
    })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('ALREADY_SUBSCRIBED')
  })
})

describe('webhooks', () => {
  it('applies one event delivered three times once', async () => {
    const vendor = await vendorAccount()
    const { body } = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'showcase' },
    })
    const done = peer.completeCheckout(body.sessionId)
    const event = peer.event('checkout.session.completed', done.session)
    const outcomes = []
    for (let i = 0; i < 3; i++) {
      const response = await deliver(event)
      expect(response.status).toBe(200)
      outcomes.push(response.body.outcome)
    }
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate'])
    expect(
      (
        await payload.count({
          collection: 'billing-events',
          where: { eventId: { equals: event.id } },
        })
      ).totalDocs,
    ).toBe(1)
    expect(
      (
        await payload.count({
          collection: 'subscriptions',
          where: { vendor: { equals: vendor.vendorId } },
        })
      ).totalDocs,
    ).toBe(1)
    expect(await vendorTier(vendor.vendorId)).toBe('showcase')
    const audits = await payload.find({
      collection: 'audit-log',
      where: {
        and: [
          { action: { equals: 'vendor.tier-sync' } },
          { targetId: { equals: String(vendor.vendorId) } },
        ],
      },
    })
    expect(audits.docs.map((entry) => entry.summary)).toEqual([
      expect.stringContaining(`Essential → Showcase (Stripe subscription ${done.subscription.id})`),
    ])

    const paid = peer.event('invoice.paid', done.invoice)
    await deliver(paid)
    await deliver(paid)
    const payments = await payload.find({
      collection: 'payments',
      where: { vendor: { equals: vendor.vendorId } },
    })
    expect(payments.docs).toHaveLength(1)
    expect(payments.docs[0]).toMatchObject({
      status: 'paid',
      amountCents: 3335,
      gstCents: 435,
      stripeInvoiceId: done.invoice.id,
    })
  })

  it('refuses a bad signature with 400 and changes nothing', async () => {
    const vendor = await vendorAccount()
    const { body } = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'spotlight' },
    })
    const done = peer.completeCheckout(body.sessionId)
    const event = peer.event('checkout.session.completed', done.session)
    const before = (await payload.count({ collection: 'billing-events' })).totalDocs

    const forged = await deliver(event, peer.signed({ ...event, id: 'evt_other' }).signature)
    expect(forged.status).toBe(400)
    expect(forged.body.error.code).toBe('BAD_SIGNATURE')
    expect(JSON.stringify(forged.body)).not.toMatch(/at .*\.ts|stack/i)
    const unsigned = await rest.post('/api/billing/webhook', { body: event })
    expect(unsigned.status).toBe(400)
    expect(unsigned.body.error.code).toBe('MISSING_SIGNATURE')

    expect((await payload.count({ collection: 'billing-events' })).totalDocs).toBe(before)
    expect(await vendorTier(vendor.vendorId)).toBe('essential')
    // The genuine delivery still works afterwards.
    expect((await deliver(event)).body.outcome).toBe('applied')
    expect(await vendorTier(vendor.vendorId)).toBe('spotlight')
  })

  it('ends in Stripe’s state when `updated` arrives before `created`, and after a late event for a deleted plan', async () => {
    const vendor = await vendorAccount()
    const { body } = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'showcase' },
    })
    const done = peer.completeCheckout(body.sessionId)
    const created = peer.event('customer.subscription.created', done.subscription, 1000)
    const spotlight = [...peer.prices.values()].find(
      (price) => price.lookup_key === 'event_pros_spotlight_monthly',
    )
    done.subscription.items.data[0].price = spotlight
    const updated = peer.event('customer.subscription.updated', done.subscription, 2000)

    await deliver(updated)
    await deliver(created)
    const [row] = (
      await payload.find({
        collection: 'subscriptions',
        where: { stripeSubscriptionId: { equals: done.subscription.id } },
      })
    ).docs
    expect(row).toMatchObject({ tier: 'spotlight', status: 'active' })
    expect(await vendorTier(vendor.vendorId)).toBe('spotlight')

    peer.updateSubscription(done.subscription.id, { status: 'canceled', ended_at: 3000 })
    const deleted = peer.event('customer.subscription.deleted', done.subscription, 3000)
    await deliver(deleted)
    await deliver(
      peer.event('customer.subscription.updated', { ...done.subscription, status: 'active' }, 2500),
    )
    expect(await vendorTier(vendor.vendorId)).toBe('essential')
  })

  it('keeps the tier for 7 days after a failed payment, then moves the vendor to Essential with an email', async () => {
    const vendor = await vendorAccount()
    const { subscription } = await subscribe(vendor, 'showcase')
    const failed = peer.invoice(subscription.id, false)
    expect((await deliver(peer.event('invoice.payment_failed', failed))).status).toBe(200)

    const [row] = (
      await payload.find({
        collection: 'subscriptions',
        where: { stripeSubscriptionId: { equals: subscription.id } },
      })
    ).docs
    expect(row!.status).toBe('past_due')
    const graceDays =
      (new Date(row!.graceEndsAt!).getTime() - new Date(row!.pastDueSince!).getTime()) / DAY_MS
    expect(graceDays).toBe(7)
    expect(await vendorTier(vendor.vendorId)).toBe('showcase')
    const payment = (
      await payload.find({
        collection: 'payments',
        where: { stripeInvoiceId: { equals: failed.id } },
      })
    ).docs[0]
    expect(payment?.status).toBe('failed')
    await runQueuedEmails()
    expect(mailTo(vendor.email)).toContain('did not go through')

    const req = await createLocalReq({}, payload)
    expect(await endLapsedGracePeriods(req, new Date(Date.now() + 6 * DAY_MS))).toEqual({
      downgraded: 0,
    })
    expect(await vendorTier(vendor.vendorId)).toBe('showcase')
    expect(await endLapsedGracePeriods(req, new Date(Date.now() + 8 * DAY_MS))).toEqual({
      downgraded: 1,
    })
    expect(await vendorTier(vendor.vendorId)).toBe('essential')
    expect(await endLapsedGracePeriods(req, new Date(Date.now() + 9 * DAY_MS))).toEqual({
      downgraded: 0,
    })
    await runQueuedEmails()
    const mail = mailTo(vendor.email)
    expect(mail).toContain('now on Essential')
    expect(mail.match(/now on Essential/g)).toHaveLength(1)

    // Paying the invoice brings the plan back.
    const settled = peer.invoice(subscription.id, true)
    await deliver(peer.event('invoice.paid', settled))
    expect(await vendorTier(vendor.vendorId)).toBe('showcase')
  })

  it('acknowledges event types it does not act on, once', async () => {
    const event = peer.event('customer.created', { id: 'cus_unrelated', object: 'customer' })
    expect((await deliver(event)).body.outcome).toBe('ignored')
    expect((await deliver(event)).body.outcome).toBe('duplicate')
  })
})

describe('managing a subscription', () => {
  let vendor: VendorAccount
  let rowId: number

  beforeAll(async () => {
    vendor = await vendorAccount()
    rowId = (await subscribe(vendor, 'showcase')).row.id
  })

  it('upgrades to Spotlight only once the prorated invoice is paid, and refuses an "upgrade" down', async () => {
    const down = await rest.post(`/api/subscriptions/${rowId}/upgrade`, {
      token: vendor.token,
      body: { tier: 'showcase' },
    })
    expect(down.status).toBe(400)
    // The card asks for 3D Secure on a payment made without the vendor, so the invoice waits.
    peer.cardNeedsAuthentication = true
    const up = await rest.post(`/api/subscriptions/${rowId}/upgrade`, {
      token: vendor.token,
      body: { tier: 'spotlight' },
    })
    peer.cardNeedsAuthentication = false
    expect(up.status).toBe(200)
    expect(up.body.message).toBe('The upgrade to Spotlight applies once its invoice is paid.')
    expect(up.body.doc.tier).toBe('showcase')
    const sent = peer.requests.findLast(
      (r) => r.method === 'POST' && r.path.startsWith('/v1/subscriptions/'),
    )!.body
    expect(sent).toMatchObject({
      proration_behavior: 'always_invoice',
      payment_behavior: 'pending_if_incomplete',
    })
    expect(peer.prices.get(sent.items[0].price)?.lookup_key).toBe('event_pros_spotlight_monthly')

    const remote = peer.subscriptions.get(up.body.doc.stripeSubscriptionId)!
    expect(remote.pending_update.subscription_items[0].price.lookup_key).toBe(
      'event_pros_spotlight_monthly',
    )
    expect(remote.items.data[0].price.lookup_key).toBe('event_pros_showcase_monthly')
    const proration = peer.invoices.get(remote.latest_invoice)!
    expect(proration).toMatchObject({ billing_reason: 'subscription_update', status: 'open' })
    // Most of a month left: the unused Showcase time credited, Spotlight's charged.
    expect(proration.subtotal).toBeGreaterThan(6900)
    expect(proration.subtotal).toBeLessThanOrEqual(7000)
    // Stripe says nothing is paid yet: the subscription and the tier stay as they were.
    await deliver(peer.event('customer.subscription.updated', remote))
    expect(await vendorTier(vendor.vendorId)).toBe('showcase')

    const { invoice: paid } = peer.payInvoice(proration.id)
    expect(remote.pending_update).toBeNull()
    expect((await deliver(peer.event('invoice.paid', paid))).status).toBe(200)
    expect(await vendorTier(vendor.vendorId)).toBe('spotlight')
    const payment = (
      await payload.find({
        collection: 'payments',
        where: { stripeInvoiceId: { equals: paid.id } },
      })
    ).docs[0]
    expect(payment).toMatchObject({ status: 'paid', amountCents: proration.total })
  })

  it('keeps the plan when an upgrade waiting for its payment expires, and lets the vendor try again', async () => {
    const other = await vendorAccount()
    const { row } = await subscribe(other, 'showcase')
    peer.cardNeedsAuthentication = true
    const up = await rest.post(`/api/subscriptions/${row.id}/upgrade`, {
      token: other.token,
      body: { tier: 'spotlight' },
    })
    peer.cardNeedsAuthentication = false
    expect(up.body.message).toBe('The upgrade to Spotlight applies once its invoice is paid.')
    const remote = peer.subscriptions.get(row.stripeSubscriptionId)!
    // Stripe's clock: the update waits at most 23 hours, never past the period's end.
    expect(remote.pending_update.expires_at).toBeLessThanOrEqual(
      Math.floor(Date.now() / 1000) + 23 * 3600,
    )

    const { invoice, subscription } = peer.expirePendingUpdate(row.stripeSubscriptionId)
    expect(invoice.status).toBe('void')
    for (const type of ['customer.subscription.pending_update_expired', 'invoice.voided']) {
      const object = type === 'invoice.voided' ? invoice : subscription
      expect((await deliver(peer.event(type, object))).status).toBe(200)
    }
    expect(await vendorTier(other.vendorId)).toBe('showcase')

    const again = await rest.post(`/api/subscriptions/${row.id}/upgrade`, {
      token: other.token,
      body: { tier: 'spotlight' },
    })
    expect(again.body.message).toBe('You are now on Spotlight.')
    expect(await vendorTier(other.vendorId)).toBe('spotlight')
  })

  it('upgrades at once when the card pays the prorated invoice straight away', async () => {
    const other = await vendorAccount()
    const { row } = await subscribe(other, 'showcase')
    const up = await rest.post(`/api/subscriptions/${row.id}/upgrade`, {
      token: other.token,
      body: { tier: 'spotlight' },
    })
    expect(up.status).toBe(200)
    expect(up.body.message).toBe('You are now on Spotlight.')
    const remote = peer.subscriptions.get(row.stripeSubscriptionId)!
    expect(remote.pending_update).toBeNull()
    expect(peer.invoices.get(remote.latest_invoice)).toMatchObject({
      billing_reason: 'subscription_update',
      status: 'paid',
    })
    expect(await vendorTier(other.vendorId)).toBe('spotlight')
  })

  it('moves down a tier at once, the unused time left for the next invoice', async () => {
    const other = await vendorAccount()
    const { row } = await subscribe(other, 'spotlight')
    const invoicesBefore = peer.invoices.size
    const down = await rest.put(`/api/subscriptions/${row.id}`, {
      token: other.token,
      body: { tier: 'showcase' },
    })
    expect(down.status).toBe(200)
    expect(down.body.doc.tier).toBe('showcase')
    const sent = peer.requests.findLast(
      (r) => r.method === 'POST' && r.path.startsWith('/v1/subscriptions/'),
    )!.body
    expect(sent.proration_behavior).toBe('create_prorations')
    expect(sent.payment_behavior).toBeUndefined()
    expect(peer.invoices.size).toBe(invoicesBefore)
    expect(await vendorTier(other.vendorId)).toBe('showcase')
  })

  it('lets only its vendor (and admins) change it', async () => {
    const other = await vendorAccount()
    const theirs = await rest.post(`/api/subscriptions/${rowId}/upgrade`, {
      token: other.token,
      body: { tier: 'spotlight' },
    })
    expect(theirs.status).toBe(404)
    expect(
      (
        await rest.put(`/api/subscriptions/${rowId}`, {
          token: other.token,
          body: { cancelAtPeriodEnd: true },
        })
      ).status,
    ).toBe(404)
    expect((await rest.delete(`/api/subscriptions/${rowId}`, { token: other.token })).status).toBe(
      404,
    )
    const list = await rest.get('/api/subscriptions', { token: other.token })
    expect(list.body.docs).toEqual([])
    const bad = await rest.put(`/api/subscriptions/${rowId}`, {
      token: vendor.token,
      body: { cancelAtPeriodEnd: 'soon' },
    })
    expect(bad.status).toBe(400)
  })

  it('cancels at the period end for the vendor, and at once only for an admin', async () => {
    const cancelled = await rest.delete(`/api/subscriptions/${rowId}`, { token: vendor.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.doc.cancelAtPeriodEnd).toBe(true)
    expect(await vendorTier(vendor.vendorId)).toBe('spotlight')
    const now = await rest.delete(`/api/subscriptions/${rowId}?immediately=true`, {
      token: vendor.token,
    })
    expect(now.status).toBe(403)
    const portal = await rest.post('/api/billing/portal', { token: vendor.token })
    expect(portal.status).toBe(200)
    expect(portal.body.url).toMatch(new RegExp(`^${peer.url}/p/session/`))
    const ours = [...peer.portalConfigurations.values()].find(
      (configuration) => configuration.metadata.event_pros === 'billing_portal',
    )!
    expect(
      peer.requests.findLast((r) => r.path === '/v1/billing_portal/sessions')?.body,
    ).toMatchObject({ configuration: ours.id })
    expect(ours.features).toMatchObject({
      subscription_cancel: { enabled: 'true', mode: 'at_period_end' },
    })

    const deleteProfile = await rest.delete(`/api/vendors/${vendor.vendorId}`, {
      token: admin.token,
    })
    expect(deleteProfile.status).toBe(409)
    expect(JSON.stringify(deleteProfile.body)).toContain('live subscription')

    const ended = await rest.delete(`/api/subscriptions/${rowId}?immediately=true`, {
      token: admin.token,
    })
    expect(ended.status).toBe(200)
    expect(ended.body.doc.status).toBe('canceled')
    expect(await vendorTier(vendor.vendorId)).toBe('essential')
    expect(
      (await rest.delete(`/api/vendors/${vendor.vendorId}`, { token: admin.token })).status,
    ).toBe(200)
  })
})

describe('payments', () => {
  let vendor: VendorAccount
  let other: VendorAccount
  let paymentId: number
  let otherPaymentId: number

  beforeAll(async () => {
    vendor = await vendorAccount()
    other = await vendorAccount()
    await subscribe(vendor, 'showcase')
    await subscribe(other, 'spotlight')
    const mine = await payload.find({
      collection: 'payments',
      where: { vendor: { equals: vendor.vendorId } },
    })
    const theirs = await payload.find({
      collection: 'payments',
      where: { vendor: { equals: other.vendorId } },
    })
    paymentId = mine.docs[0]!.id
    otherPaymentId = theirs.docs[0]!.id
  })

  it('shows a vendor their own payments only', async () => {
    const list = await rest.get('/api/payments', { token: vendor.token })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((p: { id: number }) => p.id)).toEqual([paymentId])
    expect(list.body.docs[0].stripePaymentIntentId).toBeUndefined()
    expect((await rest.get(`/api/payments/${paymentId}`, { token: vendor.token })).status).toBe(200)
    expect(
      (await rest.get(`/api/payments/${otherPaymentId}`, { token: vendor.token })).status,
    ).toBe(404)
    expect((await rest.get('/api/payments', { token: organizer.token })).body.docs).toEqual([])
    expect((await rest.get('/api/payments')).body.docs ?? []).toEqual([])
    const local = await payload.find({
      collection: 'payments',
      user: other.user,
      overrideAccess: false,
    })
    expect(local.docs.map((p) => p.id)).toEqual([otherPaymentId])
    const graphql = await rest.graphql('{ Payments { docs { id } } }', {}, { token: vendor.token })
    expect(graphql.body.data.Payments.docs).toEqual([{ id: paymentId }])
  })

  it('lets admins refund part or all, through Stripe, audited; refund webhooks are idempotent', async () => {
    const byVendor = await rest.post(`/api/payments/${paymentId}/refund`, {
      token: vendor.token,
      body: { amountCents: 100 },
    })
    expect(byVendor.status).toBe(403)
    const tooMuch = await rest.post(`/api/payments/${paymentId}/refund`, {
      token: admin.token,
      body: { amountCents: 999_999 },
    })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.body.error.message).toContain('3335')

    const part = await rest.post(`/api/payments/${paymentId}/refund`, {
      token: admin.token,
      body: { amountCents: 1000, reason: 'Listing was down for a week' },
    })
    expect(part.status).toBe(200)
    expect(part.body.doc).toMatchObject({ status: 'partially_refunded', refundedCents: 1000 })
    const payment = await payload.findByID({ collection: 'payments', id: paymentId })
    const charge = [...peer.charges.values()].find(
      (c) => c.payment_intent === payment.stripePaymentIntentId,
    )!
    expect(charge.amount_refunded).toBe(1000)

    const refunded = peer.event('charge.refunded', charge)
    await deliver(refunded)
    await deliver(refunded)
    expect((await payload.findByID({ collection: 'payments', id: paymentId })).refundedCents).toBe(
      1000,
    )

    const rest_ = await rest.post(`/api/payments/${paymentId}/refund`, {
      token: admin.token,
      body: {},
    })
    expect(rest_.body.doc).toMatchObject({ status: 'refunded', refundedCents: 3335 })
    const nothing = await rest.post(`/api/payments/${paymentId}/refund`, {
      token: admin.token,
      body: {},
    })
    expect(nothing.status).toBe(409)
    const audit = await payload.find({
      collection: 'audit-log',
      where: { action: { equals: 'payment.refund' } },
    })
    expect(audit.docs.map((entry) => entry.actorEmail)).toEqual([admin.email, admin.email])
  })
})

describe('refunds and the portal, as strictly as Stripe checks them', () => {
  it('refunds no more than the card paid when a credit balance paid part of the invoice', async () => {
    const vendor = await vendorAccount()
    const started = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'showcase' },
    })
    const done = peer.completeCheckout(started.body.sessionId, { customerBalanceCents: -1000 })
    await deliver(peer.event('checkout.session.completed', done.session))
    await deliver(peer.event('invoice.paid', done.invoice))
    const payment = (
      await payload.find({
        collection: 'payments',
        where: { stripeInvoiceId: { equals: done.invoice.id } },
      })
    ).docs[0]!
    expect(payment.amountCents).toBe(3335)

    const tooMuch = await rest.post(`/api/payments/${payment.id}/refund`, {
      token: admin.token,
      body: { amountCents: 3335 },
    })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.error).toMatchObject({ code: 'REFUND_REFUSED' })
    expect(tooMuch.body.error.message).toContain(
      'Refund amount ($33.35) is greater than charge amount ($23.35)',
    )
    expect(peer.refused).toHaveLength(1)
    peer.refused.length = 0

    const all = await rest.post(`/api/payments/${payment.id}/refund`, {
      token: admin.token,
      body: {},
    })
    expect(all.status).toBe(200)
    expect(all.body.refund.amountCents).toBe(2335)
    expect(peer.requests.findLast((r) => r.path === '/v1/refunds')?.body.amount).toBeUndefined()
  })

  it('sends only the refund reasons Stripe knows, and the peer refuses any other', async () => {
    const vendor = await vendorAccount()
    const { invoice } = await subscribe(vendor, 'showcase')
    const intent = peer.invoices.get(invoice.id)!._payments[0].payment.payment_intent
    await expect(driver.refund(intent, 100, null, 'changed_mind' as 'duplicate')).rejects.toThrow(
      'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer',
    )
    expect(peer.refused).toEqual([expect.stringContaining('POST /v1/refunds: Invalid reason')])
    peer.refused.length = 0
    const refund = await driver.refund(intent, 100, 'Goodwill')
    expect(refund.amountCents).toBe(100)
    expect(peer.requests.findLast((r) => r.path === '/v1/refunds')?.body.reason).toBe(
      'requested_by_customer',
    )
  })

  it('opens the Billing Portal only with a configuration, and says so when there is none', async () => {
    const vendor = await vendorAccount()
    await subscribe(vendor, 'showcase')
    const ours = [...peer.portalConfigurations.values()].find(
      (configuration) => configuration.metadata.event_pros === 'billing_portal',
    )!
    ours.active = false
    try {
      const none = await rest.post('/api/billing/portal', { token: vendor.token })
      expect(none.status).toBe(503)
      expect(none.body.error.code).toBe('BILLING_PORTAL_UNAVAILABLE')
      expect(JSON.stringify(none.body)).not.toContain('stripe:setup')

      // Stripe itself refuses a session with neither a configuration nor a saved default.
      const sdk = new Stripe(peer.secretKey, {
        host: new URL(peer.url).hostname,
        port: new URL(peer.url).port,
        protocol: 'http',
      })
      const customer = [...peer.customers.keys()].at(-1)!
      await expect(
        sdk.billingPortal.sessions.create({ customer, return_url: 'http://localhost:3000/' }),
      ).rejects.toMatchObject({
        statusCode: 400,
        type: 'StripeInvalidRequestError',
        message: expect.stringContaining('No configuration provided'),
      })
      expect(peer.refused).toHaveLength(1)
      peer.refused.length = 0

      // The default saved in the Dashboard serves when ours is gone.
      peer.defaultPortalConfiguration()
      const withDefault = await rest.post('/api/billing/portal', { token: vendor.token })
      expect(withDefault.status).toBe(200)
      expect(
        peer.requests.findLast((r) => r.path === '/v1/billing_portal/sessions')?.body.configuration,
      ).toBeUndefined()
    } finally {
      ours.active = true
      for (const configuration of peer.portalConfigurations.values()) {
        if (configuration.is_default) configuration.active = false
      }
    }
  })
})

describe('entitlements', () => {
  it('refuses a 6th portfolio image on Essential, naming Showcase; Showcase takes it', async () => {
    const vendor = await vendorAccount('essential')
    const ids: number[] = []
    for (let i = 0; i < 6; i++) {
      const formData = new FormData()
      formData.append('file', new Blob([fixture('photo.png')], { type: 'image/png' }), `p${i}.png`)
      formData.append('_payload', JSON.stringify({ alt: `Photo ${i}` }))
      const uploaded = await rest.post('/api/media', { formData, token: vendor.token })
      ids.push(uploaded.body.doc.id)
    }
    const five = await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { portfolio: ids.slice(0, 5) },
    })
    expect(five.status).toBe(200)
    const six = await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { portfolio: ids },
    })
    expect(six.status).toBe(400)
    expect(JSON.stringify(six.body)).toContain(
      'Essential profiles show up to 5 portfolio images. Upgrade to Showcase to show up to 20.',
    )
    await payload.update({ collection: 'vendors', id: vendor.vendorId, data: { tier: 'showcase' } })
    const upgraded = await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { portfolio: ids },
    })
    expect(upgraded.status).toBe(200)
  })

  it('refuses a 6th quote in a month on Essential, naming Showcase', async () => {
    const vendor = await vendorAccount('essential')
    const quote = {
      message: 'We would love to photograph your day: relaxed, natural and on time.',
      lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
    }
    const statuses: number[] = []
    let last
    for (let i = 0; i < 6; i++) {
      const job = await rest.post('/api/jobs', {
        token: organizer.token,
        body: {
          title: `Photographer for our party ${i}`,
          description: 'Looking for a relaxed photographer for a 60-guest party in Napier.',
          eventType: 'party',
          eventDate: inDays(60),
          guestCount: 60,
          budgetMin: 500,
          budgetMax: 1500,
          location: { city: 'Napier', address: '12 Marine Parade' },
          categories: [categoryId],
          applicationDeadline: inDays(30),
        },
      })
      await rest.post(`/api/jobs/${job.body.doc.id}/publish`, { token: organizer.token })
      last = await rest.post(`/api/jobs/${job.body.doc.id}/apply`, {
        token: vendor.token,
        body: quote,
      })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 403])
    expect(last!.body.error.code).toBe('TIER_LIMIT_REACHED')
    expect(last!.body.error.message).toBe(
      'Essential includes 5 quotes a month and you have sent 5 this month. Upgrade to Showcase for 30 quotes a month.',
    )
  })
})

describe('without Stripe keys, and tiers set by hand', () => {
  afterAll(() => setBilling(payload, driver))

  it('shows the plans, says billing is not configured, and refuses to sell', async () => {
    setBilling(payload, new UnconfiguredBillingDriver())
    const vendor = await vendorAccount()
    expect((await rest.get('/api/billing/plans')).body.configured).toBe(false)
    const started = await rest.post('/api/subscriptions', {
      token: vendor.token,
      body: { tier: 'showcase' },
    })
    expect(started.status).toBe(503)
    expect(started.body.error).toMatchObject({ code: 'BILLING_NOT_CONFIGURED' })
    expect(started.body.error.message).toContain('Billing is not configured')
    expect((await deliver(peer.event('customer.created', { id: 'cus_x' }))).status).toBe(503)
    setBilling(payload, driver)
  })

  it('lets an admin set a tier by hand, recorded in the audit log; nobody else can', async () => {
    const vendor = await vendorAccount()
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tier: 'spotlight' },
    })
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: moderator.token,
      body: { tier: 'spotlight' },
    })
    expect(await vendorTier(vendor.vendorId)).toBe('essential')
    const set = await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: admin.token,
      body: { tier: 'spotlight' },
    })
    expect(set.status).toBe(200)
    expect(await vendorTier(vendor.vendorId)).toBe('spotlight')
    const audit = await payload.find({
      collection: 'audit-log',
      where: {
        and: [
          { action: { equals: 'vendor.tier-set' } },
          { targetId: { equals: String(vendor.vendorId) } },
        ],
      },
    })
    expect(audit.docs).toHaveLength(1)
    expect(audit.docs[0]).toMatchObject({ actorEmail: admin.email, actorRole: 'admin' })
    expect(audit.docs[0]!.summary).toContain('Essential → Spotlight (set by hand)')
  })
})

describe('admin overview', () => {
  it('counts vendors and MRR by tier and lists past-due subscriptions, for admins only', async () => {
    const late = await vendorAccount()
    const { subscription } = await subscribe(late, 'spotlight')
    await deliver(peer.event('invoice.payment_failed', peer.invoice(subscription.id, false)))

    const { status, body } = await rest.get('/api/billing/overview', { token: admin.token })
    expect(status).toBe(200)
    const recurring = await payload.find({
      collection: 'subscriptions',
      where: { status: { in: ['active', 'past_due', 'unpaid'] } },
      pagination: false,
    })
    const expected = recurring.docs.reduce(
      (sum, row) => sum + (row.tier === 'spotlight' ? 9900 : row.tier === 'showcase' ? 2900 : 0),
      0,
    )
    expect(body.mrrCents).toBe(expected)
    expect(body.mrrCents).toBeGreaterThan(0)
    const vendorsOnSpotlight = await payload.count({
      collection: 'vendors',
      where: { tier: { equals: 'spotlight' } },
    })
    expect(body.tiers.find((t: { tier: string }) => t.tier === 'spotlight').vendors).toBe(
      vendorsOnSpotlight.totalDocs,
    )
    expect(body.pastDue.map((row: { vendorId: number }) => row.vendorId)).toContain(late.vendorId)
    expect(body.doubleBilled).toEqual([])
    expect((await rest.get('/api/billing/overview', { token: late.token })).status).toBe(403)
    expect((await rest.get('/api/billing/overview', { token: moderator.token })).status).toBe(403)
  })

  it('ends and refunds the second of two Checkouts finished side by side, once, when a credit balance paid part of it', async () => {
    const vendor = await vendorAccount()
    const started = []
    for (let i = 0; i < 2; i++) {
      const response = await rest.post('/api/subscriptions', {
        token: vendor.token,
        body: { tier: 'showcase' },
      })
      expect(response.status).toBe(200)
      started.push(response.body.sessionId as string)
    }
    const first = peer.completeCheckout(started[0]!)
    // $10 of credit pays part of the second invoice, so its card payment is $23.35, not $33.35;
    // and an attempt that never took money is listed before the payment that did.
    const second = peer.completeCheckout(started[1]!, { customerBalanceCents: -1000 })
    expect(second.invoice).toMatchObject({ total: 3335, amount_due: 2335 })
    peer.attachPayment(second.invoice.id, 'open')
    await deliver(peer.event('checkout.session.completed', first.session))
    const secondCompleted = peer.event('checkout.session.completed', second.session)
    const outcomes = [await deliver(secondCompleted), await deliver(secondCompleted)]
    expect(outcomes.map((response) => response.status)).toEqual([200, 200])
    expect(outcomes.map((response) => response.body.outcome)).toEqual(['applied', 'duplicate'])

    expect(peer.subscriptions.get(first.subscription.id)?.status).toBe('active')
    expect(peer.subscriptions.get(second.subscription.id)?.status).toBe('canceled')
    const secondCharges = [...peer.charges.values()].filter(
      (charge) => charge.customer === second.subscription.customer,
    )
    expect(secondCharges.map((charge) => [charge.amount, charge.amount_refunded])).toEqual([
      [2335, 2335],
    ])
    const refunds = peer.requests.filter((r) => r.path === '/v1/refunds')
    // The whole of what the card paid, however much that was: no amount is named.
    expect(refunds.at(-1)?.body).toEqual({
      payment_intent: secondCharges[0]!.payment_intent,
      reason: 'duplicate',
      metadata: { note: `Second subscription ${second.subscription.id} from a duplicate Checkout` },
    })
    expect(await vendorTier(vendor.vendorId)).toBe('showcase')
    const payment = (
      await payload.find({
        collection: 'payments',
        where: { stripeInvoiceId: { equals: second.invoice.id } },
      })
    ).docs[0]
    // The $10 of credit it used is the customer's credit again.
    expect(peer.customers.get(second.subscription.customer)?.balance).toBe(-1000)
    expect(payment).toMatchObject({
      status: 'refunded',
      refundedCents: 3335,
      stripePaymentIntentId: secondCharges[0]!.payment_intent,
    })
    // Stripe's own invoice.paid for it, arriving afterwards, does not undo the refund.
    await deliver(peer.event('invoice.paid', second.invoice))
    expect((await payload.findByID({ collection: 'payments', id: payment!.id })).status).toBe(
      'refunded',
    )
    await runQueuedEmails()
    expect(mailTo(vendor.email)).toContain(
      'refunded $23.35 to your card and $10.00 to your account credit',
    )
    const { body } = await rest.get('/api/billing/overview', { token: admin.token })
    expect(body.doubleBilled).toEqual([])
  })

  it('still ends a duplicate when Stripe refuses its refund, and says the refund is owed', async () => {
    const vendor = await vendorAccount()
    const started = []
    for (let i = 0; i < 2; i++) {
      const response = await rest.post('/api/subscriptions', {
        token: vendor.token,
        body: { tier: 'showcase' },
      })
      started.push(response.body.sessionId as string)
    }
    const [first, second] = started.map((sessionId) => peer.completeCheckout(sessionId))
    // Refunded already, from the Dashboard: Stripe refuses a second refund.
    const charge = [...peer.charges.values()].find(
      (c) => c.customer === second!.subscription.customer,
    )!
    Object.assign(charge, { amount_refunded: charge.amount, refunded: true })
    await deliver(peer.event('checkout.session.completed', first!.session))
    const response = await deliver(peer.event('checkout.session.completed', second!.session))
    expect(response.status).toBe(200)
    expect(peer.refused).toEqual([
      expect.stringContaining(`POST /v1/refunds: Charge ${charge.id} has already been refunded.`),
    ])
    peer.refused.length = 0
    expect(peer.subscriptions.get(second!.subscription.id)?.status).toBe('canceled')
    const audit = await payload.find({
      collection: 'audit-log',
      where: { action: { equals: 'subscription.duplicate-undone' } },
      sort: '-createdAt',
      limit: 1,
    })
    expect(audit.docs[0]!.summary).toContain('must be made by hand')
  })

  it('lists a vendor with two live subscriptions made outside Checkout as paying twice', async () => {
    const vendor = await vendorAccount()
    await subscribe(vendor, 'showcase')
    // A second subscription made for the same vendor in Stripe's dashboard: only its
    // `created` event arrives, so nothing is refunded automatically; the admin sees it.
    const other = await vendorAccount()
    const theirs = await rest.post('/api/subscriptions', {
      token: other.token,
      body: { tier: 'showcase' },
    })
    const extra = peer.completeCheckout(theirs.body.sessionId).subscription
    extra.metadata = { vendorId: String(vendor.vendorId) }
    await deliver(peer.event('customer.subscription.created', extra))
    const { body } = await rest.get('/api/billing/overview', { token: admin.token })
    expect(body.doubleBilled).toEqual([
      expect.objectContaining({ vendorId: vendor.vendorId, subscriptionIds: expect.any(Array) }),
    ])
    expect(body.doubleBilled[0].subscriptionIds).toHaveLength(2)
  })
})
