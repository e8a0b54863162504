/**
 * npm run bench:pages [-- --only lighthouse|load] [-- --duration 15] [-- --runs 3] [-- --build]
 *   [-- --pages /,/login] [-- --reports] [-- --serve]
 *
 * The site as people meet it: a production build (`.next`, rebuilt first when missing or older
 * than the code, or with --build) served by `next start` on 127.0.0.1, on a fresh database of
 * its own (`<db>_bench_pages`) that the app seeds with its demo data on first start. Then
 * (a) Lighthouse 12.2.3 in Debian's Chromium, mobile (its default emulation and throttling),
 * --runs times per page, medians of the four scores and of LCP, CLS and TBT; (b) autocannon
 * against the same server: each page anonymous and signed in as the demo organizer, Payload's
 * REST list, the job board's search as the demo vendor, and a static file the size of the home
 * page as the floor. A row whose responses were not all 200 is reported as such, never as a
 * figure. Prints both tables and writes everything to bench/results/pages.json.
 */
import autocannon from 'autocannon'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inspect, parseArgs } from 'node:util'

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
    only: { type: 'string' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    build: { type: 'boolean', default: false },
    // A comma-separated subset of the pages, by name or path ("Home,Vendor page,/login"), for a
    // quick look at one change; the results file is then left as it was.
    pages: { type: 'string' },
    // Keeps every Lighthouse report whole (its audits: LCP element, render-blocking requests,
    // unused JavaScript) in REPORTS_DIR, to read or open in the Lighthouse viewer.
    reports: { type: 'boolean', default: false },
    // Sets everything up, then keeps the server running (until Ctrl-C) to look at by hand.
    serve: { type: 'boolean', default: false },
  },
})
if (values.only && !['lighthouse', 'load'].includes(values.only)) {
  throw new Error(`--only takes lighthouse or load, not ${values.only}`)
}
const RUN_LIGHTHOUSE = values.only !== 'load'
const RUN_LOAD = values.only !== 'lighthouse'
const DURATION = Number(values.duration)
const CONNECTIONS = Number(values.connections)
const RUNS = Number(values.runs)

// The README's demo accounts (src/lib/seed/seed.ts), which the app seeds on an empty database.
const DEMO_PASSWORD = 'EventPros!2026'
const ORGANIZER = 'organizer@eventpros.test'
const VENDOR = 'vendor@eventpros.test'
const SEARCH_PATH = '/vendors?q=photographer&near=Wellington'

const FLOOR_FILE = 'public/bench-floor.html'
const SERVER_LOG = '.data/bench-pages-server.log'
const REPORTS_DIR = '.data/lighthouse'
const ROUTE_CACHE = '.next/server/route-cache'
const FILES = {
  MEDIA_DIR: '.data/bench-pages-media',
  PRIVATE_FILES_DIR: '.data/bench-pages-private-files',
  MAIL_DIR: '.data/bench-pages-mail',
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu']
/**
 * What a browser sends when someone follows a link on the site. Payload takes a `payload-token`
 * cookie only from a request its browser marks same-site (a client without the header is
 * refused, against CSRF), so without it the signed-in rows would measure nobody.
 */
const browserHeaders = (cookie?: string): Record<string, string> => ({
  'sec-fetch-site': 'same-origin',
  ...(cookie ? { cookie } : {}),
})

const log = (message: string) => process.stdout.write(`${message}\n`)

let interruptedBy: NodeJS.Signals | undefined
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interruptedBy = signal
    log(`\n${signal}: stopping what the benchmark started…`)
    void cleanUp().finally(() => {
      reportUnfinished(`interrupted by ${signal}`)
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    })
  })
}

// ---- results -------------------------------------------------------------------------------
const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** A run's four scores (0–100) and three metrics; null when Lighthouse could not give one. */
type Scores = {
  performance: number | null
  accessibility: number | null
  bestPractices: number | null
  seo: number | null
  lcpMs: number | null
  cls: number | null
  tbtMs: number | null
}
const scoresOf = ({
  performance,
  accessibility,
  bestPractices,
  seo,
  lcpMs,
  cls,
  tbtMs,
}: Scores) => ({
  performance,
  accessibility,
  bestPractices,
  seo,
  lcpMs,
  cls,
  tbtMs,
})
type LighthouseRun = Scores & {
  /** Lighthouse's measure of this machine's speed at the time (about 1,000+ on a quiet one). */
  benchmarkIndex: number | null
  warnings: string[]
  error?: string
}
type LighthouseRow = {
  page: string
  path: string
  runs: LighthouseRun[]
  median: Scores | null
  error?: string
}
type LoadRow = {
  name: string
  as: 'anonymous' | 'organizer' | 'vendor'
  path: string
  ok: boolean
  /** Why the row is not a figure: the statuses the run got, or the errors. */
  problem?: string
  statusCounts: Record<string, number>
  requests: number
  requestsPerSecond: number
  latencyMs: { p50: number; p97_5: number; p99: number }
  non2xx: number
  errors: number
  timeouts: number
  bytesPerResponse: number
  bodyBytes: number
  ofFloor?: number
}

