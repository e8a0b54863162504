import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { POLICY_VERSIONS } from '../../src/lib/privacy/policies'
import { seed } from '../../src/lib/seed/seed'
import { seedIfEmpty } from '../../src/lib/seed/seedIfEmpty'
import { createCategory } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient

beforeAll(async () => {
  ctx = await startPayload('categories_seed')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

describe('categories', () => {
  it('keeps the tree to two levels', async () => {
    const moderator = await createUser(payload, rest, 'moderator')
    const top = await createCategory(payload, 'Music')
    const child = await createCategory(payload, 'DJs', top.id)
    const third = await rest.post('/api/categories', {
      token: moderator.token,
      body: { name: 'Wedding DJs', parent: child.id },
    })
    expect(third.status).toBe(400)
    const ok = await rest.post('/api/categories', {
      token: moderator.token,
      body: { name: 'Live bands', parent: top.id },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.doc.slug).toBe('live-bands')
  })
})

describe('seeding', () => {
  it('fills an empty database once, with vendors in real NZ places, and adds more on request', async () => {
    const pool = (payload.db as unknown as PostgresAdapter).pool
    await pool.query('TRUNCATE vendors, categories, users RESTART IDENTITY CASCADE')
    await seedIfEmpty(payload)
    await seedIfEmpty(payload)
    expect((await payload.count({ collection: 'vendors' })).totalDocs).toBe(200)
    expect((await payload.count({ collection: 'categories' })).totalDocs).toBe(41)

    const { rows } = await pool.query<{ outside: string; without_category: string }>(`
      SELECT count(*) FILTER (WHERE location_lat NOT BETWEEN -47.5 AND -34 OR location_lng NOT BETWEEN 166 AND 179) AS outside,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM vendors_rels r WHERE r.parent_id = vendors.id AND r.path = 'categories')) AS without_category
      FROM vendors`)
    expect(rows[0]).toEqual({ outside: '0', without_category: '0' })

    // Every seeded person, bulk-inserted vendors too, has accepted the policies in force.
    const { rows: consents } = await pool.query<{ pending: string }>(
      `SELECT count(*) AS pending FROM users
       WHERE terms_version IS DISTINCT FROM $1 OR privacy_version IS DISTINCT FROM $2
          OR terms_accepted_at IS NULL OR privacy_accepted_at IS NULL OR marketing_emails`,
      [POLICY_VERSIONS.terms, POLICY_VERSIONS.privacy],
    )
    expect(consents[0]).toEqual({ pending: '0' })

    // The demo vendor logs in with the README's password and owns a verified profile.
    const login = await rest.post('/api/users/login', {
      body: { email: 'vendor@eventpros.test', password: 'EventPros!2026' },
    })
    expect(login.status).toBe(200)
    const own = await payload.find({
      collection: 'vendors',
      where: { owner: { equals: login.body.user.id } },
    })
    expect(own.docs[0]?.verificationStatus).toBe('verified')

    // Bulk-inserted vendors read back through Payload like any other document.
    const sample = await rest.get('/api/vendors?limit=1&sort=-id&depth=1')
    expect(sample.body.docs[0].categories[0].name).toEqual(expect.any(String))
    expect(sample.body.docs[0].description.root.children.length).toBe(3)

    await seed(payload, { vendors: 50 })
    expect((await payload.count({ collection: 'vendors' })).totalDocs).toBe(250)
    expect((await payload.count({ collection: 'categories' })).totalDocs).toBe(41)
  })
})
