import { ensureEmbeddedPostgres } from '../../src/lib/db/embeddedPostgres'
import { TEST_PG_DATA_DIR, TEST_PG_PORT } from './constants'

/**
 * One real PostgreSQL for the whole run; each spec file creates its own database on it.
 * This process owns the server and stops it when jest exits.
 */
export default async function globalSetup() {
  await ensureEmbeddedPostgres({
    dataDir: TEST_PG_DATA_DIR,
    port: TEST_PG_PORT,
    log: () => undefined,
  })
}
