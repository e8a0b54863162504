'use client'

import { type KeyboardEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from 'react'

import {
  clusterVendors,
  type MapBounds,
  type MapMarker,
  type MapVendor,
  markerLabel,
  zoomForScale,
} from '@/lib/geo/clusters'

/** The coastline drawn on the server, and the frame of its equirectangular projection. */
export type OfflineBase = {
  coastline: string
  frame: MapBounds
  width: number
  height: number
  /** The area to show first. */
  start: MapBounds
}

type Props = {
  base: OfflineBase
  vendors: MapVendor[]
  circle: { lat: number; lng: number; radiusKm: number } | null
  activeId: number | null
  onSelect: (id: number | null) => void
  onViewChange: (bounds: MapBounds, byPerson: boolean) => void
}

/** Centre in base units and base units per screen pixel. */
type View = { cx: number; cy: number; upp: number }

const PIN_PX = 44
/** Closest zoom: a base unit of the 600-wide map is about 2 km, so ~40 m a pixel. */
const MIN_UPP = 0.02

export function OfflineCanvas({ base, vendors, circle, activeId, onSelect, onViewChange }: Props) {
  const { frame, width, height } = base
  const midLat = ((frame.north + frame.south) / 2) * (Math.PI / 180)
  const xScale = Math.cos(midLat)
  const k = width / ((frame.east - frame.west) * xScale)
  const toBase = (lat: number, lng: number) => ({
    x: (lng - frame.west) * xScale * k,
    y: (frame.north - lat) * k,
  })
  const toLatLng = (x: number, y: number) => ({
    lng: x / (xScale * k) + frame.west,
    lat: frame.north - y / k,
  })

  const box = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState({ w: 390, h: 420 })
  const [view, setView] = useState<View | null>(null)
  const pointers = useRef(new Map<number, { x: number; y: number }>())
  const movedByPerson = useRef(false)

  const maxUpp = Math.max(width / size.w, height / size.h) * 1.1
  const clampView = (next: View): View => {
    const upp = Math.min(Math.max(next.upp, MIN_UPP), maxUpp)
    return {
      upp,
      cx: Math.min(Math.max(next.cx, 0), width),
      cy: Math.min(Math.max(next.cy, 0), height),
    }
  }

  useEffect(() => {
    const element = box.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ w: entry.contentRect.width, h: entry.contentRect.height })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // The first view frames the results once the box's size is known.
  useEffect(() => {
    if (view) return
    const a = toBase(base.start.north, base.start.west)
    const b = toBase(base.start.south, base.start.east)
    setView({
      cx: (a.x + b.x) / 2,
      cy: (a.y + b.y) / 2,
      upp: Math.max((b.x - a.x) / size.w, (b.y - a.y) / size.h, MIN_UPP),
    })
  }, [size])

  const current = view ?? { cx: width / 2, cy: height / 2, upp: maxUpp }
  const left = current.cx - (size.w * current.upp) / 2
  const top = current.cy - (size.h * current.upp) / 2
  const nw = toLatLng(left, top)
  const se = toLatLng(left + size.w * current.upp, top + size.h * current.upp)
  const bounds: MapBounds = { north: nw.lat, west: nw.lng, south: se.lat, east: se.lng }
  const zoom = zoomForScale((xScale * k) / current.upp)

  const index = useMemo(() => clusterVendors(vendors), [vendors])
  const markers = index.markers(bounds, zoom)
  const boundsKey = [bounds.south, bounds.west, bounds.north, bounds.east]
    .map((n) => n.toFixed(4))
    .join(',')

  useEffect(() => {
    if (!view) return
    onViewChange(bounds, movedByPerson.current)
  }, [boundsKey])

  const change = (next: (v: View) => View) => {
    movedByPerson.current = true
    setView((v) => clampView(next(v ?? current)))
  }
  /** Zooms by `factor` (2 = closer) keeping the point at screen (sx, sy) where it is. */
  const zoomAt = (factor: number, sx = size.w / 2, sy = size.h / 2) =>
    change((v) => {
      const upp = Math.min(Math.max(v.upp / factor, MIN_UPP), maxUpp)
      const px = v.cx + (sx - size.w / 2) * v.upp
      const py = v.cy + (sy - size.h / 2) * v.upp
      return { upp, cx: px - (sx - size.w / 2) * upp, cy: py - (sy - size.h / 2) * upp }
    })

  const local = (event: { clientX: number; clientY: number }) => {
    const rect = box.current!.getBoundingClientRect()
    return { x: event.clientX - rect.left, y: event.clientY - rect.top }
  }

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    pointers.current.set(event.pointerId, local(event))
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const before = pointers.current.get(event.pointerId)
    if (!before) return
    const now = local(event)
    const others = [...pointers.current.entries()].filter(([id]) => id !== event.pointerId)
    pointers.current.set(event.pointerId, now)
    if (others.length === 0) {
      change((v) => ({
        ...v,
        cx: v.cx - (now.x - before.x) * v.upp,
        cy: v.cy - (now.y - before.y) * v.upp,
      }))
    } else {
      const other = others[0]![1]
      const was = Math.hypot(before.x - other.x, before.y - other.y)
      const is = Math.hypot(now.x - other.x, now.y - other.y)
      if (was > 0) zoomAt(is / was, (now.x + other.x) / 2, (now.y + other.y) / 2)
    }
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId)
  }

  // React's onWheel is passive, so the page would scroll as well; this listener may prevent it.
  const zoomAtRef = useRef(zoomAt)
  zoomAtRef.current = zoomAt
  useEffect(() => {
    const element = box.current
    if (!element) return
    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      const rect = element.getBoundingClientRect()
      zoomAtRef.current(
        Math.exp(-event.deltaY / 300),
        event.clientX - rect.left,
        event.clientY - rect.top,
      )
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = 60
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    }
    const move = moves[event.key]
    if (move) {
      event.preventDefault()
      change((v) => ({ ...v, cx: v.cx + move[0] * v.upp, cy: v.cy + move[1] * v.upp }))
    } else if (event.key === '+' || event.key === '=') zoomAt(2)
    else if (event.key === '-') zoomAt(0.5)
  }

  const screen = (lat: number, lng: number) => {
    const p = toBase(lat, lng)
    return { x: (p.x - left) / current.upp, y: (p.y - top) / current.upp }
  }

  const openCluster = (marker: Extract<MapMarker, { kind: 'cluster' }>) => {
    const p = toBase(marker.lat, marker.lng)
    const pxPerDegree = (512 * 2 ** marker.expansionZoom) / 360
    change(() => ({ cx: p.x, cy: p.y, upp: (xScale * k) / pxPerDegree }))
  }

  const active = vendors.find((v) => v.id === activeId)
  const activeAt =
    active && active.location.lat != null && active.location.lng != null
      ? screen(active.location.lat, active.location.lng)
      : null
  const centre = circle ? screen(circle.lat, circle.lng) : null

  return (
    <figure className="card overflow-hidden" data-testid="offline-map">
      <div
        ref={box}
        className="relative h-[26rem] w-full cursor-grab touch-none select-none overflow-hidden bg-sky-100 focus-visible:outline-2 focus-visible:outline-brand-700 active:cursor-grabbing sm:h-[30rem]"
        data-testid="map"
        role="application"
        aria-roledescription="map"
        aria-label="Map of the vendors found. Drag or use the arrow keys to move, + and − to zoom."
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <svg
          className="absolute inset-0 h-full w-full"
          viewBox={`${left} ${top} ${size.w * current.upp} ${size.h * current.upp}`}
          aria-hidden="true"
        >
          <path
            d={base.coastline}
            className="fill-emerald-50 stroke-emerald-700"
            strokeWidth={1}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
        {centre && circle ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute rounded-full border-2 border-dashed border-brand-700 bg-brand-600/10"
            style={{
              left: centre.x,
              top: centre.y,
              width: ((circle.radiusKm / 111.2) * k * 2) / current.upp,
              height: ((circle.radiusKm / 111.2) * k * 2) / current.upp,
              transform: 'translate(-50%, -50%)',
            }}
          />
        ) : null}
        {markers.map((marker) => {
          const at = screen(marker.lat, marker.lng)
          const style = { left: at.x, top: at.y, width: PIN_PX, height: PIN_PX }
          const stop = (event: PointerEvent) => event.stopPropagation()
          return marker.kind === 'pin' ? (
            <button
              key={marker.id}
              type="button"
              data-testid="map-pin"
              data-active={marker.vendor.id === activeId ? 'true' : undefined}
              aria-label={markerLabel(marker)}
              aria-pressed={marker.vendor.id === activeId}
              className="absolute -translate-x-1/2 -translate-y-full p-0"
              style={style}
              onPointerDown={stop}
              onClick={() => onSelect(marker.vendor.id === activeId ? null : marker.vendor.id)}
            >
              <svg viewBox="0 0 24 24" className="h-full w-full drop-shadow" aria-hidden="true">
                <path
                  d="M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7z"
                  className={marker.vendor.id === activeId ? 'fill-amber-600' : 'fill-brand-700'}
                  stroke="white"
                  strokeWidth={1.5}
                />
                <circle cx={12} cy={9} r={2.5} fill="white" />
              </svg>
            </button>
          ) : (
            <button
              key={marker.id}
              type="button"
              data-testid="map-cluster"
              aria-label={markerLabel(marker)}
              className="absolute flex -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border-2 border-white bg-amber-800 text-sm font-bold text-white shadow"
              style={style}
              onPointerDown={stop}
              onClick={() => openCluster(marker)}
            >
              {marker.count}
            </button>
          )
        })}
        {active && activeAt ? (
          <div
            className="absolute z-10 w-56 max-w-[80%] rounded-lg bg-white p-3 text-sm shadow-lg"
            style={{
              left: Math.min(Math.max(activeAt.x, 120), size.w - 120),
              top: Math.max(activeAt.y - PIN_PX - 8, 8),
              transform: `translate(-50%, ${activeAt.y - PIN_PX - 8 > 100 ? '-100%' : '0'})`,
            }}
            data-testid="map-card"
            onPointerDown={(event) => event.stopPropagation()}
          >
            <p className="font-semibold text-ink">{active.businessName}</p>
            <p className="text-gray-700">
              {active.rating.count > 0
                ? `★ ${active.rating.average.toFixed(1)} (${active.rating.count} ${active.rating.count === 1 ? 'review' : 'reviews'})`
                : 'No reviews yet'}
              {' · '}
              {active.location.city}
            </p>
            <div className="mt-2 flex items-center justify-between gap-2">
              <a href={`/vendors/${active.slug}`} className="font-semibold">
                View profile
              </a>
              <button
                type="button"
                className="min-h-6 min-w-6 rounded px-2 text-gray-700 hover:bg-gray-100"
                aria-label={`Close ${active.businessName}`}
                onClick={() => onSelect(null)}
              >
                ×
              </button>
            </div>
          </div>
        ) : null}
        <div className="absolute right-2 top-2 flex flex-col overflow-hidden rounded-lg border border-gray-300 bg-white shadow">
          <button
            type="button"
            className="h-11 w-11 text-xl font-bold text-ink hover:bg-gray-100"
            aria-label="Zoom in"
            data-testid="map-zoom-in"
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => zoomAt(2)}
          >
            +
          </button>
          <button
            type="button"
            className="h-11 w-11 border-t border-gray-300 text-xl font-bold text-ink hover:bg-gray-100"
            aria-label="Zoom out"
            data-testid="map-zoom-out"
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => zoomAt(0.5)}
          >
            −
          </button>
        </div>
      </div>
      <figcaption className="px-3 py-2 text-xs text-gray-600">
        Offline map · coastline © Natural Earth
      </figcaption>
    </figure>
  )
}
