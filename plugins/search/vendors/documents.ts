import type { Pool } from 'pg'

import type { Vendor } from '@/payload-types'

import { labelOf } from '../shared/options'
import { tableOf } from '../shared/postgres'
import type { SanitizedSearchPluginConfig } from '../types'
import { bayesianRating, priceRankOf, type VendorSearchDocument } from './types'

type Row = {
  id: number
  slug: string | null
  business_name: string
  tagline: string | null
  description: unknown
  price_range: string
  city: string
  region: string
  lat: number | null
  lng: number | null
  tier: string
  verification_status: string
  rating_average: number | null
  rating_count: number | null
  updated_at: Date
  categories: { slug: string; name: string; parentSlug: string | null }[]
  service_regions: string[]
  unavailable: { from: string; to: string }[]
  cover: { filename: string; alt: string | null } | null
}

const DESCRIPTION_CHARS = 1500

/** The words of a Lexical document, in reading order. */
export const lexicalText = (value: unknown): string => {
  const parts: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const { text, children } = node as { text?: unknown; children?: unknown }
    if (typeof text === 'string') parts.push(text)
    if (Array.isArray(children)) children.forEach(walk)
  }
  walk((value as { root?: unknown } | null)?.root)
  return parts.join(' ').replace(/\s+/g, ' ').trim()
}

/** The tables of the collections the plugin was given, as Payload's PostgreSQL adapter names them. */
const tablesOf = ({ slugs }: SanitizedSearchPluginConfig) => {
  const vendors = tableOf(slugs.vendors)
  return { vendors, categories: tableOf(slugs.categories), media: tableOf(slugs.media) }
}

/**
 * Reads vendors straight from Payload's tables, a whole batch in one statement — the same
 * path for syncing one vendor and for rebuilding 100,000. Only active vendors are returned:
 * a draft, inactive or deleted vendor has no document and so leaves the index. `$1` is the
 * time zone whose days the closed periods are given in.
 */
const selectDocuments = (config: SanitizedSearchPluginConfig) => {
  const { vendors, categories, media } = tablesOf(config)
  return `
SELECT v.id, v.slug, v.business_name, v.tagline, v.description, v.price_range::text,
  v.location_city AS city, v.location_region::text AS region,
  v.location_lat::float8 AS lat, v.location_lng::float8 AS lng,
  v.tier::text, v.verification_status::text,
  v.rating_average::float8 AS rating_average, v.rating_count::int AS rating_count, v.updated_at,
  coalesce((SELECT json_agg(json_build_object('slug', c.slug, 'name', c.name, 'parentSlug', p.slug) ORDER BY r."order")
    FROM ${vendors}_rels r JOIN ${categories} c ON c.id = r.${categories}_id LEFT JOIN ${categories} p ON p.id = c.parent_id
    WHERE r.parent_id = v.id AND r.path = 'categories'), '[]') AS categories,
  ARRAY(SELECT s.value::text FROM ${vendors}_service_regions s WHERE s.parent_id = v.id ORDER BY s."order") AS service_regions,
  coalesce((SELECT json_agg(json_build_object('from', b."from", 'to', b."to") ORDER BY b."from")
    FROM (
      SELECT to_char(u."from" AT TIME ZONE $1::text, 'YYYY-MM-DD') AS "from",
        to_char(u."to" AT TIME ZONE $1::text, 'YYYY-MM-DD') AS "to"
      FROM ${vendors}_unavailable_dates u
      WHERE u._parent_id = v.id AND u."to" >= now() - interval '2 days'
      ${config.busyPeriodsSql ? `UNION ALL SELECT e."from", e."to" FROM (${config.busyPeriodsSql('v')}) e WHERE e."to" >= to_char(now() - interval '2 days', 'YYYY-MM-DD')` : ''}
    ) b), '[]') AS unavailable,
  (SELECT json_build_object('filename', coalesce(m.sizes_card_filename, m.filename), 'alt', m.alt)
    FROM ${vendors}_rels r JOIN ${media} m ON m.id = r.${media}_id
    WHERE r.parent_id = v.id AND r.path = 'portfolio' ORDER BY r."order" LIMIT 1) AS cover
FROM ${vendors} v
WHERE v.status = 'active'`
}

