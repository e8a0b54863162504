/**
 * npm run bench:scale [-- --duration 15] [-- --connections 50] [-- --build]
 *
 * Search throughput with one instance and with two, on this machine: a production build
 * (`.next`, rebuilt first when stale) served by `next start` on a fresh database of its own
 * (`<db>_bench_scale`, seeded by the app with its demo data), then a second `next start` from
 * the same build on the same database. autocannon sends the same cycle of searches to one
 * instance, then splits the same number of connections across both, as a round-robin balancer
 * would. Each instance keeps its own search copy and 5 s result cache, as deployed; nothing is
 * cleared between requests. Prints both figures and writes bench/results/scale.json.
 *
 * On one 2-core machine two instances share the same cores: the figure shows what a second
 * process adds here, not what a second machine would.
 */
import autocannon from 'autocannon'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { benchDatabaseUrl } from './benchDatabase'
import { benchFetch, requestReport } from './client'
import {
  benchServerEnv,
  cleanups,
  cleanUp,
  exitOf,
  freePort,
  machine,
  NEXT_BIN,
  sleep,
  staleBuild,
  startChild,
  stopChild,
} from './production'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    build: { type: 'boolean', default: false },
  },
})
const DURATION = Number(values.duration)
const CONNECTIONS = Number(values.connections)
if (!(DURATION > 0) || !(CONNECTIONS >= 2)) {
  throw new Error('--duration takes seconds (> 0) and --connections a number of at least 2')
}

const FILES = {
  MEDIA_DIR: '.data/bench-scale-media',
  PRIVATE_FILES_DIR: '.data/bench-scale-private-files',
  MAIL_DIR: '.data/bench-scale-mail',
}
const PATHS_FILE = path.resolve('.data/bench-scale-paths.json')
const RESULTS_FILE = 'bench/results/scale.json'

/** What people search for, near the towns they plan in: 48 distinct searches, cycled. */
const WORDS = ['photographer', 'catering', 'dj', 'florist', 'venue', 'band', 'cake', 'planner']
const TOWNS = ['Auckland', 'Wellington', 'Christchurch', 'Queenstown', 'Hamilton', 'Nelson']
const SEARCHES = WORDS.flatMap((word) =>
  TOWNS.map((town) => `/api/vendors/search?q=${word}&near=${encodeURIComponent(town)}`),
)

const log = (message: string) => process.stdout.write(`${message}\n`)

type Instance = { origin: string; log: string }

type Load = {
  instances: number
  requestsPerSecond: number
  latencyMs: { p50: number; p99: number }
  non2xx: number
  errors: number
}

/** Starts `next start` and waits until it is ready and its search copy holds every vendor. */
const startInstance = async (databaseUrl: string, seed: boolean, name: string) => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const logFile = `.data/bench-scale-${name}.log`
  fs.writeFileSync(logFile, '')
  const started = Date.now()
  const child = startChild(
    [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)],
    // Anonymous searches are rate limited per address: this machine's load is not counted.
    { ...benchServerEnv({ origin, databaseUrl, files: FILES, seed }), LOG_LEVEL: 'warn' },
    logFile,
  )
  cleanups.push(() => stopChild(child))
  let exited = false
  void exitOf(child).then(() => (exited = true))
  const json = async <T>(pathname: string) => {
    // Plain fetch: refused connections while it starts are expected, not the client's failures.
    const response = await fetch(origin + pathname).catch(() => null)
    if (response?.status !== 200) {
      await response?.arrayBuffer()
      return null
    }
    return (await response.json()) as T
  }
  for (;;) {
    if (exited) throw new Error(`next start (${name}) exited; see ${logFile}`)
    if (Date.now() - started > 600_000) throw new Error(`${name} was not ready in 10 min`)
    const ready = await json<{ status: string }>('/api/ready')
    const listed = ready && (await json<{ totalDocs: number }>(ACTIVE_VENDORS))
    const found = listed && (await json<{ data: { total: number } }>('/api/vendors/search?limit=1'))
    if (listed && found && found.data.total >= listed.totalDocs && listed.totalDocs > 0) {
      log(
        `${name} ready on ${origin} in ${Math.round((Date.now() - started) / 1000)} s: ${found.data.total} vendors searchable`,
      )
      return { origin, log: logFile } satisfies Instance
    }
    await sleep(1000)
  }
}
const ACTIVE_VENDORS = '/api/vendors?limit=1&depth=0&where[status][equals]=active'

