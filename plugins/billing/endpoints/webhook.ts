import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { RequestError, errorResponse } from '@/lib/kit/errors'
import { apiError } from '@/lib/kit/response'
import { inTransaction } from '@/lib/kit/transaction'

import { billingSlugs } from '../collections/slugs'
import { WebhookSignatureError } from '../types'
import { getBilling } from '../utilities/runtime'
import { webhookHandlers } from '../webhooks/handlers'
import type { Contract } from './contract'

/**
 * A Stripe event, as the driver reads it once its signature over the raw body is checked: only
 * these fields are used, and Stripe sends many more.
 */
export const StripeEventRequest = z.looseObject({
  id: z.string(),
  type: z.string(),
  created: z.number().int().describe('Seconds since the epoch.'),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
})

/** Stripe accepts any 2xx; the body says what we did for whoever reads the delivery log. */
const received = (outcome: 'applied' | 'duplicate' | 'ignored') =>
  Response.json({ received: true, outcome })

/**
 * `POST /api/billing/webhook`: Stripe's events. The signature is checked on the raw body
 * before anything is read from it; the event id is recorded in the same transaction as its
 * effect, so a repeated delivery is answered without being applied twice, and a failure
 * rolls both back for Stripe to retry.
 */
export const billingWebhookEndpoint: Endpoint = {
  path: '/billing/webhook',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const driver = getBilling(req.payload)
    if (!driver.configured) {
      return apiError(req, 503, 'BILLING_NOT_CONFIGURED', 'Billing is not configured on this site.')
    }
    const signature = req.headers.get('stripe-signature')
    if (!signature) {
      return apiError(req, 400, 'MISSING_SIGNATURE', 'The Stripe-Signature header is missing.')
    }
    const rawBody = req.text ? await req.text() : ''
    let event
    try {
      event = driver.verifyWebhook(rawBody, signature)
    } catch (error) {
      if (error instanceof WebhookSignatureError) {
        req.payload.logger.warn(`Refused a billing webhook: ${error.message}`)
        return apiError(req, 400, 'BAD_SIGNATURE', 'The webhook signature does not match.')
      }
      return errorResponse(req, error)
    }
    const handler = webhookHandlers[event.type]
    try {
      const outcome = await inTransaction(req, async () => {
        // System read: whether this event was applied, whoever Stripe is to our access rules.
        const seen = await req.payload.count({
          collection: billingSlugs.billingEvents,
          where: { eventId: { equals: event.id } },
          overrideAccess: true,
          req,
        })
        if (seen.totalDocs > 0) return 'duplicate' as const
        if (handler) await handler({ req, driver, event })
        // System write: the record that this event has been applied.
        await req.payload.create({
          collection: billingSlugs.billingEvents,
          data: {
            eventId: event.id,
            type: event.type,
            objectId: typeof event.object.id === 'string' ? event.object.id : null,
            stripeCreated: event.created,
          },
          depth: 0,
          overrideAccess: true,
          req,
        })
        return handler ? ('applied' as const) : ('ignored' as const)
      })
      return received(outcome)
    } catch (error) {
      if (error instanceof RequestError) return errorResponse(req, error)
      req.payload.logger.error({
        err: error,
        msg: `Billing webhook ${event.id} (${event.type}) failed`,
      })
      return apiError(
        req,
        500,
        'WEBHOOK_FAILED',
        'The event could not be applied; Stripe will retry.',
      )
    }
  },
  custom: {
    openapi: {
      summary: "Receive Stripe's events",
      description: [
        "For Stripe's webhook only. The `Stripe-Signature` header is checked over the raw body before anything is read (400 `MISSING_SIGNATURE`, `BAD_SIGNATURE`; 503 `BILLING_NOT_CONFIGURED` without Stripe keys).",
        'Each event is applied once: a repeated delivery answers `duplicate`, an event type billing does not handle `ignored`. A failure (500 `WEBHOOK_FAILED`) rolls back for Stripe to retry.',
      ].join('\n\n'),
      caller: 'stripe',
      body: StripeEventRequest,
      response: z.object({
        received: z.literal(true),
        outcome: z.enum(['applied', 'duplicate', 'ignored']),
      }),
    } satisfies Contract,
  },
}
