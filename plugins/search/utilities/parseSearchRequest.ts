import { z } from 'zod'

import { NZ_REGIONS, PRICE_RANGES } from '@/lib/constants'

import { SORTS } from '../engines/types'

export const MAX_LIMIT = 50
export const MAX_RADIUS_KM = 2000
export const DEFAULT_RADIUS_KM = 50
const MAX_AVAILABILITY_DAYS = 366

export const first = (value: unknown) => (Array.isArray(value) ? value[0] : value)
export const blankToUndefined = (value: unknown) => {
  const v = first(value)
  return typeof v === 'string' && v.trim() === '' ? undefined : v
}
export const number = () =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).optional())
export const isoDate = z
  .preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2027-02-14')
      .optional(),
  )
  .refine(
    (value) => value === undefined || !Number.isNaN(Date.parse(`${value}T00:00:00Z`)),
    'is not a real date',
  )

/** `a,b` or repeated `categories[]=a&categories[]=b`: both become a list. */
export const list = z.preprocess(
  (value) => {
    if (value == null || value === '') return undefined
    const items = Array.isArray(value) ? value : String(value).split(',')
    return items.map((item) => String(item).trim()).filter(Boolean)
  },
  z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a category slug'))
    .max(20)
    .optional(),
)

/** Fields the vendor search and the job board read alike. */
export const searchText = z.preprocess(
  blankToUndefined,
  z.string().max(200, 'must be 200 characters or fewer').optional(),
)
export const regionValue = z.preprocess(
  blankToUndefined,
  z.enum(NZ_REGIONS.map((r) => r.value) as [string, ...string[]]).optional(),
)
export const latitude = number().pipe(
  z
    .number()
    .min(-90, 'must be between -90 and 90')
    .max(90, 'must be between -90 and 90')
    .optional(),
)
export const longitude = number().pipe(
  z
    .number()
    .min(-180, 'must be between -180 and 180')
    .max(180, 'must be between -180 and 180')
    .optional(),
)
export const radiusKm = number().pipe(
  z
    .number()
    .gt(0, 'must be more than 0 km')
    .max(MAX_RADIUS_KM, `must be ${MAX_RADIUS_KM} km or less`)
    .optional(),
)
export const placeName = z.preprocess(
  blankToUndefined,
  z.string().max(100, 'must be 100 characters or fewer').optional(),
)
export const pageNumber = number().pipe(
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(1000, 'must be 1000 or less')
    .optional(),
)
export const pageLimit = number().pipe(
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(MAX_LIMIT, `must be ${MAX_LIMIT} or less`)
    .optional(),
)

const schema = z
  .object({
    query: searchText,
    categories: list,
    location: z
      .object({
        lat: latitude,
        lng: longitude,
        radius: radiusKm,
        place: placeName,
      })
      .strict()
      .optional(),
    region: regionValue,
    priceRange: z.preprocess(
      blankToUndefined,
      z.enum(PRICE_RANGES.map((p) => p.value) as [string, ...string[]]).optional(),
    ),
    rating: number().pipe(
      z.number().min(0, 'must be between 0 and 5').max(5, 'must be between 0 and 5').optional(),
    ),
    verified: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
    availability: z.object({ startDate: isoDate, endDate: isoDate }).strict().optional(),
    pagination: z
      .object({
        page: pageNumber,
        limit: pageLimit,
      })
      .strict()
      .optional(),
    sortBy: z.preprocess(
      blankToUndefined,
      z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).optional(),
    ),
    bounds: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'must be south,west,north,east')
        .optional(),
    ),
    facets: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
  })
  .strict()

export type SearchRequest = {
  query: string
  categories: string[]
  location: RequestedLocation | null
  region: string | null
  priceRange: string | null
  minRating: number | null
  verifiedOnly: boolean
  availability: { startDate: string; endDate: string } | null
  bounds: { south: number; west: number; north: number; east: number } | null
  page: number
  limit: number
  sort: (typeof SORTS)[number]
  facets: boolean
}

export type FieldProblem = { field: string; message: string }

export type RequestedLocation =
  { lat: number; lng: number; radiusKm: number } | { place: string; radiusKm: number | null }

/**
 * A point with a radius, or a place name still to geocode, from lat/lng/radius/place; what is
 * inconsistent is added to `problems` under the names the request used.
 */
export const resolveLocation = (
  location: { lat?: number; lng?: number; radius?: number; place?: string },
  problems: FieldProblem[],
  fields: { point: string; place: string; radius: string },
): RequestedLocation | null => {
  const { lat, lng, radius, place } = location
  const hasPoint = lat !== undefined || lng !== undefined
  if (hasPoint && (lat === undefined || lng === undefined)) {
    problems.push({ field: fields.point, message: 'needs both lat and lng' })
  } else if (hasPoint && place) {
    problems.push({
      field: fields.place,
      message: 'takes either lat/lng or a place name, not both',
    })
  } else if (hasPoint) {
    return { lat: lat!, lng: lng!, radiusKm: radius ?? DEFAULT_RADIUS_KM }
  } else if (place) {
    return { place, radiusKm: radius ?? null }
  } else if (radius !== undefined) {
    problems.push({ field: fields.radius, message: 'a radius needs lat/lng or a place name' })
  }
  return null
}

