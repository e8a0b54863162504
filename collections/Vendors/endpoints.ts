import type { Endpoint } from 'payload'
import { z } from 'zod'

import { MAX_RANGE_DAYS } from '@/lib/calendar/busy'
import { MAX_BLOCK_DAYS, MAX_EXTERNAL_CALENDARS } from '@/lib/calendar/limits'
import {
  addExternalCalendar,
  availabilityOf,
  BlockRequest,
  blockDays,
  calendarOf,
  DayRange,
  removeExternalCalendar,
  revokeFeed,
  rotateFeed,
  SubscriptionRequest,
  unblockDays,
} from '@/lib/calendar/service'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { moderateVendorEndpoint } from '@/lib/trust/endpoints'
import { recordProfileView } from '@/lib/vendorStats/profileViews'
import { type Contract, documented } from '@/plugins/openapi'

/** The answer of `recordProfileView` (its `ViewOutcome` type, whose reasons are listed here). */
const ViewOutcome = z.discriminatedUnion('counted', [
  z.object({ counted: z.literal(true) }),
  z.object({
    counted: z.literal(false),
    reason: z
      .enum(['bot', 'own', 'staff', 'repeat', 'anonymous-address'])
      .describe(
        'Why the view did not count: a crawler, the vendor or staff looking, the same visitor again today, or an address exempt from limits.',
      ),
  }),
])

/**
 * `POST /api/vendors/:id/views`: the vendor's public page says it was seen (a beacon, no body).
 * 202 whether or not the view counted, with `counted` and, when not, the reason.
 */
const profileViewEndpoint: Endpoint = documented(
  {
    summary: 'Count a view of a vendor’s page',
    description:
      'Sent by the public page itself (`navigator.sendBeacon`), with no body. Answers 202 whether or not the view counted; one view per visitor, vendor and day counts.',
    caller: 'public',
    response: ViewOutcome,
    status: 202,
  },
  {
    path: '/:id/views',
    method: 'post',
    handler: guarded(async (req) =>
      apiJson(req, await recordProfileView(req, routeId(req, 'Vendor')), { status: 202 }),
    ),
  },
)

/** A vendor's calendar route: `:id` read as a vendor's, the answer as JSON. */
const calendarRoute = (
  contract: Contract,
  path: string,
  method: 'get' | 'post' | 'delete',
  run: (req: Parameters<Endpoint['handler']>[0], vendorId: number) => Promise<unknown>,
): Endpoint =>
  documented(contract, {
    path,
    method,
    handler: guarded(async (req) => apiJson(req, await run(req, routeId(req, 'Vendor')))),
  })

/** The days a calendar read covers, each left out to default (the same checks as `DayRange`). */
export const CalendarRangeQuery = z.object({
  from: DayRange.shape.from.optional().describe('The first day, YYYY-MM-DD; today when left out.'),
  to: DayRange.shape.to
    .optional()
    .describe(
      `The last day, YYYY-MM-DD; 92 days after \`from\` when left out. At most ${MAX_RANGE_DAYS} days in all.`,
    ),
})

const Day = z.string().describe('A New Zealand day, YYYY-MM-DD.')

/** Why a day is taken (`BusyReason` of the calendar's busy days), strongest first. */
const BusyReason = z
  .enum(['booked', 'blocked', 'elsewhere'])
  .describe('A booking, a day the vendor blocked, or a busy event in a subscribed calendar.')

const BusyDays = z
  .record(Day, BusyReason)
  .describe('Each taken day in the range and why; a free day is not listed.')

const Subscription = z.object({
  id: z.string().describe('The row id, for removing it.'),
  label: z.string().nullable(),
  host: z.string().describe('The address’s host only: the full address can hold a secret.'),
  lastFetchedAt: z.string().nullable(),
  lastGoodAt: z.string().nullable(),
  lastError: z.string().nullable().describe('Why the last read failed, if it did.'),
  busyDays: z.number().int().min(0),
})

const Subscriptions = z.object({ subscriptions: z.array(Subscription) })

const ChangedDays = z.object({ from: Day, to: Day, days: BusyDays })

/**
 * The availability calendar (README "Availability and calendar sync"): busy/free for anyone
 * who may see the vendor; the rest for the vendor alone.
 */
