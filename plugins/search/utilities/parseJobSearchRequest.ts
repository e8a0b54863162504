import { z } from 'zod'

import { EVENT_TYPES } from '@/lib/constants'

import { JOB_SORTS, type JobSort } from '../engines/jobs/types'
import {
  blankToUndefined,
  fieldProblems,
  type FieldProblem,
  isoDate,
  latitude,
  list,
  longitude,
  number,
  pageLimit,
  pageNumber,
  placeName,
  radiusKm,
  regionValue,
  type RequestedLocation,
  resolveLocation,
  SearchRequestError,
  searchText,
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
    q: searchText,
    categories: list,
    region: regionValue,
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
    near: placeName,
    lat: latitude,
    lng: longitude,
    radius: radiusKm,
    from: isoDate,
    to: isoDate,
    budgetMin: dollars,
    budgetMax: dollars,
    urgent: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
    sort: z.preprocess(
      blankToUndefined,
      z.enum(JOB_SORTS, { error: `must be one of ${JOB_SORTS.join(', ')}` }).optional(),
    ),
    page: pageNumber,
    limit: pageLimit,
  })
  .strict()

export type JobSearchRequest = {
  text: string
  categories: string[]
  region: string | null
  eventTypes: string[]
  location: RequestedLocation | null
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
  if (!parsed.success) throw new SearchRequestError(fieldProblems(parsed.error, 'job search'))
  const value = parsed.data
  const problems: FieldProblem[] = []
  const location = resolveLocation(
    { lat: value.lat, lng: value.lng, radius: value.radius, place: value.near },
    problems,
    { point: 'lat', place: 'near', radius: 'radius' },
  )
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
