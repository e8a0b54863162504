/** The engines the plugin ships; every index has one of each. */
export type EngineName = 'postgres' | 'meilisearch'

/** A point and a radius around it: what `near` means to every engine. */
export type Near = { lat: number; lng: number; radiusKm: number }

export class SearchEngineError extends Error {
  constructor(
    message: string,
    readonly code = 'SEARCH_ENGINE_ERROR',
  ) {
    super(message)
    this.name = 'SearchEngineError'
  }
}

/** Days since 1970-01-01 for an ISO date: how engines without date ranges store days. */
export const epochDay = (isoDate: string): number =>
  Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000)
