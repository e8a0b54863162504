import type { SearchParams, Settings } from 'meilisearch'

import { epochDay } from '../../shared/engine'
import {
  equalsFilter,
  geoPointSort,
  geoRadiusFilter,
  inFilter,
  type MeilisearchEngineOptions,
  meiliIndex,
  validPoint,
  withoutFields,
} from '../../shared/meilisearch'
import { deadlineMs, type JobQuery, type JobSearchDocument, type JobSearchEngine } from '../types'

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
/** What `toMeili` adds, taken off again before a hit is returned. */
const ADDED_FIELDS = [
  '_geo',
  'categoryNames',
  'eventDay',
  'urgentRank',
  'publishedAtMs',
  'deadlineAtMs',
]

const toMeili = (doc: JobSearchDocument): MeiliJob => {
  const point = validPoint(doc)
  return {
    ...doc,
    ...(point ? { _geo: point } : {}),
    categoryNames: doc.categories.map((category) => category.name),
    eventDay: epochDay(doc.eventDate),
    urgentRank: doc.isUrgent ? 1 : 0,
    publishedAtMs: Date.parse(doc.publishedAt),
    deadlineAtMs: deadlineMs(doc),
  }
}

export const buildJobFilter = (query: JobQuery): string[] => {
  const filter = [`deadlineAtMs > ${query.now.getTime()}`]
  if (query.categories.length) filter.push(inFilter('categorySlugs', query.categories))
  if (query.region) filter.push(equalsFilter('region', query.region))
  if (query.eventTypes.length) filter.push(inFilter('eventType', query.eventTypes))
  if (query.eventDateFrom) filter.push(`eventDay >= ${epochDay(query.eventDateFrom)}`)
  if (query.eventDateTo) filter.push(`eventDay <= ${epochDay(query.eventDateTo)}`)
  if (query.budgetMin != null) filter.push(`budgetMax >= ${query.budgetMin}`)
  if (query.budgetMax != null) filter.push(`budgetMin <= ${query.budgetMax}`)
  if (query.urgentOnly) filter.push('isUrgent = true')
  if (query.near) filter.push(geoRadiusFilter(query.near))
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
      return query.near ? geoPointSort(query.near) : undefined
    default:
      return undefined
  }
}

/** The job board in Meilisearch, index `<prefix>_jobs`, through the official client. */
export const meilisearchJobEngine = (options: MeilisearchEngineOptions): JobSearchEngine => {
  const jobs = meiliIndex<MeiliJob>(options, 'jobs', JOB_INDEX_SETTINGS)
  return {
    name: 'meilisearch',
    ensureIndex: jobs.ensureIndex,
    upsert: (documents) => jobs.upsert(documents.map(toMeili), 'job update'),
    delete: (ids) => jobs.delete(ids, 'job deletion'),
    ids: async () => {
      await jobs.ensureIndex()
      const ids: number[] = []
      for (let offset = 0; ; offset += 1000) {
        const page = await jobs.index.getDocuments({ fields: ['id'], limit: 1000, offset })
        ids.push(...page.results.map((doc) => Number(doc.id)))
        if (page.results.length < 1000) return ids
      }
    },
    search: async (query) => {
      await jobs.ensureIndex()
      const params: SearchParams = {
        filter: buildJobFilter(query),
        page: query.page,
        hitsPerPage: query.limit,
        facets: FACETS,
      }
      const sort = buildJobSort(query)
      if (sort) params.sort = sort
      const response = await jobs.search(query.text, params)
      const counts = response.facets
      return {
        hits: response.hits.map((hit) => ({
          document: withoutFields<JobSearchDocument>(hit, ADDED_FIELDS),
        })),
        total: response.total,
        facets: {
          categories: counts.categorySlugs ?? {},
          regions: counts.region ?? {},
          eventTypes: counts.eventType ?? {},
          urgent: counts.isUrgent?.true ?? 0,
        },
      }
    },
  }
}
