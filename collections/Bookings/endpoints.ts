import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { cancelBooking, markBookingDone } from '@/lib/marketplace/bookings'

/** `POST /api/bookings/:id/<action>`: the end of a booking, for either side of it or staff. */
export const bookingEndpoints: Endpoint[] = [
  {
    path: '/:id/complete',
    method: 'post',
    handler: guarded(async (req) => {
      const booking = await markBookingDone(req, routeId(req, 'Booking'))
      return apiJson(req, { success: true, data: booking })
    }),
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
]
