import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { getSearchEngine, searchConfig } from '../runtime'
import { answerSearch } from '../shared/answerSearch'
import {
  CategoryFacetSchema,
  categoriesQuery,
  type Contract,
  dateQuery,
  distanceKm,
  LabelledFacetSchema,
  locationQuery,
  pageQuery,
  searchResponse,
  textQuery,
  yesNoQuery,
} from '../shared/contract'
import type { Near } from '../shared/engine'
import type { CategoryFacet, LabelledFacet, SearchResponse } from '../shared/response'
import { distanceFrom, facet, runSearch } from '../shared/response'
import { parseSearchRequest } from './request'
import { type FacetCounts, RATING_BUCKETS, SORTS, type VendorSearchDocument } from './types'

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
  categories: CategoryFacet
  regions: LabelledFacet
  priceRanges: LabelledFacet
  ratings: { min: number; count: number }[]
  verified: { count: number }
}

export type VendorSearchResponse = SearchResponse<{
  vendors: VendorHit[]
  facets: SearchFacets | null
}>

const toHit = (doc: VendorSearchDocument, near: Near | null): VendorHit => ({
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
  ...distanceFrom(near, doc),
})

const facetsOf = async (req: PayloadRequest, counts: FacetCounts): Promise<SearchFacets> => {
  const { regions, priceRanges } = searchConfig(req.payload)
  return {
    categories: await facet.categories(req, counts.categories),
    regions: facet.regions(regions, counts.regions),
    priceRanges: facet.values(priceRanges, counts.priceRanges),
    ratings: RATING_BUCKETS.map((min) => ({ min, count: counts.ratings[String(min)] ?? 0 })),
    verified: { count: counts.verified },
  }
}

/** Runs a vendor search for the site and the API alike. Throws SearchRequestError on bad input. */
export const searchVendors = async (
  req: PayloadRequest,
  raw: Record<string, unknown>,
): Promise<VendorSearchResponse> => {
  const started = performance.now()
  const { query: text, ...request } = parseSearchRequest(raw, searchConfig(req.payload))
  const engine = getSearchEngine(req.payload)
  const { result, near, page, meta } = await runSearch(
    req,
    request,
    { placeField: 'location.place', engine: engine.name, started },
    (filters, near) => engine.search({ ...filters, text, near }),
  )
  return {
    success: true,
    data: {
      vendors: result.hits.map((hit) => toHit(hit.document, near)),
      ...page,
      facets: result.facets && (await facetsOf(req, result.facets)),
    },
    meta,
  }
}

/** A long name or nested key of a short-form parameter. */
const same = <T extends z.ZodType>(schema: T, name: string) =>
  schema.describe(`Same as \`${name}\`.`)

/**
 * The query string `parseSearchRequest` reads: the short forms a person types, then the
 * architecture's VendorSearchRequest names and nested keys, which mean the same. Any other
 * parameter is a 400.
 */
const VendorSearchQuery = z.object({
  q: textQuery.describe('Words to search for; typos are tolerated.'),
  category: categoriesQuery,
  ...locationQuery,
  region: z
    .string()
    .optional()
    .describe(
      "Vendors based in this region: one of the site's regions (the search plugin's `regions`; `data.facets.regions` names those with matches).",
    ),
  priceRange: z
    .string()
    .optional()
    .describe(
      "One of the site's price ranges (the search plugin's `priceRanges`; `data.facets.priceRanges` lists them all).",
    ),
  rating: z.number().min(0).max(5).optional().describe('The lowest average rating.'),
  verified: yesNoQuery.describe('`true` for verified vendors only.'),
  from: dateQuery.describe(
    'With `to`: only vendors free on every day from `from` to `to` (inclusive, at most 366 days).',
  ),
  to: dateQuery.describe('The last day of `from`…`to`, on or after `from`.'),
  bounds: z
    .string()
    .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/)
    .optional()
    .describe(
      'A map box as `south,west,north,east` (degrees, south ≤ north); a west edge east of the east edge crosses the 180° meridian.',
    ),
  sort: z
    .enum(SORTS)
    .optional()
    .describe('`relevance` unless given; `distance` needs a location (`lat`/`lng` or `near`).'),
  ...pageQuery,
  facets: yesNoQuery.describe('`false` leaves the facet counts out (`data.facets` is null).'),
  query: same(textQuery, 'q'),
  categories: same(categoriesQuery, 'category'),
  sortBy: same(z.enum(SORTS).optional(), 'sort'),
  startDate: same(dateQuery, 'from'),
  endDate: same(dateQuery, 'to'),
  'location[lat]': same(locationQuery.lat, 'lat'),
  'location[lng]': same(locationQuery.lng, 'lng'),
  'location[radius]': same(locationQuery.radius, 'radius'),
  'location[place]': same(locationQuery.near, 'near'),
  'pagination[page]': same(pageQuery.page, 'page'),
  'pagination[limit]': same(pageQuery.limit, 'limit'),
  'availability[startDate]': same(dateQuery, 'from'),
  'availability[endDate]': same(dateQuery, 'to'),
})

/** `VendorHit`. */
const VendorHitSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  businessName: z.string(),
  tagline: z.string().nullable(),
  categories: z.array(z.object({ slug: z.string(), name: z.string() })),
  location: z.object({
    city: z.string(),
    region: z.string(),
    regionLabel: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
  }),
  priceRange: z.string(),
  rating: z.object({ average: z.number(), count: z.number().int() }),
  tier: z.string(),
  verified: z.boolean(),
  cover: z.object({ url: z.string(), alt: z.string() }).nullable(),
  distanceKm,
})

/** `VendorSearchResponse`. */
const VendorSearchResponseSchema = searchResponse({
  vendors: z.array(VendorHitSchema),
  facets: z
    .object({
      categories: CategoryFacetSchema,
      regions: LabelledFacetSchema.describe('Regions with a match, most matches first.'),
      priceRanges: LabelledFacetSchema.describe('Every price range, cheapest first.'),
      ratings: z
        .array(z.object({ min: z.number(), count: z.number().int() }))
        .describe(`Matches rated at least ${RATING_BUCKETS.join(', ')}.`),
      verified: z.object({ count: z.number().int() }),
    })
    .nullable(),
}) satisfies z.ZodType<VendorSearchResponse>

/**
 * The search's main parameters with their descriptions, for callers that are not a query string
 * (an assistant's tool): the same names and rules as `GET /api/vendors/search`.
 */
export const VENDOR_SEARCH_PARAMETERS = VendorSearchQuery.pick({
  q: true,
  category: true,
  near: true,
  radius: true,
  region: true,
  priceRange: true,
  rating: true,
  verified: true,
  from: true,
  to: true,
  sort: true,
  page: true,
  limit: true,
}).shape

/** `GET /api/vendors/search` — the architecture's VendorSearchRequest as a query string. */
export const searchVendorsEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    return answerSearch(req, 'Vendor search', (params) => searchVendors(req, params))
  },
  custom: {
    openapi: {
      summary: 'Search vendors',
      description: [
        'Vendors by words, category, place or map box, region, price, rating and free dates, with counts per filter value (facets).',
        '400 `INVALID_SEARCH_REQUEST` names every bad parameter in `details`; 503 `SEARCH_DISABLED` while search is switched off, `SEARCH_UNAVAILABLE` when the engine fails.',
      ].join('\n\n'),
      caller: 'public',
      query: VendorSearchQuery,
      response: VendorSearchResponseSchema,
    } satisfies Contract,
  },
}
