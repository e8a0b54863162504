import type { Endpoint } from 'payload'

import { apiError, apiJson } from '@/lib/kit/response'

import { searchConfig } from '../runtime'
import type { SearchPluginConfig } from '../types'
import { labelOf } from './options'

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
})
