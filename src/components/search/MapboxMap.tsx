'use client'

import 'mapbox-gl/dist/mapbox-gl.css'

import type { Map as MapboxGlMap } from 'mapbox-gl'
import { useEffect, useRef } from 'react'

import type { VendorHit } from '@/plugins/search'

type Props = { token: string; vendors: VendorHit[] }

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** Mapbox GL with clustered pins, used when NEXT_PUBLIC_MAPBOX_TOKEN is set. */
export function MapboxMap({ token, vendors }: Props) {
  const container = useRef<HTMLDivElement>(null)
  useEffect(() => {
    let map: MapboxGlMap | undefined
    let cancelled = false
    void import('mapbox-gl').then(({ default: mapboxgl }) => {
      if (cancelled || !container.current) return
      mapboxgl.accessToken = token
      const located = vendors.filter((v) => v.location.lat != null && v.location.lng != null)
      map = new mapboxgl.Map({
        container: container.current,
        style: 'mapbox://styles/mapbox/streets-v12',
        bounds: [
          [166, -47.4],
          [178.8, -34.2],
        ],
        fitBoundsOptions: { padding: 24 },
      })
      map.addControl(new mapboxgl.NavigationControl({ showCompass: false }))
      map.on('load', () => {
        if (!map) return
        map.addSource('vendors', {
          type: 'geojson',
          cluster: true,
          clusterRadius: 40,
          data: {
            type: 'FeatureCollection',
            features: located.map((v) => ({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [v.location.lng!, v.location.lat!] },
              properties: { name: v.businessName, slug: v.slug },
            })),
          },
        })
        map.addLayer({
          id: 'clusters',
          type: 'circle',
          source: 'vendors',
          filter: ['has', 'point_count'],
          paint: {
            'circle-color': '#f59e0b',
            'circle-radius': 16,
            'circle-stroke-width': 2,
            'circle-stroke-color': '#fff',
          },
        })
        map.addLayer({
          id: 'cluster-count',
          type: 'symbol',
          source: 'vendors',
          filter: ['has', 'point_count'],
          layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 12 },
        })
        map.addLayer({
          id: 'vendor',
          type: 'circle',
          source: 'vendors',
          filter: ['!', ['has', 'point_count']],
          paint: {
            'circle-color': '#0f766e',
            'circle-radius': 7,
            'circle-stroke-width': 2,
            'circle-stroke-color': '#fff',
          },
        })
        map.on('click', 'vendor', (event) => {
          const feature = event.features?.[0]
          if (!feature || feature.geometry.type !== 'Point') return
          const { name, slug } = feature.properties as { name: string; slug: string }
          new mapboxgl.Popup()
            .setLngLat(feature.geometry.coordinates as [number, number])
            .setHTML(`<a href="/vendors/${encodeURIComponent(slug)}">${escapeHtml(name)}</a>`)
            .addTo(map!)
        })
        map.on('click', 'clusters', (event) => {
          const feature = event.features?.[0]
          if (!feature || feature.geometry.type !== 'Point') return
          map!.easeTo({
            center: feature.geometry.coordinates as [number, number],
            zoom: map!.getZoom() + 2,
          })
        })
        if (located.length) {
          const bounds = new mapboxgl.LngLatBounds()
          for (const v of located) bounds.extend([v.location.lng!, v.location.lat!])
          map.fitBounds(bounds, { padding: 48, maxZoom: 12 })
        }
      })
    })
    return () => {
      cancelled = true
      map?.remove()
    }
  }, [token, vendors])
  return (
    <div
      ref={container}
      className="card h-[28rem] w-full overflow-hidden"
      data-testid="mapbox-map"
    />
  )
}
