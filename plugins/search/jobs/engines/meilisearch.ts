import type { Settings } from 'meilisearch'

import { epochDay } from '../../shared/engine'
import type { MeiliIndexDefinition, MeilisearchEngineOptions } from '../../shared/meilisearch'
import {
  meiliFilter,
  meiliIndex,
  SORT_THEN_RELEVANCE,
  sortFor,
  validPoint,
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
  // Urgent first, always (as PostgreSQL's `is_urgent DESC`); then the requested order, then the
  // words, then the newest.
  rankingRules: ['urgentRank:desc', ...SORT_THEN_RELEVANCE, 'publishedAtMs:desc'],
  // The PostgreSQL engine matches words and prefixes, not typos: both engines find the same jobs.
  typoTolerance: { enabled: false },
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 200 },
}

const FACETS = ['categorySlugs', 'region', 'eventType', 'isUrgent']
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
  if (query.categories.length) filter.push(meiliFilter.in('categorySlugs', query.categories))
  if (query.regions.length === 1) filter.push(meiliFilter.equals('region', query.regions[0]!))
  else if (query.regions.length) filter.push(meiliFilter.in('region', query.regions))
  if (query.eventTypes.length) filter.push(meiliFilter.in('eventType', query.eventTypes))
  if (query.eventDateFrom) filter.push(`eventDay >= ${epochDay(query.eventDateFrom)}`)
  if (query.eventDateTo) filter.push(`eventDay <= ${epochDay(query.eventDateTo)}`)
  if (query.budgetMin != null) filter.push(`budgetMax >= ${query.budgetMin}`)
  if (query.budgetMax != null) filter.push(`budgetMin <= ${query.budgetMax}`)
  if (query.urgentOnly) filter.push('isUrgent = true')
  if (query.near) filter.push(meiliFilter.geoRadius(query.near))
  return filter
}

/** Relevance is the ranking rules' order (urgent first, then the words, then the newest). */
const SORTS: Partial<Record<JobQuery['sort'], string[]>> = {
  newest: ['publishedAtMs:desc'],
  eventDate: ['eventDay:asc'],
  deadline: ['deadlineAtMs:asc'],
}

const JOB_INDEX: MeiliIndexDefinition<JobSearchDocument, MeiliJob> = {
  name: 'jobs',
  settings: JOB_INDEX_SETTINGS,
  toStored: toMeili,
  addedFields: ['_geo', 'categoryNames', 'eventDay', 'urgentRank', 'publishedAtMs', 'deadlineAtMs'],
}

/** The job board in Meilisearch, index `<prefix>_jobs`, through the official client. */
export const meilisearchJobEngine = (options: MeilisearchEngineOptions): JobSearchEngine => {
  const jobs = meiliIndex(options, JOB_INDEX)
  return {
    name: 'meilisearch',
    ensureIndex: jobs.ensureIndex,
    upsert: (documents) => jobs.upsert(documents, 'job update'),
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
    // No `ensureIndex` here: it updates the settings and waits for that task, and Meilisearch
    // has one task queue for every index, so behind a rebuild or a backlog the first search after
    // a restart would wait out the task timeout and answer 503. `onInit` ensures the index.
    search: async (query) => {
      const response = await jobs.search(query, {
        filter: buildJobFilter(query),
        sort: sortFor(SORTS, query),
        facets: FACETS,
      })
      const counts = response.facets
      return {
        hits: response.hits,
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
