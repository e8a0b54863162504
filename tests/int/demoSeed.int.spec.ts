import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { TIER_DEFINITIONS } from '../../plugins/billing'
import { seed } from '../../src/lib/seed/seed'
import { startPayload, type TestContext } from '../helpers/payload'

let ctx: TestContext
let payload: Payload
let seedMs = 0

beforeAll(async () => {
  ctx = await startPayload('demo_seed')
  payload = ctx.payload
  const pool = (payload.db as unknown as PostgresAdapter).pool
  await pool.query('TRUNCATE vendors, categories, users, jobs RESTART IDENTITY CASCADE')
  const started = Date.now()
  await seed(payload, { vendors: 120 })
  seedMs = Date.now() - started
  console.info(`Demo seed of 120 vendors took ${seedMs} ms`)
}, 240_000)

afterAll(async () => {
  await ctx?.stop()
})

const query = async <T>(text: string, values: unknown[] = []) =>
  (await (payload.db as unknown as PostgresAdapter).pool.query(text, values)).rows as T[]

describe('demo data that looks real', () => {
  it('features vendors that each have at least two published reviews, as the home page lists them', async () => {
    const featuredTiers = TIER_DEFINITIONS.filter((tier) => tier.entitlements.featuredOnHome)
    // The home page's own query (src/lib/queries.ts featuredVendors), as an anonymous visitor.
    const { docs } = await payload.find({
      collection: 'vendors',
      where: {
        and: [
          { status: { equals: 'active' } },
          { tier: { in: featuredTiers.map((tier) => tier.value) } },
        ],
      },
      sort: ['-rating.score', '-rating.average'],
      limit: 6,
      depth: 0,
      overrideAccess: false,
    })
    expect(docs.length).toBeGreaterThan(0)
    for (const vendor of docs) {
      const [row] = await query<{ count: number }>(
        `SELECT count(*)::int AS count FROM reviews WHERE vendor_id = $1 AND status = 'published'`,
        [vendor.id],
      )
      expect(row!.count).toBeGreaterThanOrEqual(2)
      expect(vendor.rating?.count).toBe(row!.count)
    }
    // Ratings vary: not every featured review says five stars.
    const ratings = await query<{ overall: number }>(
      `SELECT DISTINCT ratings_overall::int AS overall FROM reviews WHERE status = 'published'`,
    )
    expect(ratings.length).toBeGreaterThan(1)
  })

  it('gives the wedding job quotes whose messages all differ and name the job', async () => {
    const rows = await query<{ message: string }>(
      `SELECT a.message FROM applications a JOIN jobs j ON j.id = a.job_id
       WHERE j.title = 'Photographer for our vineyard wedding'`,
    )
    expect(rows.length).toBe(3)
    expect(new Set(rows.map((row) => row.message)).size).toBe(3)
    for (const row of rows) expect(row.message).toContain('Photographer for our vineyard wedding')
  })

  it('leaves no booking whose event has passed still confirmed, and completes them instead', async () => {
    const [row] = await query<{ stale: number; completed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'confirmed' AND event_date < now())::int AS stale,
              count(*) FILTER (WHERE status = 'completed' AND event_date < now())::int AS completed
       FROM bookings`,
    )
    expect(row!.stale).toBe(0)
    expect(row!.completed).toBeGreaterThanOrEqual(5)
  })

  it('keeps the demo vendor’s reviews as before: three published, one in moderation, one to write', async () => {
    const rows = await query<{ status: string; count: number }>(
      `SELECT r.status, count(*)::int AS count FROM reviews r
       JOIN vendors v ON v.id = r.vendor_id JOIN users u ON u.id = v.owner_id
       WHERE u.email = 'vendor@eventpros.test' GROUP BY r.status ORDER BY r.status`,
    )
    expect(rows).toEqual([
      { status: 'pending', count: 1 },
      { status: 'published', count: 3 },
    ])
  })
})
