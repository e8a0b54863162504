import type { Endpoint } from 'payload'

import { guarded } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'

import { feedFor } from './service'

/**
 * `GET /api/calendar-feeds/<token>.ics`: a vendor's private feed for Google, Outlook or Apple
 * calendars. The address is the credential: a revoked or made-up one is a plain 404.
 */
export const calendarFeedEndpoint: Endpoint = {
  path: '/calendar-feeds/:file',
  method: 'get',
  handler: guarded(async (req) => {
    const file = typeof req.routeParams?.file === 'string' ? req.routeParams.file : ''
    const body = await feedFor(req, file)
    if (body === null) throw new RequestError(404, 'NOT_FOUND', 'No such calendar.')
    return new Response(body, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'inline; filename="event-pros-nz.ics"',
        // The calendar apps poll; a private address is cached by nobody in between.
        'Cache-Control': 'private, max-age=900',
        'X-Robots-Tag': 'noindex',
      },
    })
  }),
}
