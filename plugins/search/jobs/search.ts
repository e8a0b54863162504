import type { Endpoint, PayloadRequest } from 'payload'

import { apiError } from '@/lib/apiResponse'

import { getJobSearchEngine, searchConfig } from '../runtime'
import { answerSearch } from '../shared/answerSearch'
import { resolveNear } from '../shared/resolveNear'
import {
  type CategoryFacet,
  categoryFacet,
  distanceFrom,
  type LabelledFacet,
  labelledCounts,
  regionFacet,
  type SearchMeta,
  type SearchPage,
  searchPage,
} from '../shared/response'
import { parseJobSearchRequest } from './request'
import type { JobSearchDocument } from './types'

export type JobHit = JobSearchDocument & { distanceKm?: number }

export type JobSearchResponse = {
  success: true
  data: SearchPage & {
    jobs: JobHit[]
    facets: {
      categories: CategoryFacet
      regions: LabelledFacet
      eventTypes: LabelledFacet
      urgent: { count: number }
    }
  }
  meta: SearchMeta
}

/** Runs a job board search for the site and the API alike. Throws SearchRequestError on bad input. */
export const searchJobs = async (
  req: PayloadRequest,
  raw: Record<string, unknown>,
): Promise<JobSearchResponse> => {
  const started = performance.now()
  const config = searchConfig(req.payload)
  const { location, ...filters } = parseJobSearchRequest(raw, config)
  const { near, place } = await resolveNear(req.payload, location, 'near')
  const engine = getJobSearchEngine(req.payload)
  const result = await engine.search({ ...filters, near, now: new Date() })
  const { page, meta } = searchPage({
    page: filters.page,
    limit: filters.limit,
    total: result.total,
    near,
    place,
    engine: engine.name,
    started,
  })
  return {
    success: true,
    data: {
      jobs: result.hits.map(({ document }) => ({ ...document, ...distanceFrom(near, document) })),
      ...page,
      facets: {
        categories: await categoryFacet(req, result.facets.categories),
        regions: regionFacet(config.regions, result.facets.regions),
        eventTypes: labelledCounts(config.eventTypes, result.facets.eventTypes).filter(
          (type) => type.count > 0,
        ),
        urgent: { count: result.facets.urgent },
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
