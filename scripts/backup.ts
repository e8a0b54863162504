/**
 * npm run backup [-- <folder or file.tar.gz>]
 * Writes one archive of the database (one consistent snapshot) and every uploaded file (the
 * local folders, and the bucket when S3_BUCKET is set), with a manifest of counts and SHA-256
 * checksums: `<BACKUP_DIR>/eventpros-<time>.tar.gz` (BACKUP_DIR defaults to `backups`) unless
 * told where. Safe while the app runs.
 * How it works and why it is sound: src/lib/operations/backup/database.ts.
 */
import fs from 'node:fs'
import path from 'node:path'

import pg from 'pg'

import { databaseUrl, ensureDatabaseServer } from '@/lib/db/adapter'
import { getEnv } from '@/lib/kit/env'
import {
  BackupError,
  createBackup,
  defaultArchiveName,
  backupStoresFromEnv,
} from '@/lib/operations/backup'
import { logger } from '@/lib/operations/logger'

const env = getEnv()
const [destination = env.BACKUP_DIR, ...extra] = process.argv.slice(2)
if (extra.length > 0 || destination.startsWith('-')) {
  console.error('Usage: npm run backup [-- <folder or file.tar.gz>]')
  process.exit(2)
}
const file = destination.endsWith('.tar.gz')
  ? destination
  : path.join(destination, defaultArchiveName())

const log = logger()
const appVersion = (() => {
  try {
    return (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
})()

await ensureDatabaseServer(env, (message) => log.info(message))
const pool = new pg.Pool({ connectionString: databaseUrl(env), max: 1 })
try {
  const started = Date.now()
  const result = await createBackup({
    pool,
    stores: backupStoresFromEnv(env),
    file,
    appVersion,
    log: (message) => log.info(message),
  })
  log.info(
    `Backup written to ${result.file} (${(result.bytes / 1048576).toFixed(1)} MB, sha256 ` +
      `${result.sha256}, migration ${result.manifest.migration}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  await pool.end()
  process.exit(0)
} catch (error) {
  if (error instanceof BackupError) log.error(error.message)
  else log.error({ err: error, msg: 'The backup failed; no archive was written' })
  process.exit(1)
}
