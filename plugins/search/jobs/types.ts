import type { EngineName, Near } from '../shared/engine'

/**
 * The job board's index: published jobs, public fields only (no street address, no organizer),
 * so a hit can be shown to any vendor without another read.
 */
export type JobSearchDocument = {
  id: number
  title: string
  /** Plain text, trimmed for the index. */
  description: string
  eventType: string
  eventTypeLabel: string
  /** `YYYY-MM-DD` in the time zone the plugin was given. */
  eventDate: string
  guestCount: number
  budgetMin: number
  budgetMax: number
  city: string
  region: string
  regionLabel: string
  lat: number | null
  lng: number | null
  categories: { slug: string; name: string }[]
  /** The job's categories and their parents, so a top-level category finds its children's jobs. */
  categorySlugs: string[]
  isUrgent: boolean
  publishedAt: string
  /** When quotes close, ISO; null when the organizer set no deadline. */
  applicationDeadline: string | null
}

export const JOB_SORTS = ['relevance', 'newest', 'eventDate', 'deadline', 'distance'] as const
export type JobSort = (typeof JOB_SORTS)[number]

/** A validated job search, as engines receive it. Urgent jobs always come first. */
export type JobQuery = {
  text: string
  categories: string[]
  /** Jobs in any of these regions; empty for all. */
  regions: string[]
  eventTypes: string[]
  near: Near | null
  /** ISO dates, inclusive. */
  eventDateFrom: string | null
  eventDateTo: string | null
  /** Jobs whose budget range overlaps this one (whole dollars). */
  budgetMin: number | null
  budgetMax: number | null
  urgentOnly: boolean
  sort: JobSort
  page: number
  limit: number
  /** Jobs whose quotes closed before this instant are left out. */
  now: Date
}

export type JobFacetCounts = {
  categories: Record<string, number>
  regions: Record<string, number>
  eventTypes: Record<string, number>
  urgent: number
}

export type JobSearchResult = {
  hits: { document: JobSearchDocument }[]
  total: number
  facets: JobFacetCounts
}

/** What the job board needs from an engine; writes resolve once applied, so jobs can retry. */
export interface JobSearchEngine {
  readonly name: EngineName
  ensureIndex(): Promise<void>
  upsert(documents: JobSearchDocument[]): Promise<void>
  delete(ids: number[]): Promise<void>
  /** The ids in the index, to find what a rebuild must remove. */
  ids(): Promise<number[]>
  search(query: JobQuery): Promise<JobSearchResult>
}

/** No deadline sorts and filters as "open for ever". */
export const NO_DEADLINE_MS = 8_640_000_000_000_000

export const deadlineMs = (doc: Pick<JobSearchDocument, 'applicationDeadline'>): number =>
  doc.applicationDeadline ? Date.parse(doc.applicationDeadline) : NO_DEADLINE_MS
