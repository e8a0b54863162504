/**
 * npm run seed [-- --vendors N] [-- --reset]
 * Seeds New Zealand demo data: categories, demo accounts and N vendors (default 200).
 * On a seeded database it adds N more vendors; --reset empties the marketplace first.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { SingleBar } from 'cli-progress'
import { parseArgs } from 'node:util'
import { getPayload } from 'payload'

import { rebuildSearchIndex } from '../plugins/search'
import { seed } from '../src/lib/seed/seed'
import { DEFAULT_DEMO_VENDORS } from '../src/lib/seed/seedIfEmpty'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    vendors: { type: 'string', default: String(DEFAULT_DEMO_VENDORS) },
    reset: { type: 'boolean', default: false },
  },
})

const vendors = Number(values.vendors)
if (!Number.isInteger(vendors) || vendors < 0 || vendors > 1_000_000) {
  console.error(`--vendors must be a whole number from 0 to 1000000 (got "${values.vendors}")`)
  process.exit(2)
}

// This script decides what to seed; the automatic first-start seeding stays out of its way.
process.env.SEED_DEMO_DATA = 'false'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
if (values.reset) {
  if (process.env.NODE_ENV === 'production') {
    console.error('--reset is refused when NODE_ENV=production.')
    process.exit(2)
  }
  await (payload.db as unknown as PostgresAdapter).pool.query(
    'TRUNCATE vendors, categories, media, users RESTART IDENTITY CASCADE',
  )
  payload.logger.info('Emptied vendors, categories, media and users.')
}

const bar = new SingleBar({
  format: 'Seeding vendors [{bar}] {percentage}% | {value}/{total} | {duration}s',
  hideCursor: true,
})
const started = Date.now()
let barStarted = false
const result = await seed(payload, {
  vendors,
  onProgress: (done, total) => {
    if (!barStarted) {
      bar.start(total, done)
      barStarted = true
    } else bar.update(done)
  },
})
bar.stop()
payload.logger.info(
  `Seeded ${result.categories} categories, ${result.accounts} demo accounts and ${result.vendors} vendors in ${((Date.now() - started) / 1000).toFixed(1)} s`,
)

// Vendors were written in bulk, past the hooks that queue index updates: rebuild the index.
const indexBar = new SingleBar({
  format: 'Indexing vendors [{bar}] {percentage}% | {value}/{total} | {duration}s',
  hideCursor: true,
})
let indexStarted = false
const indexed = await rebuildSearchIndex(payload, {
  onProgress: ({ indexed: done, total }) => {
    if (!indexStarted) {
      indexBar.start(total, done)
      indexStarted = true
    } else indexBar.update(done)
  },
})
indexBar.stop()
payload.logger.info(
  `Indexed ${indexed.documents} vendors for search in ${(indexed.ms / 1000).toFixed(1)} s`,
)
process.exit(0)
