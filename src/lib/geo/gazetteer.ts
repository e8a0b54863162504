import { foldText, haversineKm, matchTypos, VENDOR_TYPO_SIZES } from '@/plugins/search'

import { NZ_REGIONS, type RegionValue } from '../constants'
import { nzLocalities } from './localities'
import { nzTowns, REGION_BY_ADMIN_CODE } from './towns'

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

/**
 * The radius a search around a town or suburb starts with; the search page widens it when too
 * few vendors are that close (`src/lib/geo/radius.ts`).
 */
const TOWN_RADIUS_KM = 25

/** Entry ranks: towns answer a name first, then suburbs and localities, then regions. */
const RANK = { town: 0, locality: 1, region: 2 } as const

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
      rank: RANK.region,
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
    rank: town.suburb ? RANK.locality : RANK.town,
  }))
  const localityEntries: Entry[] = nzLocalities().flatMap(({ name, admin, lat, lng }) => {
    const region = REGION_BY_ADMIN_CODE[admin]
    if (!region) return []
    return [
      {
        name,
        kind: 'town' as const,
        region,
        lat,
        lng,
        radiusKm: TOWN_RADIUS_KM,
        key: foldText(name),
        alias: foldText(name.replace(/^Mount /, 'Mt ')),
        rank: RANK.locality,
      },
    ]
  })
  // Towns before suburbs before regions, so "Wellington" is the city and "Wellington region"
  // the region.
  entries = [...townEntries, ...localityEntries, ...regions]
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

/**
 * Places whose name is a typo or two away from `name` ("Welington" → Wellington), closest
 * first and towns before suburbs, by the rule the vendor search forgives typos with.
 */
export const closePlaces = (name: string, limit = 5): Place[] => {
  const folded = foldText(name).replace(/\s+(region|nz|new zealand)$/, '')
  if (!folded) return []
  return gazetteerEntries()
    .flatMap((entry) => {
      const typos = Math.min(
        ...[entry.key, entry.alias].map(
          (key) => matchTypos(folded, key, { sizes: VENDOR_TYPO_SIZES }) ?? Infinity,
        ),
      )
      return typos === Infinity ? [] : [{ entry, typos }]
    })
    .sort((a, b) => a.typos - b.typos || a.entry.rank - b.entry.rank)
    .slice(0, limit)
    .map(({ entry }) => strip(entry))
}

/** The towns nearest a point (suburbs and regions left out), nearest first. */
export const nearbyTowns = (
  point: { lat: number; lng: number },
  limit = 4,
  exclude: string | null = null,
): Place[] =>
  gazetteerEntries()
    .filter((entry) => entry.rank === RANK.town && entry.name !== exclude)
    .map((entry) => ({ entry, km: haversineKm(point, entry) }))
    .sort((a, b) => a.km - b.km)
    .slice(0, limit)
    .map(({ entry }) => strip(entry))

/**
 * What to offer someone whose place we do not know, so it is never a dead end: close spellings,
 * then the towns near a place named in part of it ("Cuba Street, Te Aro" → Te Aro and the towns
 * around it), then the towns near the closest spelling.
 */
export const placeSuggestions = (name: string, limit = 6): Place[] => {
  const found: Place[] = []
  const add = (places: Place[]) => {
    for (const place of places) if (!found.some((p) => p.name === place.name)) found.push(place)
  }
  add(closePlaces(name, 3))
  const parts = name
    .split(/[,/]/)
    .map((part) => part.trim())
    .filter(Boolean)
  for (const part of parts.length > 1 ? parts : []) {
    const known = lookupPlace(part)
    if (known) add([known])
  }
  const anchor = found[0]
  if (anchor) add(nearbyTowns(anchor, 3, anchor.name))
  return found.slice(0, limit)
}
