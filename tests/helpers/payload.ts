import type { PostgresAdapter } from '@payloadcms/db-postgres'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload, SanitizedConfig } from 'payload'
import pg from 'pg'

import { getRealtime } from '../../plugins/realtime'
import { embeddedConnectionString } from '../../src/lib/db/embeddedPostgres'
import { TEST_PG_PORT } from '../setup/constants'

export type TestContext = {
  payload: Payload
  config: SanitizedConfig
  mailDir: string
  database: string
  stop: () => Promise<void>
}

type ConfigModule = { default: SanitizedConfig | Promise<SanitizedConfig> }

/**
 * Payload on a database of its own (created by the Postgres adapter, schema pushed), and a mail
 * folder of its own to read the emails it sends. The real config unless a plugin's test config
 * is given (`() => import('./config')`), which reads the same environment.
 */
export const startPayload = async (
  name: string,
  loadConfig: () => Promise<ConfigModule> = () => import('@payload-config'),
): Promise<TestContext> => {
  const database = `test_${name.replace(/\W+/g, '_')}_${Date.now().toString(36)}`
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `${database}-`))
  const mailDir = path.join(scratch, 'mail')
  Object.assign(process.env, {
    DATABASE_URL: embeddedConnectionString(TEST_PG_PORT, database),
    PAYLOAD_SECRET: 'test-secret-that-is-long-enough-for-payload-0123',
    MAIL_DIR: mailDir,
    MEDIA_DIR: path.join(scratch, 'media'),
    PRIVATE_FILES_DIR: path.join(scratch, 'private-files'),
    SEED_DEMO_DATA: 'false',
    NEXT_PUBLIC_SERVER_URL: 'http://localhost:3000',
    // Tests apply queued jobs themselves (payload.jobs.run); a background runner would race them.
    SEARCH_SYNC_CRON: 'off',
    MARKETPLACE_JOBS_CRON: 'off',
  })
  const config = await (await loadConfig()).default
  const { getPayload } = await import('payload')
  const payload = await getPayload({ config })
  return {
    payload,
    config,
    mailDir,
    database,
    stop: async () => {
      // A plugin's own test config may not have realtime in it.
      if ((payload.config.custom as { realtime?: unknown } | undefined)?.realtime) {
        await getRealtime(payload).stop?.()
      }
      const pool = (payload.db as unknown as PostgresAdapter).pool
      // Dropping the database below ends any connection the pool still holds; that is ours.
      pool?.on('error', () => undefined)
      await payload.destroy()
      await pool?.end().catch(() => undefined)
      const client = new pg.Client({
        connectionString: embeddedConnectionString(TEST_PG_PORT, 'postgres'),
      })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await client.end()
      fs.rmSync(scratch, { recursive: true, force: true })
    },
  }
}
