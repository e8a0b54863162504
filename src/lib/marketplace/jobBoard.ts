import { createLocalReq } from 'payload'

import { slugs } from '@/collections/slugs'
import { getPayloadClient } from '@/lib/payload'
import { firstParam, pageParam } from '@/lib/searchParams'
import type { User } from '@/payload-types'
import {
  type FieldProblem,
  type JobSearchResponse,
  SearchRequestError,
  searchJobs,
} from '@/plugins/search'

export const JOBS_PER_PAGE = 20

/** The job board's filters as they sit in the page's URL. */
export type JobBoardState = {
  q: string
  category: string
  region: string
  eventType: string
  near: string
  radius: string
  from: string
  to: string
  budgetMin: string
  budgetMax: string
  urgent: boolean
  sort: string
  page: number
}

export const jobBoardState = (
  params: Record<string, string | string[] | undefined>,
): JobBoardState => ({
  q: firstParam(params.q),
  category: firstParam(params.category),
  region: firstParam(params.region),
  eventType: firstParam(params.eventType),
  near: firstParam(params.near),
  radius: firstParam(params.radius),
  from: firstParam(params.from),
  to: firstParam(params.to),
  budgetMin: firstParam(params.budgetMin),
  budgetMax: firstParam(params.budgetMax),
  urgent: firstParam(params.urgent) === 'true',
  sort: firstParam(params.sort),
  page: pageParam(params.page),
})

export const jobBoardHref = (state: JobBoardState, changes: Partial<JobBoardState> = {}) => {
  const next = { ...state, page: 1, ...changes }
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(next)) {
    if (key === 'page' && value === 1) continue
    if (value === false || value === '' || value == null) continue
    query.set(key, String(value))
  }
  const text = query.toString()
  return text ? `/jobs?${text}` : '/jobs'
}

/**
 * The board's first page rendered on the server, through the same search as
 * `GET /api/jobs/search`, as the signed-in vendor.
 */
export const runJobBoardSearch = async (
  state: JobBoardState,
  user: User,
): Promise<{ ok: true; response: JobSearchResponse } | { ok: false; problems: FieldProblem[] }> => {
  const payload = await getPayloadClient()
  const req = await createLocalReq({ user: { ...user, collection: slugs.users } }, payload)
  const { page, urgent, category, ...text } = state
  const params: Record<string, unknown> = Object.fromEntries(
    Object.entries(text).filter(([, value]) => value !== ''),
  )
  if (category) params.categories = category
  if (urgent) params.urgent = 'true'
  if (page > 1) params.page = page
  params.limit = JOBS_PER_PAGE
  try {
    return { ok: true, response: await searchJobs(req, params) }
  } catch (error) {
    if (error instanceof SearchRequestError) return { ok: false, problems: error.details }
    throw error
  }
}
