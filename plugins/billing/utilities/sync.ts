import type { PayloadRequest, Where } from 'payload'

import { queueEmail } from '@/lib/kit/email'
import { idOf } from '@/lib/kit/ids'
import { formatCents } from '@/lib/kit/money'
import type { Payment, Subscription, Vendor } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import {
  type BillingDriver,
  type RemoteInvoice,
  type RemoteSubscription,
  RefundRefusedError,
} from '../types'
import { billingConfig, vendorsSlug } from './runtime'
import { type Tier, tierDefinition, tierRank } from './tiers'

/** Set on saves the billing code makes, so hooks can tell Stripe's changes from a person's. */
export const BILLING_CONTEXT_KEY = 'billingSync'
export type BillingContext = { source: string }

const PAYING = new Set(['active', 'trialing'])
const IN_ARREARS = new Set(['past_due', 'unpaid'])
/** Stripe is billing it now: paid up or late. */
const isBilling = (subscription: Pick<Subscription, 'status'>) =>
  PAYING.has(subscription.status) || IN_ARREARS.has(subscription.status)
const DAY_MS = 86_400_000
const BILLING_PATH = '/admin/billing'

const nzDate = (value: Date | string) =>
  new Date(value).toLocaleDateString('en-NZ', {
    timeZone: 'Pacific/Auckland',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })

/** The tier a subscription gives now: its own while paid or within the grace period. */
export const effectiveTier = (
  subscription: Pick<Subscription, 'tier' | 'status' | 'graceEndsAt'>,
  now = new Date(),
): Tier => {
  if (!subscription.tier) return 'essential'
  if (PAYING.has(subscription.status)) return subscription.tier
  if (
    IN_ARREARS.has(subscription.status) &&
    subscription.graceEndsAt &&
    new Date(subscription.graceEndsAt) > now
  ) {
    return subscription.tier
  }
  return 'essential'
}

