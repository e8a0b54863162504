import type { Endpoint, PayloadRequest } from 'payload'

import { NZ_REGIONS, PRICE_RANGES } from '@/lib/constants'
import { haversineKm } from '@/lib/geo/distance'

import { type EngineQuery, RATING_BUCKETS, type VendorSearchDocument } from '../engines/types'
import { parseSearchRequest } from '../utilities/parseSearchRequest'
import { resolveNear } from '../utilities/resolveNear'
import { answerSearch } from '../utilities/answerSearch'
import { getSearchEngine } from '../utilities/runtime'

/** A vendor as a search hit: public fields only, as stored in the index. */
export type VendorHit = {
  id: number
  slug: string
  businessName: string
  tagline: string | null
  categories: { slug: string; name: string }[]
  location: {
    city: string
    region: string
    regionLabel: string
    lat: number | null
    lng: number | null
  }
  priceRange: string
  rating: { average: number; count: number }
  tier: string
  verified: boolean
  cover: { url: string; alt: string } | null
  distanceKm?: number
}

export type SearchFacets = {
  categories: { slug: string; name: string; count: number }[]
  regions: { value: string; label: string; count: number }[]
  priceRanges: { value: string; label: string; count: number }[]
  ratings: { min: number; count: number }[]
  verified: { count: number }
}

export type VendorSearchResponse = {
  success: true
  data: {
    vendors: VendorHit[]
    total: number
    page: number
    limit: number
    hasMore: boolean
    facets: SearchFacets | null
  }
  meta: {
    pagination: { page: number; limit: number; total: number; totalPages: number }
    location: { name: string | null; lat: number; lng: number; radiusKm: number } | null
    engine: string
    tookMs: number
    timestamp: string
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10

const toHit = (doc: VendorSearchDocument, near: EngineQuery['near']): VendorHit => ({
  id: doc.id,
  slug: doc.slug,
  businessName: doc.businessName,
  tagline: doc.tagline,
  categories: doc.categories,
  location: {
    city: doc.city,
    region: doc.region,
    regionLabel: doc.regionLabel,
    lat: doc.lat,
    lng: doc.lng,
  },
  priceRange: doc.priceRange,
  rating: { average: doc.ratingAverage, count: doc.ratingCount },
  tier: doc.tier,
  verified: doc.verified,
  cover: doc.cover,
  ...(near && doc.lat != null && doc.lng != null
    ? { distanceKm: round1(haversineKm(near, { lat: doc.lat, lng: doc.lng })) }
    : {}),
})

let categoryNames: { at: number; names: Map<string, string> } | undefined

/** Category names for the facet list; categories change rarely, so a minute's cache is plenty. */
export const categoryNameMap = async (req: PayloadRequest): Promise<Map<string, string>> => {
  if (categoryNames && Date.now() - categoryNames.at < 60_000) return categoryNames.names
  const { docs } = await req.payload.find({
    collection: 'categories',
    limit: 500,
    depth: 0,
    pagination: false,
    select: { slug: true, name: true },
    user: req.user,
    overrideAccess: false,
  })
  categoryNames = { at: Date.now(), names: new Map(docs.map((c) => [c.slug, c.name])) }
  return categoryNames.names
}

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count

/** Runs a vendor search for the site and the API alike. Throws SearchRequestError on bad input. */
export const searchVendors = async (
  req: PayloadRequest,
  raw: Record<string, unknown>,
): Promise<VendorSearchResponse> => {
  const started = performance.now()
  const request = parseSearchRequest(raw)
  const { near, place } = await resolveNear(req.payload, request.location, 'location.place')
  const query: EngineQuery = {
    text: request.query,
    categories: request.categories,
    region: request.region,
    priceRange: request.priceRange,
    minRating: request.minRating,
    verifiedOnly: request.verifiedOnly,
    near,
    bounds: request.bounds,
    availability: request.availability,
    sort: request.sort,
    page: request.page,
    limit: request.limit,
    facets: request.facets,
  }
  const result = await getSearchEngine(req.payload).search(query)
  let facets: SearchFacets | null = null
  if (result.facets) {
    const names = await categoryNameMap(req)
    facets = {
      categories: Object.entries(result.facets.categories)
        .map(([slug, count]) => ({ slug, name: names.get(slug) ?? slug, count }))
        .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name)),
      regions: NZ_REGIONS.map(({ value, label }) => ({
        value,
        label,
        count: result.facets!.regions[value] ?? 0,
      }))
        .filter((r) => r.count > 0)
        .sort(byCount),
      priceRanges: PRICE_RANGES.map(({ value, label }) => ({
        value,
        label,
        count: result.facets!.priceRanges[value] ?? 0,
      })),
      ratings: RATING_BUCKETS.map((min) => ({
        min,
        count: result.facets!.ratings[String(min)] ?? 0,
      })),
      verified: { count: result.facets.verified },
    }
  }
  const totalPages = Math.ceil(result.total / request.limit)
  return {
    success: true,
    data: {
      vendors: result.hits.map((hit) => toHit(hit.document, near)),
      total: result.total,
      page: request.page,
      limit: request.limit,
      hasMore: request.page < totalPages,
      facets,
    },
    meta: {
      pagination: { page: request.page, limit: request.limit, total: result.total, totalPages },
      location: near ? { name: place?.name ?? null, ...near } : null,
      engine: getSearchEngine(req.payload).name,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      timestamp: new Date().toISOString(),
    },
  }
}

/** `GET /api/vendors/search` — the architecture's VendorSearchRequest as a query string. */
export const searchVendorsEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    return answerSearch(req, 'Vendor search', (params) => searchVendors(req, params))
  },
}
