export { lookupPlace, type Place, suggestPlaces } from './gazetteer'
export { gazetteerGeocoder, mapboxGeocoder } from './geocoder'
export { nzTowns, type Town } from './towns'
