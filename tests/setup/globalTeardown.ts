import { stopEmbeddedPostgres } from '../../src/lib/db/embeddedPostgres'

/** Stops the run's PostgreSQL so that jest exits as soon as the tests are done. */
export default async function globalTeardown() {
  await stopEmbeddedPostgres()
}
