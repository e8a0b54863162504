import Stripe from 'stripe'

import { GST_RATE_PERCENT } from '@/lib/kit/money'

import type {
  BillingDriver,
  BillingEvent,
  CatalogReport,
  CheckoutRequest,
  RemoteInvoice,
  RemoteSubscription,
} from '../types'
import { BillingConfigurationError, RefundRefusedError, WebhookSignatureError } from '../types'
import {
  isTier,
  type Tier,
  TIER_DEFINITIONS,
  tierDefinition,
  tierForLookupKey,
  tierRank,
} from '../utilities/tiers'

export type StripeDriverOptions = {
  secretKey: string
  webhookSecret: string
  /**
   * Where the Stripe API is, for stripe-mock or a test peer (`http://127.0.0.1:12111`).
   * @default https://api.stripe.com
   */
  apiUrl?: string
}

/** The GST rate `stripe:setup` creates is found again by this metadata. */
const GST_METADATA = { event_pros: 'gst_nz' }
/** The Billing Portal configuration `stripe:setup` creates is found again by this metadata. */
const PORTAL_METADATA = { event_pros: 'billing_portal' }
const CATALOG_TTL_MS = 10 * 60_000
const productId = (tier: Tier) => `event_pros_${tier}`
const seconds = (value: number | null | undefined) => (value ? new Date(value * 1000) : null)
const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null)

const toSubscription = (subscription: Stripe.Subscription): RemoteSubscription => {
  const item = subscription.items.data[0]
  const price = item?.price
  const metadataTier = price?.metadata?.tier
  const vendorId = Number(subscription.metadata?.vendorId)
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer) ?? '',
    status: subscription.status,
    tier: tierForLookupKey(price?.lookup_key) ?? (isTier(metadataTier) ? metadataTier : null),
    priceId: price?.id ?? null,
    itemId: item?.id ?? null,
    currentPeriodEnd: seconds(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    vendorId: Number.isInteger(vendorId) && vendorId > 0 ? vendorId : null,
  }
}

/**
 * The payment that settled the invoice: a PaymentIntent that was paid. An invoice can list
 * several (a failed attempt, a payment attached by hand); the default one Stripe keeps in step
 * with the invoice is preferred, as it is the one that took the money for an ordinary invoice.
 */
const settlingPayment = (invoice: Stripe.Invoice) => {
  const paid = (invoice.payments?.data ?? []).filter(
    (entry) => entry.payment.type === 'payment_intent' && entry.status === 'paid',
  )
  return paid.find((entry) => entry.is_default) ?? paid[0]
}

const toInvoice = (invoice: Stripe.Invoice): RemoteInvoice => {
  const payment = settlingPayment(invoice)
  return {
    id: invoice.id,
    customerId: idOf(invoice.customer as string | { id: string } | null),
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    status: invoice.status,
    totalCents: invoice.total,
    taxCents: (invoice.total_taxes ?? []).reduce((sum, tax) => sum + tax.amount, 0),
    currency: invoice.currency,
    number: invoice.number,
    hostedUrl: invoice.hosted_invoice_url ?? null,
    pdfUrl: invoice.invoice_pdf ?? null,
    paymentIntentId: idOf(payment?.payment.payment_intent),
    paidCents: payment?.amount_paid ?? 0,
    // A credit is a negative balance: what the invoice used of it raised the balance.
    creditAppliedCents: Math.max(
      0,
      (invoice.ending_balance ?? 0) - (invoice.starting_balance ?? 0),
    ),
    periodStart: seconds(invoice.lines?.data[0]?.period?.start ?? invoice.period_start),
    periodEnd: seconds(invoice.lines?.data[0]?.period?.end ?? invoice.period_end),
    created: new Date(invoice.created * 1000),
  }
}

/** Billing through Stripe's API with the official SDK: Checkout, the Billing Portal, webhooks. */
export class StripeBillingDriver implements BillingDriver {
  readonly name = 'stripe'
  readonly configured = true
  private readonly stripe: Stripe
  private catalog: { prices: Map<Tier, string>; gstRate: string; at: number } | null = null

