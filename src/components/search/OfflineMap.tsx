import { coastlinePath, frameAround, projection } from '@/lib/geo/nzOutline'
import type { VendorHit } from '@/plugins/search'

type Props = {
  vendors: VendorHit[]
  circle: { lat: number; lng: number; radiusKm: number; name: string | null } | null
}

const CLUSTER_PX = 18

/**
 * A map of New Zealand drawn on the server from the bundled coastline: works with no network
 * and no token. It frames the results, draws the search radius, and groups pins that would
 * overlap into a numbered cluster.
 */
export function OfflineMap({ vendors, circle }: Props) {
  const located = vendors.filter((v) => v.location.lat != null && v.location.lng != null)
  const frame = frameAround(
    located.map((v) => ({ lat: v.location.lat!, lng: v.location.lng! })),
    circle,
  )
  const { width, height, project, kmToPx } = projection(frame, 600)
  const clusters: { x: number; y: number; vendors: VendorHit[] }[] = []
  for (const vendor of located) {
    const { x, y } = project(vendor.location.lat!, vendor.location.lng!)
    const near = clusters.find((c) => Math.hypot(c.x - x, c.y - y) < CLUSTER_PX)
    if (near) near.vendors.push(vendor)
    else clusters.push({ x, y, vendors: [vendor] })
  }
  const centre = circle ? project(circle.lat, circle.lng) : null
  return (
    <figure className="card overflow-hidden" data-testid="offline-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="block h-auto w-full bg-sky-100"
        role="img"
        aria-label={`Map of ${located.length} vendors`}
      >
        <path
          d={coastlinePath(project)}
          className="fill-emerald-50 stroke-emerald-700"
          strokeWidth={0.8}
        />
        {centre && circle ? (
          <circle
            cx={centre.x}
            cy={centre.y}
            r={kmToPx(circle.radiusKm)}
            className="fill-brand-600/10 stroke-brand-700"
            strokeDasharray="4 3"
          />
        ) : null}
        {clusters.map((cluster) =>
          cluster.vendors.length === 1 ? (
            <a
              key={cluster.vendors[0]!.id}
              href={`/vendors/${cluster.vendors[0]!.slug}`}
              data-testid="map-pin"
              aria-label={cluster.vendors[0]!.businessName}
            >
              <title>{cluster.vendors[0]!.businessName}</title>
              <circle
                cx={cluster.x}
                cy={cluster.y}
                r={7}
                className="fill-brand-700 stroke-white"
                strokeWidth={2}
              />
            </a>
          ) : (
            <g key={cluster.vendors.map((v) => v.id).join('-')} data-testid="map-cluster">
              <title>{cluster.vendors.map((v) => v.businessName).join('\n')}</title>
              <circle
                cx={cluster.x}
                cy={cluster.y}
                r={12}
                className="fill-amber-500 stroke-white"
                strokeWidth={2}
              />
              <text
                x={cluster.x}
                y={cluster.y + 4}
                textAnchor="middle"
                className="fill-white text-[11px] font-bold"
              >
                {cluster.vendors.length}
              </text>
            </g>
          ),
        )}
      </svg>
      <figcaption className="px-3 py-2 text-xs text-gray-500">
        Offline map · coastline © Natural Earth
        {circle?.name ? ` · ${circle.radiusKm} km around ${circle.name}` : ''}
      </figcaption>
    </figure>
  )
}
