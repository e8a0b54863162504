import type { PostgresAdapter } from '@payloadcms/db-postgres'
import fs from 'node:fs'
import path from 'node:path'
import { type Payload, ValidationError } from 'payload'
import sharp from 'sharp'

import { TIER_DEFINITIONS } from '../../plugins/billing'
import { seed } from '../../src/lib/seed/seed'
import type { Media, User } from '../../src/payload-types'
import { startPayload, type TestContext } from '../helpers/payload'
import { routeHandlers } from '../helpers/rest'

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

  it('writes accounts that Payload can save again: bulk-written, they passed no validation', async () => {
    const rows = await query<{ id: number }>(
      `SELECT id FROM users WHERE email LIKE '%@vendors.eventpros.test' ORDER BY id LIMIT 3`,
    )
    expect(rows).toHaveLength(3)
    for (const { id } of rows) {
      const saved = await payload.update({
        collection: 'users',
        id,
        data: { phone: '021 123 4567' },
        // System save: what is checked is that the stored account passes validation, not who may save it.
        overrideAccess: true,
      })
      expect(saved.phone).toBe('021 123 4567')
    }
  })
})

describe('demo vendors’ portfolio images', () => {
  type PortfolioRow = { vendor: number; owner: number; images: number; owned: number }
  const portfolios = () =>
    query<PortfolioRow>(
      `SELECT v.id AS vendor, v.owner_id AS owner, count(r.media_id)::int AS images,
              count(r.media_id) FILTER (WHERE m.owner_id = v.owner_id)::int AS owned
       FROM vendors v
       LEFT JOIN vendors_rels r ON r.parent_id = v.id AND r.path = 'portfolio'
       LEFT JOIN media m ON m.id = r.media_id
       WHERE v.status = 'active' GROUP BY v.id ORDER BY v.id`,
    )

  /** The file as the app serves it: the real REST GET handler, anonymous. */
  const getFile = async (filename: string) => {
    const { GET } = routeHandlers(ctx.config, { rateLimited: false })
    const response = await GET(
      new Request(`http://localhost:3000/api/media/file/${encodeURIComponent(filename)}`),
      { params: Promise.resolve({ slug: ['media', 'file', filename] }) },
    )
    return { status: response.status, type: response.headers.get('content-type'), response }
  }

  const demoVendor = async () => {
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: 'vendor@eventpros.test' } },
      limit: 1,
      depth: 0,
    })
    const user = docs[0] as User
    const vendors = await payload.find({
      collection: 'vendors',
      where: { owner: { equals: user.id } },
      limit: 1,
      depth: 0,
    })
    return { user, vendor: vendors.docs[0]! }
  }

  it('gives every active demo vendor at least three images, all owned by its owner', async () => {
    const rows = await portfolios()
    expect(rows.length).toBeGreaterThan(50)
    for (const row of rows) {
      expect(row.images).toBeGreaterThanOrEqual(3)
      expect(row.owned).toBe(row.images)
    }
  })

  it('describes each image for screen readers and serves its sizes as WebP', async () => {
    const { vendor } = await demoVendor()
    const found = await payload.findByID({
      collection: 'vendors',
      id: vendor.id,
      depth: 1,
      overrideAccess: false,
    })
    const images = (found.portfolio ?? []) as Media[]
    expect(images.length).toBe(3)
    expect(new Set(images.map((image) => image.filename)).size).toBe(3)
    for (const image of images) {
      expect(image.alt).toMatch(new RegExp(` by ${found.businessName.replace(/\W/g, '.')}$`))
      expect(image.url).toMatch(new RegExp(`/api/media/file/${image.filename}$`))
      expect([image.mimeType, image.width, image.height]).toEqual(['image/webp', 1200, 800])
      expect(image.sizes?.card?.url).toMatch(
        new RegExp(`/api/media/file/${image.sizes?.card?.filename}$`),
      )
    }

    const [first] = images
    const original = await getFile(first!.filename!)
    expect([original.status, original.type]).toEqual([200, 'image/webp'])
    const card = await getFile(first!.sizes!.card!.filename!)
    expect([card.status, card.type]).toEqual([200, 'image/webp'])
    const cardMeta = await sharp(Buffer.from(await card.response.arrayBuffer())).metadata()
    expect([cardMeta.format, cardMeta.width, cardMeta.height]).toEqual(['webp', 768, 512])
    const thumbnail = await getFile(first!.sizes!.thumbnail!.filename!)
    expect(thumbnail.status).toBe(200)

    // A name no media document has is not served, even though the pool's files are on disk.
    expect((await getFile(`demo-${vendor.id}-9.webp`)).status).toBe(404)
  })

  it('places each vendor’s files as hard links to one rendered pool, not copies', async () => {
    const staticDir = payload.collections.media.config.upload.staticDir!
    const [row] = await query<{ filename: string; card: string }>(
      `SELECT filename, sizes_card_filename AS card FROM media ORDER BY id LIMIT 1`,
    )
    for (const name of [row!.filename, row!.card]) {
      const stat = fs.statSync(path.join(staticDir, name))
      expect(stat.nlink).toBeGreaterThan(1)
    }
  })

  it('lets a demo vendor save their profile with the portfolio unchanged', async () => {
    const { user, vendor } = await demoVendor()
    const before = vendor.portfolio as number[]
    const updated = await payload.update({
      collection: 'vendors',
      id: vendor.id,
      data: { tagline: 'Photos and film for weddings across Aotearoa' },
      user,
      overrideAccess: false,
      depth: 0,
    })
    expect(updated.tagline).toBe('Photos and film for weddings across Aotearoa')
    expect(updated.portfolio).toEqual(before)
    expect(before.length).toBe(3)

    // Saving the same portfolio explicitly passes the filterOptions check too...
    await payload.update({
      collection: 'vendors',
      id: vendor.id,
      data: { portfolio: before },
      user,
      overrideAccess: false,
      depth: 0,
    })
    // ...and another vendor's image does not: the check is real.
    const [other] = await query<{ id: number }>(
      `SELECT id FROM media WHERE owner_id <> $1 ORDER BY id LIMIT 1`,
      [user.id],
    )
    await expect(
      payload.update({
        collection: 'vendors',
        id: vendor.id,
        data: { portfolio: [...before, other!.id] },
        user,
        overrideAccess: false,
        depth: 0,
      }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  it('does not give a vendor a second portfolio when more vendors are seeded', async () => {
    const [before] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM media`)
    await seed(payload, { vendors: 2 })
    const [after] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM media`)
    expect(after!.count - before!.count).toBe(6)
    const rows = await query<{ images: number }>(
      `SELECT count(*)::int AS images FROM vendors_rels WHERE path = 'portfolio' GROUP BY parent_id`,
    )
    for (const row of rows) expect(row.images).toBe(3)
  })
})
