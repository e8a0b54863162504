import type { Payload } from 'payload'

import { searchConfig } from '../runtime'
import type { Place } from '../types'
import type { Near } from './engine'
import { type RequestedLocation, SearchRequestError } from './request'

/**
 * A requested location as a point and radius: a place name goes through the geocoder (its own
 * radius unless one was asked for); an unknown place is a 400 naming `placeField`.
 */
export const resolveNear = async (
  payload: Payload,
  location: RequestedLocation | null,
  placeField: string,
): Promise<{
  near: Near | null
  place: Place | null
}> => {
  if (!location) return { near: null, place: null }
  if (!('place' in location)) return { near: location, place: null }
  const { geocoder, unknownPlace } = searchConfig(payload)
  const place = await geocoder.geocode(location.place)
  if (!place) {
    throw new SearchRequestError([{ field: placeField, message: unknownPlace(location.place) }])
  }
  return {
    near: { lat: place.lat, lng: place.lng, radiusKm: location.radiusKm ?? place.radiusKm },
    place,
  }
}
