import { z } from 'zod'

import { EVENT_TYPES, NZ_REGIONS } from '@/lib/constants'

import { JOB_SORTS, type JobSort } from '../engines/jobs/types'
import {
  blankToUndefined,
  DEFAULT_RADIUS_KM,
  type FieldProblem,
  isoDate,
  list,
  MAX_LIMIT,
  MAX_RADIUS_KM,
  number,
  SearchRequestError,
} from './parseSearchRequest'

const MAX_BUDGET = 10_000_000

const dollars = number().pipe(
  z
    .number()
    .int('must be whole dollars')
    .min(0, 'must be 0 or more')
    .max(MAX_BUDGET, 'is too large')
    .optional(),
)

const schema = z
  .object({
    q: z.preprocess(
      blankToUndefined,
      z.string().max(200, 'must be 200 characters or fewer').optional(),
    ),
    categories: list,
    region: z.preprocess(
      blankToUndefined,
      z.enum(NZ_REGIONS.map((r) => r.value) as [string, ...string[]]).optional(),
    ),
    eventTypes: z.preprocess(
      (value) =>
        value == null || value === ''
          ? undefined
          : Array.isArray(value)
            ? value
            : String(value).split(','),
      z
        .array(
          z.enum(EVENT_TYPES.map((t) => t.value) as [string, ...string[]], {
            error: `must be one of ${EVENT_TYPES.map((t) => t.value).join(', ')}`,
          }),
        )
        .max(10)
        .optional(),
    ),
    near: z.preprocess(
      blankToUndefined,
      z.string().max(100, 'must be 100 characters or fewer').optional(),
    ),
    lat: number().pipe(
      z
        .number()
        .min(-90, 'must be between -90 and 90')
        .max(90, 'must be between -90 and 90')
        .optional(),
    ),
    lng: number().pipe(
      z
        .number()
        .min(-180, 'must be between -180 and 180')
        .max(180, 'must be between -180 and 180')
        .optional(),
    ),
    radius: number().pipe(
      z
        .number()
        .gt(0, 'must be more than 0 km')
        .max(MAX_RADIUS_KM, `must be ${MAX_RADIUS_KM} km or less`)
        .optional(),
    ),
    from: isoDate,
    to: isoDate,
    budgetMin: dollars,
    budgetMax: dollars,
    urgent: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
    sort: z.preprocess(
      blankToUndefined,
      z.enum(JOB_SORTS, { error: `must be one of ${JOB_SORTS.join(', ')}` }).optional(),
    ),
    page: number().pipe(
      z
        .number()
        .int('must be a whole number')
        .min(1, 'must be 1 or more')
        .max(1000, 'must be 1000 or less')
        .optional(),
    ),
    limit: number().pipe(
      z
        .number()
        .int('must be a whole number')
        .min(1, 'must be 1 or more')
        .max(MAX_LIMIT, `must be ${MAX_LIMIT} or less`)
        .optional(),
    ),
  })
  .strict()

export type JobSearchRequest = {
  text: string
  categories: string[]
  region: string | null
  eventTypes: string[]
  location:
    | { lat: number; lng: number; radiusKm: number }
    | { place: string; radiusKm: number | null }
    | null
  eventDateFrom: string | null
  eventDateTo: string | null
  budgetMin: number | null
  budgetMax: number | null
  urgentOnly: boolean
  sort: JobSort
  page: number
  limit: number
}

/**
 * Reads a job board search from a query string: `q`, `categories` (`category`), `region`,
 * `eventTypes` (`eventType`), `near` or `lat`/`lng` with `radius`, event dates `from`/`to`,
 * a budget range that must overlap the job's (`budgetMin`/`budgetMax`), `urgent`, `sort`,
 * `page`, `limit`.
 */
export const parseJobSearchRequest = (raw: Record<string, unknown>): JobSearchRequest => {
  const { category, eventType, ...rest } = raw
  const parsed = schema.safeParse({
    ...rest,
    categories: rest.categories ?? category,
    eventTypes: rest.eventTypes ?? eventType,
  })
  if (!parsed.success) {
    throw new SearchRequestError(
      parsed.error.issues.map((issue) => ({
        field:
          issue.path.join('.') ||
          (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'request'),
        message:
          issue.code === 'unrecognized_keys' ? 'is not a job search parameter' : issue.message,
      })),
    )
  }
  const value = parsed.data
  const problems: FieldProblem[] = []
  let location: JobSearchRequest['location'] = null
  const hasPoint = value.lat !== undefined || value.lng !== undefined
  if (hasPoint && (value.lat === undefined || value.lng === undefined)) {
    problems.push({ field: 'lat', message: 'needs both lat and lng' })
  } else if (hasPoint && value.near) {
    problems.push({ field: 'near', message: 'takes either lat/lng or a place name, not both' })
  } else if (hasPoint) {
    location = { lat: value.lat!, lng: value.lng!, radiusKm: value.radius ?? DEFAULT_RADIUS_KM }
  } else if (value.near) {
    location = { place: value.near, radiusKm: value.radius ?? null }
  } else if (value.radius !== undefined) {
    problems.push({ field: 'radius', message: 'a radius needs lat/lng or a place name' })
  }
  if (value.from && value.to && value.to < value.from) {
    problems.push({ field: 'to', message: 'must be on or after from' })
  }
  if (value.budgetMin != null && value.budgetMax != null && value.budgetMax < value.budgetMin) {
    problems.push({ field: 'budgetMax', message: 'must be at least budgetMin' })
  }
  const sort = value.sort ?? 'relevance'
  if (sort === 'distance' && !location) {
    problems.push({ field: 'sort', message: 'distance needs a location (near, or lat and lng)' })
  }
  if (problems.length) throw new SearchRequestError(problems)
  return {
    text: value.q?.trim() ?? '',
    categories: value.categories ?? [],
    region: value.region ?? null,
    eventTypes: value.eventTypes ?? [],
    location,
    eventDateFrom: value.from ?? null,
    eventDateTo: value.to ?? null,
    budgetMin: value.budgetMin ?? null,
    budgetMax: value.budgetMax ?? null,
    urgentOnly: value.urgent === 'true',
    sort,
    page: value.page ?? 1,
    limit: value.limit ?? 20,
  }
}
