/**
 * npm run bench:requests [-- --runs 200]
 *
 * Where a signed-in request's time goes below the page: each read a signed-in page or a REST
 * list makes, run through the Local API as the demo organizer (`overrideAccess: false`), on a
 * database of its own seeded with the demo data (`<db>_bench_requests`). For each it prints the
 * SQL statements one call sends, the time PostgreSQL's round trips take, and the CPU the call
 * costs this process (drizzle building the SQL, Payload's afterRead, access and population).
 * Writes bench/results/requests.json. The page itself (React) is the rest of bench:pages' figure.
 */
import fs from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'

import type pg from 'pg'

import { benchDatabaseUrl, useBenchEnvironment } from './benchDatabase'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { runs: { type: 'string', default: '200' } },
})
const RUNS = Number(values.runs)

const benchUrl = await benchDatabaseUrl('bench_requests', { fresh: false })
useBenchEnvironment(benchUrl, {
  MEDIA_DIR: '.data/bench-requests-media',
  MAIL_DIR: '.data/bench-requests-mail',
  PRIVATE_FILES_DIR: '.data/bench-requests-private-files',
})

const { default: configPromise } = await import('@payload-config')
const { createLocalReq, executeAuthStrategies, getPayload } = await import('payload')
const payload = await getPayload({ config: await configPromise })
const { seedIfEmpty } = await import('../src/lib/seed/seedIfEmpty')
await seedIfEmpty(payload)

// ---- every statement the adapter sends, counted and timed ------------------------------------
const pool = (payload.db as unknown as { pool: pg.Pool }).pool
let statements = 0
let sqlMs = 0
type Query = (...args: unknown[]) => Promise<unknown>
const counted = (query: Query): Query =>
  async function (this: unknown, ...args: unknown[]) {
    statements += 1
    const started = performance.now()
    try {
      return await query.apply(this, args)
    } finally {
      sqlMs += performance.now() - started
    }
  }
// pool.query takes a client and calls its query: counting clients' calls counts each once.
const patched = new WeakSet<object>()
pool.on('acquire', (client) => {
  if (patched.has(client)) return
  patched.add(client)
  const own = client.query.bind(client) as unknown as Query
  ;(client as unknown as { query: Query }).query = counted(own)
})

// ---- the demo organizer, signed in as a browser would be -------------------------------------
const DEMO_PASSWORD = 'EventPros!2026'
const login = await payload.login({
  collection: 'users',
  data: { email: 'organizer@eventpros.test', password: DEMO_PASSWORD },
})
// Payload takes the cookie only from a request the browser marks same-site (against CSRF).
const headers = new Headers({
  cookie: `payload-token=${login.token}`,
  'sec-fetch-site': 'same-origin',
})
const newReq = () => createLocalReq({ req: { headers } }, payload)
const user = (await executeAuthStrategies({ headers, payload, req: await newReq() })).user
if (!user) throw new Error('The demo organizer could not be signed in')

const { docs: shown } = await payload.find({
  collection: 'vendors',
  where: { status: { equals: 'active' }, 'rating.count': { greater_than: 0 } },
  sort: '-rating.count',
  limit: 1,
  pagination: false,
  depth: 0,
})
const slug = shown[0]?.slug
if (!slug) throw new Error('The demo data has no reviewed vendor')

type Row = { read: string; statements: number; sqlMs: number; cpuMs: number; wallMs: number }
const rows: Row[] = []
const measure = async (read: string, run: () => Promise<unknown>) => {
  for (let i = 0; i < 20; i++) await run()
  statements = 0
  sqlMs = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < RUNS; i++) await run()
  const used = process.cpuUsage(cpu)
  const row = {
    read,
    statements: statements / RUNS,
    sqlMs: sqlMs / RUNS,
    cpuMs: (used.user + used.system) / 1000 / RUNS,
    wallMs: (performance.now() - started) / RUNS,
  }
  rows.push(row)
  process.stdout.write(`  ${read}: ${row.cpuMs.toFixed(2)} ms CPU\n`)
}

const vendors = (depth: number) => () =>
  payload.find({ collection: 'vendors', limit: 20, depth, user, overrideAccess: false })

process.stdout.write(
  `Request cost · ${new Date().toISOString()} · Node ${process.version} · ${os.cpus()[0]?.model.trim()} × ${os.cpus().length} · load average ${os.loadavg()[0]!.toFixed(2)} · ${RUNS} runs each\n`,
)
await measure('Sign-in check (auth strategies: token, user, session)', async () =>
  executeAuthStrategies({ headers, payload, req: await newReq() }),
)
await measure('payload.auth() (the same, plus every collection’s permissions)', () =>
  payload.auth({ headers }),
)
await measure('REST list’s read: vendors, 20, depth 2 (the default)', vendors(2))
await measure('Vendors, 20, depth 1', vendors(1))
await measure('Vendors, 20, depth 0', vendors(0))
await measure('Vendor page: the vendor by slug, depth 1', () =>
  payload.find({
    collection: 'vendors',
    where: { slug: { equals: slug } },
    limit: 1,
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
  }),
)
await measure('Vendor page: its published reviews, depth 1', () =>
  payload.find({
    collection: 'reviews',
    where: { vendor: { equals: shown[0]!.id }, status: { equals: 'published' } },
    sort: '-createdAt',
    limit: 20,
    depth: 1,
    user,
    overrideAccess: false,
  }),
)
await measure('Media, 60, depth 0', () =>
  payload.find({ collection: 'media', limit: 60, depth: 0, user, overrideAccess: false }),
)

const table = [
  '| Read | SQL statements | SQL round trips ms | CPU ms | Wall ms |',
  '| ---- | -------------: | -----------------: | -----: | ------: |',
  ...rows.map(
    (r) =>
      `| ${r.read} | ${r.statements.toFixed(1)} | ${r.sqlMs.toFixed(2)} | ${r.cpuMs.toFixed(2)} | ${r.wallMs.toFixed(2)} |`,
  ),
].join('\n')
process.stdout.write(`\n${table}\n`)
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync(
  'bench/results/requests.json',
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: `${os.cpus()[0]?.model.trim()} × ${os.cpus().length}`,
      loadAverage: os.loadavg()[0],
      runs: RUNS,
      rows,
    },
    null,
    2,
  )}\n`,
)
process.stdout.write('\nWritten to bench/results/requests.json\n')
process.exit(0)
