import Supercluster from 'supercluster'

/**
 * Pins and clusters for a map, computed one way for both maps (the offline one and Mapbox) with
 * `supercluster`: vendors closer than `CLUSTER_RADIUS_PX` on screen at a zoom become one
 * numbered cluster. Zoom is Web Mercator's, 512-pixel tiles (Mapbox GL's), so the offline map
 * passes the zoom its scale corresponds to (`zoomForScale`).
 */

export type MapVendor = {
  id: number
  slug: string
  businessName: string
  rating: { average: number; count: number }
  location: { city: string; lat: number | null; lng: number | null }
}

export type MapBounds = { south: number; west: number; north: number; east: number }

export type MapMarker<V extends MapVendor = MapVendor> =
  | { kind: 'pin'; id: string; lat: number; lng: number; vendor: V }
  | {
      kind: 'cluster'
      id: string
      lat: number
      lng: number
      count: number
      /** The zoom at which this cluster splits: tapping it zooms there. */
      expansionZoom: number
    }

/** Pins this far apart (screen pixels at 512-px tiles) or closer are clustered. */
export const CLUSTER_RADIUS_PX = 48
export const MAX_CLUSTER_ZOOM = 16

export type VendorClusters<V extends MapVendor> = {
  markers: (bounds: MapBounds, zoom: number) => MapMarker<V>[]
}

/** An index of the vendors that have a location, ready to be asked for any view. */
export const clusterVendors = <V extends MapVendor>(vendors: V[]): VendorClusters<V> => {
  const index = new Supercluster<{ vendor: V }, Record<string, never>>({
    radius: CLUSTER_RADIUS_PX,
    maxZoom: MAX_CLUSTER_ZOOM,
  })
  index.load(
    vendors.flatMap((vendor) =>
      vendor.location.lat != null && vendor.location.lng != null
        ? [
            {
              type: 'Feature' as const,
              geometry: {
                type: 'Point' as const,
                coordinates: [vendor.location.lng, vendor.location.lat],
              },
              properties: { vendor },
            },
          ]
        : [],
    ),
  )
  return {
    markers: ({ south, west, north, east }, zoom) =>
      index
        .getClusters([west, south, east, north], Math.max(0, Math.floor(zoom)))
        .map((feature): MapMarker<V> => {
          const [lng, lat] = feature.geometry.coordinates as [number, number]
          const properties = feature.properties
          if ('cluster' in properties && properties.cluster) {
            const clusterId = properties.cluster_id
            return {
              kind: 'cluster',
              id: `cluster-${clusterId}`,
              lat,
              lng,
              count: properties.point_count,
              expansionZoom: index.getClusterExpansionZoom(clusterId),
            }
          }
          const { vendor } = properties as { vendor: V }
          return { kind: 'pin', id: `vendor-${vendor.id}`, lat, lng, vendor }
        }),
  }
}

/**
 * The Web Mercator zoom (512-px tiles) at which a degree of longitude is `pxPerDegree` screen
 * pixels wide: how the offline map, which is not tiled, asks for the clusters Mapbox would show.
 */
export const zoomForScale = (pxPerDegree: number): number => Math.log2((pxPerDegree * 360) / 512)

/** The name a screen reader reads for a marker: the vendor's, or how many vendors it holds. */
export const markerLabel = (marker: MapMarker): string =>
  marker.kind === 'pin' ? marker.vendor.businessName : `${marker.count} vendors`