const started = new Date()
const results: {
  at: string
  /** Why the run stopped before the end, when it did; what finished is still here. */
  failed?: string
  machine: ReturnType<typeof machine> & { loadAverage1mAfter?: number }
  build: { reused: boolean; reason?: string; seconds?: number }
  server: { origin: string; database: string; readySeconds: number; vendorsIndexed: number }
  vendorPage?: { slug: string; reviews: number; portfolioImages: number }
  lighthouse?: { version: string; runsPerPage: number; formFactor: string; pages: LighthouseRow[] }
  load?: {
    connections: number
    seconds: number
    floor: { path: string; bytes: number; homePageBytes: number }
    rows: LoadRow[]
  }
} = {
  at: started.toISOString(),
  machine: machine(),
  build: { reused: false },
  server: { origin: '', database: '', readySeconds: 0, vendorsIndexed: 0 },
}

const main = async () => {
  log(
    `Pages benchmark · ${started.toISOString()} · Node ${results.machine.node} · ${results.machine.cpu} × ${results.machine.cores} · load average ${results.machine.loadAverage1m}`,
  )

  // ---- a database of its own, fresh, seeded by the app itself --------------------------------
  const databaseUrl = await benchDatabaseUrl('bench_pages', { fresh: true })
  results.server.database = new URL(databaseUrl).pathname.slice(1)
  for (const dir of Object.values(FILES)) fs.rmSync(dir, { recursive: true, force: true })

  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  results.server.origin = origin
  // As on a fresh clone: the embedded defaults for every outside service, whatever .env says.
  // The rate limits do not count this machine's load (pages are not counted anyway; the REST
  // rows are).
  const env = benchServerEnv({ origin, databaseUrl, files: FILES, seed: true })

  // ---- the build -----------------------------------------------------------------------------
  const stale = values.build ? 'asked for with --build' : staleBuild([FLOOR_FILE])
  if (stale) {
    log(`Building for production first (next build): ${stale}`)
    const buildStarted = Date.now()
    const code = await exitOf(startChild([NEXT_BIN, 'build'], env, 'inherit'))
    if (code !== 0) throw new Error(`next build failed (exit ${code})`)
    results.build = {
      reused: false,
      reason: stale,
      seconds: Math.round((Date.now() - buildStarted) / 1000),
    }
    log(`Built in ${results.build.seconds} s`)
  } else {
    results.build = { reused: true }
    log('Using the production build in .next (newer than every file it was built from)')
  }

  // Next keeps the anonymous pages it rendered on disk (.next/server/route-cache) across
  // restarts; an earlier run's copies hold that run's data and origin (images from its port),
  // and this run's database is fresh.
  fs.rmSync(ROUTE_CACHE, { recursive: true, force: true })

  // Next lists public/ once at start, so the floor's file is there before the server starts;
  // its content is sized to the home page once that can be fetched.
  fs.writeFileSync(FLOOR_FILE, '<!doctype html><title>floor</title>')
  cleanups.push(() => fs.rmSync(FLOOR_FILE, { force: true }))

  // ---- the server ----------------------------------------------------------------------------
  fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true })
  fs.writeFileSync(SERVER_LOG, '')
  log(`Starting next start on ${origin} (log in ${SERVER_LOG}); the app seeds its demo data…`)
  const serverStarted = Date.now()
  const server = startChild(
    [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)],
    env,
    SERVER_LOG,
  )
  cleanups.push(() => stopChild(server))
  const serverExit = exitOf(server).then((code) => {
    throw new Error(
      `next start exited (${code}) before the benchmark ended; last lines of ${SERVER_LOG}:\n${fs
        .readFileSync(SERVER_LOG, 'utf8')
        .split('\n')
        .slice(-30)
        .join('\n')}`,
    )
  })
  serverExit.catch(() => undefined)
  const alive = <T>(work: Promise<T>) => Promise.race([work, serverExit])

  const get = (pathname: string, cookie?: string) =>
    alive(
      benchFetch(origin + pathname, {
        headers: browserHeaders(cookie),
        redirect: 'manual',
        signal: AbortSignal.timeout(120_000),
      }),
    )
  const getJson = async <T>(pathname: string, cookie?: string): Promise<T> => {
    const response = await get(pathname, cookie)
    if (response.status !== 200) {
      throw new Error(
        `GET ${pathname} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      )
    }
    return (await response.json()) as T
  }

  // The first request initialises Payload, applies the migrations and seeds. Plain fetch:
  // refused connections while it starts are expected, not the client's failures.
  for (;;) {
    const response = await alive(fetch(origin + '/', { headers: browserHeaders() })).catch(
      (error: unknown) => {
        if (error instanceof Error && error.message.startsWith('next start exited')) throw error
        return null
      },
    )
    await response?.arrayBuffer()
    if (response?.status === 200) break
    if (Date.now() - serverStarted > 600_000) throw new Error('the server was not ready in 10 min')
    await sleep(1000)
  }
  // The search pages read the engine's index, which the sync job fills from the seed's queue.
  const { totalDocs: activeVendors } = await getJson<{ totalDocs: number }>(
    '/api/vendors?limit=1&depth=0&where[status][equals]=active',
  )
  for (;;) {
    const { data } = await getJson<{ data: { total: number } }>('/api/vendors/search?limit=1')
    const total = data.total
    results.server.vendorsIndexed = total
    if (total >= activeVendors) break
    if (Date.now() - serverStarted > 600_000) {
      throw new Error(`search has indexed ${total} of ${activeVendors} active vendors after 10 min`)
    }
    await sleep(1000)
  }
  results.server.readySeconds = Math.round((Date.now() - serverStarted) / 1000)
  log(
    `Ready in ${results.server.readySeconds} s: ${activeVendors} active vendors, all in the search index`,
  )

  // A demo vendor with reviews and a portfolio, found as any visitor would through REST.
  type VendorDoc = { slug: string; rating?: { count?: number }; portfolio?: unknown[] }
  const { docs } = await getJson<{ docs: VendorDoc[] }>(
    '/api/vendors?limit=100&depth=0&sort=-rating.count&where[rating.count][greater_than]=0',
  )
  // The most reviewed; among equals the first by slug, so every run measures the same page.
  const showcase = docs
    .filter((vendor) => (vendor.portfolio?.length ?? 0) > 0)
    .sort(
      (a, b) => (b.rating?.count ?? 0) - (a.rating?.count ?? 0) || a.slug.localeCompare(b.slug),
    )[0]
  if (!showcase) throw new Error('no demo vendor has both reviews and a portfolio')
  results.vendorPage = {
    slug: showcase.slug,
    reviews: showcase.rating?.count ?? 0,
    portfolioImages: showcase.portfolio?.length ?? 0,
  }
  log(
    `Vendor page: /vendors/${showcase.slug} (${results.vendorPage.reviews} reviews, ${results.vendorPage.portfolioImages} portfolio images)`,
  )
  const allPages = [
    { page: 'Home', path: '/' },
    { page: 'Vendors', path: '/vendors' },
    { page: 'Search near a town', path: SEARCH_PATH },
    { page: 'Vendor page', path: `/vendors/${showcase.slug}` },
    { page: 'Pricing', path: '/pricing' },
    { page: 'Log in', path: '/login' },
  ]
  const only = values.pages?.split(',').map((value) => value.trim().toLowerCase())
  const pages = only
    ? allPages.filter(
        ({ page, path: pagePath }) =>
          only.includes(page.toLowerCase()) || only.includes(pagePath.toLowerCase()),
      )
    : allPages
  if (pages.length === 0) throw new Error(`--pages ${values.pages} names none of the pages`)
  // Every page answers before anything is measured (and Next has loaded each route once).
  for (const { path: pagePath } of pages) {
    const response = await get(pagePath)
    await response.arrayBuffer()
    if (response.status !== 200) log(`  (note: ${pagePath} answered ${response.status})`)
  }

  if (values.serve) {
    log(`\nServing ${origin} (the demo accounts sign in); Ctrl-C stops it`)
    await new Promise(() => undefined)
  }
  if (RUN_LIGHTHOUSE) results.lighthouse = await runLighthouse(origin, pages)
  if (RUN_LOAD) results.load = await runLoad(origin, pages, get, alive)

  results.machine.loadAverage1mAfter = Math.round(os.loadavg()[0]! * 100) / 100
  report()
}

// ---- Lighthouse ----------------------------------------------------------------------------
const runLighthouse = async (origin: string, pages: { page: string; path: string }[]) => {
  const { default: lighthouse } = await import('lighthouse')
  const chromeLauncher = await import('chrome-launcher')
  log(`\nLighthouse, mobile, ${RUNS} runs per page, in ${CHROMIUM} ${CHROMIUM_FLAGS.join(' ')}`)
  // Our own signal handlers stop Chrome with everything else (chrome-launcher's would exit
  // at once, leaving the server running).
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_FLAGS,
    handleSIGINT: false,
  })
  cleanups.push(() => chrome.kill())
  let version = ''
  let formFactor = ''
  const rows: LighthouseRow[] = []
  for (const { page, path: pagePath } of pages) {
    const runs: LighthouseRun[] = []
    for (let run = 1; run <= RUNS; run++) {
      // Lighthouse empties the origin's storage, caches and service worker before each run.
      const result = await lighthouse(origin + pagePath, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      })
      if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`)
      const { lhr } = result
      if (values.reports) {
        fs.mkdirSync(REPORTS_DIR, { recursive: true })
        const name = `${pagePath.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}-${run}.json`
        fs.writeFileSync(path.join(REPORTS_DIR, name), JSON.stringify(lhr))
      }
      version = lhr.lighthouseVersion
      formFactor = lhr.configSettings.formFactor
      const score = (id: string) => {
        const value = lhr.categories[id]?.score
        return typeof value === 'number' ? Math.round(value * 100) : null
      }
      const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null
      const entry: LighthouseRun = {
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        lcpMs: numeric('largest-contentful-paint'),
        cls: numeric('cumulative-layout-shift'),
        tbtMs: numeric('total-blocking-time'),
        benchmarkIndex: lhr.environment.benchmarkIndex ?? null,
        warnings: lhr.runWarnings,
        ...(lhr.runtimeError
          ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` }
          : {}),
      }
      runs.push(entry)
      log(
        `  ${pagePath} run ${run}: ${entry.error ?? `performance ${entry.performance}, accessibility ${entry.accessibility}, best practices ${entry.bestPractices}, SEO ${entry.seo}, LCP ${Math.round(entry.lcpMs ?? 0)} ms, CLS ${entry.cls?.toFixed(3)}, TBT ${Math.round(entry.tbtMs ?? 0)} ms`}`,
      )
    }
    const failed = runs.find(
      (run) => run.error || Object.values(scoresOf(run)).some((value) => value === null),
    )
    const med = (key: keyof Scores) => median(runs.map((run) => run[key] ?? Number.NaN))
    rows.push({
      page,
      path: pagePath,
      runs,
      ...(failed
        ? { median: null, error: failed.error ?? 'a score is missing' }
        : {
            median: {
              performance: med('performance'),
              accessibility: med('accessibility'),
              bestPractices: med('bestPractices'),
              seo: med('seo'),
              lcpMs: Math.round(med('lcpMs')),
              cls: Math.round(med('cls') * 1000) / 1000,
              tbtMs: Math.round(med('tbtMs')),
            },
          }),
    })
  }
  await chrome.kill()
  return { version, runsPerPage: RUNS, formFactor, pages: rows }
}

// ---- throughput ----------------------------------------------------------------------------
const runLoad = async (
  origin: string,
  pages: { page: string; path: string }[],
  get: (pathname: string, cookie?: string) => Promise<Response>,
  alive: <T>(work: Promise<T>) => Promise<T>,
) => {
  const signIn = async (email: string) => {
    const response = await alive(
      benchFetch(
        `${origin}/api/users/login`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
        },
        // Signing in twice is harmless.
        { idempotent: true },
      ),
    )
    const body = (await response.json()) as { token?: string }
    if (response.status !== 200 || !body.token) {
      throw new Error(`signing in as ${email} answered ${response.status}: ${JSON.stringify(body)}`)
    }
    const cookie = `payload-token=${body.token}`
    // The cookie must make the server see that person, or the signed-in rows measure nobody.
    const me = (await (await get('/api/users/me', cookie)).json()) as { user?: { email?: string } }
    if (me.user?.email !== email) throw new Error(`the cookie for ${email} is not signed in`)
    return cookie
  }
  const cookies = {
    anonymous: undefined,
    organizer: await signIn(ORGANIZER),
    vendor: await signIn(VENDOR),
  }

  // The floor: the same server sending a static file as large as the home page's HTML.
  const home = await get('/')
  const homePageBytes = (await home.arrayBuffer()).byteLength
  const head =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body><p>'
  const tail = '</p></body></html>\n'
  fs.writeFileSync(
    FLOOR_FILE,
    head + 'x'.repeat(Math.max(0, homePageBytes - head.length - tail.length)) + tail,
  )
  const floorPath = `/${path.basename(FLOOR_FILE)}`

  const targets: { name: string; as: keyof typeof cookies; path: string }[] = [
    { name: 'Floor: static file', as: 'anonymous', path: floorPath },
    ...pages.map((page) => ({ name: page.page, as: 'anonymous' as const, path: page.path })),
    ...pages.map((page) => ({ name: page.page, as: 'organizer' as const, path: page.path })),
    { name: 'REST vendor list', as: 'organizer', path: '/api/vendors?limit=20' },
    { name: 'Job board search', as: 'vendor', path: '/api/jobs/search' },
  ]
  log(
    `\nautocannon, ${CONNECTIONS} connections, ${DURATION} s each; floor ${floorPath} at ${homePageBytes.toLocaleString('en-NZ')} bytes (the home page's HTML)`,
  )
  const rows: LoadRow[] = []
  for (const target of targets) {
    const cookie = cookies[target.as]
    // Warm-up (not measured): the route is loaded and the answer is what we expect to measure.
    let bodyBytes = 0
    let redirectsTo: string | null = null
    for (let i = 0; i < 5; i++) {
      const response = await get(target.path, cookie)
      bodyBytes = (await response.arrayBuffer()).byteLength
      redirectsTo = response.headers.get('location')
    }
    const result = await alive(
      new Promise<autocannon.Result>((resolve, reject) => {
        autocannon(
          {
            url: origin + target.path,
            connections: CONNECTIONS,
            duration: DURATION,
            // In a thread of its own, so the load does not wait on this process's own work.
            workers: 1,
            headers: browserHeaders(cookie),
          },
          (error, value) => (error ? reject(error) : resolve(value)),
        )
      }),
    )
    const statusCounts = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, stat]) => [
        status,
        stat.count ?? 0,
      ]),
    )
    const notOk = Object.entries(statusCounts).filter(
      ([status, count]) => status !== '200' && count,
    )
    const ok =
      result.requests.total > 0 &&
      notOk.length === 0 &&
      result.errors === 0 &&
      result.timeouts === 0
    const row: LoadRow = {
      name: target.name,
      as: target.as,
      path: target.path,
      ok,
      ...(ok
        ? {}
        : {
            problem: [
              ...notOk.map(
                ([status, count]) =>
                  `${count} × ${status}${status.startsWith('3') && redirectsTo ? ` (to ${redirectsTo})` : ''}`,
              ),
              ...(result.errors ? [`${result.errors} errors`] : []),
              ...(result.timeouts ? [`${result.timeouts} timeouts`] : []),
              ...(result.requests.total === 0 ? ['no responses'] : []),
            ].join(', '),
          }),
      statusCounts,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: {
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
      },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      // What autocannon read per response: status line, headers and body.
      bytesPerResponse: result.requests.total
        ? Math.round(result.throughput.total / result.requests.total)
        : 0,
      bodyBytes,
    }
    rows.push(row)
    log(
      `  ${target.as.padEnd(9)} ${target.path}: ${ok ? `${row.requestsPerSecond} requests/s, p50 ${row.latencyMs.p50} ms, p99 ${row.latencyMs.p99} ms` : `NOT 200 — ${row.problem}`}`,
    )
  }
  const floor = rows[0]!
  for (const row of rows) {
    if (row.ok && floor.ok)
      row.ofFloor = Math.round((row.requestsPerSecond / floor.requestsPerSecond) * 1000) / 1000
  }
  return {
    connections: CONNECTIONS,
    seconds: DURATION,
    floor: { path: FLOOR_FILE, bytes: fs.statSync(FLOOR_FILE).size, homePageBytes },
    rows,
  }
}

