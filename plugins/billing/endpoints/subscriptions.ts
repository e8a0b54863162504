import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { findVisible, guarded, jsonBody, routeId, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { inTransaction } from '@/lib/kit/transaction'
import { serverUrl } from '@/lib/kit/url'
import type { Subscription } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import type { RemoteSubscription } from '../types'
import { billingConfig, getBilling } from '../utilities/runtime'
import { syncSubscription } from '../utilities/sync'
import { isTier, PAID_TIERS, type Tier, tierDefinition, tierRank } from '../utilities/tiers'
import { LIVE_STATUSES, signedInVendor, subscriptionsOfVendor } from '../utilities/vendorOf'
import type { Contract } from './contract'

const paidTier = (value: unknown) => {
  if (!isTier(value) || !PAID_TIERS.includes(value)) {
    throw invalidInput('tier', `tier must be one of ${PAID_TIERS.join(', ')}.`)
  }
  return value
}

const PaidTier = z
  .enum(PAID_TIERS as [Tier, ...Tier[]])
  .describe('A paid tier (see `GET /api/billing/plans`).')

/** `{ tier }`, as `POST /api/subscriptions` and `…/upgrade` read it (other fields are ignored). */
export const PaidTierRequest = z.object({ tier: PaidTier })

/** What `PUT /api/subscriptions/:id` reads: it refuses any other field, and needs one of these. */
export const UpdateSubscriptionRequest = z
  .object({
    cancelAtPeriodEnd: z
      .boolean()
      .optional()
      .describe('`true` stops renewal at the end of the paid period; `false` resumes it.'),
    tier: PaidTier.optional(),
  })
  .strict()
  .meta({ minProperties: 1 })

/**
 * One subscription as the caller may read it; the OpenAPI plugin, when installed, shows the
 * collection's schema for it (the same keyword as its `documentOf`, which billing cannot import).
 */
const SubscriptionDocument = z
  .custom<Subscription>((value) => typeof value === 'object' && value !== null)
  .meta({ 'x-payload-document': billingSlugs.subscriptions })

const SavedSubscription = z.object({
  doc: SubscriptionDocument.describe('The subscription as Stripe now has it.'),
  message: z.string(),
})

/** Where Stripe sends the vendor back: the site's own success and cancel pages. */
const returnUrls = () => ({
  successUrl: serverUrl('/billing/success?session_id={CHECKOUT_SESSION_ID}'),
  cancelUrl: serverUrl('/billing/cancelled'),
})

/** A subscription the caller may see and that can still change, or the reason it cannot. */
const liveSubscription = async (req: PayloadRequest): Promise<Subscription> => {
  signedIn(req)
  const subscription = await findVisible(
    req,
    billingSlugs.subscriptions,
    routeId(req, 'Subscription'),
    'Subscription not found.',
  )
  if (!LIVE_STATUSES.includes(subscription.status)) {
    throw new RequestError(409, 'SUBSCRIPTION_ENDED', 'This subscription has ended.')
  }
  return subscription
}

const asRemote = (subscription: Subscription): RemoteSubscription => ({
  id: subscription.stripeSubscriptionId,
  customerId: subscription.stripeCustomerId,
  status: subscription.status,
  tier: subscription.tier ?? null,
  priceId: subscription.stripePriceId ?? null,
  itemId: subscription.stripeItemId ?? null,
  currentPeriodEnd: subscription.currentPeriodEnd ? new Date(subscription.currentPeriodEnd) : null,
  cancelAtPeriodEnd: Boolean(subscription.cancelAtPeriodEnd),
  vendorId: null,
})

/** Saves what Stripe answered at once, so the vendor sees it before the webhook arrives. */
const saved = async (req: PayloadRequest, remote: RemoteSubscription, message: string) => {
  const doc = await inTransaction(req, () => syncSubscription(req, remote))
  return apiJson(req, { doc, message })
}

/**
 * `POST /api/subscriptions` `{ tier }`: a Stripe Checkout session for a paid tier.
 * Answers `{ checkoutUrl }`; the subscription appears when Stripe reports the payment.
 */
const startCheckout: Endpoint = {
  path: '/',
  method: 'post',
  handler: guarded(async (req) => {
    const { user, vendor } = await signedInVendor(req)
    const body = await jsonBody(req)
    const tier = paidTier(body.tier)
    const subscriptions = await subscriptionsOfVendor(req, vendor.id)
    const live = subscriptions.find((row) => LIVE_STATUSES.includes(row.status))
    if (live) {
      throw new RequestError(
        409,
        'ALREADY_SUBSCRIBED',
        `You already have the ${tierDefinition(live.tier).label} plan: change it with POST /api/subscriptions/${live.id}/upgrade or from Billing.`,
        { subscriptionId: live.id },
      )
    }
    const session = await getBilling(req.payload).createCheckout({
      tier,
      vendorId: vendor.id,
      email: user.email,
      customerId: subscriptions[0]?.stripeCustomerId ?? null,
      ...returnUrls(),
    })
    return apiJson(req, {
      checkoutUrl: session.url,
      sessionId: session.id,
      message: `Continue to Stripe to pay for ${tierDefinition(tier).label}.`,
    })
  }),
  custom: {
    openapi: {
      summary: 'Start a subscription',
      description:
        "A Stripe Checkout session for a paid tier: send the vendor to `checkoutUrl`. The subscription appears once Stripe reports the payment. 409 `ALREADY_SUBSCRIBED` (with `details.subscriptionId`) when the vendor has a live plan: change that one instead; 409 `NO_VENDOR_PROFILE` before the vendor's profile exists.",
      caller: 'vendor',
      body: PaidTierRequest,
      response: z.object({
        checkoutUrl: z.string().describe("Stripe Checkout's page for this session."),
        sessionId: z.string(),
        message: z.string(),
      }),
      example: { tier: 'showcase' },
    } satisfies Contract,
  },
}

/**
 * `PUT /api/subscriptions/:id` `{ cancelAtPeriodEnd?, tier? }`: stop (or resume) renewal, or
 * move to another paid tier (a downgrade is credited on the next invoice).
 */
const updateSubscription: Endpoint = {
  path: '/:id',
  method: 'put',
  handler: guarded(async (req) => {
    const subscription = await liveSubscription(req)
    const body = await jsonBody(req)
    const unknown = Object.keys(body).filter((key) => !['cancelAtPeriodEnd', 'tier'].includes(key))
    if (unknown.length) throw invalidInput(unknown[0]!, `Unknown field "${unknown[0]}".`)
    if (body.cancelAtPeriodEnd === undefined && body.tier === undefined) {
      throw invalidInput('cancelAtPeriodEnd', 'Send cancelAtPeriodEnd or tier.')
    }
    if (body.cancelAtPeriodEnd !== undefined && typeof body.cancelAtPeriodEnd !== 'boolean') {
      throw invalidInput('cancelAtPeriodEnd', 'cancelAtPeriodEnd must be true or false.')
    }
    const driver = getBilling(req.payload)
    let remote = asRemote(subscription)
    if (body.tier !== undefined && paidTier(body.tier) !== subscription.tier) {
      remote = await driver.changeTier(remote, body.tier as NonNullable<Subscription['tier']>)
    }
    if (typeof body.cancelAtPeriodEnd === 'boolean') {
      remote = await driver.setCancelAtPeriodEnd(
        subscription.stripeSubscriptionId,
        body.cancelAtPeriodEnd,
      )
    }
    return saved(
      req,
      remote,
      remote.cancelAtPeriodEnd
        ? 'Your plan ends at the end of this period.'
        : 'Your plan is updated.',
    )
  }),
  custom: {
    openapi: {
      summary: 'Change a subscription',
      description:
        'Stop or resume renewal at the end of the paid period, or move to another paid tier (a downgrade is credited on the next invoice). 409 `SUBSCRIPTION_ENDED` for a subscription that has ended. Vendors change their own; admins any.',
      caller: 'vendor',
      body: UpdateSubscriptionRequest,
      response: SavedSubscription,
      example: { cancelAtPeriodEnd: true },
    } satisfies Contract,
  },
}

/**
 * `DELETE /api/subscriptions/:id`: the vendor's plan ends when the paid period does. An admin
 * may add `?immediately=true` to end it now.
 */
const cancelSubscription: Endpoint = {
  path: '/:id',
  method: 'delete',
  handler: guarded(async (req) => {
    const subscription = await liveSubscription(req)
    const immediately =
      new URL(req.url ?? '', 'http://x').searchParams.get('immediately') === 'true'
    if (immediately && !billingConfig(req.payload).access.isAdmin(req.user)) {
      throw new RequestError(403, 'FORBIDDEN', 'Only admins can end a plan before its period ends.')
    }
    const driver = getBilling(req.payload)
    const remote = immediately
      ? await driver.cancelNow(subscription.stripeSubscriptionId)
      : await driver.setCancelAtPeriodEnd(subscription.stripeSubscriptionId, true)
    return saved(
      req,
      remote,
      immediately ? 'The plan has ended.' : 'Your plan ends at the end of this period.',
    )
  }),
  custom: {
    openapi: {
      summary: 'Cancel a subscription',
      description:
        'The plan ends when the paid period does. 409 `SUBSCRIPTION_ENDED` for a subscription that has ended. Vendors cancel their own; admins any.',
      caller: 'vendor',
      query: z.object({
        immediately: z
          .enum(['true', 'false'])
          .optional()
          .describe('`true` ends the plan now instead (admins only, 403 for anyone else).'),
      }),
      response: SavedSubscription,
    } satisfies Contract,
  },
}

/** `POST /api/subscriptions/:id/upgrade` `{ tier }`: a higher tier now, the difference invoiced. */
const upgradeSubscription: Endpoint = {
  path: '/:id/upgrade',
  method: 'post',
  handler: guarded(async (req) => {
    const subscription = await liveSubscription(req)
    const tier = paidTier((await jsonBody(req)).tier)
    if (tierRank(tier) <= tierRank(subscription.tier)) {
      throw invalidInput(
        'tier',
        `${tierDefinition(tier).label} is not above your ${tierDefinition(subscription.tier).label} plan; use PUT /api/subscriptions/${subscription.id} to move down.`,
      )
    }
    const remote = await getBilling(req.payload).changeTier(asRemote(subscription), tier)
    return saved(
      req,
      remote,
      remote.tier === tier
        ? `You are now on ${tierDefinition(tier).label}.`
        : `The upgrade to ${tierDefinition(tier).label} applies once its invoice is paid.`,
    )
  }),
  custom: {
    openapi: {
      summary: 'Upgrade a subscription',
      description:
        'Moves to a higher tier now and invoices the difference; the new tier applies once that invoice is paid. A tier that is not above the current one is `INVALID_INPUT` (move down with `PUT /api/subscriptions/{id}`); 409 `SUBSCRIPTION_ENDED` for a subscription that has ended. Vendors upgrade their own; admins any.',
      caller: 'vendor',
      body: PaidTierRequest,
      response: SavedSubscription,
      example: { tier: 'spotlight' },
    } satisfies Contract,
  },
}

export const subscriptionEndpoints: Endpoint[] = [
  startCheckout,
  updateSubscription,
  cancelSubscription,
  upgradeSubscription,
]
