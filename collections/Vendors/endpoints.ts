import type { Endpoint } from 'payload'

import {
  addExternalCalendar,
  availabilityOf,
  blockDays,
  calendarOf,
  removeExternalCalendar,
  revokeFeed,
  rotateFeed,
  unblockDays,
} from '@/lib/calendar/service'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { moderateVendorEndpoint } from '@/lib/trust/endpoints'
import { recordProfileView } from '@/lib/vendorStats/profileViews'

/**
 * `POST /api/vendors/:id/views`: the vendor's public page says it was seen (a beacon, no body).
 * 202 whether or not the view counted, with `counted` and, when not, the reason.
 */
const profileViewEndpoint: Endpoint = {
  path: '/:id/views',
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, await recordProfileView(req, routeId(req, 'Vendor')), { status: 202 }),
  ),
}

/** A vendor's calendar route: `:id` read as a vendor's, the answer as JSON. */
const calendarRoute = (
  path: string,
  method: 'get' | 'post' | 'delete',
  run: (req: Parameters<Endpoint['handler']>[0], vendorId: number) => Promise<unknown>,
): Endpoint => ({
  path,
  method,
  handler: guarded(async (req) => apiJson(req, await run(req, routeId(req, 'Vendor')))),
})

/**
 * The availability calendar (README "Availability and calendar sync"): busy/free for anyone
 * who may see the vendor; the rest for the vendor alone.
 */
const calendarEndpoints: Endpoint[] = [
  calendarRoute('/:id/availability', 'get', availabilityOf),
  calendarRoute('/:id/calendar', 'get', calendarOf),
  calendarRoute('/:id/calendar/block', 'post', async (req, id) =>
    blockDays(req, id, await jsonBody(req)),
  ),
  calendarRoute('/:id/calendar/unblock', 'post', async (req, id) =>
    unblockDays(req, id, await jsonBody(req)),
  ),
  calendarRoute('/:id/calendar/feed', 'post', rotateFeed),
  calendarRoute('/:id/calendar/feed', 'delete', revokeFeed),
  calendarRoute('/:id/calendar/subscriptions', 'post', async (req, id) =>
    addExternalCalendar(req, id, await jsonBody(req)),
  ),
  calendarRoute('/:id/calendar/subscriptions/:row', 'delete', async (req, id) => {
    const row = req.routeParams?.row
    if (typeof row !== 'string' || !/^[\w-]{1,40}$/.test(row)) {
      throw new RequestError(404, 'NOT_FOUND', 'That calendar is not one you subscribe to.')
    }
    return removeExternalCalendar(req, id, row)
  }),
]

export const vendorEndpoints: Endpoint[] = [
  moderateVendorEndpoint,
  profileViewEndpoint,
  ...calendarEndpoints,
]
