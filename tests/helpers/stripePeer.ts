import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

/**
 * A local HTTP peer for the parts of Stripe's API the app uses, so the real `stripe` SDK can
 * be driven without the internet. It checks each request the way Stripe's API reference
 * describes it — secret key as a Bearer token, a Stripe-Version header, form-encoded bodies,
 * the parameters each call requires (Checkout's mode, price, quantity, tax rates, customer,
 * metadata, return URLs) — and answers with objects shaped like Stripe's. A request that
 * fails a check gets Stripe's error body and is recorded in `refused`.
 *
 * Documented behaviours it reproduces:
 * - Refunds: `reason` only `duplicate`, `fraudulent` or `requested_by_customer`; an `amount`
 *   above what is left of what the PaymentIntent took is refused (400, param `amount`), a
 *   fully refunded charge answers `charge_already_refunded`; no amount refunds what is left.
 * - A customer's credit balance (negative `balance`) pays an invoice first: the PaymentIntent
 *   takes only `amount_due`, the InvoicePayment's `amount_paid` says so, and the invoice's
 *   `starting_balance`/`ending_balance` show the credit used; a balance transaction (negative
 *   amount, the customer's currency) gives credit back.
 * - An invoice's payments: a default InvoicePayment of type `payment_intent`, `paid` once it
 *   took the money; `attachPayment` adds a non-default one (e.g. an attempt left `open`).
 * - Subscription updates: `proration_behavior` defaults to `create_prorations` (no invoice);
 *   a price change with `always_invoice` invoices the prorated difference at once.
 *   `payment_behavior=pending_if_incomplete` accepts only the parameters pending updates
 *   support (metadata included, as of API 2026-05-27.dahlia); when that invoice cannot be paid
 *   at once (`cardNeedsAuthentication`) the change waits in `pending_update`, the invoice
 *   stays `open` and the subscription keeps billing as before, until `payInvoice` pays it and
 *   the change is applied — or until `expires_at` (the period's end, or 23 hours after the
 *   update if sooner) passes: `expirePendingUpdate` voids the invoice and discards the change. `error_if_incomplete` answers 402 and changes nothing.
 * - Billing Portal: a session needs a configuration — the one passed, else the default —
 *   and without either Stripe answers 400 (`defaultPortalConfiguration` plays the one saved
 *   in the Dashboard). Configurations are created and listed through the API.
 * - Idempotency keys: a POST repeated with the same key gets the first answer again; with
 *   other parameters, Stripe's `idempotency_error`.
 *
 * Not reproduced: webhook delivery and retries (tests deliver events themselves), pending
 * updates expiring on their own clock (tests call `expirePendingUpdate`), proration by the second (the peer prorates from now to
 * the period end), Smart Retries and dunning, 3D Secure itself, disputes, Stripe Tax,
 * pagination beyond one page, and the many parameters the app never sends.
 *
 * Test helpers act as Stripe's side would: `completeCheckout` (the customer paid), `invoice`
 * (a renewal, paid or failed), `payInvoice` (an open invoice paid), `event` (the event Stripe
 * would send) and `signed` (its Stripe-Signature header, from the SDK's own test helper).
 */

type Obj = Record<string, any>
type Form = Record<string, any>

export type StripePeer = {
  url: string
  secretKey: string
  webhookSecret: string
  refused: string[]
  requests: { method: string; path: string; body: Form }[]
  products: Map<string, Obj>
  prices: Map<string, Obj>
  taxRates: Map<string, Obj>
  customers: Map<string, Obj>
  subscriptions: Map<string, Obj>
  invoices: Map<string, Obj>
  charges: Map<string, Obj>
  sessions: Map<string, Obj>
  portalConfigurations: Map<string, Obj>
  refunds: Map<string, Obj>
  /** Payments made without the customer (an update's invoice) need 3D Secure, so they wait. */
  cardNeedsAuthentication: boolean
  /**
   * The customer paid; `customerBalanceCents` is their balance beforehand (negative: a credit
   * Stripe applies to the first invoice before charging the card).
   */
  completeCheckout: (
    sessionId: string,
    options?: { customerBalanceCents?: number },
  ) => { subscription: Obj; invoice: Obj; session: Obj }
  invoice: (subscriptionId: string, paid: boolean) => Obj
  /** Pays an open invoice, and applies the subscription's pending update it was for. */
  payInvoice: (invoiceId: string) => { invoice: Obj; subscription: Obj | null }
  /**
   * The pending update's `expires_at` has passed: Stripe voids the invoice it waited on and
   * discards the update (`customer.subscription.pending_update_expired`).
   */
  expirePendingUpdate: (subscriptionId: string) => { invoice: Obj; subscription: Obj }
  /** Adds a non-default payment_intent InvoicePayment, listed first, in `status`. */
  attachPayment: (invoiceId: string, status: 'open' | 'canceled') => Obj
  /** A default portal configuration, as saving the portal settings in the Dashboard makes. */
  defaultPortalConfiguration: () => Obj
  updateSubscription: (id: string, patch: Obj) => Obj
  event: (type: string, object: Obj, created?: number) => Obj
  signed: (event: Obj) => { body: string; signature: string }
  close: () => Promise<void>
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
const now = () => Math.floor(Date.now() / 1000)
const list = (url: string, data: Obj[]) => ({ object: 'list', url, has_more: false, data })

/** Decodes `a[b][0][c]=x` form bodies the way Stripe reads them. */
export const decodeForm = (text: string): Form => {
  const out: Form = {}
  for (const pair of text.split('&').filter(Boolean)) {
    const [rawKey, rawValue = ''] = pair.split('=')
    const key = decodeURIComponent(rawKey!.replace(/\+/g, ' '))
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '))
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== '')
    let node: any = out
    path.forEach((part, index) => {
      const last = index === path.length - 1
      const nextIsIndex = /^\d+$/.test(path[index + 1] ?? '')
      if (last) node[part] = value
      else node = node[part] ??= nextIsIndex ? [] : {}
    })
  }
  return out
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code: string | undefined = 'parameter_invalid',
    readonly type = status === 401 ? 'authentication_error' : 'invalid_request_error',
  ) {
    super(message)
  }
}

