import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDb } from '@/lib/kit/transaction'

import { FAVOURITE } from './rules'

/**
 * The daily recompute of every vendor's response figures and the earned "Event Pros
 * Favourite" badge, in one statement.
 *
 * Response: in each conversation an organizer opened in the last 12 months, the time from
 * their first message to the vendor's first reply; and for each invitation to quote, the time
 * from the invitation to the vendor's quote or decline. A question under 24 hours old with no
 * reply yet is not counted against anyone. Rate = share answered within 24 hours; typical time =
 * the median. Favourite = average overall rating ≥ 4.8 over ≥ 5 reviews published in the last
 * 12 months, and a response rate of at least 75 %.
 */
export const recomputeFavourites = async (req: PayloadRequest) => {
  const db = await transactionDb(req)
  const windowDays = Math.round(FAVOURITE.windowMs / 86_400_000)
  const withinHours = FAVOURITE.responseWithinMs / 3_600_000
  const { rows } = (await db.execute(sql`
    WITH opened AS (
      SELECT t.id, t.vendor_id, t.vendor_owner_id,
        (SELECT min(m.created_at) FROM messages m WHERE m.thread_id = t.id AND m.sender_id = t.organizer_id) AS asked,
        (SELECT min(m.created_at) FROM messages m WHERE m.thread_id = t.id) AS first_message
      FROM threads t
    ), answered AS (
      SELECT o.vendor_id, o.asked,
        (SELECT min(m.created_at) FROM messages m
          WHERE m.thread_id = o.id AND m.sender_id = o.vendor_owner_id AND m.created_at >= o.asked) AS replied
      FROM opened o
      -- Conversations the organizer opened: a vendor writing first is not being asked anything.
      WHERE o.asked IS NOT NULL AND o.asked = o.first_message
        AND o.asked >= now() - make_interval(days => ${windowDays})
      UNION ALL
      -- Invitations to quote: answered by a quote or a decline. One withdrawn before its 24 hours
      -- were up (the job closed or was booked) asked nothing the vendor could still answer.
      SELECT i.vendor_id, i.created_at, i.responded_at
      FROM invitations i
      WHERE i.created_at >= now() - make_interval(days => ${windowDays})
        AND NOT (i.responded_at IS NULL AND i.status = 'withdrawn'
          AND i.closed_at < i.created_at + make_interval(hours => ${withinHours}))
    ), response AS (
      SELECT vendor_id,
        count(*)::int AS conversations,
        round(100.0 * count(*) FILTER (WHERE replied - asked <= make_interval(hours => ${withinHours}))
          / count(*))::int AS rate,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM replied - asked) / 3600)
          FILTER (WHERE replied IS NOT NULL))::numeric, 1)::float8 AS median_hours
      FROM answered
      WHERE replied IS NOT NULL OR asked < now() - make_interval(hours => ${withinHours})
      GROUP BY vendor_id
    ), recent_reviews AS (
      SELECT vendor_id, count(*)::int AS reviews, avg(ratings_overall)::float8 AS average
      FROM reviews
      WHERE status = 'published' AND published_at >= now() - make_interval(days => ${windowDays})
      GROUP BY vendor_id
    ), figures AS (
      SELECT v.id, r.conversations, r.rate, r.median_hours,
        coalesce(rr.reviews >= ${FAVOURITE.minReviews} AND rr.average >= ${FAVOURITE.minAverage}
          AND r.rate >= ${FAVOURITE.minResponseRate}, false) AS favourite
      FROM vendors v
      LEFT JOIN response r ON r.vendor_id = v.id
      LEFT JOIN recent_reviews rr ON rr.vendor_id = v.id
    )
    UPDATE vendors v SET
      response_stats_conversations = f.conversations,
      response_stats_response_rate = f.rate,
      response_stats_median_response_hours = f.median_hours,
      favourite = f.favourite
    FROM figures f
    WHERE v.id = f.id AND (
      v.response_stats_conversations IS DISTINCT FROM f.conversations
      OR v.response_stats_response_rate IS DISTINCT FROM f.rate
      OR v.response_stats_median_response_hours IS DISTINCT FROM f.median_hours
      OR v.favourite IS DISTINCT FROM f.favourite)
    RETURNING v.id, v.favourite`)) as unknown as { rows: { id: number; favourite: boolean }[] }
  return {
    updated: rows.length,
    favourites: rows.filter((row) => row.favourite).map((row) => row.id),
  }
}
