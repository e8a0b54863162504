import { createLocalReq, type Payload } from 'payload'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'
import { ownVendor } from '@/lib/marketplace/ownVendor'
import { getPayloadClient } from '@/lib/payload'
import { firstParam, pageParam } from '@/lib/searchParams'
import type { Category, User } from '@/payload-types'
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
  /** "Show all": the vendor asked for every job, not only those in their services and regions. */
  all: boolean
}

/** The services and regions a vendor's board starts from, as their profile lists them. */
export type VendorScope = {
  categories: { id: number; slug: string; name: string }[]
  regions: string[]
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
  all: firstParam(params.all) === 'true',
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
 * The vendor's services and regions, read with their own access. Regions are the ones they
 * travel to, or the region they are based in when they list none. Null for anyone without a
 * profile (staff, a vendor who has not made one yet).
 */
export const vendorScope = async (payload: Payload, user: User): Promise<VendorScope | null> => {
  const vendor = await ownVendor(payload, user)
  if (!vendor) return null
  const ids = (vendor.categories ?? []).map(idOf).filter((id): id is number => id != null)
  const { docs } = ids.length
    ? await payload.find({
        collection: slugs.categories,
        where: { id: { in: ids } },
        limit: ids.length,
        depth: 0,
        user,
        overrideAccess: false,
      })
    : { docs: [] as Category[] }
  const regions = vendor.serviceRegions?.length
    ? [...vendor.serviceRegions]
    : vendor.location?.region
      ? [vendor.location.region]
      : []
  return { categories: docs.map(({ id, slug, name }) => ({ id, slug, name })), regions }
}

/**
 * Whether the board starts from the vendor's own services: when they have not chosen a service
 * or a region themselves and have not asked for every job.
 */
export const usesVendorScope = (state: JobBoardState, scope: VendorScope | null) =>
  Boolean(scope?.categories.length) && !state.all && !state.category && !state.region

/**
 * The board's first page rendered on the server, through the same search as
 * `GET /api/jobs/search`, as the signed-in vendor. By default a vendor sees jobs in their own
 * services and in the regions they serve.
 */
export const runJobBoardSearch = async (
  state: JobBoardState,
  user: User,
  scope: VendorScope | null = null,
): Promise<{ ok: true; response: JobSearchResponse } | { ok: false; problems: FieldProblem[] }> => {
  const payload = await getPayloadClient()
  const req = await createLocalReq({ user: { ...user, collection: slugs.users } }, payload)
  const { page, urgent, category, all: _all, ...text } = state
  const params: Record<string, unknown> = Object.fromEntries(
    Object.entries(text).filter(([, value]) => value !== ''),
  )
  if (category) params.categories = category
  if (scope && usesVendorScope(state, scope)) {
    params.categories = scope.categories.map((c) => c.slug).join(',')
    if (scope.regions.length) params.region = scope.regions.join(',')
  }
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

/**
 * The sentence a vendor reads before quoting on a job none of whose services they list, or
 * null when the job asks for one of theirs. Quoting stays allowed: organizers welcome a good
 * all-rounder, but each quote uses the monthly allowance, so the warning comes first.
 */
export const outsideServicesWarning = (
  jobCategories: { id: number; name: string; parent?: number | null }[],
  scope: VendorScope | null,
): string | null => {
  if (!scope?.categories.length || !jobCategories.length) return null
  const own = new Set(scope.categories.map((c) => c.id))
  if (jobCategories.some((c) => own.has(c.id) || (c.parent != null && own.has(c.parent)))) {
    return null
  }
  const list = (names: string[]) =>
    new Intl.ListFormat('en-NZ', { style: 'long', type: 'conjunction' }).format(names)
  return (
    `This job asks for ${list(jobCategories.map((c) => c.name))}; your profile lists ` +
    `${list(scope.categories.map((c) => c.name))}. You can still quote, but it uses one of ` +
    `this month’s quotes.`
  )
}
