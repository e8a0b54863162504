import type { IndexSwap, Settings } from 'meilisearch'

import { epochDay } from '../../shared/engine'
import type { MeiliIndexDefinition, MeilisearchEngineOptions } from '../../shared/meilisearch'
import { VENDOR_TYPO_SIZES } from '../../shared/typos'
import {
  meiliFilter,
  meiliIndex,
  SORT_THEN_RELEVANCE,
  sortFor,
  validPoint,
} from '../../shared/meilisearch'
import {
  type EngineQuery,
  type EngineResult,
  RATING_BUCKETS,
  type SearchEngine,
  type VendorSearchDocument,
} from '../types'

/** What Meilisearch stores: the public document plus fields shaped for its filters and sorts. */
type MeiliVendor = Omit<VendorSearchDocument, 'unavailable' | 'lat' | 'lng'> & {
  _geo?: { lat: number; lng: number }
  lat: number | null
  lng: number | null
  unavailable: VendorSearchDocument['unavailable']
  /** Every closed day as days since 1970, because Meilisearch filters numbers, not ranges. */
  unavailableDays: number[]
  /** Thresholds this vendor's rating meets ("4.5", "4", "3"): the rating facet counts these. */
  ratingBuckets: string[]
  categoryNames: string[]
}

/** How far ahead closed days are expanded (and how far an availability search may look). */
export const AVAILABILITY_HORIZON_DAYS = 3 * 366

export const VENDOR_INDEX_SETTINGS: Settings = {
  searchableAttributes: [
    'businessName',
    'categoryNames',
    'tagline',
    'city',
    'regionLabel',
    'description',
  ],
  filterableAttributes: [
    'categorySlugs',
    'region',
    'priceRange',
    'ratingAverage',
    'ratingBuckets',
    'verified',
    'unavailableDays',
    '_geo',
  ],
  sortableAttributes: ['ratingScore', 'ratingCount', 'priceRank', 'tierBoost', '_geo'],
  // A requested sort first, then textual relevance; the paid tier boost and the Bayesian rating
  // break the remaining ties.
  rankingRules: [...SORT_THEN_RELEVANCE, 'tierBoost:desc', 'ratingScore:desc'],
  typoTolerance: { enabled: true, minWordSizeForTypos: VENDOR_TYPO_SIZES },
  pagination: { maxTotalHits: 1_000_000 },
  faceting: { maxValuesPerFacet: 500 },
}

const FACETS = ['categorySlugs', 'region', 'priceRange', 'ratingBuckets', 'verified']

const closedDays = (periods: VendorSearchDocument['unavailable']): number[] => {
  const today = epochDay(new Date().toISOString())
  const days = new Set<number>()
  for (const { from, to } of periods) {
    const start = Math.max(epochDay(from), today - 1)
    const end = Math.min(epochDay(to), today + AVAILABILITY_HORIZON_DAYS)
    for (let day = start; day <= end; day += 1) days.add(day)
  }
  return [...days].sort((a, b) => a - b)
}

/** A vendor with broken coordinates is sent without a location (see `validPoint`). */
export const toMeiliDocument = (doc: VendorSearchDocument): MeiliVendor => {
  const point = validPoint(doc)
  return {
    ...doc,
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    ...(point ? { _geo: point } : {}),
    categoryNames: doc.categories.map((c) => c.name),
    unavailableDays: closedDays(doc.unavailable),
    ratingBuckets: RATING_BUCKETS.filter((b) => doc.ratingAverage >= b).map(String),
  }
}

export const buildMeiliFilter = (query: EngineQuery): string[] => {
  const filter: string[] = []
  if (query.categories.length) filter.push(meiliFilter.in('categorySlugs', query.categories))
  if (query.region) filter.push(meiliFilter.equals('region', query.region))
  if (query.priceRange) filter.push(meiliFilter.equals('priceRange', query.priceRange))
  if (query.minRating != null) filter.push(`ratingAverage >= ${query.minRating}`)
  if (query.verifiedOnly) filter.push('verified = true')
  if (query.near) filter.push(meiliFilter.geoRadius(query.near))
  if (query.bounds) {
    const { north, east, south, west } = query.bounds
    filter.push(`_geoBoundingBox([${north}, ${east}], [${south}, ${west}])`)
  }
  if (query.availability) {
    filter.push(
      `NOT unavailableDays ${epochDay(query.availability.startDate)} TO ${epochDay(query.availability.endDate)}`,
    )
  }
  return filter
}

/** Relevance is the ranking rules' order (tier boost and rating break its ties). */
const SORTS: Partial<Record<EngineQuery['sort'], string[]>> = {
  rating: ['ratingScore:desc', 'ratingCount:desc'],
  price: ['priceRank:asc', 'ratingScore:desc'],
}

const VENDOR_INDEX: MeiliIndexDefinition<VendorSearchDocument, MeiliVendor> = {
  name: 'vendors',
  settings: VENDOR_INDEX_SETTINGS,
  toStored: toMeiliDocument,
  addedFields: ['_geo', 'unavailableDays', 'ratingBuckets', 'categoryNames'],
}

export const meilisearchEngine = (options: MeilisearchEngineOptions): SearchEngine => {
  const vendors = meiliIndex(options, VENDOR_INDEX)
  const { client, uid, settle, ensureIndex } = vendors

  const search = async (query: EngineQuery): Promise<EngineResult> => {
    const response = await vendors.search(query, {
      filter: buildMeiliFilter(query),
      sort: sortFor(SORTS, query),
      facets: query.facets ? FACETS : undefined,
    })
    const counts = response.facets
    return {
      hits: response.hits,
      total: response.total,
      facets: query.facets
        ? {
            categories: counts.categorySlugs ?? {},
            regions: counts.region ?? {},
            priceRanges: counts.priceRange ?? {},
            ratings: Object.fromEntries(
              RATING_BUCKETS.map((b) => [String(b), counts.ratingBuckets?.[String(b)] ?? 0]),
            ),
            verified: counts.verified?.true ?? 0,
          }
        : null,
    }
  }

  return {
    name: 'meilisearch',
    ensureIndex,
    upsert: (docs) => vendors.upsert(docs, 'document update'),
    delete: (ids) => vendors.delete(ids, 'document deletion'),
    search,
    health: async () => {
      try {
        const stats = await vendors.index.getStats()
        return { ok: true, documents: stats.numberOfDocuments }
      } catch (error) {
        return { ok: false, documents: null, error: (error as Error).message }
      }
    },
    rebuild: async (batches) => {
      await ensureIndex()
      const building = `${uid}_rebuild`
      await settle(client.deleteIndex(building), `delete ${building}`).catch(() => undefined)
      await vendors.createWithSettings(building)
      let documents = 0
      for await (const batch of batches) {
        if (!batch.length) continue
        await settle(
          client.index(building).addDocuments(batch.map(toMeiliDocument), { primaryKey: 'id' }),
          'rebuild batch',
        )
        documents += batch.length
      }
      // Atomic in Meilisearch: searches move from the old documents to the new in one step.
      // `rename` is left out: Meilisearch before v1.18 refuses the field, later ones default it to false.
      await settle(client.swapIndexes([{ indexes: [uid, building] } as IndexSwap]), 'index swap')
      await settle(client.deleteIndex(building), `delete ${building}`)
      return { documents }
    },
  }
}
