import { z } from 'zod'

import { field, type Located, parseRequest, resolveLocation, schemaFor } from '../shared/request'
import type { SanitizedSearchPluginConfig } from '../types'
import { JOB_SORTS, type JobQuery } from './types'

const MAX_BUDGET = 10_000_000

const dollars = field
  .number()
  .pipe(
    z
      .number()
      .int('must be whole dollars')
      .min(0, 'must be 0 or more')
      .max(MAX_BUDGET, 'is too large')
      .optional(),
  )

/** A comma-separated list (or repeated parameter) of known values, at most `max`. */
const listOf = (options: readonly { value: string }[], max: number) =>
  z.preprocess(
    (value) =>
      value == null || value === ''
        ? undefined
        : Array.isArray(value)
          ? value
          : String(value).split(','),
    z
      .array(
        z.enum(options.map((t) => t.value) as [string, ...string[]], {
          error: `must be one of ${options.map((t) => t.value).join(', ')}`,
        }),
      )
      .max(max)
      .optional(),
  )

const jobSearchSchema = schemaFor(({ regions, eventTypes }: JobSearchValues) =>
  z
    .object({
      q: field.text,
      categories: field.categorySlugs,
      region: listOf(regions, regions.length),
      eventTypes: listOf(eventTypes, 10),
      near: field.placeName,
      lat: field.latitude,
      lng: field.longitude,
      radius: field.radiusKm,
      from: field.isoDate,
      to: field.isoDate,
      budgetMin: dollars,
      budgetMax: dollars,
      urgent: field.yesNo,
      sort: z.preprocess(
        field.blankToUndefined,
        z.enum(JOB_SORTS, { error: `must be one of ${JOB_SORTS.join(', ')}` }).optional(),
      ),
      page: field.page,
      limit: field.limit,
    })
    .strict(),
)

/** A job search as the endpoint reads it: the engine's query with the location still to geocode. */
export type JobSearchRequest = Located<Omit<JobQuery, 'now'>>

/** The values `region` and `eventTypes` may take. */
type JobSearchValues = Pick<SanitizedSearchPluginConfig, 'regions' | 'eventTypes'>

/**
 * Reads a job board search from a query string: `q`, `categories` (`category`), `region` (one
 * or several, comma-separated),
 * `eventTypes` (`eventType`), `near` or `lat`/`lng` with `radius`, event dates `from`/`to`,
 * a budget range that must overlap the job's (`budgetMin`/`budgetMax`), `urgent`, `sort`,
 * `page`, `limit`.
 */
export const parseJobSearchRequest = (
  raw: Record<string, unknown>,
  values: JobSearchValues,
): JobSearchRequest => {
  const { category, eventType, ...rest } = raw
  const input = {
    ...rest,
    categories: rest.categories ?? category,
    eventTypes: rest.eventTypes ?? eventType,
  }
  return parseRequest(jobSearchSchema(values), input, 'job search', (value, problems) => {
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
    return {
      text: value.q?.trim() ?? '',
      categories: value.categories ?? [],
      regions: [...new Set(value.region ?? [])],
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
  })
}
