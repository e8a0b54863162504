import { clusterVendors, type MapVendor, markerLabel, zoomForScale } from './clusters'

const vendor = (id: number, lat: number | null, lng: number | null): MapVendor => ({
  id,
  slug: `vendor-${id}`,
  businessName: `Vendor ${id}`,
  rating: { average: 4.5, count: 2 },
  location: { city: 'Wellington', lat, lng },
})

const NZ = { south: -47.4, west: 166, north: -34.2, east: 178.8 }
// Five in central Wellington, one in Auckland, one without a location.
const vendors = [
  ...[0, 1, 2, 3, 4].map((i) => vendor(i + 1, -41.29 + i * 0.002, 174.77 + i * 0.002)),
  vendor(6, -36.85, 174.76),
  vendor(7, null, null),
]

describe('clusters for both maps', () => {
  it('groups the Wellington vendors into one cluster of five when the whole country shows', () => {
    const markers = clusterVendors(vendors).markers(NZ, 5)
    const cluster = markers.find((m) => m.kind === 'cluster')
    expect(cluster).toEqual(expect.objectContaining({ kind: 'cluster', count: 5 }))
    expect(markerLabel(cluster!)).toBe('5 vendors')
    expect(cluster!.kind === 'cluster' && cluster!.expansionZoom).toBeGreaterThan(5)
    const pins = markers.filter((m) => m.kind === 'pin')
    expect(pins.map((p) => markerLabel(p))).toEqual(['Vendor 6'])
  })

  it('splits a cluster into pins at its expansion zoom, and leaves out what is outside the view', () => {
    const index = clusterVendors(vendors)
    const cluster = index.markers(NZ, 5).find((m) => m.kind === 'cluster')!
    const wellington = { south: -41.4, west: 174.6, north: -41.2, east: 174.9 }
    const zoom = cluster.kind === 'cluster' ? cluster.expansionZoom : 0
    const deeper = index.markers(wellington, zoom)
    expect(deeper.reduce((n, m) => n + (m.kind === 'cluster' ? m.count : 1), 0)).toBe(5)
    expect(deeper.length).toBeGreaterThan(1)
    expect(index.markers(wellington, 16).every((m) => m.kind === 'pin')).toBe(true)
    expect(index.markers(wellington, 16)).toHaveLength(5)
  })

  it('turns the offline map’s scale into the Web Mercator zoom Mapbox uses', () => {
    // At zoom 0 the world (360°) is 512 px wide.
    expect(zoomForScale(512 / 360)).toBeCloseTo(0)
    expect(zoomForScale((512 * 32) / 360)).toBeCloseTo(5)
  })
})
