import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { checkRole } from '@/access/roles'
import { RequestError } from '@/lib/kit/errors'
import type { User } from '@/payload-types'

/**
 * The platform's figures for its admins, week by week, counted in the database (never from
 * logs): who signed up, the vendors who joined and how many of them are published and verified,
 * the jobs posted with their quotes and the time to a first quote, the bookings and reviews, the
 * job → quote → booking funnel, and monthly recurring revenue by tier.
 *
 * Weeks are New Zealand weeks, Monday to Sunday, the last `weeks` of them with this one (so far)
 * last. One SQL statement reads them all; each part is a range scan of a `created_at` (or
 * `published_at`) index over the window, plus two counts over all vendors, so the cost follows
 * the window's activity rather than the size of the marketplace (`npm run bench:analytics`).
 */

export const ANALYTICS_TIME_ZONE = 'Pacific/Auckland'
export const DEFAULT_WEEKS = 12
export const MAX_WEEKS = 104

export type AnalyticsWeek = {
  /** The week's Monday, `YYYY-MM-DD`. */
  week: string
  signups: { organizer: number; vendor: number; staff: number }
  /** Vendor profiles created this week, and how many of those are published and verified now. */
  vendors: { joined: number; published: number; verified: number }
  /** Jobs published this week, the quotes they have had so far, and their first quotes. */
  jobs: {
    posted: number
    quotes: number
    quoted: number
    booked: number
    quotesPerJob: number | null
    medianHoursToFirstQuote: number | null
  }
  bookings: { made: number; valueCents: number }
  reviews: { submitted: number; published: number }
  /** Paid subscriptions covering the week's last moment (or now), in NZ cents a month before GST. */
  mrrCents: { essential: number; showcase: number; spotlight: number; total: number }
}

export type PlatformAnalytics = {
  timeZone: string
  weeks: AnalyticsWeek[]
  /** Over the whole window. */
  funnel: { posted: number; quoted: number; booked: number }
  /** The marketplace as it is when asked, whatever `now` says. */
  totals: { vendors: number; published: number; verified: number; organizers: number }
  generatedAt: string
}

type Row = Record<string, string | number | null>

const int = (value: unknown) => (value === null || value === undefined ? 0 : Number(value))
const decimal = (value: unknown, places = 1) =>
  value === null || value === undefined ? null : Number(Number(value).toFixed(places))

/** Admins only: the figures are the whole marketplace's. */
export const assertMayReadAnalytics = (user: unknown): User => {
  if (!user) throw new RequestError(401, 'UNAUTHORIZED', 'Sign in as an admin to see analytics.')
  if (!checkRole(['admin'], user as User))
    throw new RequestError(403, 'FORBIDDEN', 'Platform analytics are for admins.')
  return user as User
}

/** The figures of the last `weeks` weeks, for `user`, who must be an admin. */
export const platformAnalytics = async (
  payload: Payload,
  user: unknown,
  { weeks = DEFAULT_WEEKS, now = new Date() }: { weeks?: number; now?: Date } = {},
): Promise<PlatformAnalytics> => {
  assertMayReadAnalytics(user)
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS)
    throw new RequestError(
      400,
      'INVALID_INPUT',
      `weeks must be a whole number from 1 to ${MAX_WEEKS}.`,
    )
  const at = now.toISOString()
  const { rows } = await payload.db.drizzle.execute<Row>(analyticsQuery(weeks, at))

  const series = rows.map((row): AnalyticsWeek => {
    const posted = int(row.posted)
    const mrr = {
      essential: Math.round(int(row.essential)),
      showcase: Math.round(int(row.showcase)),
      spotlight: Math.round(int(row.spotlight)),
    }
    return {
      week: String(row.week),
      signups: { organizer: int(row.organizer), vendor: int(row.vendor), staff: int(row.staff) },
      vendors: {
        joined: int(row.joined),
        published: int(row.vendors_published),
        verified: int(row.vendors_verified),
      },
      jobs: {
        posted,
        quotes: int(row.quotes),
        quoted: int(row.quoted),
        booked: int(row.booked),
        quotesPerJob: posted ? decimal(int(row.quotes) / posted) : null,
        medianHoursToFirstQuote: decimal(row.median_hours),
      },
      bookings: { made: int(row.made), valueCents: int(row.value_cents) },
      reviews: { submitted: int(row.submitted), published: int(row.reviews_published) },
      mrrCents: { ...mrr, total: mrr.essential + mrr.showcase + mrr.spotlight },
    }
  })
  const first = rows[0] ?? {}
  return {
    timeZone: ANALYTICS_TIME_ZONE,
    weeks: series,
    funnel: {
      posted: series.reduce((sum, week) => sum + week.jobs.posted, 0),
      quoted: series.reduce((sum, week) => sum + week.jobs.quoted, 0),
      booked: series.reduce((sum, week) => sum + week.jobs.booked, 0),
    },
    totals: {
      vendors: int(first.total_vendors),
      published: int(first.total_published),
      verified: int(first.total_verified),
      organizers: int(first.total_organizers),
    },
    generatedAt: at,
  }
}

