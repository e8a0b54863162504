import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { apiError } from '@/lib/kit/response'

import { getJobSearchEngine, searchConfig } from '../runtime'
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
import type { CategoryFacet, LabelledFacet, SearchResponse } from '../shared/response'
import { distanceFrom, facet, runSearch } from '../shared/response'
import { parseJobSearchRequest } from './request'
import { JOB_SORTS, type JobSearchDocument } from './types'

export type JobHit = JobSearchDocument & { distanceKm?: number }

export type JobSearchResponse = SearchResponse<{
  jobs: JobHit[]
  facets: {
    categories: CategoryFacet
    regions: LabelledFacet
    eventTypes: LabelledFacet
    urgent: { count: number }
  }
}>

/** Runs a job board search for the site and the API alike. Throws SearchRequestError on bad input. */
export const searchJobs = async (
  req: PayloadRequest,
  raw: Record<string, unknown>,
): Promise<JobSearchResponse> => {
  const started = performance.now()
  const config = searchConfig(req.payload)
  const engine = getJobSearchEngine(req.payload)
  const { result, near, page, meta } = await runSearch(
    req,
    parseJobSearchRequest(raw, config),
    { placeField: 'near', engine: engine.name, started },
    (filters, near) => engine.search({ ...filters, near, now: new Date() }),
  )
  const { facets } = result
  return {
    success: true,
    data: {
      jobs: result.hits.map(({ document }) => ({ ...document, ...distanceFrom(near, document) })),
      ...page,
      facets: {
        categories: await facet.categories(req, facets.categories),
        regions: facet.regions(config.regions, facets.regions),
        eventTypes: facet.values(config.eventTypes, facets.eventTypes).filter((t) => t.count > 0),
        urgent: { count: facets.urgent },
      },
    },
    meta,
  }
}

const dollars = z.number().int().min(0).max(10_000_000).optional()

/**
 * The query string `parseJobSearchRequest` reads (`category` and `eventType` are the singular
 * forms of `categories` and `eventTypes`). Any other parameter is a 400.
 */
const JobSearchQuery = z.object({
  q: textQuery.describe(
    "Words to find in a job's title, categories, place, kind of event and description.",
  ),
  categories: categoriesQuery,
  category: categoriesQuery.describe('Same as `categories`.'),
  region: z
    .array(z.string())
    .optional()
    .describe(
      "Jobs in any of these regions, comma-separated or repeated: the site's regions (the search plugin's `regions`; `data.facets.regions` names those with matches).",
    ),
  eventTypes: z
    .array(z.string())
    .max(10)
    .optional()
    .describe(
      "Jobs for any of these kinds of event, comma-separated or repeated (up to 10): the site's event types (the search plugin's `eventTypes`; `data.facets.eventTypes` names those with matches).",
    ),
  eventType: z.array(z.string()).max(10).optional().describe('Same as `eventTypes`.'),
  ...locationQuery,
  from: dateQuery.describe('Events on or after this day.'),
  to: dateQuery.describe('Events on or before this day, on or after `from`.'),
  budgetMin: dollars.describe('Whole dollars: jobs whose budget reaches at least this.'),
  budgetMax: dollars.describe(
    'Whole dollars, at least `budgetMin`: jobs whose budget starts at or below this.',
  ),
  urgent: yesNoQuery.describe('`true` for urgent jobs only (urgent jobs always come first).'),
  sort: z
    .enum(JOB_SORTS)
    .optional()
    .describe(
      '`relevance` unless given; `distance` needs a location (`near`, or `lat` and `lng`).',
    ),
  ...pageQuery,
})

/** `JobHit`, a `JobSearchDocument` with its distance. */
const JobHitSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().describe('Plain text, trimmed.'),
  eventType: z.string(),
  eventTypeLabel: z.string(),
  eventDate: z.string().describe('`YYYY-MM-DD`.'),
  guestCount: z.number().int(),
  budgetMin: z.number().int(),
  budgetMax: z.number().int(),
  city: z.string(),
  region: z.string(),
  regionLabel: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  categories: z.array(z.object({ slug: z.string(), name: z.string() })),
  categorySlugs: z.array(z.string()).describe("The job's categories and their parents."),
  isUrgent: z.boolean(),
  publishedAt: z.string(),
  applicationDeadline: z.string().nullable().describe('When quotes close; null for no deadline.'),
  distanceKm,
})

/** `JobSearchResponse`. */
const JobSearchResponseSchema = searchResponse({
  jobs: z.array(JobHitSchema),
  facets: z.object({
    categories: CategoryFacetSchema,
    regions: LabelledFacetSchema.describe('Regions with a match, most matches first.'),
    eventTypes: LabelledFacetSchema.describe('Event types with a match, in the option order.'),
    urgent: z.object({ count: z.number().int() }),
  }),
}) satisfies z.ZodType<JobSearchResponse>

/**
 * `GET /api/jobs/search` — the job board for vendors (and staff): open jobs only, public
 * fields only. Organizers see their own jobs under `GET /api/jobs` instead.
 */
export const searchJobsEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return apiError(req, 401, 'UNAUTHORIZED', 'Sign in as a vendor to search jobs.')
    if (!searchConfig(req.payload).access.searchJobs(req.user)) {
      return apiError(req, 403, 'FORBIDDEN', 'The job board is for vendors.')
    }
    return answerSearch(req, 'Job search', (params) => searchJobs(req, params))
  },
  custom: {
    openapi: {
      summary: 'Search the job board',
      description: [
        'Open jobs (their public fields only) by words, category, region, kind of event, place, event dates and budget, urgent first, with counts per filter value. Organizers find their own jobs under `GET /api/jobs`.',
        'For vendors and staff (403 `FORBIDDEN` for anyone else). 400 `INVALID_SEARCH_REQUEST` names every bad parameter in `details`; 503 `SEARCH_DISABLED` while search is switched off, `SEARCH_UNAVAILABLE` when the engine fails.',
      ].join('\n\n'),
      caller: 'vendor',
      query: JobSearchQuery,
      response: JobSearchResponseSchema,
    } satisfies Contract,
  },
}
