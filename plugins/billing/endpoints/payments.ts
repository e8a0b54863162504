import type { Endpoint } from 'payload'
import { z } from 'zod'

import { findVisible, guarded, jsonBody, routeId, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { formatCents } from '@/lib/kit/money'
import { apiJson } from '@/lib/kit/response'
import { inTransaction } from '@/lib/kit/transaction'

import { billingSlugs } from '../collections/slugs'
import { RefundRefusedError } from '../types'
import { billingConfig, getBilling } from '../utilities/runtime'
import { recordRefundTotal } from '../utilities/sync'
import type { Contract } from './contract'

/** What the refund reads from its body (checked by hand below, against the payment's balance). */
export const RefundPaymentRequest = z.object({
  amountCents: z
    .number()
    .int()
    .min(1)
    .nullable()
    .optional()
    .describe(
      'NZ cents to refund, at most what is left of the payment; leave out (or null) for all that is left.',
    ),
  reason: z.string().max(500).optional().describe('Kept with the refund and in the audit log.'),
})

/**
 * One payment as the caller may read it; the OpenAPI plugin, when installed, shows the
 * collection's schema for it (the same keyword as its `documentOf`, which billing cannot import).
 */
const PaymentDocument = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null)
  .meta({ 'x-payload-document': billingSlugs.payments })

/**
 * `POST /api/payments/:id/refund` `{ amountCents?, reason? }` (admins): refunds all or part of
 * what is left of a payment through Stripe, and records who did it and why.
 */
const refundPayment: Endpoint = {
  path: '/:id/refund',
  method: 'post',
  handler: guarded(async (req) => {
    const { access, recordAudit } = billingConfig(req.payload)
    if (!access.isAdmin(signedIn(req))) {
      throw new RequestError(403, 'FORBIDDEN', 'Only admins can refund payments.')
    }
    const payment = await findVisible(
      req,
      billingSlugs.payments,
      routeId(req, 'Payment'),
      'Payment not found.',
    )
    const body = await jsonBody(req)
    const refundable = payment.amountCents - (payment.refundedCents ?? 0)
    if (payment.status === 'failed' || refundable <= 0) {
      throw new RequestError(409, 'NOTHING_TO_REFUND', 'Nothing is left to refund on this payment.')
    }
    // No amount: what is left of what the card paid, which Stripe knows better than the
    // invoice's total (a credit balance may have paid part of it).
    const amount = body.amountCents ?? null
    if (
      amount !== null &&
      (!Number.isInteger(amount) || (amount as number) < 1 || (amount as number) > refundable)
    ) {
      throw invalidInput(
        'amountCents',
        `amountCents must be a whole number of cents from 1 to ${refundable} (${formatCents(refundable)}).`,
      )
    }
    if (
      body.reason !== undefined &&
      (typeof body.reason !== 'string' || body.reason.length > 500)
    ) {
      throw invalidInput('reason', 'reason must be text of at most 500 characters.')
    }
    if (!payment.stripePaymentIntentId) {
      throw new RequestError(
        409,
        'NOT_REFUNDABLE',
        'Stripe has not told us how this invoice was paid yet.',
      )
    }
    const reason = (body.reason as string | undefined)?.trim() || null
    const refund = await getBilling(req.payload)
      .refund(payment.stripePaymentIntentId, amount as number | null, reason)
      .catch((error: unknown) => {
        // Stripe bounds a refund by what the card paid, which a credit balance makes less
        // than the invoice's total: its reason is one the admin can act on.
        if (error instanceof RefundRefusedError) {
          throw new RequestError(
            409,
            'REFUND_REFUSED',
            `Stripe refused the refund: ${error.message}`,
          )
        }
        throw error
      })
    const doc = await inTransaction(req, async () => {
      const updated = await recordRefundTotal(
        req,
        payment,
        (payment.refundedCents ?? 0) + refund.amountCents,
      )
      await recordAudit(req, {
        action: 'payment.refund',
        targetCollection: billingSlugs.payments,
        targetId: payment.id,
        summary: `Refunded ${formatCents(refund.amountCents)} of ${payment.invoiceNumber ?? payment.stripeInvoiceId}`,
        details: { refundId: refund.id, amountCents: refund.amountCents, reason },
      })
      return updated
    })
    return apiJson(req, { doc, refund, message: `Refunded ${formatCents(refund.amountCents)}.` })
  }),
  custom: {
    openapi: {
      summary: 'Refund a payment',
      description:
        "Refunds all or part of what is left of a payment through Stripe, and records who did it and why. 409 `NOTHING_TO_REFUND` when nothing is left, `NOT_REFUNDABLE` before Stripe has said how the invoice was paid, `REFUND_REFUSED` with Stripe's reason (a credit balance may have paid part of the invoice).",
      caller: 'admin',
      body: RefundPaymentRequest,
      response: z.object({
        doc: PaymentDocument.describe('The payment with its new refunded total.'),
        refund: z.object({
          id: z.string().describe("Stripe's refund id."),
          status: z.string(),
          amountCents: z.number().int(),
        }),
        message: z.string(),
      }),
      example: { amountCents: 1500, reason: 'Charged twice in March' },
    } satisfies Contract,
  },
}

export const paymentEndpoints: Endpoint[] = [refundPayment]
