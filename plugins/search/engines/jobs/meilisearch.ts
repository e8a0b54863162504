import { type Index, Meilisearch, type SearchParams, type Settings } from 'meilisearch'

import { isLatitude, isLongitude } from '@/lib/geo/distance'

import { settleTask } from '../meilisearch'
import { epochDay } from '../types'
import { deadlineMs, type JobQuery, type JobSearchDocument, type JobSearchEngine } from './types'

type MeiliJob = JobSearchDocument & {
  _geo?: { lat: number; lng: number }
  categoryNames: string[]
  eventDay: number
  urgentRank: number
  publishedAtMs: number
  deadlineAtMs: number
}

export const JOB_INDEX_SETTINGS: Settings = {
  searchableAttributes: [
    'title',
    'categoryNames',
    'city',
    'regionLabel',
    'eventTypeLabel',
    'description',
  ],
  filterableAttributes: [
    'categorySlugs',
    'region',
    'eventType',
    'eventDay',
    'budgetMin',
    'budgetMax',
    'isUrgent',
    'deadlineAtMs',
    '_geo',
  ],
  sortableAttributes: ['urgentRank', 'publishedAtMs', 'eventDay', 'deadlineAtMs', '_geo'],
  // Urgent first, always; then the words, then the requested order.
  rankingRules: [
    'urgentRank:desc',
    'words',
    'typo',
    'proximity',
    'attribute',
    'sort',
    'exactness',
    'publishedAtMs:desc',
  ],
  // The PostgreSQL engine matches words and prefixes, not typos: both engines find the same jobs.
  typoTolerance: { enabled: false },
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 200 },
}

const FACETS = ['categorySlugs', 'region', 'eventType', 'isUrgent']
const quote = (value: string) => JSON.stringify(value)

const toMeili = (doc: JobSearchDocument): MeiliJob => {
  const placed = isLatitude(doc.lat) && isLongitude(doc.lng)
  return {
    ...doc,
    ...(placed ? { _geo: { lat: doc.lat!, lng: doc.lng! } } : {}),
    categoryNames: doc.categories.map((category) => category.name),
    eventDay: epochDay(doc.eventDate),
    urgentRank: doc.isUrgent ? 1 : 0,
    publishedAtMs: Date.parse(doc.publishedAt),
    deadlineAtMs: deadlineMs(doc),
  }
}

const fromMeili = (hit: Record<string, unknown>): JobSearchDocument => {
  const {
    _geo,
    _geoDistance,
    categoryNames,
    eventDay,
    urgentRank,
    publishedAtMs,
    deadlineAtMs,
    ...doc
  } = hit
  void [_geo, _geoDistance, categoryNames, eventDay, urgentRank, publishedAtMs, deadlineAtMs]
  return doc as unknown as JobSearchDocument
}

export const buildJobFilter = (query: JobQuery): string[] => {
  const filter = [`deadlineAtMs > ${query.now.getTime()}`]
  if (query.categories.length)
    filter.push(`categorySlugs IN [${query.categories.map(quote).join(', ')}]`)
  if (query.region) filter.push(`region = ${quote(query.region)}`)
  if (query.eventTypes.length)
    filter.push(`eventType IN [${query.eventTypes.map(quote).join(', ')}]`)
  if (query.eventDateFrom) filter.push(`eventDay >= ${epochDay(query.eventDateFrom)}`)
  if (query.eventDateTo) filter.push(`eventDay <= ${epochDay(query.eventDateTo)}`)
  if (query.budgetMin != null) filter.push(`budgetMax >= ${query.budgetMin}`)
  if (query.budgetMax != null) filter.push(`budgetMin <= ${query.budgetMax}`)
  if (query.urgentOnly) filter.push('isUrgent = true')
  if (query.near)
    filter.push(
      `_geoRadius(${query.near.lat}, ${query.near.lng}, ${Math.round(query.near.radiusKm * 1000)})`,
    )
  return filter
}

const buildJobSort = (query: JobQuery): string[] | undefined => {
  switch (query.sort) {
    case 'newest':
      return ['publishedAtMs:desc']
    case 'eventDate':
      return ['eventDay:asc']
    case 'deadline':
      return ['deadlineAtMs:asc']
    case 'distance':
      return query.near ? [`_geoPoint(${query.near.lat}, ${query.near.lng}):asc`] : undefined
    default:
      return undefined
  }
}

/** The job board in Meilisearch, index `<prefix>_jobs`, through the official client. */
export const meilisearchJobEngine = ({
  host,
  apiKey,
  indexPrefix,
  taskTimeoutMs = 30_000,
}: {
  host: string
  apiKey?: string
  indexPrefix: string
  taskTimeoutMs?: number
}): JobSearchEngine => {
  const client = new Meilisearch({ host, apiKey, timeout: 10_000 })
  const uid = `${indexPrefix}_jobs`
  const index: Index<MeiliJob> = client.index<MeiliJob>(uid)
  const settle = (enqueued: Parameters<typeof settleTask>[0], what: string) =>
    settleTask(enqueued, what, taskTimeoutMs)

  let ready: Promise<void> | undefined
  const ensureIndex = () => {
    ready ??= (async () => {
      try {
        await client.getIndex(uid)
      } catch {
        await settle(client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`)
      }
      await settle(index.updateSettings(JOB_INDEX_SETTINGS), `settings of ${uid}`)
    })().catch((error: unknown) => {
      ready = undefined
      throw error
    })
    return ready
  }

  return {
    name: 'meilisearch',
    ensureIndex,
    upsert: async (documents) => {
      if (!documents.length) return
      await ensureIndex()
      await settle(index.addDocuments(documents.map(toMeili), { primaryKey: 'id' }), 'job update')
    },
    delete: async (ids) => {
      if (!ids.length) return
      await ensureIndex()
      await settle(index.deleteDocuments(ids), 'job deletion')
    },
    ids: async () => {
      await ensureIndex()
      const ids: number[] = []
      for (let offset = 0; ; offset += 1000) {
        const page = await index.getDocuments({ fields: ['id'], limit: 1000, offset })
        ids.push(...page.results.map((doc) => Number(doc.id)))
        if (page.results.length < 1000) return ids
      }
    },
    search: async (query) => {
      await ensureIndex()
      const params: SearchParams = {
        filter: buildJobFilter(query),
        page: query.page,
        hitsPerPage: query.limit,
        facets: FACETS,
      }
      const sort = buildJobSort(query)
      if (sort) params.sort = sort
      const response = (await index.search(query.text || null, params)) as {
        hits: Record<string, unknown>[]
        totalHits?: number
        facetDistribution?: Record<string, Record<string, number>>
      }
      const distribution = response.facetDistribution ?? {}
      return {
        hits: response.hits.map((hit) => ({ document: fromMeili(hit) })),
        total: response.totalHits ?? response.hits.length,
        facets: {
          categories: distribution.categorySlugs ?? {},
          regions: distribution.region ?? {},
          eventTypes: distribution.eventType ?? {},
          urgent: distribution.isUrgent?.true ?? 0,
        },
      }
    },
  }
}