/** The vendor's subscriptions, oldest first. System read: the webhook acts for nobody. */
const subscriptionsOf = async (req: PayloadRequest, where: Where) =>
  (
    await req.payload.find({
      collection: billingSlugs.subscriptions,
      where,
      sort: 'createdAt',
      limit: 100,
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs

/**
 * Sets the vendor's tier from their Stripe subscriptions: the best any of them gives now. A
 * vendor with none keeps the tier an admin set by hand.
 */
export const recomputeVendorTier = async (
  req: PayloadRequest,
  /** The vendor, or its id when the caller has not read it yet. */
  vendorOrId: number | Vendor,
  source: string,
  now = new Date(),
): Promise<Tier | null> => {
  const vendorId = typeof vendorOrId === 'number' ? vendorOrId : vendorOrId.id
  const rows = await subscriptionsOf(req, { vendor: { equals: vendorId } })
  if (rows.length === 0) return null
  const paying = rows.filter(isBilling)
  if (paying.length > 1) {
    // A duplicate Checkout is undone when it completes; any other pair the overview lists.
    req.payload.logger.warn(
      `Vendor ${vendorId} has ${paying.length} live subscriptions: ${paying.map((row) => row.stripeSubscriptionId).join(', ')}`,
    )
  }
  const tier = rows
    .map((row) => effectiveTier(row, now))
    .reduce<Tier>((best, next) => (tierRank(next) > tierRank(best) ? next : best), 'essential')
  // System read and write: the tier mirrors what Stripe says was paid for.
  const vendor =
    typeof vendorOrId === 'number'
      ? await req.payload.findByID({
          collection: vendorsSlug(req.payload),
          id: vendorId,
          depth: 0,
          overrideAccess: true,
          req,
        })
      : vendorOrId
  if (vendor.tier !== tier) {
    await req.payload.update({
      collection: vendorsSlug(req.payload),
      id: vendorId,
      data: { tier },
      depth: 0,
      overrideAccess: true,
      context: { [BILLING_CONTEXT_KEY]: { source } satisfies BillingContext },
      req,
    })
  }
  return tier
}

/**
 * Saves a subscription as Stripe holds it now and sets the vendor's tier from it. Whatever
 * order events arrive in, the last one applied leaves Stripe's current state.
 */
export const syncSubscription = async (
  req: PayloadRequest,
  remote: RemoteSubscription,
  vendorHint: number | null = null,
  now = new Date(),
): Promise<Subscription | null> => {
  const [existing] = await subscriptionsOf(req, {
    stripeSubscriptionId: { equals: remote.id },
  })
  const vendorId = remote.vendorId ?? vendorHint ?? (existing ? idOf(existing.vendor) : null)
  if (!vendorId) {
    req.payload.logger.warn(
      `Stripe subscription ${remote.id} names no vendor in its metadata; left alone.`,
    )
    return null
  }
  // System read: the vendor's owner, whose rows these are.
  const vendor = (await req.payload.findByID({
    collection: vendorsSlug(req.payload),
    id: vendorId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as Vendor | null
  if (!vendor) {
    req.payload.logger.warn(
      `Stripe subscription ${remote.id} is for vendor ${vendorId}, who is gone.`,
    )
    return null
  }

  const inArrears = IN_ARREARS.has(remote.status)
  const pastDueSince = inArrears ? (existing?.pastDueSince ?? now.toISOString()) : null
  const graceDays = billingConfig(req.payload).graceDays
  const data = {
    vendor: vendorId,
    owner: vendor.owner ? idOf(vendor.owner) : null,
    tier: remote.tier,
    status: remote.status as Subscription['status'],
    stripeSubscriptionId: remote.id,
    stripeCustomerId: remote.customerId,
    stripePriceId: remote.priceId,
    stripeItemId: remote.itemId,
    currentPeriodEnd: remote.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: remote.cancelAtPeriodEnd,
    pastDueSince,
    graceEndsAt: pastDueSince
      ? new Date(new Date(pastDueSince).getTime() + graceDays * DAY_MS).toISOString()
      : null,
    downgradedAt: inArrears ? (existing?.downgradedAt ?? null) : null,
  }
  // System writes: the row mirrors Stripe, and nobody may write it through the API.
  const saved = existing
    ? await req.payload.update({
        collection: billingSlugs.subscriptions,
        id: existing.id,
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : await req.payload.create({
        collection: billingSlugs.subscriptions,
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })

  if (inArrears && !existing?.pastDueSince && vendor.owner && remote.tier) {
    await queueEmail(req, {
      userId: idOf(vendor.owner),
      subject: 'Your Event Pros payment did not go through',
      intro: `We could not take the payment for your ${tierDefinition(remote.tier).label} plan. Please update your card by ${nzDate(saved.graceEndsAt!)} to keep it; after that your profile moves to Essential.`,
      actionLabel: 'Update payment details',
      actionPath: BILLING_PATH,
    })
  }
  await recomputeVendorTier(req, vendor, `Stripe subscription ${remote.id}`, now)
  return saved
}

/** The payment matching a Stripe id. System read: the webhook acts for nobody. */
export const paymentWhere = async (req: PayloadRequest, where: Where): Promise<Payment | null> => {
  const { docs } = await req.payload.find({
    collection: billingSlugs.payments,
    where,
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs[0] ?? null
}

const PAYMENT_RANK: Record<Payment['status'], number> = {
  failed: 0,
  paid: 1,
  partially_refunded: 2,
  refunded: 3,
}

/**
 * Records an invoice as a payment, paid or failed. A failure reported after the payment went
 * through (events arrive in any order) does not undo it.
 */
export const recordInvoice = async (
  req: PayloadRequest,
  invoice: RemoteInvoice,
  outcome: 'paid' | 'failed',
  subscription: Subscription | null,
): Promise<Payment | null> => {
  const owner = subscription
    ? subscription
    : (await subscriptionsOf(req, { stripeCustomerId: { equals: invoice.customerId ?? '' } }))[0]
  if (!owner) {
    req.payload.logger.warn(`Stripe invoice ${invoice.id} is for no vendor we know; left alone.`)
    return null
  }
  const existing = await paymentWhere(req, { stripeInvoiceId: { equals: invoice.id } })
  const status =
    existing && PAYMENT_RANK[existing.status] > PAYMENT_RANK[outcome] ? existing.status : outcome
  const tier = subscription?.tier ? tierDefinition(subscription.tier).label : 'Event Pros'
  const month = invoice.periodStart
    ? invoice.periodStart.toLocaleDateString('en-NZ', {
        timeZone: 'Pacific/Auckland',
        month: 'long',
        year: 'numeric',
      })
    : ''
  const data = {
    vendor: idOf(owner.vendor),
    owner: owner.owner ? idOf(owner.owner) : null,
    subscription: subscription?.id ?? null,
    description: `${tier} plan${month ? `, ${month}` : ''}`,
    status,
    amountCents: invoice.totalCents,
    gstCents: invoice.taxCents,
    currency: invoice.currency,
    stripeInvoiceId: invoice.id,
    invoiceNumber: invoice.number,
    stripePaymentIntentId: invoice.paymentIntentId ?? existing?.stripePaymentIntentId ?? null,
    hostedInvoiceUrl: invoice.hostedUrl,
    invoicePdfUrl: invoice.pdfUrl,
    periodStart: invoice.periodStart?.toISOString() ?? null,
    periodEnd: invoice.periodEnd?.toISOString() ?? null,
    paidAt: status === 'failed' ? null : (existing?.paidAt ?? new Date().toISOString()),
  }
  // System writes: payments mirror Stripe's invoices.
  return existing
    ? req.payload.update({
        collection: billingSlugs.payments,
        id: existing.id,
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : req.payload.create({
        collection: billingSlugs.payments,
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })
}

/**
 * Sets how much of a payment has been refunded. Stripe reports the total refunded so far, so
 * applying the same or an older report again changes nothing.
 */
export const recordRefundTotal = async (
  req: PayloadRequest,
  payment: Payment,
  refundedCents: number,
): Promise<Payment> => {
  const total = Math.min(payment.amountCents, Math.max(payment.refundedCents ?? 0, refundedCents))
  if (total === (payment.refundedCents ?? 0)) return payment
  // System write: the refunded amount mirrors Stripe.
  return req.payload.update({
    collection: billingSlugs.payments,
    id: payment.id,
    data: {
      refundedCents: total,
      status: total >= payment.amountCents ? 'refunded' : 'partially_refunded',
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/**
 * Ends grace periods that have run out: the vendor drops to Essential (unless another
 * subscription pays for more) and is told once. Returns how many vendors were moved.
 */
export const endLapsedGracePeriods = async (req: PayloadRequest, now = new Date()) => {
  const lapsed = await subscriptionsOf(req, {
    and: [
      { status: { in: [...IN_ARREARS] } },
      { graceEndsAt: { less_than_equal: now.toISOString() } },
      { downgradedAt: { exists: false } },
    ],
  })
  for (const subscription of lapsed) {
    const vendorId = idOf(subscription.vendor)
    const tier = await recomputeVendorTier(
      req,
      vendorId,
      `grace period of ${subscription.stripeSubscriptionId} ended`,
      now,
    )
    // System write: marks the downgrade as done so the email goes once.
    await req.payload.update({
      collection: billingSlugs.subscriptions,
      id: subscription.id,
      data: { downgradedAt: now.toISOString() },
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (subscription.owner && subscription.tier) {
      const price = formatCents(tierDefinition(subscription.tier).monthlyCents)
      await queueEmail(req, {
        userId: idOf(subscription.owner),
        subject: `Your profile is now on ${tierDefinition(tier ?? 'essential').label}`,
        intro: `The payment for your ${tierDefinition(subscription.tier).label} plan (${price} a month + GST) is still outstanding after ${billingConfig(req.payload).graceDays} days, so your profile has moved to ${tierDefinition(tier ?? 'essential').label}. Your photos and quotes are kept; pay the invoice to get your plan back.`,
        actionLabel: 'Open billing',
        actionPath: BILLING_PATH,
      })
    }
  }
  return { downgraded: lapsed.length }
}

/**
 * A second live subscription from a Checkout finished beside another (two tabs, both paid):
 * the newer of the two is ended at once and its first payment refunded in full, so a vendor
 * is never charged twice for one profile. Returns whether it was undone.
 *
 * The refund comes first and carries an idempotency key: a delivery that fails after it (and
 * is retried by Stripe) finds the subscription still billing and gets the same refund back
 * rather than a second one. Were the subscription ended first, a retry would find it no
 * longer billing and the refund would never be made.
 */
export const undoDuplicateCheckout = async (
  req: PayloadRequest,
  driver: BillingDriver,
  subscription: Subscription,
  invoiceId: string | null,
): Promise<boolean> => {
  if (!subscription.vendor || !isBilling(subscription)) return false
  const others = await subscriptionsOf(req, {
    and: [
      { vendor: { equals: idOf(subscription.vendor) } },
      { id: { not_equals: subscription.id } },
    ],
  })
  const newer = (a: Subscription, b: Subscription) =>
    a.createdAt === b.createdAt ? a.id > b.id : a.createdAt > b.createdAt
  if (!others.some((other) => isBilling(other) && newer(subscription, other))) return false

  let refundedCents = 0
  let creditedCents = 0
  let refusal: string | null = null
  if (invoiceId) {
    const invoice = await driver.retrieveInvoice(invoiceId)
    const payment = await recordInvoice(req, invoice, 'paid', subscription)
    if (payment && invoice.paymentIntentId && invoice.paidCents > 0) {
      try {
        // No amount: Stripe refunds what the PaymentIntent took, which is less than the
        // invoice's total when a credit balance paid part of it (and more is refused).
        const refund = await driver.refund(
          invoice.paymentIntentId,
          null,
          `Second subscription ${subscription.stripeSubscriptionId} from a duplicate Checkout`,
          'duplicate',
          `duplicate-checkout-${subscription.stripeSubscriptionId}`,
        )
        refundedCents = refund.amountCents
      } catch (error) {
        if (!(error instanceof RefundRefusedError)) throw error
        // Ending the plan must not wait on the refund: an admin refunds it by hand.
        refusal = error.message
        req.payload.logger.error(
          `Stripe refused the refund of duplicate subscription ${subscription.stripeSubscriptionId}: ${refusal}`,
        )
      }
    }
    if (payment && invoice.customerId && invoice.creditAppliedCents > 0) {
      // The part the customer's credit paid goes back to their credit, not to the card.
      await driver.returnCredit(
        invoice.customerId,
        invoice.creditAppliedCents,
        `Credit used by duplicate subscription ${subscription.stripeSubscriptionId}, returned`,
        `duplicate-checkout-credit-${subscription.stripeSubscriptionId}`,
      )
      creditedCents = invoice.creditAppliedCents
    }
    if (payment && refundedCents + creditedCents > 0) {
      await recordRefundTotal(req, payment, refundedCents + creditedCents)
    }
  }
  await syncSubscription(req, await driver.cancelNow(subscription.stripeSubscriptionId))
  await billingConfig(req.payload).recordAudit(req, {
    action: 'subscription.duplicate-undone',
    targetCollection: billingSlugs.subscriptions,
    targetId: subscription.id,
    summary: refusal
      ? `Ended duplicate subscription ${subscription.stripeSubscriptionId}; Stripe refused the refund, which must be made by hand: ${refusal}`
      : `Ended duplicate subscription ${subscription.stripeSubscriptionId} and refunded ${formatCents(refundedCents)}${creditedCents ? ` (and ${formatCents(creditedCents)} to its credit balance)` : ''}`,
    details: {
      stripeSubscriptionId: subscription.stripeSubscriptionId,
      invoiceId,
      refundedCents,
      creditedCents,
      ...(refusal && { refundRefused: refusal }),
    },
  })
  if (subscription.owner) {
    await queueEmail(req, {
      userId: idOf(subscription.owner),
      subject: refusal
        ? 'You paid twice for your plan: we have ended the second subscription'
        : 'You paid twice for your plan: we refunded the second payment',
      intro: refusal
        ? 'Two checkouts for your Event Pros plan went through. We have ended the second subscription and our team will refund its payment to your card; your plan carries on as before.'
        : `Two checkouts for your Event Pros plan went through. We have ended the second subscription and refunded ${formatCents(refundedCents)} to your card${creditedCents ? ` and ${formatCents(creditedCents)} to your account credit` : ''}; your plan carries on as before.`,
      actionLabel: 'Open billing',
      actionPath: BILLING_PATH,
    })
  }
  return true
}
