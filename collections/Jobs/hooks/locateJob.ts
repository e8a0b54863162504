import type { CollectionBeforeValidateHook } from 'payload'

import { lookupPlace } from '@/lib/geo'
import type { Job } from '@/payload-types'

/**
 * Organizers name a town; the gazetteer gives its region and coordinates so vendors can filter
 * and see distances. Coordinates sent by the client (a map pin) are kept.
 */
export const locateJob: CollectionBeforeValidateHook<Job> = ({ data }) => {
  const location = data?.location
  if (!location?.city) return data
  const hasPoint = typeof location.lat === 'number' && typeof location.lng === 'number'
  if (hasPoint && location.region) return data
  const place = lookupPlace(location.city)
  if (!place) return data
  return {
    ...data,
    location: {
      ...location,
      city: place.kind === 'town' ? place.name : location.city,
      region: location.region ?? place.region ?? undefined,
      lat: hasPoint ? location.lat : place.lat,
      lng: hasPoint ? location.lng : place.lng,
    },
  }
}
