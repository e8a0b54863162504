import type { Payload } from 'payload'

import type { Env } from '@/lib/kit/env'
import { metrics } from '@/lib/operations/metrics'
import {
  databasePool,
  type Geocoder,
  type JobSearchEngine,
  meilisearchEngine,
  meilisearchJobEngine,
  postgresEngine,
  postgresJobEngine,
  type SearchEngine,
} from '@/plugins/search'

import { gazetteerGeocoder, mapboxGeocoder } from './geo/geocoder'

/** Each search the engine answers is timed, by engine and outcome (`GET /api/metrics`). */
const timed = (engine: SearchEngine): SearchEngine => ({
  ...engine,
  search: async (...args) => {
    const stop = metrics().searchDuration.startTimer({ engine: engine.name })
    try {
      const result = await engine.search(...args)
      stop({ outcome: 'ok' })
      return result
    } catch (error) {
      stop({ outcome: 'error' })
      throw error
    }
  },
})

/** Meilisearch when MEILISEARCH_HOST is set, otherwise the app's own PostgreSQL. */
export const searchEngineFromEnv =
  (env: Env) =>
  (payload: Payload): SearchEngine =>
    timed(
      env.MEILISEARCH_HOST
        ? meilisearchEngine({
            host: env.MEILISEARCH_HOST,
            apiKey: env.MEILISEARCH_API_KEY,
            indexPrefix: env.MEILISEARCH_INDEX_PREFIX,
          })
        : postgresEngine({ pool: databasePool(payload) }),
    )

/** The job board's engine, of the same kind as the vendors' one. */
export const jobSearchEngineFromEnv =
  (env: Env) =>
  (payload: Payload): JobSearchEngine =>
    env.MEILISEARCH_HOST
      ? meilisearchJobEngine({
          host: env.MEILISEARCH_HOST,
          apiKey: env.MEILISEARCH_API_KEY,
          indexPrefix: env.MEILISEARCH_INDEX_PREFIX,
        })
      : postgresJobEngine({ pool: databasePool(payload) })

/**
 * Mapbox for addresses when the server has a token of its own (`MAPBOX_SERVER_TOKEN`; the
 * browser's `NEXT_PUBLIC_MAPBOX_TOKEN` only draws the map); the built-in gazetteer always answers
 * towns and regions.
 */
export const geocoderFromEnv = (env: Env): Geocoder =>
  env.MAPBOX_SERVER_TOKEN
    ? mapboxGeocoder({
        token: env.MAPBOX_SERVER_TOKEN,
        onError: (error) =>
          console.warn('Mapbox geocoding failed; using the gazetteer only', error),
      })
    : gazetteerGeocoder()
