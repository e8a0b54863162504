import {
  type Index,
  type IndexSwap,
  Meilisearch,
  type SearchParams,
  type Settings,
  type Task,
} from 'meilisearch'

import { isLatitude, isLongitude } from '@/lib/geo/distance'

import {
  epochDay,
  type EngineQuery,
  type EngineResult,
  RATING_BUCKETS,
  type SearchEngine,
  SearchEngineError,
  type VendorSearchDocument,
} from './types'

export type MeilisearchEngineOptions = {
  host: string
  apiKey?: string
  /** Index uid is `<prefix>_vendors`. */
  indexPrefix: string
  /** How long to wait for one Meilisearch task. @default 30000 */
  taskTimeoutMs?: number
}

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
  // The paid tier boost and the Bayesian rating break ties after textual relevance.
  rankingRules: [
    'words',
    'typo',
    'proximity',
    'attribute',
    'sort',
    'exactness',
    'tierBoost:desc',
    'ratingScore:desc',
  ],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 1_000_000 },
  faceting: { maxValuesPerFacet: 500 },
}

const FACETS = ['categorySlugs', 'region', 'priceRange', 'ratingBuckets', 'verified']

const quote = (value: string) => JSON.stringify(value)

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

/**
 * Coordinates are checked before they are sent: one bad `_geo` makes Meilisearch fail the
 * whole batch, so a vendor with broken coordinates is indexed without a location instead.
 */
export const toMeiliDocument = (doc: VendorSearchDocument): MeiliVendor => {
  const hasLocation = isLatitude(doc.lat) && isLongitude(doc.lng)
  return {
    ...doc,
    lat: hasLocation ? doc.lat : null,
    lng: hasLocation ? doc.lng : null,
    ...(hasLocation ? { _geo: { lat: doc.lat!, lng: doc.lng! } } : {}),
    categoryNames: doc.categories.map((c) => c.name),
    unavailableDays: closedDays(doc.unavailable),
    ratingBuckets: RATING_BUCKETS.filter((b) => doc.ratingAverage >= b).map(String),
  } as MeiliVendor
}

const fromMeiliDocument = (hit: Record<string, unknown>): VendorSearchDocument => {
  const {
    _geo: _g,
    _geoDistance: _d,
    unavailableDays: _u,
    ratingBuckets: _r,
    categoryNames: _c,
    ...doc
  } = hit
  return doc as unknown as VendorSearchDocument
}

export const buildMeiliFilter = (query: EngineQuery): string[] => {
  const filter: string[] = []
  if (query.categories.length)
    filter.push(`categorySlugs IN [${query.categories.map(quote).join(', ')}]`)
  if (query.region) filter.push(`region = ${quote(query.region)}`)
  if (query.priceRange) filter.push(`priceRange = ${quote(query.priceRange)}`)
  if (query.minRating != null) filter.push(`ratingAverage >= ${query.minRating}`)
  if (query.verifiedOnly) filter.push('verified = true')
  if (query.near) {
    filter.push(
      `_geoRadius(${query.near.lat}, ${query.near.lng}, ${Math.round(query.near.radiusKm * 1000)})`,
    )
  }
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

const buildMeiliSort = (query: EngineQuery): string[] | undefined => {
  switch (query.sort) {
    case 'rating':
      return ['ratingScore:desc', 'ratingCount:desc']
    case 'price':
      return ['priceRank:asc', 'ratingScore:desc']
    case 'distance':
      // The endpoint only allows a distance sort with a location, so the geo filter is always there.
      return query.near ? [`_geoPoint(${query.near.lat}, ${query.near.lng}):asc`] : undefined
    default:
      return undefined
  }
}

type EnqueuedTask = { waitTask: (o?: { timeout?: number }) => Promise<Task> }

/** Waits for a Meilisearch task and turns a failed one into an error, so a job retries it. */
export const settleTask = async (enqueued: EnqueuedTask, what: string, timeoutMs: number) => {
  const task = await enqueued.waitTask({ timeout: timeoutMs })
  if (task.status !== 'succeeded') {
    throw new SearchEngineError(
      `Meilisearch ${what} ${task.status}: ${task.error?.message ?? 'no reason given'}`,
      task.error?.code ?? 'MEILISEARCH_TASK_FAILED',
    )
  }
  return task
}

export const meilisearchEngine = ({
  host,
  apiKey,
  indexPrefix,
  taskTimeoutMs = 30_000,
}: MeilisearchEngineOptions): SearchEngine => {
  const client = new Meilisearch({ host, apiKey, timeout: 10_000 })
  const uid = `${indexPrefix}_vendors`
  const index: Index<MeiliVendor> = client.index<MeiliVendor>(uid)

  const settle = (enqueued: EnqueuedTask, what: string) => settleTask(enqueued, what, taskTimeoutMs)

  const createWithSettings = async (indexUid: string) => {
    try {
      await client.getIndex(indexUid)
    } catch {
      await settle(client.createIndex(indexUid, { primaryKey: 'id' }), `create index ${indexUid}`)
    }
    await settle(
      client.index(indexUid).updateSettings(VENDOR_INDEX_SETTINGS),
      `settings of ${indexUid}`,
    )
  }

  let ready: Promise<void> | undefined
  const ensureIndex = () => {
    ready ??= createWithSettings(uid).catch((error: unknown) => {
      ready = undefined
      throw error
    })
    return ready
  }

  const search = async (query: EngineQuery): Promise<EngineResult> => {
    const params: SearchParams = {
      filter: buildMeiliFilter(query),
      page: query.page,
      hitsPerPage: query.limit,
      ...(query.facets ? { facets: FACETS } : {}),
    }
    const sort = buildMeiliSort(query)
    if (sort) params.sort = sort
    const response = (await index.search(query.text || null, params)) as {
      hits: Record<string, unknown>[]
      totalHits?: number
      facetDistribution?: Record<string, Record<string, number>>
    }
    const distribution = response.facetDistribution ?? {}
    return {
      hits: response.hits.map((hit) => ({ document: fromMeiliDocument(hit) })),
      total: response.totalHits ?? response.hits.length,
      facets: query.facets
        ? {
            categories: distribution.categorySlugs ?? {},
            regions: distribution.region ?? {},
            priceRanges: distribution.priceRange ?? {},
            ratings: Object.fromEntries(
              RATING_BUCKETS.map((b) => [String(b), distribution.ratingBuckets?.[String(b)] ?? 0]),
            ),
            verified: distribution.verified?.true ?? 0,
          }
        : null,
    }
  }

  return {
    name: 'meilisearch',
    ensureIndex,
    upsert: async (docs) => {
      if (!docs.length) return
      await ensureIndex()
      await settle(
        index.addDocuments(docs.map(toMeiliDocument), { primaryKey: 'id' }),
        'document update',
      )
    },
    delete: async (ids) => {
      if (!ids.length) return
      await ensureIndex()
      await settle(index.deleteDocuments(ids), 'document deletion')
    },
    search,
    health: async () => {
      try {
        const stats = await index.getStats()
        return { ok: true, documents: stats.numberOfDocuments }
      } catch (error) {
        return { ok: false, documents: null, error: (error as Error).message }
      }
    },
    rebuild: async (batches) => {
      await ensureIndex()
      const building = `${uid}_rebuild`
      await settle(client.deleteIndex(building), `delete ${building}`).catch(() => undefined)
      await createWithSettings(building)
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
