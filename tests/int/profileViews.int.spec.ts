/**
 * Profile views: the vendor page's beacon (`POST /api/vendors/:id/views`) counts a visitor once
 * per vendor a day, never the vendor themselves, staff or bots; the counts are the vendor's
 * own to read, and the dashboard adds up the last 30 days.
 */
import type { Payload } from 'payload'

import type * as ProfileViews from '@/lib/vendorStats/profileViews'
import type * as VendorStats from '@/lib/vendorStats/figures'
import { PEER_HEADER } from '@/plugins/rateLimits'

import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

const BROWSER =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

let ctx: TestContext
let payload: Payload
let rest: RestClient
let organizer: Account
let vendor: Account
let otherVendor: Account
let moderator: Account
let vendorId: number
let otherVendorId: number
let draftVendorId: number
let vendorFigures: typeof VendorStats.vendorFigures
let windowStart: typeof ProfileViews.windowStart

/** A view from a browser at `address`, as `who` when given. */
const view = (id: number | string, address: string, who?: Account, agent = BROWSER) =>
  rest.post(`/api/vendors/${id}/views`, {
    token: who?.token,
    headers: { [PEER_HEADER]: address, 'user-agent': agent },
  })

/** The stored count of a vendor's views today, read past access (what the table holds). */
const storedViews = async (id: number): Promise<number> => {
  const { docs } = await payload.find({
    collection: 'profile-views',
    where: { vendor: { equals: id } },
    overrideAccess: true,
  })
  return docs.reduce((total, row) => total + row.views, 0)
}

beforeAll(async () => {
  ctx = await startPayload('profileViews')
  payload = ctx.payload
  ;({ vendorFigures } = await import('@/lib/vendorStats/figures'))
  ;({ windowStart } = await import('@/lib/vendorStats/profileViews'))
  rest = restClient(ctx.config)
  const category = await createCategory(payload, 'Photographers')
  organizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  moderator = await createUser(payload, rest, 'moderator')
  vendorId = (await createVendor(payload, vendor.user.id, category.id)).id
  otherVendorId = (await createVendor(payload, otherVendor.user.id, category.id)).id
  const draftOwner = await createUser(payload, rest, 'vendor')
  draftVendorId = (
    await createVendor(payload, draftOwner.user.id, category.id, { status: 'draft' })
  ).id
})

afterAll(async () => {
  await ctx?.stop()
})

describe('counting a view', () => {
  it('counts an anonymous visitor once a day per vendor, and each visitor apart', async () => {
    const first = await view(vendorId, '203.0.113.10')
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ counted: true })
    const again = await view(vendorId, '203.0.113.10')
    expect(again.status).toBe(202)
    expect(again.body).toEqual({ counted: false, reason: 'repeat' })
    // The same visitor on another vendor's page, and another visitor on this one, both count.
    expect((await view(otherVendorId, '203.0.113.10')).body).toEqual({ counted: true })
    expect((await view(vendorId, '198.51.100.7')).body).toEqual({ counted: true })
    expect(await storedViews(vendorId)).toBe(2)
    expect(await storedViews(otherVendorId)).toBe(1)
  })

  it('counts a signed-in organizer by account, whichever address they come from', async () => {
    expect((await view(vendorId, '192.0.2.1', organizer)).body).toEqual({ counted: true })
    expect((await view(vendorId, '192.0.2.2', organizer)).body).toEqual({
      counted: false,
      reason: 'repeat',
    })
    expect(await storedViews(vendorId)).toBe(3)
  })

  it('never counts the vendor on their own page, staff, or a crawler', async () => {
    expect((await view(vendorId, '192.0.2.30', vendor)).body).toEqual({
      counted: false,
      reason: 'own',
    })
    expect((await view(vendorId, '192.0.2.31', moderator)).body).toEqual({
      counted: false,
      reason: 'staff',
    })
    expect((await view(vendorId, '192.0.2.32', undefined, CRAWLER)).body).toEqual({
      counted: false,
      reason: 'bot',
    })
    expect((await view(vendorId, '192.0.2.33', undefined, '')).body).toEqual({
      counted: false,
      reason: 'bot',
    })
    // Another vendor looking is a visitor like any other.
    expect((await view(vendorId, '192.0.2.34', otherVendor)).body).toEqual({ counted: true })
    expect(await storedViews(vendorId)).toBe(4)
  })

  it('answers 404 for a vendor the visitor may not see, and for ids that are not ids', async () => {
    // A hidden vendor reads exactly like a missing one, so ids cannot be probed.
    for (const id of [draftVendorId, 999_999]) {
      const response = await view(id, '192.0.2.40')
      expect(response.status).toBe(404)
      expect(response.body).toEqual({
        success: false,
        error: { code: 'NOT_FOUND', message: 'Vendor not found.' },
      })
    }
    // Ids that are not ids never reach the counter (the route guard answers first).
    for (const id of ['abc', '1%2F..', '2147483648', '-1']) {
      const response = await view(id, '192.0.2.40')
      expect({ id, status: response.status, code: response.body.error.code }).toEqual({
        id,
        status: 404,
        code: 'NOT_FOUND',
      })
    }
    expect(await storedViews(draftVendorId)).toBe(0)
  })
})

