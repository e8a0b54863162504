import { z } from 'zod'

import { field } from './request'

// The one import from outside the plugin, and a type only: erased from the build, so search
// still runs without the OpenAPI plugin. The contracts on its endpoints are checked against it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- a type, erased at runtime
export type { Contract } from '../../openapi'

/*
 * What the search endpoints' contracts say about their query strings. The request schemas are
 * built from the plugin's options (the regions, price ranges and event types a site has), which
 * a module's endpoint cannot see, and read aliases and nested keys before validating, so the
 * contracts describe the query string as sent: the `field` parsers where their JSON Schema says
 * everything, and plain bounds for the numbers, whose limits sit in a pipe the input side hides.
 */

/** The location parameters both searches read alike (`resolveLocation`). */
export const locationQuery = {
  near: field.placeName.describe(
    'A place to search around (a town or region, geocoded); 400 for a place we do not know. Not with `lat`/`lng`.',
  ),
  lat: z
    .number()
    .min(-90)
    .max(90)
    .optional()
    .describe('Latitude of the point to search around; with `lng`.'),
  lng: z
    .number()
    .min(-180)
    .max(180)
    .optional()
    .describe('Longitude of the point to search around; with `lat`.'),
  radius: z
    .number()
    .gt(0)
    .max(2000)
    .optional()
    .describe(
      "Kilometres around the point (50 unless given) or the place (the place's own radius unless given); needs a point or a place.",
    ),
}

/** The page parameters both searches read alike. */
export const pageQuery = {
  page: z.number().int().min(1).max(1000).optional().describe('The page, from 1; 1 unless given.'),
  limit: z.number().int().min(1).max(50).optional().describe('Hits a page; 20 unless given.'),
}

/** A list of category slugs, comma-separated or repeated. */
export const categoriesQuery = field.categorySlugs.describe(
  'Category slugs, comma-separated or repeated (up to 20): a hit is in one of them or below one.',
)

/** The search's words. */
export const textQuery = field.text

/** `true` or `false`. */
export const yesNoQuery = field.yesNo

/** An ISO date, `YYYY-MM-DD`. */
export const dateQuery = field.isoDate

const SearchMeta = z.object({
  pagination: z.object({
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
  }),
  location: z
    .object({
      name: z.string().nullable().describe('The place searched around, when one was named.'),
      lat: z.number(),
      lng: z.number(),
      radiusKm: z.number(),
    })
    .nullable(),
  engine: z.string().describe('The engine that answered (`postgres`, `meilisearch`).'),
  tookMs: z.number(),
  timestamp: z.string(),
})

/** `CategoryFacet`: categories with a match, most matches first. */
export const CategoryFacetSchema = z.array(
  z.object({ slug: z.string(), name: z.string(), count: z.number().int() }),
)

/** `LabelledFacet`: values of one of the plugin's option lists, with their labels. */
export const LabelledFacetSchema = z.array(
  z.object({ value: z.string(), label: z.string(), count: z.number().int() }),
)

/** `SearchResponse<Data>`: the hits and facets on a page (`data`), and `meta`. */
export const searchResponse = <Data extends z.ZodRawShape>(data: Data) =>
  z.object({
    success: z.literal(true),
    data: z.object({
      ...data,
      total: z.number().int(),
      page: z.number().int(),
      limit: z.number().int(),
      hasMore: z.boolean(),
    }),
    meta: SearchMeta,
  })

/** What a hit's `distanceKm` says; present only when a location was searched. */
export const distanceKm = z
  .number()
  .optional()
  .describe(
    'From the searched point, to 0.1 km; only when a location was given and the hit has one.',
  )