// ---- the report ----------------------------------------------------------------------------
/** A Markdown table; the first `textColumns` columns are left-aligned, the figures right. */
const table = (header: string[], rows: (string | number)[][], textColumns = 1) => {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => String(row[i]).length)),
  )
  const line = (cells: (string | number)[]) =>
    `| ${cells.map((cell, i) => (i < textColumns ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join(' | ')} |`
  return [
    line(header),
    `| ${widths.map((width, i) => (i < textColumns ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n')
}

const benchmarkRange = (rows: LighthouseRow[]) => {
  const indexes = rows.flatMap((row) => row.runs.map((run) => run.benchmarkIndex ?? Number.NaN))
  return `${Math.min(...indexes)}–${Math.max(...indexes)}`
}

const report = () => {
  const { machine: m } = results
  m.loadAverage1mAfter ??= Math.round(os.loadavg()[0]! * 100) / 100
  log('')
  if (results.failed) log(`UNFINISHED (${results.failed}): only what finished is below`)
  log(
    `Pages benchmark · ${results.at} · Node ${m.node} · ${m.cpu} × ${m.cores} cores · load average ${m.loadAverage1m} before, ${m.loadAverage1mAfter} after · build ${results.build.reused ? 'reused' : `made (${results.build.reason})`}`,
  )
  if (results.lighthouse) {
    const { lighthouse: lh } = results
    log('')
    log(
      `Lighthouse ${lh.version}, ${lh.formFactor}, median of ${lh.runsPerPage} runs (scores 0–100); its benchmark index of this machine ranged ${benchmarkRange(lh.pages)} during the runs`,
    )
    log(
      table(
        [
          'Page',
          'Performance',
          'Accessibility',
          'Best Practices',
          'SEO',
          'LCP ms',
          'CLS',
          'TBT ms',
        ],
        lh.pages.map((row) =>
          row.median
            ? [
                `\`${row.path}\``,
                row.median.performance!,
                row.median.accessibility!,
                row.median.bestPractices!,
                row.median.seo!,
                row.median.lcpMs!,
                row.median.cls!,
                row.median.tbtMs!,
              ]
            : [`\`${row.path}\``, `failed: ${row.error}`, '', '', '', '', '', ''],
        ),
      ),
    )
  }
  if (results.load) {
    const { load } = results
    log('')
    log(
      `autocannon, ${load.connections} connections, ${load.seconds} s per row; floor: ${load.floor.path}, ${load.floor.bytes.toLocaleString('en-NZ')} bytes (home page ${load.floor.homePageBytes.toLocaleString('en-NZ')})`,
    )
    log(
      table(
        [
          'Request',
          'As',
          'Requests/s',
          'p50 ms',
          'p97.5 ms',
          'p99 ms',
          'Non-2xx',
          'Bytes/response',
          'Of floor',
        ],
        load.rows.map((row) =>
          row.ok
            ? [
                `${row.name} \`${row.path}\``,
                row.as,
                row.requestsPerSecond,
                row.latencyMs.p50,
                row.latencyMs.p97_5,
                row.latencyMs.p99,
                row.non2xx,
                row.bytesPerResponse,
                row.ofFloor === undefined ? '—' : row.ofFloor.toFixed(3),
              ]
            : [
                `${row.name} \`${row.path}\``,
                row.as,
                `not 200: ${row.problem}`,
                '',
                '',
                '',
                row.non2xx,
                '',
                '',
              ],
        ),
        2,
      ),
    )
  }
  log(`\n${requestReport()}`)
  fs.mkdirSync('bench/results', { recursive: true })
  if (values.pages) {
    log('\nA subset of the pages (--pages): bench/results/pages.json is left as it was')
    return
  }
  fs.writeFileSync('bench/results/pages.json', `${JSON.stringify(results, null, 2)}\n`)
  log('\nWritten to bench/results/pages.json')
}

/** A half that finished is kept, with the reason the rest is missing. */
const reportUnfinished = (reason: string) => {
  if (!results.lighthouse && !results.load) return
  results.failed = reason
  report()
}

let exitCode = 0
try {
  await main()
} catch (error) {
  exitCode = 1
  if (!interruptedBy) {
    // Not every library rejects with an Error (the embedded server's start does not).
    const message = error instanceof Error ? error.message : inspect(error)
    log(`\nThe pages benchmark failed: ${message}`)
    if (error instanceof Error && error.stack) log(error.stack)
    reportUnfinished(message)
  }
} finally {
  await cleanUp()
}
process.exit(exitCode)
