import type { Endpoint, PayloadRequest } from 'payload'

import { getSearchEngine, searchConfig } from '../runtime'
import { answerSearch } from '../shared/answerSearch'
import type { Near } from '../shared/engine'
import type { CategoryFacet, LabelledFacet, SearchResponse } from '../shared/response'
import { distanceFrom, facet, runSearch } from '../shared/response'
import { parseSearchRequest } from './request'
import { type FacetCounts, RATING_BUCKETS, type VendorSearchDocument } from './types'

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

/** `GET /api/vendors/search` — the architecture's VendorSearchRequest as a query string. */
export const searchVendorsEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    return answerSearch(req, 'Vendor search', (params) => searchVendors(req, params))
  },
}
