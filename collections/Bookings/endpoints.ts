import type { Endpoint } from 'payload'
import { z } from 'zod'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { CANCEL_REASON_LENGTH, cancelBooking, markBookingDone } from '@/lib/marketplace/bookings'
import { documented, documentOf, envelope } from '@/plugins/openapi'

/** The body `cancelBooking` reads: a trimmed reason the other side is shown, and whether to reopen. */
export const CancelBookingRequest = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(CANCEL_REASON_LENGTH.min)
    .max(CANCEL_REASON_LENGTH.max)
    .describe('Why you are cancelling; the other side is shown it.'),
  reopenJob: z
    .boolean()
    .optional()
    .describe('The organizer only: open the job for quotes again in the same step.'),
})

/** `POST /api/bookings/:id/<action>`: the end of a booking, for either side of it or staff. */
export const bookingEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Mark a booking done',
      description:
        'Either side says the event happened as agreed, from the day of the event; the booking completes once both have (or at once when staff do), and the organizer is asked for a review. 409 `EVENT_NOT_HELD` before the event day, `ALREADY_MARKED_DONE` for a second mark, `INVALID_TRANSITION` unless the booking is confirmed.',
      caller: 'signed-in',
      response: envelope(documentOf('bookings')),
    },
    {
      path: '/:id/complete',
      method: 'post',
      handler: guarded(async (req) => {
        const booking = await markBookingDone(req, routeId(req, 'Booking'))
        return apiJson(req, { success: true, data: booking })
      }),
    },
  ),
  documented(
    {
      summary: 'Cancel a booking',
      description:
        "Either side (or staff) cancels a confirmed booking until the end of its event day, with a reason; the other side is told by email. The organizer may reopen the job in the same step (`job` is then the reopened job, otherwise null). 409 `EVENT_PASSED` after the event, `REOPEN_TOO_LATE` when reopening on the event's day, `INVALID_TRANSITION` unless confirmed; 403 when the vendor asks to reopen.",
      caller: 'signed-in',
      body: CancelBookingRequest,
      response: envelope(
        z.object({ booking: documentOf('bookings'), job: documentOf('jobs').nullable() }),
      ),
      example: { reason: 'Our venue has closed for repairs on that date.', reopenJob: true },
    },
    {
      path: '/:id/cancel',
      method: 'post',
      handler: guarded(async (req) => {
        const id = routeId(req, 'Booking')
        const result = await cancelBooking(req, id, await jsonBody(req))
        return apiJson(req, { success: true, data: result })
      }),
    },
  ),
]
