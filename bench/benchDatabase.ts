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

/**
 * Points this process's Payload at the benchmark's database, with the embedded default for
 * every outside service (no Meilisearch, no demo seed on start, no search sync running while
 * it measures), plus `extra`. Call it before the config is imported: the config reads the env.
 */
export const useBenchEnvironment = (databaseUrl: string, extra: Record<string, string> = {}) => {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'bench-secret-that-is-long-enough-0123456789',
    SEED_DEMO_DATA: 'false',
    MEILISEARCH_HOST: '',
    MEILISEARCH_API_KEY: '',
    SEARCH_SYNC_CRON: 'off',
    ...extra,
  })
}
