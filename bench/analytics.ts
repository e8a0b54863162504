/**
 * npm run bench:analytics [-- --vendors 100000] [-- --runs 20] [-- --reuse] [-- --explain]
 *
 * How long the admin's analytics take (src/lib/analytics/platform.ts) on a marketplace of
 * `--vendors` vendors, in a database of its own (`<db>_analytics`, never the app's): the app's
 * seed writes the vendors, then a year of activity is added in bulk — organizers signing up,
 * jobs, three quotes a job on average, bookings, reviews and paid subscriptions — spread over
 * 52 weeks. Each window (4, 12, 52 weeks) is asked for `--runs` times after one warm-up; the
 * p50 and p95 are printed with the 12-week plan's top line, and written to
 * bench/results/analytics.json.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type pg from 'pg'

import { benchDatabaseUrl, useBenchEnvironment } from './benchDatabase'
import { machine } from './production'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    vendors: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
})
const VENDORS = Number(values.vendors)
const RUNS = Number(values.runs)
/** A year of activity in proportion to the vendors: as many organizers, a job for every three. */
const ORGANIZERS = VENDORS
const JOBS = Math.round(VENDORS / 3)
const QUOTES = JOBS * 3
const BOOKINGS = Math.round(JOBS / 4)
const REVIEWS = Math.round(BOOKINGS / 2)
const SUBSCRIPTIONS = Math.round(VENDORS / 20)

const log = (message: string) => process.stdout.write(`${message}\n`)

const benchUrl = await benchDatabaseUrl('analytics', { fresh: !values.reuse })
useBenchEnvironment(benchUrl)
const { default: configPromise } = await import('@payload-config')
const { getPayload } = await import('payload')
const payload = await getPayload({ config: await configPromise })
const pool = (payload.db as unknown as { pool: pg.Pool }).pool
const { analyticsQuery, platformAnalytics } = await import('../src/lib/analytics/platform')
const { sql } = await import('@payloadcms/db-postgres')

type Column = { name: string; type: string; udt: string }

/** The columns of `table` that must be given a value (NOT NULL, no default). */
const requiredColumns = async (table: string): Promise<Column[]> =>
  (
    await pool.query<{ column_name: string; data_type: string; udt_name: string }>(
      `SELECT column_name, data_type, udt_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1
         AND is_nullable = 'NO' AND column_default IS NULL`,
      [table],
    )
  ).rows.map((row) => ({ name: row.column_name, type: row.data_type, udt: row.udt_name }))

/** A value of the column's type, for a column the benchmark has no opinion on. */
const filler = async ({ type, udt }: Column): Promise<string> => {
  if (type === 'USER-DEFINED') {
    const { rows } = await pool.query<{ label: string }>(
      `SELECT enumlabel AS label FROM pg_enum JOIN pg_type t ON t.oid = enumtypid
       WHERE t.typname = $1 ORDER BY enumsortorder LIMIT 1`,
      [udt],
    )
    return `'${rows[0]!.label}'::"${udt}"`
  }
  if (/int|numeric|double|real/.test(type)) return '1'
  if (type === 'boolean') return 'false'
  if (type.startsWith('timestamp') || type === 'date') return 'now()'
  if (type === 'jsonb' || type === 'json') return `'{}'`
  return `'bench'`
}

/**
 * `count` rows into `table` in one statement, row `i` (1…count) from `values` (SQL over `i`),
 * every other required column filled with a value of its type.
 */
const insertRows = async (table: string, count: number, values: Record<string, string>) => {
  const columns = { ...values }
  for (const column of await requiredColumns(table))
    if (!(column.name in columns)) columns[column.name] = await filler(column)
  const names = Object.keys(columns)
  await pool.query(
    `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(', ')})
     SELECT ${names.map((name) => columns[name]).join(', ')} FROM generate_series(1, ${count}) AS i`,
  )
}

/** A moment in the last year, spread evenly over the rows, with a little noise. */
const inLastYear = (count: number) =>
  `now() - make_interval(secs => (364 * 86400.0) * (1 - i::float / ${count}) + random() * 3600)`

