import { type PostgresAdapter, postgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

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

const watched = new WeakSet<object>()
const closing = new WeakSet<object>()

/** Said before the app ends its own pool, whose connections then close as they should. */
export const markPoolClosing = (pool: object): void => {
  closing.add(pool)
}

/**
 * node-postgres hands an idle connection's failure (the server restarted, or a failover) to its
 * pool's `error` event, and with no listener that is an uncaught exception. The pool drops the
 * connection and opens another when next asked; here the loss is logged as what it is, in one
 * line (the error carries the whole client), and not at all while the app closes the pool.
 */
export const logLostIdleConnections = (payload: Payload): void => {
  const pool = (payload.db as unknown as Partial<PostgresAdapter>).pool
  if (!pool || watched.has(pool)) return
  watched.add(pool)
  pool.on('error', (error: Error & { code?: string }) => {
    if (closing.has(pool)) return
    payload.logger.warn(
      { code: error.code },
      `An idle database connection was lost (${error.message}); a new one will be opened when needed`,
    )
  })
}
