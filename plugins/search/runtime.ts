import type { Payload } from 'payload'
import type { Pool } from 'pg'

import type { JobSearchEngine } from './jobs/types'
import type { SanitizedSearchPluginConfig } from './types'
import { type CachedEngine, cachedEngine } from './vendors/engines/cached'
import type { SearchEngine } from './vendors/types'

const engines = new WeakMap<Payload, SearchEngine>()

const withCache = (payload: Payload, engine: SearchEngine): SearchEngine => {
  const { cache } = searchConfig(payload)
  return cache ? cachedEngine(engine, cache) : engine
}

/** The plugin's options, defaults filled, as the running Payload instance was configured. */
export const searchConfig = (payload: Payload): SanitizedSearchPluginConfig => {
  const config = (payload.config.custom as { search?: SanitizedSearchPluginConfig } | undefined)
    ?.search
  if (!config) throw new Error('The search plugin is not in this Payload config')
  return config
}

/** The engine of this Payload instance, created on first use. */
export const getSearchEngine = (payload: Payload): SearchEngine => {
  let engine = engines.get(payload)
  if (!engine) {
    engine = withCache(payload, searchConfig(payload).engine(payload))
    engines.set(payload, engine)
  }
  return engine
}

const jobEngines = new WeakMap<Payload, JobSearchEngine>()

/** The job board's engine of this Payload instance, created on first use. */
export const getJobSearchEngine = (payload: Payload): JobSearchEngine => {
  let engine = jobEngines.get(payload)
  if (!engine) {
    engine = searchConfig(payload).jobEngine(payload)
    jobEngines.set(payload, engine)
  }
  return engine
}

/** Replaces the job board's engine of a running instance (tests against the Meilisearch peer). */
export const setJobSearchEngine = (payload: Payload, engine: JobSearchEngine): void => {
  jobEngines.set(payload, engine)
}

/** Replaces the engine of a running instance (tests, and scripts that index elsewhere). */
export const setSearchEngine = (payload: Payload, engine: SearchEngine): void => {
  engines.set(payload, withCache(payload, engine))
}

/** Forgets cached search results of this instance (the benchmark measures uncached searches). */
export const clearSearchCache = (payload: Payload): void => {
  const engine = getSearchEngine(payload) as Partial<CachedEngine>
  engine.clear?.()
}

/** The app database's pool: documents are always read from PostgreSQL, whatever the engine. */
export const databasePool = (payload: Payload): Pool => {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (!pool) throw new Error('The search plugin needs the PostgreSQL database adapter')
  return pool
}