const existing = Number((await pool.query('SELECT count(*) AS n FROM vendors')).rows[0].n)
if (values.reuse && existing >= VENDORS) {
  log(
    `Reusing ${existing.toLocaleString('en-NZ')} vendors in ${new URL(benchUrl).pathname.slice(1)}`,
  )
} else {
  const started = Date.now()
  const { seed } = await import('../src/lib/seed/seed')
  await pool.query(
    'TRUNCATE vendors, categories, media, users, jobs, applications, bookings, reviews, subscriptions, payments RESTART IDENTITY CASCADE',
  )
  await seed(payload, { vendors: VENDORS, sampleRatings: false, portfolios: false })
  log(
    `Seeded ${VENDORS.toLocaleString('en-NZ')} vendors in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  const activity = Date.now()
  // The seed wrote everything just now: spread its vendors and their owners over the year.
  await pool.query(
    `UPDATE users SET created_at = now() - make_interval(secs => random() * 364 * 86400)`,
  )
  await pool.query(
    `UPDATE vendors SET created_at = now() - make_interval(secs => random() * 364 * 86400),
       verification_status = CASE WHEN random() < 0.4 THEN 'verified' ELSE verification_status END`,
  )
  /** Where the rows this run adds to `table` start (the seed may have written some already). */
  const nextId = async (table: string) =>
    Number((await pool.query(`SELECT coalesce(max(id), 0) AS n FROM "${table}"`)).rows[0].n) + 1
  const firstVendor = Number((await pool.query('SELECT min(id) AS n FROM vendors')).rows[0].n)
  const firstUser = await nextId('users')
  const firstJob = await nextId('jobs')
  const firstQuote = await nextId('applications')
  const firstBooking = await nextId('bookings')
  const firstSubscription = await nextId('subscriptions')
  const job = (expr: string) => `${firstJob} + ((${expr}) % ${JOBS})`
  const vendor = (expr: string) => `${firstVendor} + ((${expr}) % ${VENDORS})`
  await insertRows('users', ORGANIZERS, {
    email: `'bench-organizer-' || i || '@bench.test'`,
    first_name: `'Bench'`,
    last_name: `'Organizer ' || i`,
    role: `'organizer'`,
    created_at: inLastYear(ORGANIZERS),
    updated_at: 'now()',
  })
  await insertRows('jobs', JOBS, {
    title: `'Bench job ' || i`,
    description: `'A job the analytics benchmark posted.'`,
    status: `'published'`,
    organizer_id: `${firstUser} + (i % ${ORGANIZERS})`,
    published_at: inLastYear(JOBS),
    created_at: inLastYear(JOBS),
    updated_at: 'now()',
  })
  await insertRows('applications', QUOTES, {
    job_id: job('i'),
    vendor_id: vendor('i * 7919'),
    message: `'A quote from the benchmark.'`,
    valid_until: `now() + interval '30 days'`,
    status: `'submitted'`,
    created_at: `(SELECT published_at FROM jobs WHERE id = ${job('i')}) + make_interval(secs => random() * 72 * 3600)`,
    updated_at: 'now()',
  })
  await insertRows('bookings', BOOKINGS, {
    job_id: job('i * 4'),
    application_id: `${firstQuote} + ((i * 4) % ${QUOTES})`,
    vendor_id: vendor('i * 7919'),
    organizer_id: `${firstUser} + (i % ${ORGANIZERS})`,
    vendor_owner_id: `${firstUser}`,
    event_date: `now() + interval '60 days'`,
    total_cents: '250000',
    status: `'confirmed'`,
    created_at: inLastYear(BOOKINGS),
    updated_at: 'now()',
  })
  await insertRows('reviews', REVIEWS, {
    booking_id: `${firstBooking} + i - 1`,
    vendor_id: vendor('i * 7919'),
    status: `CASE WHEN i % 5 = 0 THEN 'pending'::enum_reviews_status ELSE 'published'::enum_reviews_status END`,
    created_at: inLastYear(REVIEWS),
    updated_at: 'now()',
  })
  await insertRows('subscriptions', SUBSCRIPTIONS, {
    vendor_id: vendor('i'),
    tier: `CASE WHEN i % 3 = 0 THEN 'spotlight'::enum_subscriptions_tier ELSE 'showcase'::enum_subscriptions_tier END`,
    status: `'active'`,
    stripe_subscription_id: `'sub_bench_' || i`,
    stripe_customer_id: `'cus_bench_' || i`,
    created_at: inLastYear(SUBSCRIPTIONS),
    updated_at: 'now()',
  })
  // Twelve monthly invoices a subscription, the first from when it started.
  await insertRows('payments', SUBSCRIPTIONS * 12, {
    subscription_id: `${firstSubscription} + (i % ${SUBSCRIPTIONS})`,
    vendor_id: vendor(`i % ${SUBSCRIPTIONS}`),
    status: `'paid'`,
    amount_cents: '5750',
    gst_cents: '750',
    stripe_invoice_id: `'in_bench_' || i`,
    period_start: `(SELECT created_at FROM subscriptions WHERE id = ${firstSubscription} + (i % ${SUBSCRIPTIONS})) + make_interval(months => i / ${SUBSCRIPTIONS})`,
    period_end: `(SELECT created_at FROM subscriptions WHERE id = ${firstSubscription} + (i % ${SUBSCRIPTIONS})) + make_interval(months => i / ${SUBSCRIPTIONS} + 1)`,
    created_at: 'now()',
    updated_at: 'now()',
  })
  // What autovacuum does on a live database after bulk writes: the visibility map and statistics.
  await pool.query('VACUUM ANALYZE')
  log(`Added a year of activity in ${((Date.now() - activity) / 1000).toFixed(1)} s`)
}

const counts = (
  await pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM vendors) AS vendors, (SELECT count(*) FROM users) AS users,
            (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM applications) AS quotes,
            (SELECT count(*) FROM bookings) AS bookings, (SELECT count(*) FROM reviews) AS reviews,
            (SELECT count(*) FROM payments) AS payments`,
  )
).rows[0]!
/** The figures are asked for as an admin with two-step sign-in, as the page does. */
const admin = { id: 0, role: 'admin', collection: 'users', totpEnabledAt: new Date().toISOString() }

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

