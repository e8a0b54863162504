export type LatLng = { lat: number; lng: number }

/** Mean Earth radius (IUGG), the one every distance on the site is measured with. */
export const EARTH_RADIUS_KM = 6371.0088

const toRadians = (degrees: number) => (degrees * Math.PI) / 180

/** Great-circle distance in kilometres. The PostgreSQL engines use the same formula in SQL. */
export const haversineKm = (a: LatLng, b: LatLng): number => {
  const dLat = toRadians(b.lat - a.lat)
  const dLng = toRadians(b.lng - a.lng)
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Whether `lng` lies between `west` and `east` going east. A box whose west edge is east of its
 * east edge crosses the 180° meridian (a map of the Chatham Islands' side), as Meilisearch's
 * `_geoBoundingBox` allows.
 */
export const withinLongitudes = (lng: number, west: number, east: number): boolean =>
  west <= east ? lng >= west && lng <= east : lng >= west || lng <= east

export const isLatitude = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= -90 && value <= 90

export const isLongitude = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= -180 && value <= 180
