import pg from 'pg'

import { embeddedConnectionString, ensureEmbeddedPostgres } from '../src/lib/db/embeddedPostgres'

/**
 * A database of the benchmark's own beside the app's (`<db>_<suffix>`), on DATABASE_URL's
 * server or the embedded one, so a benchmark never touches the data it runs next to.
 * `fresh` drops what an earlier run left; otherwise it is kept for `--reuse`.
 */
export const benchDatabaseUrl = async (
  suffix: string,
  { fresh }: { fresh: boolean },
): Promise<string> => {
  let baseUrl = process.env.DATABASE_URL
  if (!baseUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
    await ensureEmbeddedPostgres({
      dataDir: process.env.EMBEDDED_PG_DATA_DIR ?? '.data/postgres',
      port,
      log: () => undefined,
    })
    baseUrl = embeddedConnectionString(port, 'eventpros')
  }
  const benchUrl = new URL(baseUrl)
  const benchDb = `${benchUrl.pathname.slice(1) || 'eventpros'}_${suffix}`
  benchUrl.pathname = `/${benchDb}`
  const adminUrl = new URL(baseUrl)
  adminUrl.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${benchDb}" WITH (FORCE)`)
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [benchDb])
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${benchDb}"`)
  await admin.end()
  return benchUrl.toString()
}
