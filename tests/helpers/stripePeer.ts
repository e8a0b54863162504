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
 * Test helpers act as Stripe's side would: `completeCheckout` (the customer paid), `invoice`
 * (a renewal, paid or failed), `event` (the event Stripe would send) and `signed` (its
 * Stripe-Signature header, from the SDK's own test helper).
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
  completeCheckout: (sessionId: string) => { subscription: Obj; invoice: Obj; session: Obj }
  invoice: (subscriptionId: string, paid: boolean) => Obj
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
    readonly code = 'parameter_invalid',
  ) {
    super(message)
  }
}

function check(condition: unknown, message: string, param?: string): asserts condition {
  if (!condition) throw new Refusal(400, message, param)
}
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
  const refunds = new Map<string, Obj>()
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

  const invoice = (subscriptionId: string, paid: boolean): Obj => {
    const subscription = found(subscriptions, subscriptionId, 'subscription')
    const item = subscription.items.data[0]
    const subtotal = item.price.unit_amount
    const tax = item.tax_rates.reduce(
      (sum: number, rate: Obj) => sum + Math.round((subtotal * rate.percentage) / 100),
      0,
    )
    const intent = id('pi')
    const charge = {
      id: id('ch'),
      object: 'charge',
      amount: subtotal + tax,
      amount_refunded: 0,
      currency: 'nzd',
      customer: subscription.customer,
      payment_intent: intent,
      paid,
      refunded: false,
      status: paid ? 'succeeded' : 'failed',
      created: now(),
    }
    charges.set(charge.id, charge)
    const created: Obj = {
      id: id('in'),
      object: 'invoice',
      billing_reason: 'subscription_cycle',
      created: now(),
      currency: 'nzd',
      customer: subscription.customer,
      number: `EPNZ-${String(invoices.size + 1).padStart(4, '0')}`,
      hosted_invoice_url: `${base}/i/${charge.id}`,
      invoice_pdf: `${base}/i/${charge.id}/pdf`,
      lines: list('/v1/invoices/lines', [
        {
          id: id('il'),
          object: 'line_item',
          amount: subtotal,
          currency: 'nzd',
          period: { start: item.current_period_start, end: item.current_period_end },
          pricing: { price_details: { price: item.price.id, product: item.price.product } },
          quantity: 1,
        },
      ]),
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
      },
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      status: paid ? 'paid' : 'open',
      subtotal,
      subtotal_excluding_tax: subtotal,
      total: subtotal + tax,
      total_excluding_tax: subtotal,
      total_taxes: item.tax_rates.map((rate: Obj) => ({
        amount: tax,
        tax_behavior: 'exclusive',
        tax_rate_details: { tax_rate: rate.id },
        taxability_reason: 'standard_rated',
        taxable_amount: subtotal,
        type: 'tax_rate_details',
      })),
      amount_due: subtotal + tax,
      amount_paid: paid ? subtotal + tax : 0,
      amount_remaining: paid ? 0 : subtotal + tax,
      attempt_count: 1,
      _payments: [
        {
          id: id('inpay'),
          object: 'invoice_payment',
          amount_paid: paid ? subtotal + tax : null,
          invoice: '',
          is_default: true,
          payment: { type: 'payment_intent', payment_intent: intent },
          status: paid ? 'paid' : 'open',
        },
      ],
    }
    invoices.set(created.id, created)
    subscription.latest_invoice = created.id
    if (!paid) subscription.status = 'past_due'
    else subscription.status = 'active'
    return visibleInvoice(created, false)
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
      /^\/v1\/billing_portal\/sessions$/,
      (_, body) => {
        check(customers.has(body.customer), `No such customer: '${body.customer}'`, 'customer')
        check(absoluteUrl(body.return_url), 'return_url must be an absolute URL.', 'return_url')
        return {
          id: id('bps'),
          object: 'billing_portal.session',
          customer: body.customer,
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
        if (body.cancel_at_period_end !== undefined) {
          subscription.cancel_at_period_end = body.cancel_at_period_end === 'true'
        }
        if (body.items) {
          const [item] = body.items
          const current = subscription.items.data[0]
          check(item?.id === current.id, `items[0][id] must be ${current.id}.`, 'items[0][id]')
          const price = prices.get(item.price)
          check(price?.active, `No such price: '${item.price}'`, 'items[0][price]')
          check(
            ['always_invoice', 'create_prorations', 'none'].includes(body.proration_behavior),
            'proration_behavior must be always_invoice, create_prorations or none.',
            'proration_behavior',
          )
          current.price = price
        }
        if (body.metadata) subscription.metadata = { ...subscription.metadata, ...body.metadata }
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
      /^\/v1\/refunds$/,
      (_, body) => {
        const charge = [...charges.values()].find((c) => c.payment_intent === body.payment_intent)
        check(charge, `No such payment_intent: '${body.payment_intent}'`, 'payment_intent')
        check(charge.paid, 'This charge was not paid, so it cannot be refunded.', 'payment_intent')
        const amount =
          body.amount === undefined ? charge.amount - charge.amount_refunded : Number(body.amount)
        check(
          Number.isInteger(amount) &&
            amount > 0 &&
            amount <= charge.amount - charge.amount_refunded,
          `Refund amount must be at most ${charge.amount - charge.amount_refunded}.`,
          'amount',
        )
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
        send(200, route[2](route[1].exec(url.pathname)!, body, query))
      } catch (error) {
        const refusal =
          error instanceof Refusal ? error : new Refusal(500, String((error as Error).message))
        // A lookup of something that does not exist is a normal answer (stripe:setup asks
        // whether its products exist yet); every other error is a request Stripe would refuse.
        if (refusal.code !== 'resource_missing' || refusal.param !== 'id') {
          refused.push(`${req.method} ${url.pathname}: ${refusal.message}`)
        }
        send(refusal.status, {
          error: {
            type: refusal.status === 401 ? 'authentication_error' : 'invalid_request_error',
            code: refusal.code,
            message: refusal.message,
            ...(refusal.param && { param: refusal.param }),
          },
        })
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
    completeCheckout: (sessionId) => {
      const session = found(sessions, sessionId, 'checkout session')
      const customerId = session.customer ?? id('cus')
      if (!customers.has(customerId)) {
        customers.set(customerId, {
          id: customerId,
          object: 'customer',
          email: session.customer_email,
          created: now(),
        })
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
      session.invoice = paid.id
      const { _line, ...visible } = session
      return { subscription, invoice: paid, session: visible }
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
