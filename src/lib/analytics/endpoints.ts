import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { guarded } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { parseInput } from '@/lib/kit/validate'
import { documented, envelope } from '@/plugins/openapi'

import { assertMayReadAnalytics, DEFAULT_WEEKS, MAX_WEEKS, platformAnalytics } from './platform'

const AnalyticsQuery = z.object({
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_WEEKS)
    .optional()
    .describe(`How many New Zealand weeks, this one last (default ${DEFAULT_WEEKS}).`),
})

const count = z.number().int()
const AnalyticsWeekSchema = z.object({
  week: z.string().describe("The week's Monday, YYYY-MM-DD (New Zealand)."),
  signups: z.object({ organizer: count, vendor: count, staff: count }),
  vendors: z
    .object({ joined: count, published: count, verified: count })
    .describe(
      'Vendor profiles created that week, and how many of them are published and verified now.',
    ),
  jobs: z
    .object({
      posted: count,
      quotes: count,
      quoted: count,
      booked: count,
      quotesPerJob: z.number().nullable(),
      medianHoursToFirstQuote: z.number().nullable(),
    })
    .describe('Jobs published that week, with the quotes and bookings they have had since.'),
  bookings: z.object({ made: count, valueCents: count }),
  reviews: z.object({ submitted: count, published: count }),
  mrrCents: z
    .object({ essential: count, showcase: count, spotlight: count, total: count })
    .describe('Monthly recurring revenue at the end of the week (or now), NZ cents before GST.'),
})

const PlatformAnalyticsSchema = z.object({
  timeZone: z.string(),
  weeks: z.array(AnalyticsWeekSchema),
  funnel: z.object({ posted: count, quoted: count, booked: count }),
  totals: z.object({ vendors: count, published: count, verified: count, organizers: count }),
  generatedAt: z.string(),
})

const queryOf = (req: PayloadRequest) =>
  parseInput(
    AnalyticsQuery,
    Object.fromEntries(new URL(req.url ?? '', 'http://localhost').searchParams),
  )

/** `GET /api/analytics/platform`: the figures the admin's analytics page draws. */
export const platformAnalyticsEndpoint: Endpoint = documented(
  {
    summary: 'Platform analytics, week by week',
    description:
      'Sign-ups by role, vendors who joined (and how many of them are published and verified), jobs posted with their quotes, time to a first quote and bookings, reviews, the job → quote → booking funnel and monthly recurring revenue by tier, for the last `weeks` New Zealand weeks. Counted in the database when asked. 403 for anyone but an admin.',
    caller: 'admin',
    tag: 'Analytics',
    query: AnalyticsQuery,
    response: envelope(PlatformAnalyticsSchema),
  },
  {
    path: '/analytics/platform',
    method: 'get',
    handler: guarded(async (req) => {
      // Who is asking first: nobody but an admin learns even what the query may hold.
      assertMayReadAnalytics(req.user)
      const { weeks } = queryOf(req)
      const data = await platformAnalytics(req.payload, req.user, { weeks })
      return apiJson(
        req,
        { success: true, data },
        { headers: { 'Cache-Control': 'private, no-store' } },
      )
    }),
  },
)
