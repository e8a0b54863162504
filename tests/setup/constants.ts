/** The test run's own embedded PostgreSQL: apart from the dev server's data and port. */
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 54339)
export const TEST_PG_DATA_DIR = process.env.TEST_PG_DATA_DIR ?? '.data/test-postgres'