  constructor(private readonly options: StripeDriverOptions) {
    const api = options.apiUrl ? new URL(options.apiUrl) : null
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: 'event-pros-nz' },
      ...(api && {
        host: api.hostname,
        port: api.port || (api.protocol === 'https:' ? 443 : 80),
        protocol: api.protocol === 'http:' ? 'http' : 'https',
      }),
    })
  }

  /** Our prices (by lookup key) and the GST rate, read once and kept for ten minutes. */
  private async currentCatalog() {
    if (this.catalog && Date.now() - this.catalog.at < CATALOG_TTL_MS) return this.catalog
    const keys = TIER_DEFINITIONS.flatMap((tier) => (tier.lookupKey ? [tier.lookupKey] : []))
    const [prices, rates] = await Promise.all([
      this.stripe.prices.list({ lookup_keys: keys, active: true, limit: keys.length }),
      this.stripe.taxRates.list({ active: true, limit: 100 }),
    ])
    const byTier = new Map<Tier, string>()
    for (const price of prices.data) {
      const tier = tierForLookupKey(price.lookup_key)
      if (tier) byTier.set(tier, price.id)
    }
    const gst = rates.data.find((rate) => rate.metadata?.event_pros === GST_METADATA.event_pros)
    const missing = keys.filter((key) => !byTier.has(tierForLookupKey(key)!))
    if (missing.length || !gst) {
      throw new BillingConfigurationError(
        `Stripe has no ${missing.length ? `price for ${missing.join(', ')}` : 'GST rate'} yet: run npm run stripe:setup.`,
      )
    }
    this.catalog = { prices: byTier, gstRate: gst.id, at: Date.now() }
    return this.catalog
  }

  async createCheckout(request: CheckoutRequest) {
    const catalog = await this.currentCatalog()
    const metadata = { vendorId: String(request.vendorId), tier: request.tier }
    const session = await this.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [
        { price: catalog.prices.get(request.tier)!, quantity: 1, tax_rates: [catalog.gstRate] },
      ],
      ...(request.customerId
        ? { customer: request.customerId }
        : { customer_email: request.email }),
      client_reference_id: String(request.vendorId),
      metadata,
      subscription_data: { metadata },
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
    })
    if (!session.url) throw new Error(`Checkout session ${session.id} came back without a URL`)
    return { id: session.id, url: session.url }
  }

  /**
   * The portal configuration to open sessions with: ours, or none when the account has a
   * default saved in the Dashboard. Stripe answers 400 to a session with neither.
   */
  private async portalConfiguration(): Promise<string | undefined> {
    const { data } = await this.stripe.billingPortal.configurations.list({
      active: true,
      limit: 100,
    })
    const ours = data.find((entry) => entry.metadata?.event_pros === PORTAL_METADATA.event_pros)
    if (ours) return ours.id
    if (data.some((entry) => entry.is_default)) return undefined
    throw new BillingConfigurationError(
      'Stripe has no Billing Portal configuration yet: run npm run stripe:setup.',
    )
  }

  async createPortal(customerId: string, returnUrl: string) {
    const configuration = await this.portalConfiguration()
    const session = await this.stripe.billingPortal.sessions.create({
      customer: customerId,
      return_url: returnUrl,
      ...(configuration && { configuration }),
    })
    return { url: session.url }
  }

  async retrieveSubscription(id: string) {
    return toSubscription(await this.stripe.subscriptions.retrieve(id))
  }

  async changeTier(subscription: RemoteSubscription, tier: Tier) {
    const catalog = await this.currentCatalog()
    const upgrade = tierRank(tier) > tierRank(subscription.tier)
    const updated = await this.stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.itemId!, price: catalog.prices.get(tier)! }],
      // An upgrade is invoiced at once and applies only once that invoice is paid; a
      // downgrade applies now and its unused time is credited to the next invoice.
      proration_behavior: upgrade ? 'always_invoice' : 'create_prorations',
      ...(upgrade && { payment_behavior: 'pending_if_incomplete' as const }),
      metadata: { tier },
    })
    return toSubscription(updated)
  }

  async setCancelAtPeriodEnd(id: string, cancel: boolean) {
    return toSubscription(
      await this.stripe.subscriptions.update(id, { cancel_at_period_end: cancel }),
    )
  }

  async cancelNow(id: string) {
    return toSubscription(await this.stripe.subscriptions.cancel(id))
  }

  async retrieveInvoice(id: string) {
    return toInvoice(await this.stripe.invoices.retrieve(id, { expand: ['payments'] }))
  }

  async refund(
    paymentIntentId: string,
    amountCents: number | null,
    note: string | null,
    kind: 'requested_by_customer' | 'duplicate' = 'requested_by_customer',
    idempotencyKey?: string,
  ) {
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: paymentIntentId,
          // Without an amount Stripe refunds what is left of what the PaymentIntent took.
          ...(amountCents !== null && { amount: amountCents }),
          reason: kind,
          ...(note && { metadata: { note: note.slice(0, 500) } }),
        },
        idempotencyKey ? { idempotencyKey } : undefined,
      )
      return { id: refund.id, status: refund.status ?? 'pending', amountCents: refund.amount }
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        throw new RefundRefusedError(error.message)
      }
      throw error
    }
  }

  async returnCredit(
    customerId: string,
    amountCents: number,
    note: string,
    idempotencyKey: string,
  ) {
    await this.stripe.customers.createBalanceTransaction(
      customerId,
      // Negative: a credit the customer's next invoices use before their card.
      { amount: -amountCents, currency: 'nzd', description: note.slice(0, 350) },
      { idempotencyKey },
    )
  }

  verifyWebhook(rawBody: string, signature: string): BillingEvent {
    let event: Stripe.Event
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret)
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error ? error.message : 'Bad signature')
    }
    return {
      id: event.id,
      type: event.type,
      created: event.created,
      object: event.data.object as unknown as BillingEvent['object'],
    }
  }

  async ensureCatalog(): Promise<CatalogReport> {
    const report: CatalogReport = { created: [], updated: [], unchanged: [] }
    for (const tier of TIER_DEFINITIONS.filter((definition) => definition.lookupKey)) {
      await this.ensureProduct(tier.value, report)
      await this.ensurePrice(tier.value, report)
    }
    await this.ensureGstRate(report)
    await this.ensurePortalConfiguration(report)
    this.catalog = null
    return report
  }

  private async ensureProduct(tier: Tier, report: CatalogReport) {
    const { label, summary } = tierDefinition(tier)
    const wanted = { name: `Event Pros ${label}`, description: summary }
    const existing = await this.stripe.products.retrieve(productId(tier)).catch((error) => {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)
        return null
      throw error
    })
    if (!existing) {
      await this.stripe.products.create({ id: productId(tier), ...wanted, metadata: { tier } })
      report.created.push(`product ${productId(tier)}`)
    } else if (
      existing.name !== wanted.name ||
      existing.description !== wanted.description ||
      !existing.active
    ) {
      await this.stripe.products.update(productId(tier), { ...wanted, active: true })
      report.updated.push(`product ${productId(tier)}`)
    } else {
      report.unchanged.push(`product ${productId(tier)}`)
    }
  }

  /** Prices cannot change amount: a new one takes over the lookup key and the old is archived. */
  private async ensurePrice(tier: Tier, report: CatalogReport) {
    const { lookupKey, monthlyCents } = tierDefinition(tier)
    const { data } = await this.stripe.prices.list({
      lookup_keys: [lookupKey!],
      active: true,
      limit: 1,
    })
    const existing = data[0]
    const current =
      existing &&
      existing.unit_amount === monthlyCents &&
      existing.currency === 'nzd' &&
      existing.recurring?.interval === 'month' &&
      existing.tax_behavior === 'exclusive' &&
      idOf(existing.product as string | { id: string }) === productId(tier)
    if (current) {
      report.unchanged.push(`price ${lookupKey}`)
      return
    }
    await this.stripe.prices.create({
      product: productId(tier),
      currency: 'nzd',
      unit_amount: monthlyCents,
      recurring: { interval: 'month' },
      tax_behavior: 'exclusive',
      lookup_key: lookupKey!,
      transfer_lookup_key: true,
      metadata: { tier },
    })
    report.created.push(`price ${lookupKey}`)
    if (existing) {
      await this.stripe.prices.update(existing.id, { active: false })
      report.updated.push(`price ${existing.id} archived`)
    }
  }

  /**
   * What vendors may do in the Billing Portal: cards, invoices, their details, and cancelling
   * at the period end. Plan changes stay in the app, where upgrades wait for their payment.
   */
  private async ensurePortalConfiguration(report: CatalogReport) {
    const { data } = await this.stripe.billingPortal.configurations.list({
      active: true,
      limit: 100,
    })
    if (data.some((entry) => entry.metadata?.event_pros === PORTAL_METADATA.event_pros)) {
      report.unchanged.push('billing portal configuration')
      return
    }
    await this.stripe.billingPortal.configurations.create({
      name: 'Event Pros',
      features: {
        customer_update: { enabled: true, allowed_updates: ['email', 'address', 'tax_id'] },
        invoice_history: { enabled: true },
        payment_method_update: { enabled: true },
        subscription_cancel: { enabled: true, mode: 'at_period_end' },
      },
      metadata: PORTAL_METADATA,
    })
    report.created.push('billing portal configuration')
  }

  private async ensureGstRate(report: CatalogReport) {
    const { data } = await this.stripe.taxRates.list({ active: true, limit: 100 })
    const existing = data.find((rate) => rate.metadata?.event_pros === GST_METADATA.event_pros)
    if (existing && existing.percentage === GST_RATE_PERCENT && !existing.inclusive) {
      report.unchanged.push(`tax rate GST ${GST_RATE_PERCENT}%`)
      return
    }
    if (existing) await this.stripe.taxRates.update(existing.id, { active: false })
    await this.stripe.taxRates.create({
      display_name: 'GST',
      description: 'New Zealand GST',
      percentage: GST_RATE_PERCENT,
      inclusive: false,
      country: 'NZ',
      tax_type: 'gst',
      metadata: GST_METADATA,
    })
    report.created.push(`tax rate GST ${GST_RATE_PERCENT}%`)
  }
}
