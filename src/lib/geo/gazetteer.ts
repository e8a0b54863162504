import { foldText, haversineKm } from '@/plugins/search'

import { NZ_REGIONS, type RegionValue } from '../constants'
import { nzTowns } from './towns'

export type Place = {
  name: string
  kind: 'town' | 'region' | 'address'
  region: RegionValue | null
  lat: number
  lng: number
  /** A sensible search radius around the place when the person did not choose one. */
  radiusKm: number
}

type Entry = Place & { key: string; alias: string; rank: number }

const TOWN_RADIUS_KM = 25

let entries: Entry[] | undefined

/**
 * Towns from GeoNames and the 16 regions. A region's point is the population-weighted centre
 * of its towns and its radius reaches its farthest town, so "Canterbury" covers Canterbury.
 */
const gazetteerEntries = (): Entry[] => {
  if (entries) return entries
  const towns = nzTowns()
  const regions: Entry[] = NZ_REGIONS.map(({ value, label }) => {
    const inRegion = towns.filter((town) => town.region === value)
    const weight = inRegion.reduce((sum, town) => sum + Math.max(town.population, 1), 0)
    const lat = inRegion.reduce((sum, t) => sum + t.lat * Math.max(t.population, 1), 0) / weight
    const lng = inRegion.reduce((sum, t) => sum + t.lng * Math.max(t.population, 1), 0) / weight
    const reach = Math.max(...inRegion.map((town) => haversineKm({ lat, lng }, town)))
    return {
      name: label,
      kind: 'region' as const,
      region: value,
      lat,
      lng,
      radiusKm: Math.min(400, Math.ceil(reach + 15)),
      key: foldText(label),
      alias: foldText(label),
      rank: 1,
    }
  })
  const townEntries: Entry[] = towns.map((town) => ({
    name: town.name,
    kind: 'town' as const,
    region: town.region,
    lat: town.lat,
    lng: town.lng,
    radiusKm: TOWN_RADIUS_KM,
    key: foldText(town.name),
    alias: foldText(town.geonamesName),
    rank: 0,
  }))
  // Towns before regions, so "Wellington" is the city and "Wellington region" the region.
  entries = [...townEntries, ...regions]
  return entries
}

const strip = ({ key: _key, alias: _alias, rank: _rank, ...place }: Entry): Place => place

/** The place a name refers to, ignoring case and macrons; null when it is not in New Zealand's list. */
export const lookupPlace = (name: string): Place | null => {
  const folded = foldText(name).replace(/\s+(region|nz|new zealand)$/, '')
  if (!folded) return null
  const wantsRegion = /\sregion$/i.test(name.trim())
  const matches = gazetteerEntries().filter(
    (entry) => entry.key === folded || entry.alias === folded,
  )
  const match = wantsRegion ? matches.find((m) => m.kind === 'region') : matches[0]
  return match ? strip(match) : null
}

/** Places whose name starts with the text typed so far, for autocomplete. */
export const suggestPlaces = (prefix: string, limit = 8): Place[] => {
  const folded = foldText(prefix)
  if (!folded) return []
  return gazetteerEntries()
    .filter((entry) => entry.key.startsWith(folded) || entry.alias.startsWith(folded))
    .slice(0, limit)
    .map(strip)
}
