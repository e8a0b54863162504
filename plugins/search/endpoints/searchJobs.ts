import type { Endpoint, PayloadRequest } from 'payload'

import { apiError } from '@/lib/apiResponse'
import { EVENT_TYPES, NZ_REGIONS } from '@/lib/constants'
import { haversineKm } from '@/lib/geo/distance'

import type { JobSearchDocument } from '../engines/jobs/types'
import { parseJobSearchRequest } from '../utilities/parseJobSearchRequest'
import { answerSearch } from '../utilities/answerSearch'
import { resolveNear } from '../utilities/resolveNear'
import { getJobSearchEngine } from '../utilities/runtime'
import { categoryNameMap } from './searchVendors'

export type JobHit = JobSearchDocument & { distanceKm?: number }

export type JobSearchResponse = {
  success: true
  data: {
    jobs: JobHit[]
    total: number
    page: number
    limit: number
    hasMore: boolean
    facets: {
      categories: { slug: string; name: string; count: number }[]
      regions: { value: string; label: string; count: number }[]
      eventTypes: { value: string; label: string; count: number }[]
      urgent: { count: number }
    }
  }
  meta: {
    pagination: { page: number; limit: number; total: number; totalPages: number }
    location: { name: string | null; lat: number; lng: number; radiusKm: number } | null
    engine: string
    tookMs: number
    timestamp: string
  }
}

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count

/** Runs a job board search for the site and the API alike. Throws SearchRequestError on bad input. */
export const searchJobs = async (
  req: PayloadRequest,
  raw: Record<string, unknown>,
): Promise<JobSearchResponse> => {
  const started = performance.now()
  const request = parseJobSearchRequest(raw)
  const { near, place } = await resolveNear(req.payload, request.location, 'near')
  const engine = getJobSearchEngine(req.payload)
  const result = await engine.search({
    text: request.text,
    categories: request.categories,
    region: request.region,
    eventTypes: request.eventTypes,
    near,
    eventDateFrom: request.eventDateFrom,
    eventDateTo: request.eventDateTo,
    budgetMin: request.budgetMin,
    budgetMax: request.budgetMax,
    urgentOnly: request.urgentOnly,
    sort: request.sort,
    page: request.page,
    limit: request.limit,
    now: new Date(),
  })
  const names = await categoryNameMap(req)
  const totalPages = Math.ceil(result.total / request.limit)
  return {
    success: true,
    data: {
      jobs: result.hits.map(({ document }) => ({
        ...document,
        ...(near && document.lat != null && document.lng != null
          ? {
              distanceKm:
                Math.round(haversineKm(near, { lat: document.lat, lng: document.lng }) * 10) / 10,
            }
          : {}),
      })),
      total: result.total,
      page: request.page,
      limit: request.limit,
      hasMore: request.page < totalPages,
      facets: {
        categories: Object.entries(result.facets.categories)
          .map(([slug, count]) => ({ slug, name: names.get(slug) ?? slug, count }))
          .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name)),
        regions: NZ_REGIONS.map(({ value, label }) => ({
          value,
          label,
          count: result.facets.regions[value] ?? 0,
        }))
          .filter((r) => r.count > 0)
          .sort(byCount),
        eventTypes: EVENT_TYPES.map(({ value, label }) => ({
          value,
          label,
          count: result.facets.eventTypes[value] ?? 0,
        })).filter((t) => t.count > 0),
        urgent: { count: result.facets.urgent },
      },
    },
    meta: {
      pagination: { page: request.page, limit: request.limit, total: result.total, totalPages },
      location: near ? { name: place?.name ?? null, ...near } : null,
      engine: engine.name,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      timestamp: new Date().toISOString(),
    },
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
    if (!['vendor', 'admin', 'moderator'].includes(String(req.user.role))) {
      return apiError(req, 403, 'FORBIDDEN', 'The job board is for vendors.')
    }
    return answerSearch(req, 'Job search', (params) => searchJobs(req, params))
  },
}