export const toSearchDocument = (
  row: Row,
  { regions, priceRanges, searchBoost }: SanitizedSearchPluginConfig,
): VendorSearchDocument => {
  const ratingAverage = Number(row.rating_average ?? 0)
  const ratingCount = Number(row.rating_count ?? 0)
  const categorySlugs = new Set<string>()
  for (const category of row.categories) {
    categorySlugs.add(category.slug)
    if (category.parentSlug) categorySlugs.add(category.parentSlug)
  }
  return {
    id: row.id,
    slug: row.slug ?? String(row.id),
    businessName: row.business_name,
    tagline: row.tagline,
    description: lexicalText(row.description).slice(0, DESCRIPTION_CHARS),
    categories: row.categories.map(({ slug, name }) => ({ slug, name })),
    categorySlugs: [...categorySlugs],
    city: row.city,
    region: row.region,
    regionLabel: labelOf(regions, row.region),
    serviceRegions: row.service_regions,
    lat: row.lat,
    lng: row.lng,
    priceRange: row.price_range,
    priceRank: priceRankOf(priceRanges, row.price_range),
    ratingAverage,
    ratingCount,
    ratingScore: bayesianRating(ratingAverage, ratingCount),
    tier: row.tier,
    tierBoost: searchBoost({ tier: row.tier as Vendor['tier'] }),
    verified: row.verification_status === 'verified',
    unavailable: row.unavailable,
    cover: row.cover
      ? {
          url: `/api/media/file/${encodeURIComponent(row.cover.filename)}`,
          alt: row.cover.alt ?? '',
        }
      : null,
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/** Documents for these vendors; ids with no active vendor are simply absent. */
export const loadVendorDocuments = async (
  pool: Pool,
  config: SanitizedSearchPluginConfig,
  ids: number[],
): Promise<VendorSearchDocument[]> => {
  if (!ids.length) return []
  const { rows } = await pool.query<Row>(`${selectDocuments(config)} AND v.id = ANY($2::int[])`, [
    config.timeZone,
    ids,
  ])
  return rows.map((row) => toSearchDocument(row, config))
}

/** Every active vendor, in id order, a batch at a time (keyset pagination, steady at any size). */
export async function* allVendorDocuments(
  pool: Pool,
  config: SanitizedSearchPluginConfig,
  onBatch?: (count: number) => void,
  batchSize = 1000,
): AsyncGenerator<VendorSearchDocument[]> {
  let after = 0
  for (;;) {
    const { rows } = await pool.query<Row>(
      `${selectDocuments(config)} AND v.id > $2 ORDER BY v.id LIMIT $3`,
      [config.timeZone, after, batchSize],
    )
    if (!rows.length) return
    after = rows[rows.length - 1]!.id
    onBatch?.(rows.length)
    yield rows.map((row) => toSearchDocument(row, config))
  }
}

export const countActiveVendors = async (
  pool: Pool,
  config: SanitizedSearchPluginConfig,
): Promise<number> => {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${tablesOf(config).vendors} WHERE status = 'active'`,
  )
  return rows[0]!.n
}

/** Vendors in a category or one of its sub-categories: whose documents change with it. */
export const vendorIdsInCategory = async (
  pool: Pool,
  config: SanitizedSearchPluginConfig,
  categoryId: number,
): Promise<number[]> => {
  const { vendors, categories } = tablesOf(config)
  const { rows } = await pool.query<{ id: number }>(
    `SELECT DISTINCT r.parent_id AS id FROM ${vendors}_rels r
     WHERE r.path = 'categories'
       AND (r.${categories}_id = $1 OR r.${categories}_id IN (SELECT id FROM ${categories} WHERE parent_id = $1))`,
    [categoryId],
  )
  return rows.map((row) => row.id)
}
