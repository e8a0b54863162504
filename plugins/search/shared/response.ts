import type { CollectionSlug, PayloadRequest } from 'payload'

import { searchConfig } from '../runtime'
import type { SearchOption } from '../types'
import type { Near } from './engine'
import { haversineKm } from './geo'
import type { RequestedLocation } from './request'
import { resolveNear } from './resolveNear'

/** What every search answer says about itself, beside its hits. */
export type SearchMeta = {
  pagination: { page: number; limit: number; total: number; totalPages: number }
  location: { name: string | null; lat: number; lng: number; radiusKm: number } | null
  engine: string
  tookMs: number
  timestamp: string
}

export type SearchPage = { total: number; page: number; limit: number; hasMore: boolean }

/** A search answer: its hits and facets (`Data`) on a page, and what it says about itself. */
export type SearchResponse<Data> = { success: true; data: SearchPage & Data; meta: SearchMeta }

export type CategoryFacet = { slug: string; name: string; count: number }[]
export type LabelledFacet = { value: string; label: string; count: number }[]

/**
 * Geocodes the requested location, runs the search, and says which page it is: what both
 * search endpoints do around their engine. `started` is `performance.now()` when the request
 * arrived.
 */
export const runSearch = async <
  Request extends { location: RequestedLocation | null; page: number; limit: number },
  Result extends { total: number },
>(
  req: PayloadRequest,
  { location, ...filters }: Request,
  { placeField, engine, started }: { placeField: string; engine: string; started: number },
  search: (filters: Omit<Request, 'location'>, near: Near | null) => Promise<Result>,
): Promise<{ result: Result; near: Near | null; page: SearchPage; meta: SearchMeta }> => {
  const { page, limit } = filters
  const { near, place } = await resolveNear(req.payload, location, placeField)
  const result = await search(filters, near)
  const totalPages = Math.ceil(result.total / limit)
  return {
    result,
    near,
    page: { total: result.total, page, limit, hasMore: page < totalPages },
    meta: {
      pagination: { page, limit, total: result.total, totalPages },
      location: near ? { name: place?.name ?? null, ...near } : null,
      engine,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      timestamp: new Date().toISOString(),
    },
  }
}

/** `distanceKm` (to 0.1 km) from the searched point, for a hit that has a location. */
export const distanceFrom = (
  near: Near | null,
  doc: { lat: number | null; lng: number | null },
): { distanceKm?: number } =>
  near && doc.lat != null && doc.lng != null
    ? { distanceKm: Math.round(haversineKm(near, { lat: doc.lat, lng: doc.lng }) * 10) / 10 }
    : {}

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count

/** Every value of a select field with its count, in the field's order. */
const labelledCounts = (
  options: readonly SearchOption[],
  counts: Record<string, number>,
): LabelledFacet => options.map(({ value, label }) => ({ value, label, count: counts[value] ?? 0 }))

/** The regions with a match, most matches first. */
const regionFacet = (
  regions: readonly SearchOption[],
  counts: Record<string, number>,
): LabelledFacet =>
  labelledCounts(regions, counts)
    .filter((r) => r.count > 0)
    .sort(byCount)

let categoryNames: { at: number; names: Map<string, string> } | undefined

/** Category names for the facet list; categories change rarely, so a minute's cache is plenty. */
const categoryNameMap = async (req: PayloadRequest): Promise<Map<string, string>> => {
  if (categoryNames && Date.now() - categoryNames.at < 60_000) return categoryNames.names
  const { docs } = await req.payload.find({
    collection: searchConfig(req.payload).slugs.categories as CollectionSlug,
    limit: 500,
    depth: 0,
    pagination: false,
    select: { slug: true, name: true },
    user: req.user,
    overrideAccess: false,
  })
  categoryNames = {
    at: Date.now(),
    names: new Map(
      docs.map((doc) => {
        const category = doc as { slug?: unknown; name?: unknown }
        return [String(category.slug), String(category.name)]
      }),
    ),
  }
  return categoryNames.names
}

/** The categories with a match, named, most matches first and then by name. */
const categoryFacet = async (
  req: PayloadRequest,
  counts: Record<string, number>,
): Promise<CategoryFacet> => {
  const names = await categoryNameMap(req)
  return Object.entries(counts)
    .map(([slug, count]) => ({ slug, name: names.get(slug) ?? slug, count }))
    .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name))
}

/** Facets as a search answer lists them, from an engine's counts per value. */
export const facet = {
  categories: categoryFacet,
  regions: regionFacet,
  values: labelledCounts,
}
