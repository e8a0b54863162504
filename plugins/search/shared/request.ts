import { z } from 'zod'

import type { SearchOption } from '../types'

const MAX_LIMIT = 50
const MAX_RADIUS_KM = 2000
const DEFAULT_RADIUS_KM = 50

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value)
const blankToUndefined = (value: unknown) => {
  const v = first(value)
  return typeof v === 'string' && v.trim() === '' ? undefined : v
}
const number = () =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).optional())
const isoDate = z
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
const list = z.preprocess(
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

const searchText = z.preprocess(
  blankToUndefined,
  z.string().max(200, 'must be 200 characters or fewer').optional(),
)
/** One of the values of a select field (the regions, the price ranges …), or nothing. */
const oneOf = (options: readonly SearchOption[]) =>
  z.preprocess(
    blankToUndefined,
    z.enum(options.map((option) => option.value) as [string, ...string[]]).optional(),
  )
const latitude = number().pipe(
  z
    .number()
    .min(-90, 'must be between -90 and 90')
    .max(90, 'must be between -90 and 90')
    .optional(),
)
const longitude = number().pipe(
  z
    .number()
    .min(-180, 'must be between -180 and 180')
    .max(180, 'must be between -180 and 180')
    .optional(),
)
const radiusKm = number().pipe(
  z
    .number()
    .gt(0, 'must be more than 0 km')
    .max(MAX_RADIUS_KM, `must be ${MAX_RADIUS_KM} km or less`)
    .optional(),
)
const placeName = z.preprocess(
  blankToUndefined,
  z.string().max(100, 'must be 100 characters or fewer').optional(),
)
const pageNumber = number().pipe(
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(1000, 'must be 1000 or less')
    .optional(),
)
const pageLimit = number().pipe(
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(MAX_LIMIT, `must be ${MAX_LIMIT} or less`)
    .optional(),
)

/** `true` or `false`, or nothing. */
const yesNo = z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional())

/** The parameters the vendor search and the job board read alike, as zod schemas. */
export const field = {
  number,
  isoDate,
  categorySlugs: list,
  text: searchText,
  oneOf,
  latitude,
  longitude,
  radiusKm,
  placeName,
  page: pageNumber,
  limit: pageLimit,
  yesNo,
  blankToUndefined,
}

export type FieldProblem = { field: string; message: string }

/** An engine's query as an endpoint reads it: with the location still to geocode. */
export type Located<Query> = Omit<Query, 'near'> & { location: RequestedLocation | null }

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
 * Reads a request with its schema, then `read` checks what the schema cannot (how parameters
 * go together), adding to `problems`; a SearchRequestError names every bad parameter.
 */
export const parseRequest = <T extends z.ZodType, Request>(
  schema: T,
  input: unknown,
  what: string,
  read: (value: z.infer<T>, problems: FieldProblem[]) => Request,
): Request => {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw new SearchRequestError(fieldProblems(parsed.error, what))
  const problems: FieldProblem[] = []
  const request = read(parsed.data, problems)
  if (problems.length) throw new SearchRequestError(problems)
  return request
}

/** Memoises a request schema per set of plugin options: built once, not on every request. */
export const schemaFor = <Options extends object, Schema>(build: (options: Options) => Schema) => {
  const schemas = new WeakMap<Options, Schema>()
  return (options: Options): Schema => {
    let schema = schemas.get(options)
    if (!schema) {
      schema = build(options)
      schemas.set(options, schema)
    }
    return schema
  }
}
