/**
 * npm run bench:search [-- --vendors 100000] [-- --queries 1000] [-- --duration 15] [-- --reuse]
 *   [-- --profile]
 *
 * Seeds vendors into a database of its own (`<db>_bench`, never the app's), indexes them with
 * the PostgreSQL engine, then runs one fixed mix of queries three ways and prints latency
 * percentiles: (a) our endpoint over HTTP, (b) the same filters through Payload's stock REST
 * `where` (what a Payload user writes without this plugin), (c) the engine's SQL called
 * directly (the floor). Then throughput with autocannon at 50 connections, EXPLAIN plans for
 * each kind of query, and everything into bench/results/search.json. `--profile` records the
 * server's thread while every request is searched, for Chrome DevTools or `speedscope`.
 */
import autocannon from 'autocannon'
import fs from 'node:fs'
import http from 'node:http'
import inspector from 'node:inspector/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'
import type pg from 'pg'

import { benchDatabaseUrl, useBenchEnvironment } from './benchDatabase'
import { isReset, requestCounts, requestReport, tryBenchFetch } from './client'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    vendors: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '15' },
    reuse: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
})
const VENDORS = Number(values.vendors)
const QUERIES = Number(values.queries)
const DURATION = Number(values.duration)

// ---- a database of its own -----------------------------------------------------------------
const benchUrl = await benchDatabaseUrl('bench', { fresh: false })
const benchDb = new URL(benchUrl).pathname.slice(1)
// The benchmark rebuilds the index itself; no background job may run while it measures.
useBenchEnvironment(benchUrl)

const { default: configPromise } = await import('@payload-config')
const config = await configPromise
const { getPayload } = await import('payload')
// Payload's route handlers after the config: imported before @payloadcms/richtext-lexical (which
// the config loads), @payloadcms/next/routes leaves Node 20 with an unsettled import.
const { REST_GET } = await import('@payloadcms/next/routes')
const payload = await getPayload({ config })
const pool = (payload.db as unknown as { pool: pg.Pool }).pool
const { seed } = await import('../src/lib/seed/seed')
const {
  buildSearchSql,
  clearSearchCache,
  getSearchEngine,
  parseSearchRequest,
  postgresEngine,
  rebuildSearchIndex,
  searchConfig,
  setSearchEngine,
} = await import('../plugins/search')
const { createRandom } = await import('../src/lib/seed/generate')
const { nzTowns } = await import('../src/lib/geo/towns')

const log = (message: string) => process.stdout.write(`${message}\n`)

