import { foldText, type Geocoder, isLatitude, isLongitude } from '@/plugins/search'

import { NZ_REGIONS } from '../constants'
import { lookupPlace } from './gazetteer'

/** The built-in list of towns and regions: no network, no key. */
export const gazetteerGeocoder = (): Geocoder => ({
  name: 'gazetteer',
  geocode: async (query) => lookupPlace(query),
})

type MapboxFeature = {
  geometry?: { coordinates?: [number, number] }
  properties?: {
    name?: string
    feature_type?: string
    context?: { region?: { name?: string } }
  }
}

export type MapboxGeocoderOptions = {
  token: string
  /** @default 'https://api.mapbox.com' */
  baseUrl?: string
  fetch?: typeof fetch
  onError?: (error: unknown) => void
}

const RADIUS_BY_FEATURE_TYPE: Record<string, number> = {
  address: 10,
  street: 10,
  neighborhood: 10,
  locality: 15,
  place: 25,
  district: 60,
  region: 150,
}

/**
 * Mapbox Geocoding v6 for addresses and suburbs the gazetteer does not list. Towns and regions
 * are still answered from the gazetteer (instant and free); Mapbox failing falls back to it, and
 * the failure is kept for the search health view. The token is the server's own: Mapbox advises
 * URL-restricting the browser's public token, and a restricted token refuses requests that
 * carry no Referer, as a server's do.
 */
export const mapboxGeocoder = ({
  token,
  baseUrl = 'https://api.mapbox.com',
  fetch: fetchImpl = fetch,
  onError,
}: MapboxGeocoderOptions): Geocoder => {
  let lastError: { message: string; at: string } | null = null
  return {
    name: 'mapbox',
    lastError: () => lastError,
    geocode: async (query) => {
      const known = lookupPlace(query)
      if (known) return known
      const url = new URL('/search/geocode/v6/forward', baseUrl)
      url.search = new URLSearchParams({
        q: query.slice(0, 256),
        country: 'nz',
        limit: '1',
        language: 'en',
        access_token: token,
      }).toString()
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(3000) })
        if (!response.ok) {
          const refused = response.status === 401 || response.status === 403
          throw new Error(
            `Mapbox geocoding answered ${response.status}${refused ? ': check MAPBOX_SERVER_TOKEN is a token Mapbox accepts from a server (no URL restriction)' : ''}`,
          )
        }
        lastError = null
        const body = (await response.json()) as { features?: MapboxFeature[] }
        const feature = body.features?.[0]
        const [lng, lat] = feature?.geometry?.coordinates ?? []
        if (!feature || !isLatitude(lat) || !isLongitude(lng)) return null
        const regionName = foldText(feature.properties?.context?.region?.name ?? '')
        const region =
          NZ_REGIONS.find((r) => regionName.startsWith(foldText(r.label)))?.value ?? null
        const featureType = feature.properties?.feature_type ?? 'place'
        return {
          name: feature.properties?.name ?? query,
          kind: featureType === 'region' ? 'region' : featureType === 'place' ? 'town' : 'address',
          region,
          lat,
          lng,
          radiusKm: RADIUS_BY_FEATURE_TYPE[featureType] ?? 25,
        }
      } catch (error) {
        lastError = {
          message: error instanceof Error ? error.message : String(error),
          at: new Date().toISOString(),
        }
        onError?.(error)
        return null
      }
    },
  }
}
