import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { transactionDb } from '@/lib/kit/transaction'
import { bayesianRating } from '@/plugins/search'

type Aggregate = {
  count: number
  overall: number | null
  quality: number | null
  communication: number | null
  value: number | null
  professionalism: number | null
}

const round2 = (value: number | null) => (value == null ? 0 : Math.round(value * 100) / 100)

/**
 * A vendor's rating from their published reviews, worked out again from scratch (never
 * nudged up or down), in the caller's transaction: the average of each dimension, the count,
 * and the Bayesian average used for ranking. Saving the vendor queues the search index update.
 */
export const recomputeVendorRating = async (req: PayloadRequest, vendorId: number) => {
  const db = await transactionDb(req)
  const { rows } = (await db.execute(sql`
    SELECT count(*)::int AS count,
      avg(ratings_overall)::float8 AS overall, avg(ratings_quality)::float8 AS quality,
      avg(ratings_communication)::float8 AS communication, avg(ratings_value)::float8 AS value,
      avg(ratings_professionalism)::float8 AS professionalism
    FROM reviews WHERE vendor_id = ${vendorId} AND status = 'published'`)) as unknown as {
    rows: Aggregate[]
  }
  const aggregate = rows[0]!
  const average = round2(aggregate.overall)
  const rating = {
    average,
    count: aggregate.count,
    score: bayesianRating(average, aggregate.count),
    quality: round2(aggregate.quality),
    communication: round2(aggregate.communication),
    value: round2(aggregate.value),
    professionalism: round2(aggregate.professionalism),
  }
  // System write: the rating is the platform's figure, nobody's to set.
  await req.payload.update({
    collection: slugs.vendors,
    id: vendorId,
    data: { rating },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return rating
}
