'use client'

import type { GeoJSONSource, Map as MapboxGlMap } from 'mapbox-gl'
import { useEffect, useRef } from 'react'

import { clusterVendors, type MapBounds, type MapVendor } from '@/lib/geo/clusters'

type Props = {
  token: string
  vendors: MapVendor[]
  activeId: number | null
  onSelect: (id: number | null) => void
  onViewChange: (bounds: MapBounds, byPerson: boolean) => void
}

/**
 * Mapbox GL, used when NEXT_PUBLIC_MAPBOX_TOKEN is set. Its clusters come from the same
 * `supercluster` module as the offline map's, recomputed for each view, so both maps group
 * vendors alike.
 */
export function MapboxMap({ token, vendors, activeId, onSelect, onViewChange }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapboxGlMap | null>(null)
  const callbacks = useRef({ onSelect, onViewChange })
  callbacks.current = { onSelect, onViewChange }

  useEffect(() => {
    let map: MapboxGlMap | undefined
    let cancelled = false
    const index = clusterVendors(vendors)
    // Its style sheet (49 KB) comes with the library, only where a token turns the map on:
    // imported with the page, every search page carried it.
    void Promise.all([import('mapbox-gl'), import('./mapboxStyles')]).then(
      ([{ default: mapboxgl }]) => {
        if (cancelled || !container.current) return
        mapboxgl.accessToken = token
        map = new mapboxgl.Map({
          container: container.current,
          style: 'mapbox://styles/mapbox/streets-v12',
          bounds: [
            [166, -47.4],
            [178.8, -34.2],
          ],
          fitBoundsOptions: { padding: 24 },
        })
        mapRef.current = map
        map.addControl(new mapboxgl.NavigationControl({ showCompass: false }))
        const refresh = (byPerson: boolean) => {
          if (!map) return
          const b = map.getBounds()
          if (!b) return
          const bounds = {
            south: b.getSouth(),
            west: b.getWest(),
            north: b.getNorth(),
            east: b.getEast(),
          }
          const source = map.getSource('vendors') as GeoJSONSource | undefined
          source?.setData({
            type: 'FeatureCollection',
            features: index.markers(bounds, map.getZoom()).map((marker) => ({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [marker.lng, marker.lat] },
              properties:
                marker.kind === 'pin'
                  ? { kind: 'pin', id: marker.vendor.id }
                  : { kind: 'cluster', count: marker.count, expansionZoom: marker.expansionZoom },
            })),
          })
          callbacks.current.onViewChange(bounds, byPerson)
        }
        map.on('load', () => {
          if (!map) return
          map.addSource('vendors', {
            type: 'geojson',
            data: { type: 'FeatureCollection', features: [] },
          })
          map.addLayer({
            id: 'clusters',
            type: 'circle',
            source: 'vendors',
            filter: ['==', ['get', 'kind'], 'cluster'],
            paint: {
              'circle-color': '#92400e',
              'circle-radius': 22,
              'circle-stroke-width': 2,
              'circle-stroke-color': '#fff',
            },
          })
          map.addLayer({
            id: 'cluster-count',
            type: 'symbol',
            source: 'vendors',
            filter: ['==', ['get', 'kind'], 'cluster'],
            layout: { 'text-field': ['to-string', ['get', 'count']], 'text-size': 14 },
            paint: { 'text-color': '#fff' },
          })
          map.addLayer({
            id: 'vendor',
            type: 'circle',
            source: 'vendors',
            filter: ['==', ['get', 'kind'], 'pin'],
            paint: {
              'circle-color': '#0f766e',
              'circle-radius': 12,
              'circle-stroke-width': 2,
              'circle-stroke-color': '#fff',
            },
          })
          map.on('click', 'vendor', (event) => {
            const id = Number(event.features?.[0]?.properties?.id)
            if (Number.isFinite(id)) callbacks.current.onSelect(id)
          })
          map.on('click', 'clusters', (event) => {
            const feature = event.features?.[0]
            if (!feature || feature.geometry.type !== 'Point') return
            map!.easeTo({
              center: feature.geometry.coordinates as [number, number],
              zoom: Number(feature.properties?.expansionZoom),
            })
          })
          map.on('moveend', (event) =>
            refresh('originalEvent' in event && Boolean(event.originalEvent)),
          )
          const located = vendors.filter((v) => v.location.lat != null && v.location.lng != null)
          if (located.length) {
            const bounds = new mapboxgl.LngLatBounds()
            for (const v of located) bounds.extend([v.location.lng!, v.location.lat!])
            map.fitBounds(bounds, { padding: 48, maxZoom: 12, duration: 0 })
          }
          refresh(false)
        })
      },
    )
    return () => {
      cancelled = true
      mapRef.current = null
      map?.remove()
    }
  }, [token, vendors])

  const active = vendors.find((v) => v.id === activeId)
  return (
    <div>
      <div
        ref={container}
        className="card h-[28rem] w-full overflow-hidden"
        data-testid="mapbox-map"
      />
      {active ? (
        <div className="card mt-2 p-3 text-sm" data-testid="map-card">
          <p className="font-semibold text-ink">{active.businessName}</p>
          <p className="text-gray-700">
            {active.rating.count > 0
              ? `★ ${active.rating.average.toFixed(1)} (${active.rating.count})`
              : 'No reviews yet'}
            {' · '}
            {active.location.city}
          </p>
          <a href={`/vendors/${active.slug}`} className="font-semibold">
            View profile
          </a>
        </div>
      ) : null}
    </div>
  )
}
