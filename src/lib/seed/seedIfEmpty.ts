import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { withoutPageRefresh } from '@/lib/cache/publicPages'

import { seed } from './seed'

export const DEFAULT_DEMO_VENDORS = 200
// Any fixed number shared by all processes; serialises seeding between Next workers.
const SEED_LOCK_KEY = 20261125

/** First start on an empty database: fill it with demo data once, whichever process gets there. */
export const seedIfEmpty = async (payload: Payload): Promise<void> => {
  const pool = (payload.db as unknown as PostgresAdapter).pool
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY])
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM categories')
    if (Number(rows[0]?.count) > 0) return
    payload.logger.info(`Empty database: seeding demo data (${DEFAULT_DEMO_VENDORS} vendors)…`)
    const started = Date.now()
    const result = await withoutPageRefresh(() => seed(payload, { vendors: DEFAULT_DEMO_VENDORS }))
    payload.logger.info(
      `Seeded ${result.categories} categories, ${result.accounts} accounts, ${result.vendors} vendors and ${result.jobs} jobs in ${Date.now() - started} ms. Sign in as admin@eventpros.test (see README).`,
    )
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined)
    client.release()
  }
}
