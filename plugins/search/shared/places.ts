import type { Endpoint } from 'payload'
import { z } from 'zod'

import { apiError, apiJson } from '@/lib/kit/response'

import { searchConfig } from '../runtime'
import type { SearchPluginConfig } from '../types'
import type { Contract } from './contract'
import { labelOf } from './options'

/** The places the endpoint answers with, as it maps them from `suggestPlaces`. */
const PlaceSuggestion = z.object({
  name: z.string(),
  kind: z.enum(['town', 'region', 'address']),
  region: z.string().nullable(),
  regionLabel: z.string().describe("The region's label; empty when it has none."),
  lat: z.number(),
  lng: z.number(),
  radiusKm: z.number().describe('A sensible search radius around the place.'),
})

/** `GET /api/places?q=wel` — towns and regions for "near" autocomplete. */
export const placesEndpoint = (
  suggestPlaces: NonNullable<SearchPluginConfig['suggestPlaces']>,
): Endpoint => ({
  path: '/places',
  method: 'get',
  handler: async (req) => {
    const q = req.query?.q
    if (typeof q !== 'string' || q.length > 100) {
      return apiError(
        req,
        400,
        'INVALID_PLACE_QUERY',
        'Give the start of a place name as q (up to 100 characters).',
      )
    }
    const { regions } = searchConfig(req.payload)
    const places = suggestPlaces(q, 8).map((place) => ({
      name: place.name,
      kind: place.kind,
      region: place.region,
      regionLabel: labelOf(regions, place.region),
      lat: place.lat,
      lng: place.lng,
      radiusKm: place.radiusKm,
    }))
    return apiJson(
      req,
      { success: true, data: { places } },
      { headers: { 'Cache-Control': 'public, max-age=3600' } },
    )
  },
  custom: {
    openapi: {
      summary: 'Suggest places',
      description:
        'Up to 8 places (towns, regions) for what has been typed into a "near" field, as the plugin\'s `suggestPlaces` finds them. 400 `INVALID_PLACE_QUERY` without `q`.',
      caller: 'public',
      query: z.object({
        q: z.string().max(100).describe('The start of a place name.'),
      }),
      response: z.object({
        success: z.literal(true),
        data: z.object({ places: z.array(PlaceSuggestion) }),
      }),
    } satisfies Contract,
  },
})
