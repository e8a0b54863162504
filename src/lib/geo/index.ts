export {
  closePlaces,
  lookupPlace,
  nearbyTowns,
  type Place,
  placeSuggestions,
  suggestPlaces,
} from './gazetteer'
export { gazetteerGeocoder, mapboxGeocoder } from './geocoder'
export { nzTowns, type Town } from './towns'
