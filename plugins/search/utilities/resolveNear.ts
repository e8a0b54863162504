import type { Payload } from 'payload'

import type { Place } from '@/lib/geo/gazetteer'

import { type RequestedLocation, SearchRequestError } from './parseSearchRequest'
import { searchConfig } from './runtime'

/**
 * A requested location as a point and radius: a place name goes through the geocoder (its own
 * radius unless one was asked for); an unknown place is a 400 naming `placeField`.
 */
export const resolveNear = async (
  payload: Payload,
  location: RequestedLocation | null,
  placeField: string,
): Promise<{
  near: { lat: number; lng: number; radiusKm: number } | null
  place: Place | null
}> => {
  if (!location) return { near: null, place: null }
  if (!('place' in location)) return { near: location, place: null }
  const place = await searchConfig(payload).geocoder.geocode(location.place)
  if (!place) {
    throw new SearchRequestError([
      { field: placeField, message: `"${location.place}" is not a place in New Zealand we know` },
    ])
  }
  return {
    near: { lat: place.lat, lng: place.lng, radiusKm: location.radiusKm ?? place.radiusKm },
    place,
  }
}