function check(condition: unknown, message: string, param?: string): asserts condition {
  if (!condition) throw new Refusal(400, message, param)
}
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer']
const PAYMENT_BEHAVIORS = [
  'allow_incomplete',
  'default_incomplete',
  'error_if_incomplete',
  'pending_if_incomplete',
]
const PRORATION_BEHAVIORS = ['always_invoice', 'create_prorations', 'none']
/** What a pending update may carry (Stripe's "Pending updates reference"), plus metadata. */
const PENDING_UPDATE_PARAMS = [
  'expand',
  'payment_behavior',
  'proration_behavior',
  'proration_date',
  'billing_cycle_anchor',
  'items',
  'trial_end',
  'trial_from_plan',
  'add_invoice_items',
  'metadata',
]
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`
const absoluteUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value)

export const startStripePeer = async (
  port = 0,
  keys: { secretKey?: string; webhookSecret?: string } = {},
): Promise<StripePeer> => {
  const secretKey = keys.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`
  const webhookSecret = keys.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`
  const refused: string[] = []
  const requests: StripePeer['requests'] = []
  const products = new Map<string, Obj>()
  const prices = new Map<string, Obj>()
  const taxRates = new Map<string, Obj>()
  const customers = new Map<string, Obj>()
  const subscriptions = new Map<string, Obj>()
  const invoices = new Map<string, Obj>()
  const charges = new Map<string, Obj>()
  const sessions = new Map<string, Obj>()
  let base = ''
  /** Events carry the API version the SDK asks for, as Stripe's do for the endpoint's version. */
  let apiVersion = ''

  const found = <T>(map: Map<string, T>, key: string, noun: string): T => {
    const value = map.get(key)
    if (!value) throw new Refusal(404, `No such ${noun}: '${key}'`, 'id', 'resource_missing')
    return value
  }

  const subscriptionItem = (price: Obj, rates: Obj[], periodStart: number) => ({
    id: id('si'),
    object: 'subscription_item',
    created: periodStart,
    current_period_start: periodStart,
    current_period_end: periodStart + 30 * 86_400,
    metadata: {},
    price,
    quantity: 1,
    tax_rates: rates,
  })

  const refunds = new Map<string, Obj>()
  const portalConfigurations = new Map<string, Obj>()
  const idempotent = new Map<
    string,
    { path: string; text: string; status: number; body: unknown }
  >()
  const state = { cardNeedsAuthentication: false }
  /** Every PaymentIntent made, whether or not a charge of it went through. */
  const intents = new Set<string>()

  const invoicePayment = (intent: string, amount: number, status: string, isDefault: boolean) => {
    intents.add(intent)
    return {
      id: id('inpay'),
      object: 'invoice_payment',
      amount_paid: status === 'paid' ? amount : null,
      amount_requested: amount,
      created: now(),
      currency: 'nzd',
      invoice: '',
      is_default: isDefault,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: intent },
      status,
      status_transitions: { canceled_at: null, paid_at: status === 'paid' ? now() : null },
    }
  }

  /**
   * An invoice for `lines` (amounts before GST), finalized and charged: the customer's credit
   * balance first, then the card for what is left (`amount_due`), which takes it if `pay`.
   */
  const bill = (
    subscription: Obj,
    lines: { amount: number; price: Obj; period: { start: number; end: number } }[],
    billingReason: string,
    pay: boolean,
  ): Obj => {
    const rates: Obj[] = subscription.items.data[0].tax_rates
    const subtotal = lines.reduce((sum, line) => sum + line.amount, 0)
    const tax = rates.reduce(
      (sum: number, rate: Obj) => sum + Math.round((subtotal * rate.percentage) / 100),
      0,
    )
    const total = subtotal + tax
    const customer = customers.get(subscription.customer)
    const startingBalance = customer?.balance ?? 0
    const credit = Math.min(total, Math.max(0, -startingBalance))
    if (customer) customer.balance = startingBalance + credit
    const due = total - credit
    const intent = id('pi')
    const paid = pay || due === 0
    if (due > 0) {
      const charge = {
        id: id('ch'),
        object: 'charge',
        amount: due,
        amount_captured: pay ? due : 0,
        amount_refunded: 0,
        currency: 'nzd',
        customer: subscription.customer,
        payment_intent: intent,
        paid: pay,
        refunded: false,
        status: pay ? 'succeeded' : 'failed',
        created: now(),
      }
      charges.set(charge.id, charge)
    }
    const first = lines[0]!
    const created: Obj = {
      id: id('in'),
      object: 'invoice',
      billing_reason: billingReason,
      created: now(),
      currency: 'nzd',
      customer: subscription.customer,
      number: `EPNZ-${String(invoices.size + 1).padStart(4, '0')}`,
      hosted_invoice_url: `${base}/i/${intent}`,
      invoice_pdf: `${base}/i/${intent}/pdf`,
      lines: list(
        '/v1/invoices/lines',
        lines.map((line) => ({
          id: id('il'),
          object: 'line_item',
          amount: line.amount,
          currency: 'nzd',
          period: line.period,
          pricing: { price_details: { price: line.price.id, product: line.price.product } },
          quantity: 1,
        })),
      ),
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
      },
      period_start: first.period.start,
      period_end: first.period.end,
      status: paid ? 'paid' : 'open',
      starting_balance: startingBalance,
      ending_balance: startingBalance + credit,
      subtotal,
      subtotal_excluding_tax: subtotal,
      total,
      total_excluding_tax: subtotal,
      total_taxes: rates.map((rate: Obj) => ({
        amount: tax,
        tax_behavior: 'exclusive',
        tax_rate_details: { tax_rate: rate.id },
        taxability_reason: 'standard_rated',
        taxable_amount: subtotal,
        type: 'tax_rate_details',
      })),
      amount_due: due,
      amount_paid: paid ? due : 0,
      amount_remaining: paid ? 0 : due,
      attempt_count: 1,
      _payments: due > 0 ? [invoicePayment(intent, due, pay ? 'paid' : 'open', true)] : [],
    }
    for (const payment of created._payments) payment.invoice = created.id
    invoices.set(created.id, created)
    subscription.latest_invoice = created.id
    return created
  }

  /** A renewal: the current price for the current period. */
  const invoice = (subscriptionId: string, paid: boolean): Obj => {
    const subscription = found(subscriptions, subscriptionId, 'subscription')
    const item = subscription.items.data[0]
    const created = bill(
      subscription,
      [
        {
          amount: item.price.unit_amount,
          price: item.price,
          period: { start: item.current_period_start, end: item.current_period_end },
        },
      ],
      'subscription_cycle',
      paid,
    )
    subscription.status = paid ? 'active' : 'past_due'
    return visibleInvoice(created, false)
  }

  /** The pending update is applied, as Stripe does once the invoice it waits on is paid. */
  const applyPendingUpdate = (subscription: Obj) => {
    const update = subscription.pending_update
    if (!update) return
    subscription.items.data = update.subscription_items
    if (update.metadata) subscription.metadata = { ...subscription.metadata, ...update.metadata }
    subscription.pending_update = null
  }

  const visibleInvoice = (invoice: Obj, expandPayments: boolean) => {
    const { _payments, ...rest } = invoice
    return expandPayments
      ? { ...rest, payments: list(`/v1/invoices/${invoice.id}/payments`, _payments) }
      : rest
  }

  const routes: [string, RegExp, (m: RegExpExecArray, body: Form, query: Form) => Obj][] = [
    ['GET', /^\/v1\/products\/([\w-]+)$/, (m) => found(products, m[1]!, 'product')],
    [
      'POST',
      /^\/v1\/products$/,
      (_, body) => {
        check(body.name, 'Missing required param: name.', 'name')
        check(!body.id || !products.has(body.id), 'Product already exists.', 'id')
        const product = {
          id: body.id ?? id('prod'),
          object: 'product',
          active: true,
          name: body.name,
          description: body.description ?? null,
          metadata: body.metadata ?? {},
          created: now(),
        }
        products.set(product.id, product)
        return product
      },
    ],
    [
      'POST',
      /^\/v1\/products\/([\w-]+)$/,
      (m, body) => {
        const product = found(products, m[1]!, 'product')
        Object.assign(product, {
          ...(body.name && { name: body.name }),
          ...(body.description !== undefined && { description: body.description }),
          ...(body.active !== undefined && { active: body.active === 'true' }),
        })
        return product
      },
    ],
    [
      'GET',
      /^\/v1\/prices$/,
      (_, __, query) => {
        const keys: string[] = query.lookup_keys ?? []
        const data = [...prices.values()].filter(
          (price) =>
            (!keys.length || keys.includes(price.lookup_key)) &&
            (query.active === undefined || String(price.active) === query.active),
        )
        return list('/v1/prices', data.slice(0, Number(query.limit ?? 10)))
      },
    ],
    [
      'POST',
      /^\/v1\/prices$/,
      (_, body) => {
        check(products.has(body.product), `No such product: '${body.product}'`, 'product')
        check(body.currency === 'nzd', 'currency must be nzd for this account.', 'currency')
        check(
          /^\d+$/.test(body.unit_amount ?? ''),
          'unit_amount must be an integer.',
          'unit_amount',
        )
        check(
          ['day', 'week', 'month', 'year'].includes(body.recurring?.interval),
          'recurring[interval] is required for a subscription price.',
          'recurring[interval]',
        )
        check(
          ['exclusive', 'inclusive', 'unspecified'].includes(body.tax_behavior),
          'tax_behavior must be exclusive, inclusive or unspecified.',
          'tax_behavior',
        )
        const holder = [...prices.values()].find((price) => price.lookup_key === body.lookup_key)
        if (holder) {
          check(
            body.transfer_lookup_key === 'true',
            `A price (${holder.id}) already uses that lookup key.`,
            'lookup_key',
          )
          holder.lookup_key = null
        }
        const price = {
          id: id('price'),
          object: 'price',
          active: true,
          billing_scheme: 'per_unit',
          created: now(),
          currency: body.currency,
          livemode: false,
          lookup_key: body.lookup_key ?? null,
          metadata: body.metadata ?? {},
          product: body.product,
          recurring: {
            interval: body.recurring.interval,
            interval_count: 1,
            usage_type: 'licensed',
          },
          tax_behavior: body.tax_behavior,
          type: 'recurring',
          unit_amount: Number(body.unit_amount),
        }
        prices.set(price.id, price)
        return price
      },
    ],
    [
      'POST',
      /^\/v1\/prices\/(\w+)$/,
      (m, body) => {
        const price = found(prices, m[1]!, 'price')
        if (body.active !== undefined) price.active = body.active === 'true'
        return price
      },
    ],
    [
      'GET',
      /^\/v1\/tax_rates$/,
      (_, __, query) =>
        list(
          '/v1/tax_rates',
          [...taxRates.values()].filter(
            (rate) => query.active === undefined || String(rate.active) === query.active,
          ),
        ),
    ],
    [
      'POST',
      /^\/v1\/tax_rates$/,
      (_, body) => {
        check(body.display_name, 'Missing required param: display_name.', 'display_name')
        check(
          body.inclusive === 'true' || body.inclusive === 'false',
          'Missing required param: inclusive.',
          'inclusive',
        )
        check(Number(body.percentage) > 0, 'Missing required param: percentage.', 'percentage')
        const rate = {
          id: id('txr'),
          object: 'tax_rate',
          active: true,
          country: body.country ?? null,
          created: now(),
          description: body.description ?? null,
          display_name: body.display_name,
          inclusive: body.inclusive === 'true',
          jurisdiction: body.jurisdiction ?? null,
          livemode: false,
          metadata: body.metadata ?? {},
          percentage: Number(body.percentage),
          tax_type: body.tax_type ?? null,
        }
        taxRates.set(rate.id, rate)
        return rate
      },
    ],
    [
      'POST',
      /^\/v1\/checkout\/sessions$/,
      (_, body) => {
        check(
          body.mode === 'subscription',
          'mode must be subscription for recurring prices.',
          'mode',
        )
        const line = body.line_items?.[0]
        check(line && body.line_items.length === 1, 'line_items must have one line.', 'line_items')
        const price = prices.get(line.price)
        check(price?.active, `No such price: '${line.price}'`, 'line_items[0][price]')
        check(
          price.type === 'recurring',
          'Subscription mode needs a recurring price.',
          'line_items[0][price]',
        )
        check(
          line.quantity === '1',
          'line_items[0][quantity] must be 1.',
          'line_items[0][quantity]',
        )
        const rates: Obj[] = (line.tax_rates ?? []).map((rateId: string) => taxRates.get(rateId))
        check(
          rates.length === 1 &&
            rates[0]?.active &&
            rates[0].percentage === 15 &&
            !rates[0].inclusive,
          'line_items[0][tax_rates] must be the active 15% exclusive GST rate.',
          'line_items[0][tax_rates]',
        )
        check(
          Boolean(body.customer) !== Boolean(body.customer_email),
          'Pass customer or customer_email, not both.',
          'customer',
        )
        if (body.customer)
          check(customers.has(body.customer), `No such customer: '${body.customer}'`, 'customer')
        check(
          /^\d+$/.test(body.metadata?.vendorId ?? ''),
          'metadata[vendorId] must name the vendor.',
          'metadata',
        )
        check(
          body.subscription_data?.metadata?.vendorId === body.metadata.vendorId,
          'subscription_data[metadata][vendorId] must match metadata[vendorId].',
          'subscription_data[metadata]',
        )
        check(absoluteUrl(body.success_url), 'success_url must be an absolute URL.', 'success_url')
        check(absoluteUrl(body.cancel_url), 'cancel_url must be an absolute URL.', 'cancel_url')
        const sessionId = `cs_test_${randomBytes(16).toString('hex')}`
        const session = {
          id: sessionId,
          object: 'checkout.session',
          mode: 'subscription',
          status: 'open',
          payment_status: 'unpaid',
          client_reference_id: body.client_reference_id ?? null,
          customer: body.customer ?? null,
          customer_email: body.customer_email ?? null,
          metadata: body.metadata,
          subscription: null,
          invoice: null,
          success_url: body.success_url,
          cancel_url: body.cancel_url,
          url: `${base}/c/pay/${sessionId}`,
          created: now(),
          _line: { price, rates, subscriptionMetadata: body.subscription_data.metadata },
        }
        sessions.set(sessionId, session)
        const { _line, ...visible } = session
        return visible
      },
    ],
    [
      'POST',
      /^\/v1\/billing_portal\/configurations$/,
      (_, body) => {
        check(body.features, 'Missing required param: features.', 'features')
        const configuration = {
          id: id('bpc'),
          object: 'billing_portal.configuration',
          active: true,
          application: null,
          business_profile: body.business_profile ?? {},
          created: now(),
          default_return_url: body.default_return_url ?? null,
          features: body.features,
          // Only the configuration saved in the Dashboard is the default.
          is_default: false,
          livemode: false,
          metadata: body.metadata ?? {},
          name: body.name ?? null,
          updated: now(),
        }
        portalConfigurations.set(configuration.id, configuration)
        return configuration
      },
    ],
    [
      'GET',
      /^\/v1\/billing_portal\/configurations$/,
      (_, __, query) =>
        list(
          '/v1/billing_portal/configurations',
          [...portalConfigurations.values()].filter(
            (configuration) =>
              (query.active === undefined || String(configuration.active) === query.active) &&
              (query.is_default === undefined ||
                String(configuration.is_default) === query.is_default),
          ),
        ),
    ],
    [
      'POST',
      /^\/v1\/billing_portal\/sessions$/,
      (_, body) => {
        check(customers.has(body.customer), `No such customer: '${body.customer}'`, 'customer')
        check(absoluteUrl(body.return_url), 'return_url must be an absolute URL.', 'return_url')
        let configuration: Obj | undefined
        if (body.configuration) {
          configuration = portalConfigurations.get(body.configuration)
          check(
            configuration?.active,
            `No such configuration: '${body.configuration}'`,
            'configuration',
          )
        } else {
          configuration = [...portalConfigurations.values()].find(
            (candidate) => candidate.is_default && candidate.active,
          )
          if (!configuration) {
            throw new Refusal(
              400,
              'No configuration provided and your test mode default configuration has not been created. Provide a configuration or create your default by saving your customer portal settings in test mode at https://dashboard.stripe.com/test/settings/billing/portal.',
              undefined,
              undefined,
            )
          }
        }
        return {
          id: id('bps'),
          object: 'billing_portal.session',
          configuration: configuration.id,
          customer: body.customer,
          livemode: false,
          return_url: body.return_url,
          url: `${base}/p/session/${id('test')}`,
          created: now(),
        }
      },
    ],
    ['GET', /^\/v1\/subscriptions\/(\w+)$/, (m) => found(subscriptions, m[1]!, 'subscription')],
    [
      'POST',
      /^\/v1\/subscriptions\/(\w+)$/,
      (m, body) => {
        const subscription = found(subscriptions, m[1]!, 'subscription')
        const paymentBehavior = body.payment_behavior ?? 'allow_incomplete'
        check(
          PAYMENT_BEHAVIORS.includes(paymentBehavior),
          `Invalid payment_behavior: must be one of ${PAYMENT_BEHAVIORS.join(', ')}`,
          'payment_behavior',
        )
        const prorationBehavior = body.proration_behavior ?? 'create_prorations'
        check(
          PRORATION_BEHAVIORS.includes(prorationBehavior),
          `Invalid proration_behavior: must be one of ${PRORATION_BEHAVIORS.join(', ')}`,
          'proration_behavior',
        )
        if (paymentBehavior === 'pending_if_incomplete') {
          // Metadata joined what a pending update carries in API 2026-05-27.dahlia.
          const supported =
            apiVersion >= '2026-05-27'
              ? PENDING_UPDATE_PARAMS
              : PENDING_UPDATE_PARAMS.filter((key) => key !== 'metadata')
          const unsupported = Object.keys(body).find((key) => !supported.includes(key))
          check(
            !unsupported,
            `You cannot pass \`${unsupported}\` when \`payment_behavior\` is \`pending_if_incomplete\`. Only the parameters pending updates support can be used.`,
            unsupported,
          )
        }
        if (body.cancel_at_period_end !== undefined) {
          subscription.cancel_at_period_end = body.cancel_at_period_end === 'true'
        }
        if (!body.items) {
          if (body.metadata) subscription.metadata = { ...subscription.metadata, ...body.metadata }
          return subscription
        }
        const [item] = body.items
        const current = subscription.items.data[0]
        check(item?.id === current.id, `items[0][id] must be ${current.id}.`, 'items[0][id]')
        const price = prices.get(item.price)
        check(price?.active, `No such price: '${item.price}'`, 'items[0][price]')
        const changed = [{ ...current, price }]
        const metadata = body.metadata ? { ...subscription.metadata, ...body.metadata } : null
        if (prorationBehavior !== 'always_invoice' || price.id === current.price.id) {
          // create_prorations leaves the difference for the next invoice; nothing is charged now.
          subscription.items.data = changed
          if (metadata) subscription.metadata = metadata
          return subscription
        }
        // The unused time on the old price is credited, the rest of the period on the new one
        // charged, on an invoice made and paid now.
        const period = { start: now(), end: current.current_period_end }
        const left = Math.max(
          0,
          (period.end - period.start) / (current.current_period_end - current.current_period_start),
        )
        const lines = [
          { amount: -Math.round(current.price.unit_amount * left), price: current.price, period },
          { amount: Math.round(price.unit_amount * left), price, period },
        ]
        const pay = !state.cardNeedsAuthentication
        if (!pay && paymentBehavior === 'error_if_incomplete') {
          throw new Refusal(
            402,
            'This payment requires additional user action before it can be completed.',
            undefined,
            'subscription_payment_intent_requires_action',
            'card_error',
          )
        }
        const proration = bill(subscription, lines, 'subscription_update', pay)
        if (pay || paymentBehavior !== 'pending_if_incomplete') {
          subscription.items.data = changed
          if (metadata) subscription.metadata = metadata
          if (!pay) subscription.status = 'past_due'
          return subscription
        }
        subscription.pending_update = {
          billing_cycle_anchor: null,
          // The period's end, or 23 hours from the update if that comes first.
          expires_at: Math.min(current.current_period_end, now() + 23 * 3600),
          metadata: body.metadata ?? null,
          subscription_items: changed,
          trial_end: null,
          trial_from_plan: null,
        }
        subscription.latest_invoice = proration.id
        return subscription
      },
    ],
    [
      'DELETE',
      /^\/v1\/subscriptions\/(\w+)$/,
      (m) => {
        const subscription = found(subscriptions, m[1]!, 'subscription')
        Object.assign(subscription, { status: 'canceled', canceled_at: now(), ended_at: now() })
        return subscription
      },
    ],
    [
      'GET',
      /^\/v1\/invoices\/(\w+)$/,
      (m, _, query) =>
        visibleInvoice(
          found(invoices, m[1]!, 'invoice'),
          (query.expand ?? []).includes('payments'),
        ),
    ],
    [
      'POST',
      /^\/v1\/customers\/(\w+)\/balance_transactions$/,
      (m, body) => {
        const customer = found(customers, m[1]!, 'customer')
        check(/^-?\d+$/.test(body.amount ?? ''), 'Missing required param: amount.', 'amount')
        check(body.currency, 'Missing required param: currency.', 'currency')
        check(
          body.currency === 'nzd',
          `The currency ${body.currency} does not match the customer's currency nzd.`,
          'currency',
        )
        customer.balance = (customer.balance ?? 0) + Number(body.amount)
        return {
          id: id('cbtxn'),
          object: 'customer_balance_transaction',
          amount: Number(body.amount),
          created: now(),
          currency: 'nzd',
          customer: customer.id,
          description: body.description ?? null,
          ending_balance: customer.balance,
          livemode: false,
          metadata: body.metadata ?? {},
          type: 'adjustment',
        }
      },
    ],
    [
      'POST',
      /^\/v1\/refunds$/,
      (_, body) => {
        if (body.reason !== undefined) {
          check(
            REFUND_REASONS.includes(body.reason),
            'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer',
            'reason',
          )
        }
        const charge = [...charges.values()].find(
          (c) => c.payment_intent === body.payment_intent && c.paid,
        )
        if (!charge) {
          const known = intents.has(body.payment_intent)
          throw new Refusal(
            400,
            known
              ? `This PaymentIntent (${body.payment_intent}) does not have a successful charge to refund.`
              : `No such payment_intent: '${body.payment_intent}'`,
            'payment_intent',
            known ? undefined : 'resource_missing',
          )
        }
        const left = charge.amount - charge.amount_refunded
        if (left === 0) {
          throw new Refusal(
            400,
            `Charge ${charge.id} has already been refunded.`,
            undefined,
            'charge_already_refunded',
          )
        }
        const amount = body.amount === undefined ? left : Number(body.amount)
        check(Number.isInteger(amount) && amount > 0, 'Invalid positive integer', 'amount')
        if (amount > left) {
          throw new Refusal(
            400,
            charge.amount_refunded
              ? `Refund amount (${dollars(amount)}) is greater than unrefunded amount on charge (${dollars(left)})`
              : `Refund amount (${dollars(amount)}) is greater than charge amount (${dollars(charge.amount)})`,
            'amount',
            undefined,
          )
        }
        charge.amount_refunded += amount
        charge.refunded = charge.amount_refunded === charge.amount
        const refund = {
          id: id('re'),
          object: 'refund',
          amount,
          charge: charge.id,
          currency: 'nzd',
          metadata: body.metadata ?? {},
          payment_intent: charge.payment_intent,
          reason: body.reason ?? null,
          status: 'succeeded',
          created: now(),
        }
        refunds.set(refund.id, refund)
        return refund
      },
    ],
  ]

  const errorBody = (refusal: Refusal) => ({
    error: {
      type: refusal.type,
      ...(refusal.code && { code: refusal.code }),
      message: refusal.message,
      ...(refusal.param && { param: refusal.param }),
    },
  })
  const refusedRequest = (method: string | undefined, path: string, refusal: Refusal) => {
    // A lookup of something that does not exist is a normal answer (stripe:setup asks
    // whether its products exist yet); every other error is a request Stripe would refuse.
    if (refusal.code !== 'resource_missing' || refusal.param !== 'id') {
      refused.push(`${method} ${path}: ${refusal.message}`)
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://peer')
      const send = (status: number, body: unknown) =>
        res
          .writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req') })
          .end(JSON.stringify(body))
      if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true })
      // For the browser tests, which run in another process: the Checkout sessions made so far.
      if (req.method === 'GET' && url.pathname === '/__peer/checkout-sessions') {
        return send(
          200,
          [...sessions.values()].map(({ _line, ...visible }) => visible),
        )
      }
      if (req.method === 'GET' && /^\/(c\/pay|p\/session)\//.test(url.pathname)) {
        res.writeHead(200, { 'Content-Type': 'text/html' })
        res.end(
          `<!doctype html><title>Stripe Checkout (local peer)</title><h1>Stripe test peer</h1><p data-session>${url.pathname}</p>`,
        )
        return
      }
      try {
        if (req.headers.authorization !== `Bearer ${secretKey}`) {
          throw new Refusal(401, 'Invalid API Key provided.', undefined, 'api_key_invalid')
        }
        if (!req.headers['stripe-version']) {
          throw new Refusal(400, 'Stripe-Version header is missing.', undefined, 'version_missing')
        }
        apiVersion = String(req.headers['stripe-version'])
        const text = Buffer.concat(chunks).toString('utf8')
        if (
          req.method === 'POST' &&
          text &&
          !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
        ) {
          throw new Refusal(400, 'Bodies must be form-encoded.')
        }
        const body = decodeForm(text)
        const query = decodeForm(url.search.slice(1))
        requests.push({ method: req.method ?? '', path: url.pathname, body })
        const route = routes.find(
          ([method, pattern]) => method === req.method && pattern.test(url.pathname),
        )
        if (!route)
          throw new Refusal(
            404,
            `Unrecognized request URL (${req.method}: ${url.pathname}).`,
            undefined,
            'resource_missing',
          )
        const key = req.method === 'POST' ? req.headers['idempotency-key'] : undefined
        const earlier = typeof key === 'string' ? idempotent.get(key) : undefined
        if (earlier) {
          if (earlier.path !== url.pathname || earlier.text !== text) {
            throw new Refusal(
              400,
              'Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than the one used in the original request.',
              undefined,
              undefined,
              'idempotency_error',
            )
          }
          return send(earlier.status, earlier.body)
        }
        const answer = (status: number, answered: unknown) => {
          if (typeof key === 'string') {
            idempotent.set(key, { path: url.pathname, text, status, body: answered })
          }
          send(status, answered)
        }
        try {
          answer(200, route[2](route[1].exec(url.pathname)!, body, query))
        } catch (error) {
          // Stripe keeps a refusal under its key too (but not a 500, which may be retried).
          if (error instanceof Refusal && error.status < 500) {
            answer(error.status, errorBody(error))
            refusedRequest(req.method, url.pathname, error)
            return
          }
          throw error
        }
      } catch (error) {
        const refusal =
          error instanceof Refusal ? error : new Refusal(500, String((error as Error).message))
        refusedRequest(req.method, url.pathname, refusal)
        send(refusal.status, errorBody(refusal))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const sdk = new Stripe(secretKey)

  return {
    url: base,
    secretKey,
    webhookSecret,
    refused,
    requests,
    products,
    prices,
    taxRates,
    customers,
    subscriptions,
    invoices,
    charges,
    sessions,
    portalConfigurations,
    refunds,
    get cardNeedsAuthentication() {
      return state.cardNeedsAuthentication
    },
    set cardNeedsAuthentication(value: boolean) {
      state.cardNeedsAuthentication = value
    },
    completeCheckout: (sessionId, options = {}) => {
      const session = found(sessions, sessionId, 'checkout session')
      const customerId = session.customer ?? id('cus')
      if (!customers.has(customerId)) {
        customers.set(customerId, {
          id: customerId,
          object: 'customer',
          balance: 0,
          email: session.customer_email,
          created: now(),
        })
      }
      if (options.customerBalanceCents !== undefined) {
        customers.get(customerId)!.balance = options.customerBalanceCents
      }
      const started = now()
      const subscription = {
        id: id('sub'),
        object: 'subscription',
        cancel_at_period_end: false,
        canceled_at: null,
        created: started,
        currency: 'nzd',
        customer: customerId,
        ended_at: null,
        items: list('/v1/subscription_items', [
          subscriptionItem(session._line.price, session._line.rates, started),
        ]),
        latest_invoice: null,
        livemode: false,
        metadata: session._line.subscriptionMetadata,
        pending_update: null,
        start_date: started,
        status: 'active',
      }
      subscriptions.set(subscription.id, subscription)
      Object.assign(session, {
        status: 'complete',
        payment_status: 'paid',
        customer: customerId,
        subscription: subscription.id,
      })
      const paid = invoice(subscription.id, true)
      paid.billing_reason = 'subscription_create'
      invoices.get(paid.id)!.billing_reason = 'subscription_create'
      session.invoice = paid.id
      const { _line, ...visible } = session
      return { subscription, invoice: paid, session: visible }
    },
    payInvoice: (invoiceId) => {
      const unpaid = found(invoices, invoiceId, 'invoice')
      const payment = unpaid._payments.find((entry: Obj) => entry.is_default)
      const charge = [...charges.values()].find(
        (c) => c.payment_intent === payment?.payment.payment_intent,
      )
      if (charge)
        Object.assign(charge, { paid: true, status: 'succeeded', amount_captured: charge.amount })
      if (payment) {
        Object.assign(payment, {
          status: 'paid',
          amount_paid: payment.amount_requested,
          status_transitions: { canceled_at: null, paid_at: now() },
        })
      }
      Object.assign(unpaid, { status: 'paid', amount_paid: unpaid.amount_due, amount_remaining: 0 })
      const subscriptionId = unpaid.parent?.subscription_details?.subscription
      const subscription = subscriptionId ? (subscriptions.get(subscriptionId) ?? null) : null
      if (subscription && subscription.latest_invoice === unpaid.id) {
        applyPendingUpdate(subscription)
        subscription.status = 'active'
      }
      return { invoice: visibleInvoice(unpaid, false), subscription }
    },
    expirePendingUpdate: (subscriptionId) => {
      const subscription = found(subscriptions, subscriptionId, 'subscription')
      if (!subscription.pending_update) throw new Error(`${subscriptionId} has no pending update`)
      const waiting = found(invoices, subscription.latest_invoice, 'invoice')
      Object.assign(waiting, { status: 'void', amount_remaining: 0 })
      for (const payment of waiting._payments)
        if (payment.status === 'open') payment.status = 'canceled'
      subscription.pending_update = null
      subscription.status = 'active'
      return { invoice: visibleInvoice(waiting, false), subscription }
    },
    attachPayment: (invoiceId, status) => {
      const target = found(invoices, invoiceId, 'invoice')
      const payment = invoicePayment(id('pi'), target.amount_due, status, false)
      payment.invoice = target.id
      target._payments.unshift(payment)
      return payment
    },
    defaultPortalConfiguration: () => {
      const configuration = {
        id: id('bpc'),
        object: 'billing_portal.configuration',
        active: true,
        application: null,
        business_profile: {},
        created: now(),
        default_return_url: null,
        features: { invoice_history: { enabled: true } },
        is_default: true,
        livemode: false,
        metadata: {},
        name: null,
        updated: now(),
      }
      portalConfigurations.set(configuration.id, configuration)
      return configuration
    },
    invoice,
    updateSubscription: (subscriptionId, patch) =>
      Object.assign(found(subscriptions, subscriptionId, 'subscription'), patch),
    event: (type, object, created = now()) => ({
      id: id('evt'),
      object: 'event',
      api_version: apiVersion || null,
      created,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    }),
    signed: (event) => {
      const body = JSON.stringify(event)
      return {
        body,
        signature: sdk.webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret }),
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
