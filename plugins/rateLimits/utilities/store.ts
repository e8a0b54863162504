import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

import { type LimitName, RATE_LIMITS } from '../limits'

/**
 * The counters live in the app's own PostgreSQL, in a schema of their own (Payload's schema
 * push and migrations only look at `public`), so every app instance on the database counts
 * together. Each limiter is insured by an in-memory one of the same size: if the database
 * cannot be reached, each instance still limits on its own rather than letting all through.
 */
const SCHEMA = 'rate_limits'
const TABLE = 'counters'

export type Limiters = Record<LimitName, RateLimiterPostgres>

const limitersByPayload = new WeakMap<Payload, Limiters>()

/** Creates the table once per database; a second instance racing the first is fine. */
export const prepareStore = async (payload: Payload): Promise<void> => {
  const pool = (payload.db as unknown as PostgresAdapter).pool
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${SCHEMA}"`)
    await pool.query(
      `CREATE TABLE IF NOT EXISTS "${SCHEMA}"."${TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    )
  } catch (error) {
    const code = (error as { code?: string }).code
    // Two instances creating the schema at once: the other one won.
    if (code === '23505' || code === '42P06' || code === '42P07') return
    payload.logger.error({
      err: error,
      msg: 'Rate limits could not prepare their table; each instance limits on its own until it can.',
    })
  }
}

const createLimiters = (payload: Payload): Limiters => {
  const pool = (payload.db as unknown as PostgresAdapter).pool
  const entries = (Object.keys(RATE_LIMITS) as LimitName[]).map((name, index) => {
    const { points, durationSeconds } = RATE_LIMITS[name]
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      schemaName: SCHEMA,
      tableName: TABLE,
      tableCreated: true,
      // One limiter sweeping expired rows is enough for the shared table.
      clearExpiredByTimeout: index === 0,
      keyPrefix: name,
      points,
      duration: durationSeconds,
      insuranceLimiter: new RateLimiterMemory({
        keyPrefix: name,
        points,
        duration: durationSeconds,
      }),
    })
    return [name, limiter] as const
  })
  return Object.fromEntries(entries) as Limiters
}

export const limitersOf = (payload: Payload): Limiters => {
  let limiters = limitersByPayload.get(payload)
  if (!limiters) {
    limiters = createLimiters(payload)
    limitersByPayload.set(payload, limiters)
  }
  return limiters
}

/** A refusal from the limiter (over the limit), as opposed to a failure of the store. */
export const isRefusal = (value: unknown): value is RateLimiterRes =>
  value instanceof RateLimiterRes