/** The one statement behind `platformAnalytics`, a row per week; the benchmark explains it. */
export const analyticsQuery = (weeks: number, at: string) => {
  const tz = ANALYTICS_TIME_ZONE
  return sql`
    WITH bounds AS (
      SELECT date_trunc('week', ${at}::timestamptz AT TIME ZONE ${tz})
               - make_interval(weeks => ${weeks - 1}) AS first_week
    ),
    weeks AS (
      SELECT week,
             week AT TIME ZONE ${tz} AS starts,
             least((week + interval '1 week') AT TIME ZONE ${tz}, ${at}::timestamptz) AS ends,
             -- Rows up to and including the moment asked about fall in the last week.
             least((week + interval '1 week') AT TIME ZONE ${tz},
                   ${at}::timestamptz + interval '1 millisecond') AS until
      FROM bounds, generate_series(first_week, first_week + make_interval(weeks => ${weeks - 1}),
                                   interval '1 week') AS week
    ),
    since AS (SELECT min(starts) AS at FROM weeks),
    -- Each week's rows by a range scan of an index on the timestamp, not a time zone
    -- conversion of every row.
    signups AS (
      SELECT w.week,
             count(*) FILTER (WHERE u.role = 'organizer') AS organizer,
             count(*) FILTER (WHERE u.role = 'vendor') AS vendor,
             count(*) FILTER (WHERE u.role IN ('admin', 'moderator')) AS staff
      FROM weeks w JOIN users u ON u.created_at >= w.starts AND u.created_at < w.until
      GROUP BY 1
    ),
    joined AS (
      SELECT w.week,
             count(*) AS joined,
             count(*) FILTER (WHERE v.status = 'active') AS published,
             count(*) FILTER (WHERE v.verification_status = 'verified') AS verified
      FROM weeks w JOIN vendors v ON v.created_at >= w.starts AND v.created_at < w.until
      GROUP BY 1
    ),
    posted AS (
      SELECT j.id, w.week, j.published_at, q.quotes, q.first_at, b.booked
      FROM weeks w
      JOIN jobs j ON j.published_at >= w.starts AND j.published_at < w.until
      LEFT JOIN LATERAL (
        SELECT count(*) AS quotes, min(a.created_at) AS first_at
        FROM applications a WHERE a.job_id = j.id AND a.created_at <= ${at}::timestamptz
      ) q ON true
      LEFT JOIN LATERAL (
        SELECT true AS booked FROM bookings bk
        WHERE bk.job_id = j.id AND bk.status <> 'cancelled' AND bk.created_at <= ${at}::timestamptz
        LIMIT 1
      ) b ON true
    ),
    job_weeks AS (
      SELECT week, count(*) AS posted, sum(quotes) AS quotes, count(first_at) AS quoted,
             count(*) FILTER (WHERE booked) AS booked,
             percentile_cont(0.5) WITHIN GROUP (
               ORDER BY extract(epoch FROM first_at - published_at) / 3600.0
             ) AS median_hours
      FROM posted GROUP BY week
    ),
    booking_weeks AS (
      SELECT w.week, count(*) AS made, coalesce(sum(bk.total_cents), 0) AS value_cents
      FROM weeks w JOIN bookings bk ON bk.created_at >= w.starts AND bk.created_at < w.until
      GROUP BY 1
    ),
    review_weeks AS (
      SELECT w.week, count(*) AS submitted, count(*) FILTER (WHERE r.status = 'published') AS published
      FROM weeks w JOIN reviews r ON r.created_at >= w.starts AND r.created_at < w.until
      GROUP BY 1
    ),
    paid AS (
      SELECT p.period_start, p.period_end, s.tier::text AS tier,
             -- In floating point: numeric arithmetic on every invoice of every week is slow.
             (p.amount_cents - p.gst_cents)::float8
               * (p.amount_cents - coalesce(p.refunded_cents, 0))::float8
               / nullif(p.amount_cents, 0)::float8
               * 2629746 / nullif(extract(epoch FROM p.period_end - p.period_start), 0)::float8
               AS monthly
      FROM payments p
      JOIN subscriptions s ON s.id = p.subscription_id
      CROSS JOIN since
      WHERE p.period_end > since.at AND p.period_start <= ${at}::timestamptz
        AND p.status IN ('paid', 'partially_refunded')
    ),
    mrr AS (
      SELECT w.week, paid.tier, sum(paid.monthly) AS cents
      FROM weeks w
      JOIN paid ON paid.period_start <= w.ends AND paid.period_end > w.ends
      GROUP BY 1, 2
    ),
    mrr_weeks AS (
      SELECT week,
             sum(cents) FILTER (WHERE tier = 'essential') AS essential,
             sum(cents) FILTER (WHERE tier = 'showcase') AS showcase,
             sum(cents) FILTER (WHERE tier = 'spotlight') AS spotlight
      FROM mrr GROUP BY week
    ),
    -- The marketplace as it is, each count from an index alone.
    totals AS (
      SELECT (SELECT count(*) FROM vendors) AS vendors,
             (SELECT count(*) FROM vendors WHERE status = 'active') AS published,
             (SELECT count(*) FROM vendors WHERE verification_status = 'verified') AS verified,
             (SELECT count(*) FROM users WHERE role = 'organizer') AS organizers
    )
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week,
           su.organizer, su.vendor, su.staff,
           jo.joined, jo.published AS vendors_published, jo.verified AS vendors_verified,
           jw.posted, jw.quotes, jw.quoted, jw.booked, jw.median_hours,
           bw.made, bw.value_cents,
           rw.submitted, rw.published AS reviews_published,
           mw.essential, mw.showcase, mw.spotlight,
           t.vendors AS total_vendors, t.published AS total_published,
           t.verified AS total_verified, t.organizers AS total_organizers
    FROM weeks w
    CROSS JOIN totals t
    LEFT JOIN signups su ON su.week = w.week
    LEFT JOIN joined jo ON jo.week = w.week
    LEFT JOIN job_weeks jw ON jw.week = w.week
    LEFT JOIN booking_weeks bw ON bw.week = w.week
    LEFT JOIN review_weeks rw ON rw.week = w.week
    LEFT JOIN mrr_weeks mw ON mw.week = w.week
    ORDER BY w.week`
}