/** zod's issues as the API's field problems. */
export const fieldProblems = (error: z.ZodError, what: string): FieldProblem[] =>
  error.issues.map((issue) => ({
    field:
      issue.path.join('.') ||
      (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'request'),
    message: issue.code === 'unrecognized_keys' ? `is not a ${what} parameter` : issue.message,
  }))

export class SearchRequestError extends Error {
  constructor(readonly details: FieldProblem[]) {
    super(details.map((d) => `${d.field} ${d.message}`).join('; '))
    this.name = 'SearchRequestError'
  }
}

/**
 * Reads the architecture's VendorSearchRequest from a query string. Nested keys
 * (`location[lat]`, `pagination[page]`) and the short forms a person types into a URL
 * (`q`, `near`, `lat`, `lng`, `radius`, `page`, `limit`, `sort`, `category`, `from`, `to`)
 * mean the same thing.
 */
export const parseSearchRequest = (raw: Record<string, unknown>): SearchRequest => {
  const {
    q,
    near,
    lat,
    lng,
    radius,
    page,
    limit,
    sort,
    category,
    from,
    to,
    startDate,
    endDate,
    ...rest
  } = raw
  const object = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? value : {}
  const location = { ...object(rest.location) } as Record<string, unknown>
  if (lat !== undefined) location.lat = lat
  if (lng !== undefined) location.lng = lng
  if (radius !== undefined) location.radius = radius
  if (near !== undefined) location.place = near
  const pagination = { ...object(rest.pagination) } as Record<string, unknown>
  if (page !== undefined) pagination.page = page
  if (limit !== undefined) pagination.limit = limit
  const dates = { ...object(rest.availability) } as Record<string, unknown>
  if (from ?? startDate) dates.startDate = from ?? startDate
  if (to ?? endDate) dates.endDate = to ?? endDate
  const input = {
    ...rest,
    query: rest.query ?? q,
    categories: rest.categories ?? category,
    sortBy: rest.sortBy ?? sort,
    location: Object.keys(location).length ? location : undefined,
    pagination: Object.keys(pagination).length ? pagination : undefined,
    availability: Object.keys(dates).length ? dates : undefined,
  }
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw new SearchRequestError(fieldProblems(parsed.error, 'search'))
  const value = parsed.data
  const problems: FieldProblem[] = []

  const resolvedLocation = value.location
    ? resolveLocation(value.location, problems, {
        point: 'location',
        place: 'location',
        radius: 'location',
      })
    : null

  let availability: SearchRequest['availability'] = null
  if (value.availability) {
    const { startDate: start, endDate: end } = value.availability
    if (!start || !end) {
      problems.push({ field: 'availability', message: 'needs both startDate and endDate' })
    } else if (end < start) {
      problems.push({ field: 'availability.endDate', message: 'must be on or after startDate' })
    } else if ((Date.parse(end) - Date.parse(start)) / 86_400_000 > MAX_AVAILABILITY_DAYS) {
      problems.push({
        field: 'availability',
        message: `may span at most ${MAX_AVAILABILITY_DAYS} days`,
      })
    } else {
      availability = { startDate: start, endDate: end }
    }
  }

  let bounds: SearchRequest['bounds'] = null
  if (value.bounds) {
    const [south, west, north, east] = value.bounds.split(',').map(Number) as [
      number,
      number,
      number,
      number,
    ]
    if (
      [south, west, north, east].some((n) => !Number.isFinite(n)) ||
      south > north ||
      west > east ||
      Math.abs(south) > 90 ||
      Math.abs(north) > 90 ||
      Math.abs(west) > 180 ||
      Math.abs(east) > 180
    ) {
      problems.push({
        field: 'bounds',
        message: 'must be south,west,north,east with south ≤ north and west ≤ east',
      })
    } else {
      bounds = { south, west, north, east }
    }
  }

  const sortBy = value.sortBy ?? 'relevance'
  if (sortBy === 'distance' && !resolvedLocation) {
    problems.push({
      field: 'sortBy',
      message: 'distance needs a location (lat/lng or a place name)',
    })
  }
  if (problems.length) throw new SearchRequestError(problems)

  return {
    query: value.query?.trim() ?? '',
    categories: value.categories ?? [],
    location: resolvedLocation,
    region: value.region ?? null,
    priceRange: value.priceRange ?? null,
    minRating: value.rating ?? null,
    verifiedOnly: value.verified === 'true',
    availability,
    bounds,
    page: value.pagination?.page ?? 1,
    limit: value.pagination?.limit ?? 20,
    sort: sortBy,
    facets: value.facets !== 'false',
  }
}
