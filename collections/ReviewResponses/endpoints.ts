import type { Endpoint } from 'payload'
import { z } from 'zod'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { deleteResponse, editResponse } from '@/lib/trust/responses'
import { MAX_RESPONSE_TEXT } from '@/lib/trust/rules'
import { documented, documentOf, envelope } from '@/plugins/openapi'

/**
 * The body `respondToReview` and `editResponse` read: the text alone, trimmed (the 2-character
 * minimum is the collection's field rule).
 */
export const ResponseRequest = z.strictObject({
  text: z
    .string()
    .trim()
    .min(2)
    .max(MAX_RESPONSE_TEXT)
    .describe('Plain text, shown publicly under the review.'),
})

/** Responses are posted at `POST /api/reviews/:id/response`; these change or remove one. */
export const reviewResponseEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Edit a review response',
      description:
        'The vendor who wrote it (or an admin) rewrites it within 30 days of posting. 403 for anyone else; 409 `EDIT_WINDOW_CLOSED` after that.',
      caller: 'vendor',
      body: ResponseRequest,
      response: envelope(documentOf('review-responses')),
      example: { text: 'Thank you for the kind words: it was a joy to cater your day.' },
    },
    {
      path: '/:id',
      method: 'put',
      handler: guarded(async (req) =>
        apiJson(req, {
          success: true,
          data: await editResponse(req, routeId(req, 'Response'), await jsonBody(req)),
        }),
      ),
    },
  ),
  documented(
    {
      summary: 'Delete a review response',
      description: 'The vendor who wrote it (or an admin) removes it. 403 for anyone else.',
      caller: 'vendor',
      response: envelope(z.object({ id: z.number().int(), deleted: z.literal(true) })),
    },
    {
      path: '/:id',
      method: 'delete',
      handler: guarded(async (req) =>
        apiJson(req, { success: true, data: await deleteResponse(req, routeId(req, 'Response')) }),
      ),
    },
  ),
]
