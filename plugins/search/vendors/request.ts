import { z } from 'zod'

import { field, type Located, parseRequest, resolveLocation, schemaFor } from '../shared/request'
import type { SanitizedSearchPluginConfig } from '../types'
import { type EngineQuery, SORTS } from './types'

const MAX_AVAILABILITY_DAYS = 366

const searchSchema = schemaFor(({ regions, priceRanges }: SearchValues) =>
  z
    .object({
      query: field.text,
      categories: field.categorySlugs,
      location: z
        .object({
          lat: field.latitude,
          lng: field.longitude,
          radius: field.radiusKm,
          place: field.placeName,
        })
        .strict()
        .optional(),
      region: field.oneOf(regions),
      priceRange: field.oneOf(priceRanges),
      rating: field
        .number()
        .pipe(
          z.number().min(0, 'must be between 0 and 5').max(5, 'must be between 0 and 5').optional(),
        ),
      verified: field.yesNo,
      availability: z
        .object({ startDate: field.isoDate, endDate: field.isoDate })
        .strict()
        .optional(),
      pagination: z
        .object({
          page: field.page,
          limit: field.limit,
        })
        .strict()
        .optional(),
      sortBy: z.preprocess(
        field.blankToUndefined,
        z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).optional(),
      ),
      bounds: z.preprocess(
        field.blankToUndefined,
        z
          .string()
          .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'must be south,west,north,east')
          .optional(),
      ),
      facets: field.yesNo,
    })
    .strict(),
)

/**
 * A vendor search as the endpoint reads it: the engine's query, but with the location still
 * to geocode and the words under the name the API gives them.
 */
export type SearchRequest = Located<Omit<EngineQuery, 'text'>> & { query: string }

/** The values `region` and `priceRange` may take. */
type SearchValues = Pick<SanitizedSearchPluginConfig, 'regions' | 'priceRanges'>

/**
 * Reads the architecture's VendorSearchRequest from a query string. Nested keys
 * (`location[lat]`, `pagination[page]`) and the short forms a person types into a URL
 * (`q`, `near`, `lat`, `lng`, `radius`, `page`, `limit`, `sort`, `category`, `from`, `to`)
 * mean the same thing.
 */
export const parseSearchRequest = (
  raw: Record<string, unknown>,
  values: SearchValues,
): SearchRequest => {
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
  return parseRequest(searchSchema(values), input, 'search', (value, problems) => {
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
        Math.abs(south) > 90 ||
        Math.abs(north) > 90 ||
        Math.abs(west) > 180 ||
        Math.abs(east) > 180
      ) {
        problems.push({
          field: 'bounds',
          message:
            'must be south,west,north,east with south ≤ north (a west edge east of the east edge crosses the 180° meridian)',
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
  })
}
