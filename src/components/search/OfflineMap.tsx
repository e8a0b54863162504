import { coastlinePath, frameAround, NZ_FRAME, projection } from '@/lib/geo/nzOutline'
import type { MapVendor } from '@/lib/geo/clusters'

import { type Circle, MapResults } from './MapResults'

type Props = {
  vendors: MapVendor[]
  circle: Circle | null
  bounds: { south: number; west: number; north: number; east: number } | null
}

const BASE_WIDTH = 600

/**
 * The map used when Mapbox is not configured: New Zealand's coastline from the bundled Natural
 * Earth data, drawn once on the server, which the browser pans and zooms with no network.
 */
export function OfflineMap({ vendors, circle, bounds }: Props) {
  const { project, height } = projection(NZ_FRAME, BASE_WIDTH)
  const located = vendors.flatMap((v) =>
    v.location.lat != null && v.location.lng != null
      ? [{ lat: v.location.lat, lng: v.location.lng }]
      : [],
  )
  const start = bounds ?? frameAround(located, circle)
  return (
    <MapResults
      vendors={vendors}
      circle={circle}
      offline={{
        coastline: coastlinePath(project),
        frame: NZ_FRAME,
        width: BASE_WIDTH,
        height,
        start,
      }}
    />
  )
}
