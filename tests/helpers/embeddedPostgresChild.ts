/**
 * A stand-in for a process of the app (Next worker, Payload CLI): ensures the embedded server
 * is up for DATA_DIR/PORT, runs one SQL statement, prints READY, then waits or exits.
 */
import pg from 'pg'

import { embeddedConnectionString, ensureEmbeddedPostgres } from '../../src/lib/db/embeddedPostgres'

const [dataDir, port, sql, mode] = process.argv.slice(2)
await ensureEmbeddedPostgres({
  dataDir: dataDir!,
  port: Number(port),
  log: (line) => console.log(line),
})
const client = new pg.Client({
  connectionString: embeddedConnectionString(Number(port), 'postgres'),
})
await client.connect()
const result = await client.query(sql!)
await client.end()
console.log(`READY ${JSON.stringify(result.rows)}`)
if (mode === 'exit') process.exit(0)
setInterval(() => undefined, 1000)
