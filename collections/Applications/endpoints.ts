import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { actOnQuote, updateQuote } from '@/lib/marketplace/quotes'

const action = (name: 'shortlist' | 'decline' | 'withdraw' | 'accept'): Endpoint => ({
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
  {
    path: '/:id',
    method: 'put',
    handler: guarded(async (req) => {
      const quote = await updateQuote(req, routeId(req, 'Quote'), await jsonBody(req))
      return apiJson(req, { success: true, data: quote })
    }),
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
  action('shortlist'),
  action('decline'),
  action('accept'),
  action('withdraw'),
]
