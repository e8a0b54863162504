import { postgresAdapter } from '@payloadcms/db-postgres'

import type { Env } from '@/lib/kit/env'

import { migrations } from '../../../migrations'
import { embeddedConnectionString, ensureEmbeddedPostgres } from './embeddedPostgres'

/** Extensions the search, geo and text features rely on; created on every connect. */
export const POSTGRES_EXTENSIONS = ['pg_trgm', 'cube', 'earthdistance', 'unaccent']

/**
 * Development pushes the schema into its own database; production applies the committed
 * migrations. On the embedded server they live in separate databases so one never meets the
 * other's bookkeeping.
 */
export const embeddedDatabaseName = (env: Env): string =>
  env.NODE_ENV === 'production' ? 'eventpros' : 'eventpros_dev'

export const databaseUrl = (env: Env): string =>
  env.DATABASE_URL ?? embeddedConnectionString(env.EMBEDDED_PG_PORT, embeddedDatabaseName(env))

/** Starts the embedded PostgreSQL when the environment uses it (no DATABASE_URL); else nothing. */
export const ensureDatabaseServer = async (env: Env, log: (message: string) => void) => {
  if (!env.usesEmbeddedPostgres) return
  await ensureEmbeddedPostgres({
    dataDir: env.EMBEDDED_PG_DATA_DIR,
    port: env.EMBEDDED_PG_PORT,
    log,
  })
}

export const databaseAdapter = (env: Env) => {
  const adapter = postgresAdapter({
    pool: { connectionString: databaseUrl(env), max: 20 },
    extensions: POSTGRES_EXTENSIONS,
    prodMigrations: migrations,
  })
  if (!env.usesEmbeddedPostgres) return adapter

  return {
    ...adapter,
    init: (...args: Parameters<typeof adapter.init>) => {
      const instance = adapter.init(...args)
      const connect = instance.connect
      instance.connect = async (options) => {
        await ensureDatabaseServer(env, (message) => instance.payload.logger.info(message))
        return connect?.call(instance, options)
      }
      return instance
    },
  }
}
