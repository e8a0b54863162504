import fs from 'node:fs'
import path from 'node:path'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

type Ring = [number, number][]

let rings: Ring[] | undefined

/**
 * New Zealand's coastline from Natural Earth (via `world-atlas`, 1:10m), read once from
 * node_modules: the offline map needs no network and no tiles. The Chatham Islands, across
 * the antimeridian, are left out of the mainland map.
 */
const coastline = (): Ring[] => {
  if (rings) return rings
  const file = path.join(process.cwd(), 'node_modules/world-atlas/countries-10m.json')
  const topology = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection
  }>
  const countries = feature(topology, topology.objects.countries) as unknown as {
    features: { id: string; geometry: { type: string; coordinates: number[][][][] } }[]
  }
  const nz = countries.features.find((f) => f.id === '554')
  rings = (nz?.geometry.coordinates ?? [])
    .flatMap((polygon) => polygon as Ring[])
    .filter((ring) => ring.every(([lng]) => lng > 160))
  return rings
}

export type MapFrame = { west: number; east: number; south: number; north: number }

export const NZ_FRAME: MapFrame = { west: 166, east: 178.8, south: -47.4, north: -34.2 }

/**
 * An equirectangular projection for a frame, corrected for latitude, so distances look right
 * at New Zealand's latitudes. Returns SVG coordinates in a box `width` wide.
 */
export const projection = (frame: MapFrame, width = 600) => {
  const midLat = ((frame.north + frame.south) / 2) * (Math.PI / 180)
  const xScale = Math.cos(midLat)
  const spanX = (frame.east - frame.west) * xScale
  const spanY = frame.north - frame.south
  const k = width / spanX
  return {
    width,
    height: Math.round(spanY * k),
    project: (lat: number, lng: number) => ({
      x: (lng - frame.west) * xScale * k,
      y: (frame.north - lat) * k,
    }),
    kmToPx: (km: number) => (km / 111.2) * k,
  }
}

/** The coastline as one SVG path in a projection's coordinates. */
export const coastlinePath = (
  project: (lat: number, lng: number) => { x: number; y: number },
): string =>
  coastline()
    .map(
      (ring) =>
        'M' +
        ring
          .map(([lng, lat]) => {
            const { x, y } = project(lat, lng)
            return `${x.toFixed(1)},${y.toFixed(1)}`
          })
          .join('L') +
        'Z',
    )
    .join('')

/** A frame around points (and a search circle), padded, never smaller than ~20 km across. */
export const frameAround = (
  points: { lat: number; lng: number }[],
  circle?: { lat: number; lng: number; radiusKm: number } | null,
): MapFrame => {
  const all = [...points]
  if (circle) {
    const dLat = circle.radiusKm / 111.2
    const dLng = dLat / Math.cos((circle.lat * Math.PI) / 180)
    all.push(
      { lat: circle.lat + dLat, lng: circle.lng + dLng },
      { lat: circle.lat - dLat, lng: circle.lng - dLng },
    )
  }
  if (!all.length) return NZ_FRAME
  let south = Math.min(...all.map((p) => p.lat))
  let north = Math.max(...all.map((p) => p.lat))
  let west = Math.min(...all.map((p) => p.lng))
  let east = Math.max(...all.map((p) => p.lng))
  const padLat = Math.max((north - south) * 0.12, 0.1)
  const padLng = Math.max((east - west) * 0.12, 0.13)
  south -= padLat
  north += padLat
  west -= padLng
  east += padLng
  return {
    south: Math.max(south, NZ_FRAME.south),
    north: Math.min(north, NZ_FRAME.north),
    west: Math.max(west, NZ_FRAME.west),
    east: Math.min(east, NZ_FRAME.east),
  }
}