const results: Record<string, { p50: number; p95: number; max: number }> = {}
log(
  `\nPlatform analytics · ${Number(counts.vendors).toLocaleString('en-NZ')} vendors, ${Number(counts.users).toLocaleString('en-NZ')} users, ${Number(counts.jobs).toLocaleString('en-NZ')} jobs, ${Number(counts.quotes).toLocaleString('en-NZ')} quotes, ${Number(counts.bookings).toLocaleString('en-NZ')} bookings, ${Number(counts.reviews).toLocaleString('en-NZ')} reviews, ${Number(counts.payments).toLocaleString('en-NZ')} payments`,
)
log('window        p50 ms   p95 ms   max ms')
for (const weeks of [4, 12, 52]) {
  await platformAnalytics(payload, admin, { weeks })
  const times: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now()
    await platformAnalytics(payload, admin, { weeks })
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  results[`${weeks} weeks`] = {
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(times.at(-1)!),
  }
  const { p50, p95, max } = results[`${weeks} weeks`]!
  log(
    `${`${weeks} weeks`.padEnd(12)}  ${String(p50).padStart(6)}   ${String(p95).padStart(6)}   ${String(max).padStart(6)}`,
  )
}

// Where the time goes: the 12-week statement's plan, its slowest nodes first.
const { rows: plan } = await payload.db.drizzle.execute<{ 'QUERY PLAN': string }>(
  sql`EXPLAIN (ANALYZE, FORMAT TEXT) ${analyticsQuery(12, new Date().toISOString())}`,
)
const planText = plan.map((row) => row['QUERY PLAN'])
if (values.explain) log(`\n${planText.join('\n')}`)
log(`\n12 weeks, ${planText.at(-1)?.trim()}`)

const resultsDir = path.resolve('bench/results')
fs.mkdirSync(resultsDir, { recursive: true })
fs.writeFileSync(
  path.join(resultsDir, 'analytics.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      runs: RUNS,
      counts,
      results,
      plan: planText,
      machine: machine(),
    },
    null,
    2,
  ) + '\n',
)
log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'analytics.json'))}`)
await payload.destroy()
process.exit(0)
