import type { Endpoint } from 'payload'

import { guarded } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { documented } from '@/plugins/openapi'

import { feedFor } from './service'

/**
 * `GET /api/calendar-feeds/<token>.ics`: a vendor's private feed for Google, Outlook or Apple
 * calendars. The address is the credential: a revoked or made-up one is a plain 404.
 */
export const calendarFeedEndpoint: Endpoint = documented(
  {
    summary: 'A vendor’s private calendar feed',
    description:
      '`file` is `<token>.ics`, the address `POST /vendors/{id}/calendar/feed` made. Holds the vendor’s confirmed and completed bookings from 30 days ago on, and their blocked days from 30 days ago to a year ahead. A revoked or unknown address is a 404.',
    caller: 'signed-link',
    // With the vendor calendar's other routes, not under the site's.
    tag: 'Vendors',
    response: { contentType: 'text/calendar; charset=utf-8', description: 'The iCalendar feed.' },
  },
  {
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
  },
)