// ---- seed and index ------------------------------------------------------------------------
const existing = Number((await pool.query('SELECT count(*) AS n FROM vendors')).rows[0].n)
if (values.reuse && existing === VENDORS) {
  log(`Reusing ${existing.toLocaleString('en-NZ')} vendors in ${benchDb}`)
} else {
  await pool.query('TRUNCATE vendors, categories, media, users RESTART IDENTITY CASCADE')
  // The seed writes its reviews through the app's rate limits: counters an earlier run left
  // this hour would refuse them.
  await pool.query(
    `DO $$ BEGIN IF to_regclass('rate_limits.counters') IS NOT NULL THEN DELETE FROM rate_limits.counters; END IF; END $$`,
  )
  const started = Date.now()
  await seed(payload, { vendors: VENDORS, sampleRatings: true, portfolios: false })
  log(
    `Seeded ${VENDORS.toLocaleString('en-NZ')} vendors into ${benchDb} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}
const indexed = await rebuildSearchIndex(payload)
log(
  `Indexed ${indexed.documents.toLocaleString('en-NZ')} vendors in ${(indexed.ms / 1000).toFixed(1)} s`,
)
await pool.query('ANALYZE')
// The endpoint's engine loads its in-memory copy of the index (what every app instance does at
// start). A second copy, loaded between two full garbage collections, shows what one costs.
await getSearchEngine(payload).warm?.()
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
gc()
const heapBefore = process.memoryUsage().heapUsed
const loadStarted = performance.now()
const secondCopy = postgresEngine({ pool })
await secondCopy.warm()
const loadMs = performance.now() - loadStarted
gc()
const memoryCopy = {
  loadSeconds: Math.round(loadMs / 100) / 10,
  heapMiB: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024),
}
log(
  `Loaded an in-memory copy in ${memoryCopy.loadSeconds} s; it takes ${memoryCopy.heapMiB} MiB of heap`,
)

// ---- the fixed query mix -------------------------------------------------------------------
type Kind = 'text' | 'typo' | 'geo' | 'facets' | 'distance' | 'availability'
type BenchQuery = { kind: Kind; ours: string; stock: string }

const categories = (
  await pool.query<{ id: number; slug: string; name: string; parent_id: number | null }>(
    'SELECT id, slug, name, parent_id FROM categories',
  )
).rows
const towns = nzTowns().slice(0, 40)
const random = createRandom(2026)
const TEXT = [
  'photographer',
  'caterer',
  'florist',
  'dj',
  'venue',
  'wedding',
  'band',
  'cakes',
  'marquee',
  'celebrant',
  'videographer',
  'hire',
]
const TYPOS = [
  'fotographer',
  'catterer',
  'flourist',
  'weding',
  'photgrapher',
  'videografer',
  'celebrent',
  'marqee',
]
const PRICES = ['budget', 'moderate', 'premium', 'luxury']
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const encode = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
const stockUrl = (and: object[], sort = '-rating.average') =>
  `/api/vendors?${encode({ limit: 20, depth: 1, sort })}&where=${encodeURIComponent(JSON.stringify({ and: [{ status: { equals: 'active' } }, ...and] }))}`
const bbox = (lat: number, lng: number, km: number) => {
  const dLat = km / 111.2
  const dLng = dLat / Math.cos((lat * Math.PI) / 180)
  return [
    { 'location.lat': { greater_than_equal: lat - dLat } },
    { 'location.lat': { less_than_equal: lat + dLat } },
    { 'location.lng': { greater_than_equal: lng - dLng } },
    { 'location.lng': { less_than_equal: lng + dLng } },
  ]
}
const textWhere = (word: string) => ({
  or: [
    { businessName: { like: word } },
    { tagline: { like: word } },
    { 'location.city': { like: word } },
  ],
})

const makeQuery = (kind: Kind): BenchQuery => {
  const town = random.pick(towns)
  switch (kind) {
    case 'text': {
      const word = random.next() < 0.8 ? random.pick(TEXT) : town.name
      return { kind, ours: encode({ query: word }), stock: stockUrl([textWhere(word)]) }
    }
    case 'typo': {
      const word = random.pick(TYPOS)
      return { kind, ours: encode({ query: word }), stock: stockUrl([textWhere(word)]) }
    }
    case 'geo': {
      const radius = random.pick([10, 25, 50, 100])
      return {
        kind,
        ours: encode({ lat: town.lat, lng: town.lng, radius }),
        stock: stockUrl(bbox(town.lat, town.lng, radius)),
      }
    }
    case 'facets': {
      const parent = random.pick(categories.filter((c) => c.parent_id == null))
      const ids = categories
        .filter((c) => c.id === parent.id || c.parent_id === parent.id)
        .map((c) => c.id)
      const price = random.pick(PRICES)
      return {
        kind,
        ours: encode({ categories: parent.slug, region: town.region, priceRange: price }),
        stock: stockUrl([
          { categories: { in: ids } },
          { 'location.region': { equals: town.region } },
          { priceRange: { equals: price } },
        ]),
      }
    }
    case 'distance': {
      const word = random.pick(TEXT)
      return {
        kind,
        ours: encode({ query: word, near: town.name, radius: 30, sortBy: 'distance' }),
        // Payload cannot sort by distance from a point: the nearest a user gets is a box.
        stock: stockUrl([textWhere(word), ...bbox(town.lat, town.lng, 30)]),
      }
    }
    case 'availability': {
      const start = random.int(7, 300)
      const word = random.pick(TEXT)
      const [from, to] = [day(start), day(start + random.int(0, 3))]
      return {
        kind,
        ours: encode({ query: word, from, to }),
        stock: stockUrl([
          textWhere(word),
          {
            or: [
              { 'unavailableDates.from': { exists: false } },
              { 'unavailableDates.to': { less_than: from } },
              { 'unavailableDates.from': { greater_than: to } },
            ],
          },
        ]),
      }
    }
  }
}
const MIX: [Kind, number][] = [
  ['text', 25],
  ['typo', 15],
  ['geo', 20],
  ['facets', 15],
  ['distance', 15],
  ['availability', 10],
]
const queries: BenchQuery[] = MIX.flatMap(([kind, share]) =>
  Array.from({ length: Math.round((QUERIES * share) / 100) }, () => makeQuery(kind)),
)

// ---- an HTTP server over Payload's REST handler (the code Next's /api route runs) ----------
const GET = REST_GET(config)
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  GET(new Request(url, { method: 'GET' }), { params: Promise.resolve({ slug }) })
    .then(async (response) => {
      res.writeHead(response.status, { 'Content-Type': 'application/json' })
      res.end(Buffer.from(await response.arrayBuffer()))
    })
    .catch((error: unknown) => {
      res.writeHead(500)
      res.end(String(error))
    })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const summarise = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  const r = (n: number) => Math.round(n * 10) / 10
  return {
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    mean: r(sorted.reduce((s, n) => s + n, 0) / sorted.length),
  }
}
const time = async (fn: () => Promise<void>) => {
  const started = performance.now()
  await fn()
  return performance.now() - started
}
/** One request read to the end; false when its connection was reset (counted, not fatal). */
const fetchOk = async (url: string) => {
  const response = await tryBenchFetch(origin + url)
  if (!response) return false
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  try {
    await response.arrayBuffer()
    return true
  } catch (error) {
    if (!isReset(error)) throw error
    requestCounts.failed += 1
    return false
  }
}
/** A request's milliseconds, or null when it failed on a reset connection. */
const timeRequest = async (url: string) => {
  const started = performance.now()
  return (await fetchOk(url)) ? performance.now() - started : null
}

// Warm up: plans, caches, JIT — not measured.
for (const q of queries.slice(0, 50)) {
  await fetchOk(`/api/vendors/search?${q.ours}`)
  await fetchOk(q.stock)
}

// (c) the same searches as the engine's single SQL statement, on its GIN/GiST/btree indexes.
const engine = postgresEngine({ pool, executor: 'sql' })
const { lookupPlace } = await import('../src/lib/geo/gazetteer')
const engineQuery = (ours: string) => {
  const raw = Object.fromEntries(new URLSearchParams(ours))
  const request = parseSearchRequest(raw, searchConfig(payload))
  let near = null
  if (request.location && 'place' in request.location) {
    const place = lookupPlace(request.location.place)!
    near = { lat: place.lat, lng: place.lng, radiusKm: request.location.radiusKm ?? place.radiusKm }
  } else if (request.location) near = request.location
  return {
    text: request.query,
    categories: request.categories,
    region: request.region,
    priceRange: request.priceRange,
    minRating: request.minRating,
    verifiedOnly: request.verifiedOnly,
    near,
    bounds: request.bounds,
    availability: request.availability,
    sort: request.sort,
    page: request.page,
    limit: request.limit,
    facets: true,
  }
}

const samples = { ours: [] as number[], stock: [] as number[], engine: [] as number[] }
const byKind: Record<string, number[]> = {}
let totalHits = 0
for (const [index, q] of queries.entries()) {
  if (index % 100 === 0) process.stdout.write(`\rQueries ${index}/${queries.length}`)
  // Latency is measured uncached: every query as if nobody had asked it before.
  clearSearchCache(payload)
  const ours = await timeRequest(`/api/vendors/search?${q.ours}`)
  if (ours !== null) {
    samples.ours.push(ours)
    ;(byKind[q.kind] ??= []).push(ours)
  }
  const stock = await timeRequest(q.stock)
  if (stock !== null) samples.stock.push(stock)
  samples.engine.push(
    await time(async () => {
      totalHits += (await engine.search(engineQuery(q.ours))).total
    }),
  )
}

process.stdout.write(`\rQueries ${queries.length}/${queries.length}\n`)
const stats = {
  ours: summarise(samples.ours),
  stock: summarise(samples.stock),
  engine: summarise(samples.engine),
}

// ---- throughput: the endpoint as deployed, result cache on ----------------------------------
clearSearchCache(payload)
const cached = getSearchEngine(payload) as unknown as {
  stats: () => { hits: number; misses: number }
}
const before = cached.stats()
// autocannon runs in a worker thread of its own, so the load does not share the server's thread.
const pathsFile = path.resolve('.data/bench-search-paths.json')
fs.mkdirSync(path.dirname(pathsFile), { recursive: true })
fs.writeFileSync(pathsFile, JSON.stringify(queries.map((q) => `/api/vendors/search?${q.ours}`)))
process.env.BENCH_PATHS_FILE = pathsFile
const load = () =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections: 50,
        duration: DURATION,
        workers: 1,
        requests: [{ setupRequest: path.resolve('bench/cyclePaths.cjs') }],
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
const throughput = await load()
const after = cached.stats()
const cacheHitRate = Math.round(
  ((after.hits - before.hits) /
    Math.max(1, after.hits - before.hits + after.misses - before.misses)) *
    100,
)

// Again with no result cache at all: every request is searched.
searchConfig(payload).cache = false
// The engine's own memo (exact, emptied by any index write) is forgotten before each search too.
setSearchEngine(payload, {
  ...secondCopy,
  search: (query) => {
    secondCopy.forget?.()
    return secondCopy.search(query)
  },
})
const profiler = values.profile ? new inspector.Session() : null
if (profiler) {
  profiler.connect()
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.start')
}
const throughputUncached = await load()
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop')
  const profileFile = path.resolve('.data/bench-search-uncached.cpuprofile')
  fs.writeFileSync(profileFile, JSON.stringify(profile))
  profiler.disconnect()
  log(`Profile of the server while every request was searched: ${profileFile}`)
}

// ---- EXPLAIN: every kind of query uses an index -----------------------------------------------
const explains: Record<string, string[]> = {}
for (const kind of ['text', 'geo', 'facets', 'distance', 'availability'] as Kind[]) {
  const sample = queries.find((q) => q.kind === kind)!
  const query = engineQuery(sample.ours)
  const text = query.text
    ? { tsquery: `'${query.text.toLowerCase()}':*`, folded: query.text.toLowerCase() }
    : null
  const sql = buildSearchSql('vendors', query, text)
  const { rows } = await pool.query(
    `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql.text}`,
    sql.values,
  )
  explains[kind] = rows.map((row: Record<string, string>) => row['QUERY PLAN']!)
}

// ---- report ----------------------------------------------------------------------------------
const pad = (value: string | number, width: number) => String(value).padStart(width)
log('')
log(
  `Search benchmark · ${indexed.documents.toLocaleString('en-NZ')} vendors · ${queries.length} queries (${MIX.map(([k, s]) => `${s}% ${k}`).join(', ')})`,
)
log('                                   p50 ms   p95 ms   p99 ms')
log(
  `(a) GET /api/vendors/search      ${pad(stats.ours.p50, 7)}  ${pad(stats.ours.p95, 7)}  ${pad(stats.ours.p99, 7)}   (with facets)`,
)
log(
  `(b) Payload REST where           ${pad(stats.stock.p50, 7)}  ${pad(stats.stock.p95, 7)}  ${pad(stats.stock.p99, 7)}   (no facets, no typos, no distance)`,
)
log(
  `(c) PostgreSQL engine, SQL only  ${pad(stats.engine.p50, 7)}  ${pad(stats.engine.p95, 7)}  ${pad(stats.engine.p99, 7)}   (one statement on the table's indexes)`,
)
log('')
for (const [kind, list] of Object.entries(byKind)) {
  const s = summarise(list)
  log(`    ${kind.padEnd(14)} (a)          ${pad(s.p50, 7)}  ${pad(s.p95, 7)}  ${pad(s.p99, 7)}`)
}
const speedup = Math.round((stats.stock.p95 / stats.ours.p95) * 10) / 10
const overFloor = Math.round((stats.ours.p95 / stats.engine.p95) * 100) / 100
log('')
log(requestReport())
log(
  `Throughput (autocannon, 50 connections, ${DURATION} s, cycling the ${queries.length} queries, as deployed: 5 s result cache and the engine's memo): ${Math.round(throughput.requests.average)} requests/s, ${cacheHitRate}% answered by the 5 s result cache, ${throughput.non2xx} non-2xx, ${throughput.errors} errors`,
)
log(
  `Throughput with no result cache (every request searched): ${Math.round(throughputUncached.requests.average)} requests/s, latency under load p50 ${throughputUncached.latency.p50} ms, p99 ${throughputUncached.latency.p99} ms, ${throughputUncached.non2xx} non-2xx, ${throughputUncached.errors} errors`,
)
log(
  `Targets: p95 ≤ 50 ms → ${stats.ours.p95} ms ${stats.ours.p95 <= 50 ? '✓' : '✗'} · ≥ 10× faster than (b) → ${speedup}× ${speedup >= 10 ? '✓' : '✗'} · API p95 ≤ 1.5× (c) → ${overFloor}× ${overFloor <= 1.5 ? '✓' : '✗'} · ≥ 1,000 req/s → ${Math.round(throughput.requests.average)} ${throughput.requests.average >= 1000 ? '✓' : '✗'}`,
)
log('')
for (const [kind, plan] of Object.entries(explains)) {
  log(`EXPLAIN ANALYZE (${kind}):`)
  const shown = plan.filter(
    (l) =>
      /(Index|Seq|Bitmap Heap) Scan on vendors|Index Scan using|Execution Time/.test(l) &&
      !/CTE Scan/.test(l),
  )
  for (const line of shown.slice(0, 8)) log(`    ${line.trim().slice(0, 140)}`)
}

const resultsDir = path.resolve('bench/results')
fs.mkdirSync(resultsDir, { recursive: true })
fs.writeFileSync(
  path.join(resultsDir, 'search.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      vendors: indexed.documents,
      queries: queries.length,
      mix: Object.fromEntries(MIX),
      indexSeconds: Math.round(indexed.ms / 100) / 10,
      memoryCopy,
      client: requestCounts,
      latencyMs: { endpoint: stats.ours, payloadRestWhere: stats.stock, engineSql: stats.engine },
      endpointByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarise(v)])),
      throughput: {
        connections: 50,
        seconds: DURATION,
        requestsPerSecond: Math.round(throughput.requests.average),
        cacheHitRatePercent: cacheHitRate,
        non2xx: throughput.non2xx,
        errors: throughput.errors,
      },
      throughputWithoutCache: {
        connections: 50,
        seconds: DURATION,
        requestsPerSecond: Math.round(throughputUncached.requests.average),
        latencyP50Ms: throughputUncached.latency.p50,
        latencyP99Ms: throughputUncached.latency.p99,
        non2xx: throughputUncached.non2xx,
        errors: throughputUncached.errors,
      },
      ratios: { stockOverEndpointP95: speedup, endpointOverEngineP95: overFloor },
      meanHitsPerQuery: Math.round(totalHits / queries.length),
      explain: explains,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    },
    null,
    2,
  ) + '\n',
)
log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'search.json'))}`)
server.close()
process.exit(0)
