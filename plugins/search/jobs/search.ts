import type { Endpoint, PayloadRequest } from 'payload'

import { apiError } from '@/lib/kit/response'

import { getJobSearchEngine, searchConfig } from '../runtime'
import { answerSearch } from '../shared/answerSearch'
import type { CategoryFacet, LabelledFacet, SearchResponse } from '../shared/response'
import { distanceFrom, facet, runSearch } from '../shared/response'
import { parseJobSearchRequest } from './request'
import type { JobSearchDocument } from './types'

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
}