/** autocannon against one instance, cycling the searches; `connections` of its own. */
const loadOn = (origin: string, connections: number) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections,
        duration: DURATION,
        workers: 1,
        requests: [{ setupRequest: path.resolve('bench/cyclePaths.cjs') }],
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })

/** The same connections split across the instances, all at once: their sum is the figure. */
const measure = async (instances: Instance[]): Promise<Load> => {
  const share = Math.floor(CONNECTIONS / instances.length)
  const results = await Promise.all(
    instances.map((instance, index) =>
      loadOn(instance.origin, index === 0 ? CONNECTIONS - share * (instances.length - 1) : share),
    ),
  )
  // Latency: the slowest instance's percentiles (a balancer's caller meets both).
  return {
    instances: instances.length,
    requestsPerSecond: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0)),
    latencyMs: {
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
    },
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  }
}

/** Every search asked once on each instance: plans, JIT and each search copy warmed, unmeasured. */
const warm = async (instances: Instance[]) => {
  for (const instance of instances) {
    for (const search of SEARCHES) {
      const response = await benchFetch(instance.origin + search)
      if (response.status !== 200) {
        throw new Error(`${search} answered ${response.status} on ${instance.origin}`)
      }
      await response.arrayBuffer()
    }
  }
}

const main = async () => {
  const at = new Date()
  const host = machine()
  log(
    `Scale benchmark · ${at.toISOString()} · Node ${host.node} · ${host.cpu} × ${host.cores} · load average ${host.loadAverage1m}`,
  )
  const stale = values.build ? 'asked for with --build' : staleBuild()
  if (stale) {
    log(`Building for production first (next build): ${stale}`)
    const code = await exitOf(startChild([NEXT_BIN, 'build'], process.env, 'inherit'))
    if (code !== 0) throw new Error(`next build failed (exit ${code})`)
  } else log('Using the production build in .next')

  const databaseUrl = await benchDatabaseUrl('bench_scale', { fresh: true })
  for (const dir of Object.values(FILES)) fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(PATHS_FILE), { recursive: true })
  fs.writeFileSync(PATHS_FILE, JSON.stringify(SEARCHES))
  process.env.BENCH_PATHS_FILE = PATHS_FILE

  log('Starting the first instance; it seeds the demo data…')
  const first = await startInstance(databaseUrl, true, 'first')
  await warm([first])
  log(`One instance: ${CONNECTIONS} connections, ${DURATION} s…`)
  const one = await measure([first])

  const second = await startInstance(databaseUrl, false, 'second')
  await warm([first, second])
  log(`Two instances: ${CONNECTIONS} connections split across both, ${DURATION} s…`)
  const two = await measure([first, second])

  const row = (load: Load) =>
    `${String(load.instances).padStart(9)}  ${String(load.requestsPerSecond).padStart(10)}  ${String(load.latencyMs.p50).padStart(7)}  ${String(load.latencyMs.p99).padStart(7)}  ${String(load.non2xx).padStart(6)}  ${String(load.errors).padStart(6)}`
  log('')
  log(
    `Search throughput · ${SEARCHES.length} searches cycled · ${CONNECTIONS} connections · ${DURATION} s · ${host.cores} cores`,
  )
  log('instances  requests/s   p50 ms   p99 ms   non-2xx  errors')
  log(row(one))
  log(row(two))
  log(
    `Two instances: ${(two.requestsPerSecond / Math.max(1, one.requestsPerSecond)).toFixed(2)}× one`,
  )
  log(requestReport())

  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
  fs.writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ at: at.toISOString(), machine: host, connections: CONNECTIONS, seconds: DURATION, searches: SEARCHES.length, loads: [one, two] }, null, 2)}\n`,
  )
  log(`Written to ${RESULTS_FILE}`)
}

let failed = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)))
}
await main().catch((error: unknown) => {
  failed = true
  log(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`)
})
await cleanUp()
process.exit(failed ? 1 : 0)