const calendarEndpoints: Endpoint[] = [
  calendarRoute(
    {
      summary: 'A vendor’s busy days',
      description:
        'Busy or free only, never why. Days before today are left out: `from` is moved to today.',
      caller: 'public',
      query: CalendarRangeQuery,
      response: z.object({ from: Day, to: Day, busy: z.array(Day) }),
    },
    '/:id/availability',
    'get',
    availabilityOf,
  ),
  calendarRoute(
    {
      summary: 'The vendor’s own calendar',
      description:
        'Each taken day and why, whether a private feed is on, and the calendars subscribed to.',
      caller: 'vendor',
      query: CalendarRangeQuery,
      response: z.object({
        from: Day,
        to: Day,
        days: BusyDays,
        feed: z.boolean().describe('Whether a private feed address is in use.'),
        subscriptions: z.array(Subscription),
      }),
    },
    '/:id/calendar',
    'get',
    calendarOf,
  ),
  calendarRoute(
    {
      summary: 'Block days',
      description: `Marks the days from \`from\` to \`to\` unavailable (a booked day stays booked). None before today, at most ${MAX_BLOCK_DAYS} days at a time.`,
      caller: 'vendor',
      body: BlockRequest,
      response: ChangedDays,
      example: { from: '2026-12-24', to: '2026-12-26', note: 'Christmas' },
    },
    '/:id/calendar/block',
    'post',
    async (req, id) => blockDays(req, id, await jsonBody(req)),
  ),
  calendarRoute(
    {
      summary: 'Free blocked days',
      description: `Frees the days from \`from\` to \`to\`. None before today, at most ${MAX_BLOCK_DAYS} days at a time. 409 DAY_BOOKED, naming the days in \`details.days\`, when any is booked: the request is refused whole.`,
      caller: 'vendor',
      body: DayRange,
      response: ChangedDays,
      example: { from: '2026-12-24', to: '2026-12-26' },
    },
    '/:id/calendar/unblock',
    'post',
    async (req, id) => unblockDays(req, id, await jsonBody(req)),
  ),
  calendarRoute(
    {
      summary: 'Make a new private feed address',
      description:
        'For Google, Outlook or Apple calendars. Any earlier address stops working at once; this one is shown only now (make another if it is lost).',
      caller: 'vendor',
      response: z.object({ url: z.string().describe('The feed’s address, a secret.') }),
    },
    '/:id/calendar/feed',
    'post',
    rotateFeed,
  ),
  calendarRoute(
    {
      summary: 'Turn the private feed off',
      description:
        'Its address stops working; calendars subscribed to it keep what they last read.',
      caller: 'vendor',
      response: z.object({ revoked: z.literal(true) }),
    },
    '/:id/calendar/feed',
    'delete',
    revokeFeed,
  ),
  calendarRoute(
    {
      summary: 'Subscribe to an outside calendar',
      description: `An http, https or webcal address (400 INVALID_INPUT otherwise), read at once and then every 30 minutes; its busy events make the vendor busy. At most ${MAX_EXTERNAL_CALENDARS} calendars (409 TOO_MANY_CALENDARS); 409 ALREADY_SUBSCRIBED for one already there; 400 ADDRESS_REFUSED for an address on a private network; CALENDAR_UNREADABLE (422, or 400 for a port other than 80 and 443) when it cannot be read as a calendar.`,
      caller: 'vendor',
      body: SubscriptionRequest,
      response: Subscriptions,
      example: { url: 'webcal://calendar.example.com/team.ics', label: 'Team calendar' },
    },
    '/:id/calendar/subscriptions',
    'post',
    async (req, id) => addExternalCalendar(req, id, await jsonBody(req)),
  ),
  calendarRoute(
    {
      summary: 'Unsubscribe from an outside calendar',
      description: '`row` is the subscription’s `id` from the calendar; another is a 404.',
      caller: 'vendor',
      response: Subscriptions,
    },
    '/:id/calendar/subscriptions/:row',
    'delete',
    async (req, id) => {
      const row = req.routeParams?.row
      if (typeof row !== 'string' || !/^[\w-]{1,40}$/.test(row)) {
        throw new RequestError(404, 'NOT_FOUND', 'That calendar is not one you subscribe to.')
      }
      return removeExternalCalendar(req, id, row)
    },
  ),
]

export const vendorEndpoints: Endpoint[] = [
  moderateVendorEndpoint,
  profileViewEndpoint,
  ...calendarEndpoints,
]