describe('reading the counts', () => {
  it('lets a vendor read only their own days, and nobody write them', async () => {
    const own = await rest.get('/api/profile-views', { token: vendor.token })
    expect(own.status).toBe(200)
    expect(own.body.docs.length).toBeGreaterThan(0)
    for (const row of own.body.docs) expect(row.vendor.id ?? row.vendor).toBe(vendorId)
    // Asking for another vendor's rows, directly or through a filter, finds nothing.
    const theirs = await rest.get(`/api/profile-views?where[vendor][equals]=${otherVendorId}`, {
      token: vendor.token,
    })
    expect(theirs.body.docs).toEqual([])
    const organizerRead = await rest.get('/api/profile-views', { token: organizer.token })
    expect(organizerRead.status === 403 || organizerRead.body.docs?.length === 0).toBe(true)
    const anonymous = await rest.get('/api/profile-views')
    expect(anonymous.status === 403 || anonymous.body.docs?.length === 0).toBe(true)
    const staffRead = await rest.get('/api/profile-views?limit=100', { token: moderator.token })
    expect(staffRead.body.docs.map((row: { vendor: { id: number } }) => row.vendor.id)).toEqual(
      expect.arrayContaining([vendorId, otherVendorId]),
    )
    const rowId = own.body.docs[0].id
    for (const who of [vendor, moderator]) {
      expect(
        (await rest.patch(`/api/profile-views/${rowId}`, { token: who.token, body: { views: 9 } }))
          .status,
      ).toBe(403)
      expect(
        (
          await rest.post('/api/profile-views', {
            token: who.token,
            body: { vendor: vendorId, day: '2026-12-01', views: 500 },
          })
        ).status,
      ).toBe(403)
      expect((await rest.delete(`/api/profile-views/${rowId}`, { token: who.token })).status).toBe(
        403,
      )
    }
    expect(await storedViews(vendorId)).toBe(4)
  })

  it('shows the vendor the last 30 days on their dashboard, older days left out', async () => {
    const { pool } = payload.db as unknown as {
      pool: { query: (text: string, values: unknown[]) => Promise<unknown> }
    }
    // The window's first day (29 days ago) counts; the day before it does not.
    const firstDay = windowStart(new Date())
    const dayBefore = windowStart(new Date(), 31)
    await pool.query(
      'INSERT INTO profile_views (vendor_id, day, views) VALUES ($1, $2, 10), ($1, $3, 100)',
      [vendorId, firstDay, dayBefore],
    )
    const figures = await vendorFigures(payload, vendor.user as never)
    expect(figures?.profileViews).toBe(4 + 10)
    // The other vendor's dashboard counts their own views only.
    expect((await vendorFigures(payload, otherVendor.user as never))?.profileViews).toBe(1)
  })
})
