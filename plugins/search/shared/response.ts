import type { CollectionSlug, PayloadRequest } from 'payload'

import { searchConfig } from '../runtime'
import type { Place, SearchOption } from '../types'
import type { Near } from './engine'
import { haversineKm } from './geo'

/** What every search answer says about itself, beside its hits. */
export type SearchMeta = {
  pagination: { page: number; limit: number; total: number; totalPages: number }
  location: { name: string | null; lat: number; lng: number; radiusKm: number } | null
  engine: string
  tookMs: number
  timestamp: string
}

export type SearchPage = { total: number; page: number; limit: number; hasMore: boolean }

export type CategoryFacet = { slug: string; name: string; count: number }[]
export type LabelledFacet = { value: string; label: string; count: number }[]

/** The page of a search and its meta, from what was asked and what the engine found. */
export const searchPage = ({
  page,
  limit,
  total,
  near,
  place,
  engine,
  started,
}: {
  page: number
  limit: number
  total: number
  near: Near | null
  place: Place | null
  engine: string
  /** `performance.now()` when the request arrived. */
  started: number
}): { page: SearchPage; meta: SearchMeta } => {
  const totalPages = Math.ceil(total / limit)
  return {
    page: { total, page, limit, hasMore: page < totalPages },
    meta: {
      pagination: { page, limit, total, totalPages },
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
export const labelledCounts = (
  options: readonly SearchOption[],
  counts: Record<string, number>,
): LabelledFacet => options.map(({ value, label }) => ({ value, label, count: counts[value] ?? 0 }))

/** The regions with a match, most matches first. */
export const regionFacet = (
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
export const categoryFacet = async (
  req: PayloadRequest,
  counts: Record<string, number>,
): Promise<CategoryFacet> => {
  const names = await categoryNameMap(req)
  return Object.entries(counts)
    .map(([slug, count]) => ({ slug, name: names.get(slug) ?? slug, count }))
    .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name))
}
