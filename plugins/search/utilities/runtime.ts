import type { Payload } from 'payload'
import type { Pool } from 'pg'

import type { SearchEngine } from '../engines/types'
import type { SanitizedSearchPluginConfig } from '../types'

const engines = new WeakMap<Payload, SearchEngine>()

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
    engine = searchConfig(payload).engine(payload)
    engines.set(payload, engine)
  }
  return engine
}

/** Replaces the engine of a running instance (tests, and scripts that index elsewhere). */
export const setSearchEngine = (payload: Payload, engine: SearchEngine): void => {
  engines.set(payload, engine)
}

/** The app database's pool: documents are always read from PostgreSQL, whatever the engine. */
export const databasePool = (payload: Payload): Pool => {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (!pool) throw new Error('The search plugin needs the PostgreSQL database adapter')
  return pool
}
