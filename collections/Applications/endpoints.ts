import type { Endpoint } from 'payload'
import { z } from 'zod'

import { MAX_LINE_ITEMS, MAX_QUANTITY, MAX_UNIT_PRICE_CENTS } from '@/lib/kit/money'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { actOnQuote, updateQuote } from '@/lib/marketplace/quotes'
import { type Contract, documented, documentOf, envelope } from '@/plugins/openapi'

/**
 * One priced line as `lineItemProblem` reads it. Not strict: a row's `id` (sent back on edit)
 * and its `totalCents` are the server's, taken or dropped without a refusal.
 */
const QuoteLine = z.object({
  description: z.string().trim().min(1).max(200),
  quantity: z.number().gt(0).max(MAX_QUANTITY).describe('More than zero, at most two decimals.'),
  unitPriceCents: z
    .number()
    .int()
    .min(0)
    .max(MAX_UNIT_PRICE_CENTS)
    .describe('GST exclusive, in NZ cents.'),
})

/**
 * The body of `POST /api/jobs/:id/apply`, as `quoteFields` and the Quotes collection read it
 * (the 20–3000 character message and the lines are the collection's rules). Totals are worked
 * out from the lines: sending them is refused.
 */
export const QuoteRequest = z.strictObject({
  message: z
    .string()
    .min(20)
    .max(3000)
    .describe('What the vendor offers and why they are a good fit.'),
  lineItems: z.array(QuoteLine).min(1).max(MAX_LINE_ITEMS),
  validUntil: z
    .string()
    .optional()
    .describe(
      'A date (e.g. `2026-12-24`), today or later in New Zealand. Default: 30 days from now.',
    ),
})

/** `PUT /api/applications/:id`: the same fields, each optional; lines sent replace them all. */
export const QuoteChangesRequest = QuoteRequest.partial()

const QuoteOutcome = z.object({ application: documentOf('applications') })

const ACTION_CONTRACTS: Record<'shortlist' | 'decline' | 'withdraw' | 'accept', Contract> = {
  shortlist: {
    summary: 'Shortlist a quote',
    description:
      "By the job's organizer or staff; the vendor is told. 409 `INVALID_TRANSITION` unless the quote is submitted; 409 `JOB_CLOSED` once the job no longer takes quotes.",
    caller: 'organizer',
    response: envelope(QuoteOutcome),
  },
  decline: {
    summary: 'Decline a quote',
    description:
      "By the job's organizer or staff; the vendor is told. 409 `INVALID_TRANSITION` unless the quote is submitted or shortlisted; 409 `JOB_CLOSED` once the job no longer takes quotes.",
    caller: 'organizer',
    response: envelope(QuoteOutcome),
  },
  accept: {
    summary: 'Accept a quote and book the vendor',
    description:
      "By the job's organizer or staff, in one step: the quote is accepted, a confirmed booking is made, the job is filled, every other open quote is declined and open invitations are withdrawn. 409 `JOB_CLOSED` when the job is not open, `QUOTE_EXPIRED` past its `validUntil`, `INVALID_TRANSITION` unless the quote is submitted or shortlisted.",
    caller: 'organizer',
    response: envelope(QuoteOutcome.extend({ booking: documentOf('bookings') })),
  },
  withdraw: {
    summary: 'Withdraw a quote',
    description:
      'By the vendor who sent it (or staff). The quote stays on record for both sides. 409 `INVALID_TRANSITION` unless it is submitted or shortlisted. The same as `DELETE /api/applications/{id}`.',
    caller: 'vendor',
    response: envelope(QuoteOutcome),
  },
}

const action = (name: 'shortlist' | 'decline' | 'withdraw' | 'accept'): Endpoint =>
  documented(ACTION_CONTRACTS[name], {
    path: `/:id/${name}`,
    method: 'post',
    handler: guarded(async (req) =>
      apiJson(req, { success: true, data: await actOnQuote(req, routeId(req, 'Quote'), name) }),
    ),
  })

/**
 * The seed's quote endpoints. Listing is Payload's own `GET /api/applications`, filtered by the
 * collection's read access to the caller's own quotes (vendor) or quotes on their jobs (organizer).
 */
export const applicationEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Change a quote',
      description:
        'The vendor who sent it (or staff) changes its message, lines or validity; totals are worked out again. 409 `QUOTE_CLOSED` unless the quote is submitted or shortlisted, and 409 once the job no longer takes quotes.',
      caller: 'vendor',
      body: QuoteChangesRequest,
      response: envelope(documentOf('applications')),
      example: { validUntil: '2026-12-24' },
    },
    {
      path: '/:id',
      method: 'put',
      handler: guarded(async (req) => {
        const quote = await updateQuote(req, routeId(req, 'Quote'), await jsonBody(req))
        return apiJson(req, { success: true, data: quote })
      }),
    },
  ),
  documented(
    {
      summary: 'Withdraw a quote',
      description:
        'The same as `POST /api/applications/{id}/withdraw`: nothing is deleted, the quote stays on record as withdrawn.',
      caller: 'vendor',
      response: envelope(QuoteOutcome),
    },
    {
      // Withdrawing keeps the quote as a record for both sides; nothing is deleted.
      path: '/:id',
      method: 'delete',
      handler: guarded(async (req) =>
        apiJson(req, {
          success: true,
          data: await actOnQuote(req, routeId(req, 'Quote'), 'withdraw'),
        }),
      ),
    },
  ),
  action('shortlist'),
  action('decline'),
  action('accept'),
  action('withdraw'),
]
