import type { PayloadRequest } from 'payload'

import type { Subscription } from '@/payload-types'

import type { BillingDriver, BillingEvent } from '../types'
import {
  paymentWhere,
  recordInvoice,
  recordRefundTotal,
  syncSubscription,
  undoDuplicateCheckout,
} from '../utilities/sync'

type HandlerArgs = { req: PayloadRequest; driver: BillingDriver; event: BillingEvent }
type Handler = (args: HandlerArgs) => Promise<void>

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null)
const idIn = (value: unknown): string | null =>
  text(value) ?? (value && typeof value === 'object' ? text((value as { id?: unknown }).id) : null)
const vendorIdIn = (value: unknown): number | null => {
  const id = Number(text(value))
  return Number.isInteger(id) && id > 0 ? id : null
}

/** The subscription as Stripe holds it now, not as the (maybe older) event carried it. */
const syncFromStripe = (args: HandlerArgs, subscriptionId: string, vendorHint: number | null) =>
  args.driver
    .retrieveSubscription(subscriptionId)
    .then((remote) => syncSubscription(args.req, remote, vendorHint))

const syncSubscriptionEvent: Handler = async (args) => {
  const { object } = args.event
  const metadata = object.metadata as Record<string, unknown> | undefined
  await syncFromStripe(args, object.id!, vendorIdIn(metadata?.vendorId))
}

const invoiceSubscriptionId = (object: BillingEvent['object']) => {
  const parent = object.parent as { subscription_details?: { subscription?: unknown } } | undefined
  return idIn(parent?.subscription_details?.subscription)
}

const invoiceOutcome =
  (outcome: 'paid' | 'failed'): Handler =>
  async (args) => {
    const invoice = await args.driver.retrieveInvoice(args.event.object.id!)
    const subscriptionId = invoice.subscriptionId ?? invoiceSubscriptionId(args.event.object)
    let subscription: Subscription | null = null
    if (subscriptionId) subscription = await syncFromStripe(args, subscriptionId, null)
    await recordInvoice(args.req, invoice, outcome, subscription)
  }

/**
 * What each Stripe event does. Subscriptions are read back from Stripe, so a late or repeated
 * event cannot leave an old state behind; other event types are recorded and ignored.
 */
export const webhookHandlers: Record<string, Handler> = {
  'checkout.session.completed': async (args) => {
    const { object } = args.event
    const subscriptionId = idIn(object.subscription)
    if (object.mode !== 'subscription' || !subscriptionId) return
    const metadata = object.metadata as Record<string, unknown> | undefined
    const saved = await syncFromStripe(
      args,
      subscriptionId,
      vendorIdIn(metadata?.vendorId) ?? vendorIdIn(object.client_reference_id),
    )
    if (saved) await undoDuplicateCheckout(args.req, args.driver, saved, idIn(object.invoice))
  },
  'customer.subscription.created': syncSubscriptionEvent,
  'customer.subscription.updated': syncSubscriptionEvent,
  'customer.subscription.deleted': syncSubscriptionEvent,
  'customer.subscription.paused': syncSubscriptionEvent,
  'customer.subscription.resumed': syncSubscriptionEvent,
  'invoice.paid': invoiceOutcome('paid'),
  'invoice.payment_failed': invoiceOutcome('failed'),
  'charge.refunded': async ({ req, event }) => {
    const paymentIntentId = idIn(event.object.payment_intent)
    const refunded = Number(event.object.amount_refunded)
    if (!paymentIntentId || !Number.isFinite(refunded)) return
    const payment = await paymentWhere(req, { stripePaymentIntentId: { equals: paymentIntentId } })
    if (!payment) {
      req.payload.logger.warn(`Refund for payment intent ${paymentIntentId}, which we never saw.`)
      return
    }
    await recordRefundTotal(req, payment, refunded)
  },
}
