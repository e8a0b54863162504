'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { MapBounds, MapVendor } from '@/lib/geo/clusters'

import { MapboxMap } from './MapboxMap'
import { OfflineCanvas, type OfflineBase } from './OfflineCanvas'

export type Circle = { lat: number; lng: number; radiusKm: number; name: string | null }

type Props = {
  vendors: (MapVendor & { distanceKm?: number })[]
  circle: Circle | null
  /** The coastline to draw when Mapbox is not configured. */
  offline?: OfflineBase
  token?: string
}

const inside = (bounds: MapBounds, lat: number, lng: number) =>
  lat >= bounds.south &&
  lat <= bounds.north &&
  (bounds.west <= bounds.east
    ? lng >= bounds.west && lng <= bounds.east
    : lng >= bounds.west || lng <= bounds.east)

const boundsParam = ({ south, west, north, east }: MapBounds) =>
  [south, west, north, east].map((n) => n.toFixed(4)).join(',')

/**
 * The map and its list kept in step: the list shows the vendors in the map's view, a card
 * highlighted lights up its pin and a pin tapped lights up its card, and once the map has moved
 * "Search this area" runs the same search (other filters kept) inside the map's bounds.
 */
export function MapResults({ vendors, circle, offline, token }: Props) {
  const router = useRouter()
  const [view, setView] = useState<MapBounds | null>(null)
  const [moved, setMoved] = useState(false)
  const [activeId, setActiveId] = useState<number | null>(null)
  const list = useRef<HTMLOListElement>(null)

  // A pin tapped on the map brings its card into the list's view.
  useEffect(() => {
    if (activeId == null) return
    list.current
      ?.querySelector(`[data-vendor-id="${activeId}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [activeId])

  const onViewChange = useCallback((bounds: MapBounds, byPerson: boolean) => {
    setView(bounds)
    if (byPerson) setMoved(true)
  }, [])

  const listed = useMemo(
    () =>
      view
        ? vendors.filter(
            (v) =>
              v.location.lat == null ||
              v.location.lng == null ||
              inside(view, v.location.lat, v.location.lng),
          )
        : vendors,
    [vendors, view],
  )

  const searchThisArea = () => {
    if (!view) return
    const params = new URLSearchParams(window.location.search)
    for (const key of ['near', 'radius', 'page', 'sort']) params.delete(key)
    params.set('bounds', boundsParam(view))
    params.set('view', 'map')
    router.push(`/vendors?${params.toString()}`, { scroll: false })
  }

  return (
    <div className="grid gap-4 xl:grid-cols-[1fr_16rem]">
      <div className="relative">
        {offline ? (
          <OfflineCanvas
            base={offline}
            vendors={vendors}
            circle={circle}
            activeId={activeId}
            onSelect={setActiveId}
            onViewChange={onViewChange}
          />
        ) : token ? (
          <MapboxMap
            token={token}
            vendors={vendors}
            activeId={activeId}
            onSelect={setActiveId}
            onViewChange={onViewChange}
          />
        ) : null}
        {/* Space is kept for the button so the list does not jump when it appears. */}
        <div className="mt-2 flex min-h-11 justify-center">
          {moved ? (
            <button
              type="button"
              className="btn"
              onClick={searchThisArea}
              data-testid="search-this-area"
            >
              Search this area
            </button>
          ) : null}
        </div>
      </div>
      <div>
        <p className="mb-1 text-xs text-gray-600" aria-live="polite" data-testid="map-list-count">
          {listed.length === vendors.length
            ? `${vendors.length} on the map`
            : `${listed.length} of ${vendors.length} in this part of the map`}
        </p>
        <ol
          className="flex max-h-[32rem] flex-col gap-1 overflow-y-auto text-sm"
          ref={list}
          aria-label="Vendors on the map"
          data-testid="map-list"
        >
          {listed.map((v) => (
            <li
              key={v.id}
              data-testid="map-list-item"
              data-vendor-id={v.id}
              data-active={activeId === v.id ? 'true' : undefined}
              onMouseEnter={() => setActiveId(v.id)}
              onFocus={() => setActiveId(v.id)}
              className={`rounded-md px-2 py-1 ${activeId === v.id ? 'bg-brand-50 ring-2 ring-brand-700' : ''}`}
            >
              <a href={`/vendors/${v.slug}`}>{v.businessName}</a>
              <span className="text-gray-600">
                {' '}
                · {v.location.city}
                {v.distanceKm !== undefined ? ` · ${v.distanceKm.toFixed(1)} km` : ''}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}
