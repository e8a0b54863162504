/**
 * npm run restore -- <archive.tar.gz>
 * Restores a backup made by `npm run backup` into an empty database and empty file stores:
 * checks every checksum in the archive first, builds the schema the usual way (migrations in
 * production, push in development), loads the rows, checks every table's row count, then
 * rebuilds the search index. Refuses a damaged archive and a target that holds anything.
 * Stop the app first; run with the app version and PAYLOAD_SECRET the backup was made with.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Pool } from 'pg'
import pg from 'pg'
import { getPayload } from 'payload'

import { rebuildSearchIndex } from '../plugins/search'
import { databaseUrl, ensureDatabaseServer } from '@/lib/db/adapter'
import { getEnv } from '@/lib/kit/env'
import {
  assertRestoreTarget,
  BackupError,
  backupStoresFromEnv,
  restoreBackup,
  verifyBackup,
} from '@/lib/operations/backup'
import { logger } from '@/lib/operations/logger'

const [archive, ...extra] = process.argv.slice(2)
if (!archive || extra.length > 0 || archive.startsWith('-')) {
  console.error('Usage: npm run restore -- <archive.tar.gz>')
  process.exit(2)
}

// Nothing may write while the rows go in: no demo seeding and no scheduled jobs.
Object.assign(process.env, {
  SEED_DEMO_DATA: 'false',
  SEARCH_SYNC_CRON: 'off',
  MARKETPLACE_JOBS_CRON: 'off',
})
const env = getEnv()
const log = logger()
const stores = backupStoresFromEnv(env)

try {
  const manifest = await verifyBackup(archive)
  log.info(
    `${archive}: backup of ${manifest.createdAt} (app ${manifest.appVersion}, migration ` +
      `${manifest.migration}), every checksum matches`,
  )
  // Checked before Payload starts: building the schema must not touch a database in use.
  await ensureDatabaseServer(env, (message) => log.info(message))
  const precheck = new pg.Pool({ connectionString: databaseUrl(env), max: 1 })
  try {
    await assertRestoreTarget({ pool: precheck, stores })
  } finally {
    await precheck.end()
  }

  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  await restoreBackup({
    file: archive,
    manifest,
    pool: (payload.db as unknown as PostgresAdapter).pool as unknown as Pool,
    stores,
    log: (message) => log.info(message),
  })
  // The search index is derived data, kept outside the backed-up tables: built afresh.
  await rebuildSearchIndex(payload).catch((error: unknown) => {
    log.error({
      err: error,
      msg: 'Restored, but the search index was not rebuilt: run npm run search:reindex',
    })
    process.exit(1)
  })
  process.exit(0)
} catch (error) {
  if (error instanceof BackupError) log.error(error.message)
  else log.error({ err: error, msg: 'The restore failed; nothing of the archive was kept' })
  process.exit(1)
}
