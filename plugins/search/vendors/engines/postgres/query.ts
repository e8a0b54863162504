import { Params, SEARCH_SCHEMA } from '../../../shared/postgres'
import { type EngineQuery, RATING_BUCKETS } from '../../types'
import { docsTable } from './schema'

export type TextQuery = {
  /** `to_tsquery` source: words joined by &, typo alternatives by |, the last word a prefix. */
  tsquery: string
  /** The whole query folded like business names, for the exact-name boost. */
  folded: string
}

const ORDER_BY: Record<EngineQuery['sort'], (hasText: boolean) => string> = {
  relevance: (hasText) =>
    hasText ? 'rank DESC, rating_score DESC, id' : 'tier_boost DESC, rating_score DESC, id',
  rating: () => 'rating_score DESC, rating_count DESC, id',
  distance: () => 'distance_km ASC NULLS LAST, id',
  price: () => 'price_rank ASC, rating_score DESC, id',
}

/**
 * One statement per search: the matching rows once (materialised), the requested page with
 * its documents, and every facet count over the same rows.
 */
export const buildSearchSql = (
  table: string,
  query: EngineQuery,
  text: TextQuery | null,
): { text: string; values: unknown[] } => {
  const params = new Params()
  const where: string[] = []
  let rank = '0::real'
  let distance = 'NULL::float8'

  if (text) {
    const source = params.add(text.tsquery)
    const tsq = `(to_tsquery('english', ${source}) || to_tsquery('simple', ${source}))`
    where.push(`tsv @@ ${tsq}`)
    // An exact business name outranks everything; a name that starts with the query comes next.
    const folded = params.add(text.folded)
    rank = `(ts_rank(tsv, ${tsq}) * (1 + 0.1 * tier_boost)
      + CASE WHEN name_folded = ${folded} THEN 10 WHEN name_folded LIKE ${folded} || ' %' THEN 2 ELSE 0 END)`
  }
  if (query.categories.length)
    where.push(`category_slugs && ${params.add(query.categories)}::text[]`)
  if (query.region) where.push(`region = ${params.add(query.region)}`)
  if (query.priceRange) where.push(`price_range = ${params.add(query.priceRange)}`)
  if (query.minRating != null) where.push(`rating_average >= ${params.add(query.minRating)}`)
  if (query.verifiedOnly) where.push('verified')
  if (query.near) {
    const lat = params.add(query.near.lat)
    const lng = params.add(query.near.lng)
    distance = `${SEARCH_SCHEMA}.haversine_km(lat, lng, ${lat}, ${lng})`
    // The cube box is a cheap superset from the GiST index (its sphere is slightly larger than
    // the mean-radius one, hence the margin); the exact great-circle check follows.
    where.push(
      `earth_box(ll_to_earth(${lat}, ${lng}), ${params.add(query.near.radiusKm * 1000 * 1.002)}) @> point`,
    )
    where.push(`${distance} <= ${params.add(query.near.radiusKm)}`)
  }
  if (query.bounds) {
    where.push(
      `lat BETWEEN ${params.add(query.bounds.south)} AND ${params.add(query.bounds.north)}`,
    )
    const { west, east } = query.bounds
    // West of east means the box crosses the 180° meridian: both sides of it.
    where.push(
      west <= east
        ? `lng BETWEEN ${params.add(west)} AND ${params.add(east)}`
        : `(lng >= ${params.add(west)} OR lng <= ${params.add(east)})`,
    )
  }
  if (query.availability) {
    const range = `daterange(${params.add(query.availability.startDate)}::date, ${params.add(query.availability.endDate)}::date, '[]')`
    where.push(`NOT (unavailable && ${range})`)
  }
  const orderBy = ORDER_BY[query.sort](Boolean(text))
  const limit = params.add(query.limit)
  const offset = params.add((query.page - 1) * query.limit)

  const countIf = (condition: string) => `count(*) FILTER (WHERE ${condition})`
  // One pass over the matching rows for the yes/no facets; the others count per value.
  const summary = query.facets
    ? `jsonb_build_object(
      'total', count(*),
      'verified', ${countIf('verified')},
      'ratings', jsonb_build_object(${RATING_BUCKETS.map((b) => `'${b}', ${countIf(`rating_average >= ${b}`)}`).join(', ')}))`
    : `jsonb_build_object('total', count(*))`
  const countsOf = (column: string, name: string) => `,
  (SELECT coalesce(jsonb_object_agg(value, n), '{}') FROM
    (SELECT ${column} AS value, count(*) AS n FROM matched GROUP BY 1) c) AS ${name}`
  const valueFacets = query.facets
    ? countsOf('unnest(category_slugs)', 'categories') +
      countsOf('region', 'regions') +
      countsOf('price_range', '"priceRanges"')
    : ''

  const sql = `
WITH matched AS MATERIALIZED (
  SELECT id, category_slugs, region, price_range, price_rank, rating_average, rating_score,
    rating_count, tier_boost, verified, ${rank} AS rank, ${distance} AS distance_km
  FROM ${SEARCH_SCHEMA}.${table}
  ${where.length ? `WHERE ${where.join('\n    AND ')}` : ''}
),
page AS (
  SELECT id, row_number() OVER (ORDER BY ${orderBy}) AS position
  FROM (SELECT * FROM matched ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}) top
)
SELECT
  (SELECT ${summary} FROM matched) AS summary,
  (SELECT coalesce(jsonb_agg(d.doc ORDER BY page.position), '[]')
    FROM page JOIN ${SEARCH_SCHEMA}.${docsTable(table)} d USING (id)) AS hits${valueFacets}`
  return { text: sql, values: params.values }
}
