import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>
type Item = { key: string; text: string; href: string; at: string }

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let organizer: Account
let otherOrganizer: Account
let vendor: Account
let otherVendor: Account
let moderator: Account
let vendorSlug: string

const db = () => (payload.db as unknown as PostgresAdapter).drizzle

const feed = (who?: Account) =>
  rest.get('/api/users/me/notifications', who ? { token: who.token } : {})
const publishedJob = (who: Account, title: string) =>
  publishWeddingJob(rest, who.token, { categoryId, title, eventInDays: 90, deadlineInDays: 30 })
const quote = (who: Account, jobId: number) => sendQuote(rest, who.token, jobId)

const items = async (who: Account): Promise<Item[]> => {
  const res = await feed(who)
  if (res.status !== 200) throw new Error(JSON.stringify(res.body))
  return res.body.data.items
}
const newCount = async (who: Account): Promise<number> => (await feed(who)).body.data.newCount
const markSeen = (who: Account) =>
  rest.post('/api/users/me/notifications/seen', { token: who.token, body: {} })

beforeAll(async () => {
  ctx = await startPayload('notification_feed')
  payload = ctx.payload
  rest = restClient(ctx.config)
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  moderator = await createUser(payload, rest, 'moderator')
  vendorSlug = (
    await createVendor(payload, vendor.user.id, categoryId, { businessName: 'Aroha Photography' })
  ).slug!
  await createVendor(payload, otherVendor.user.id, categoryId, { businessName: 'Tūī Studio' })
})

afterAll(async () => {
  await ctx?.stop()
})

describe('the bell’s feed', () => {
  let jobId: number
  let quoteId: number

  beforeAll(async () => {
    jobId = await publishedJob(organizer, 'Wedding in Martinborough')
    await publishedJob(otherOrganizer, 'Birthday in Tauranga')
    quoteId = await quote(vendor, jobId)
  })

  it('is for signed-in people only', async () => {
    const res = await feed()
    expect(res.status).toBe(401)
    expect(res.body.success).toBe(false)
    expect((await rest.post('/api/users/me/notifications/seen', { body: {} })).status).toBe(401)
  })

  it('shows an organizer the new quote on their job, in words, linking to the job', async () => {
    const list = await items(organizer)
    expect(list).toContainEqual(
      expect.objectContaining({
        text: "Aroha Photography sent a quote for 'Wedding in Martinborough'",
        href: `/my-jobs/${jobId}`,
      }),
    )
    expect(await newCount(organizer)).toBe(1)
  })

  it('shows nobody else’s quotes to another organizer or vendor', async () => {
    expect(await items(otherOrganizer)).toEqual([])
    expect(await items(otherVendor)).toEqual([])
  })

  it('counts nothing once seen, and one again when the next quote comes in', async () => {
    const seen = await markSeen(organizer)
    expect(seen.status).toBe(200)
    expect(await newCount(organizer)).toBe(0)
    expect(await items(organizer)).toHaveLength(1)
    await quote(otherVendor, jobId)
    expect(await newCount(organizer)).toBe(1)
    // Seen by one organizer is not seen by another.
    expect(await newCount(otherOrganizer)).toBe(0)
  })

  it('tells the vendor their quote was shortlisted and then accepted', async () => {
    expect(await items(vendor)).toEqual([])
    expect(
      (await rest.post(`/api/applications/${quoteId}/shortlist`, { token: organizer.token }))
        .status,
    ).toBe(200)
    expect((await items(vendor)).map((item) => item.text)).toEqual([
      "Your quote for 'Wedding in Martinborough' was shortlisted",
    ])
    expect(
      (await rest.post(`/api/applications/${quoteId}/accept`, { token: organizer.token })).status,
    ).toBe(200)
    const texts = (await items(vendor)).map((item) => item.text)
    expect(texts).toEqual(
      expect.arrayContaining([
        "Your quote for 'Wedding in Martinborough' was accepted",
        "Your quote for 'Wedding in Martinborough' was shortlisted",
        "New booking for 'Wedding in Martinborough'",
      ]),
    )
    // Accepting one quote declines the rest: the other vendor hears of their own quote only.
    expect((await items(otherVendor)).map((item) => item.text)).toEqual([
      "Your quote for 'Wedding in Martinborough' was declined",
    ])
    expect((await items(organizer)).map((item) => item.text)).toContain(
      "You booked Aroha Photography for 'Wedding in Martinborough'",
    )
  })

  it('tells the vendor when a review of their business is published, and only them', async () => {
    const { docs } = await payload.find({
      collection: 'bookings',
      where: { application: { equals: quoteId } },
      overrideAccess: true,
    })
    const bookingId = docs[0]!.id
    await db().execute(
      sql`UPDATE bookings SET event_date = now() - make_interval(days => 3), status = 'completed' WHERE id = ${bookingId}`,
    )
    const written = await rest.post('/api/reviews', {
      token: organizer.token,
      body: {
        booking: bookingId,
        ratings: {
          overall: 5,
          quality: 5,
          communication: 5,
          value: 5,
          professionalism: 5,
        },
        text: 'Aroha and her team were wonderful: on time, calm and the photos are stunning.',
      },
    })
    expect(written.status).toBe(201)
    const reviewId = written.body.data?.id ?? written.body.doc?.id
    const hasReview = async (who: Account) =>
      (await items(who)).some((item) => item.key === `review-${reviewId}`)
    expect(await hasReview(vendor)).toBe(false)
    const published = await rest.post(`/api/reviews/${reviewId}/moderate`, {
      token: moderator.token,
      body: { action: 'publish' },
    })
    expect(published.status).toBe(200)
    const review = (await items(vendor)).find((item) => item.key === `review-${reviewId}`)
    expect(review).toMatchObject({
      text: 'A new review of your business is live',
      href: `/vendors/${vendorSlug}#review-${reviewId}`,
    })
    expect(await hasReview(otherVendor)).toBe(false)
    expect(await hasReview(otherOrganizer)).toBe(false)
  })

  it('lists newest first', async () => {
    const times = (await items(vendor)).map((item) => new Date(item.at).getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })
})

describe('the seen time', () => {
  it('cannot be set for another person, nor written directly', async () => {
    const before = await payload.findByID({
      collection: 'users',
      id: organizer.user.id,
      overrideAccess: true,
    })
    const forged = await rest.patch(`/api/users/${organizer.user.id}`, {
      token: vendor.token,
      body: { notificationsSeenAt: '2099-01-01T00:00:00.000Z' },
    })
    expect(forged.status).toBeGreaterThanOrEqual(400)
    expect(forged.status).toBeLessThan(500)
    const own = await rest.patch(`/api/users/${vendor.user.id}`, {
      token: vendor.token,
      body: { notificationsSeenAt: '2099-01-01T00:00:00.000Z' },
    })
    expect(own.status).toBeLessThan(500)
    const after = await payload.findByID({
      collection: 'users',
      id: organizer.user.id,
      overrideAccess: true,
    })
    expect(after.notificationsSeenAt).toBe(before.notificationsSeenAt)
    const vendorRow = await payload.findByID({
      collection: 'users',
      id: vendor.user.id,
      overrideAccess: true,
    })
    expect(vendorRow.notificationsSeenAt ?? null).not.toBe('2099-01-01T00:00:00.000Z')
  })

  it('is hidden from other readers', async () => {
    await markSeen(organizer)
    const asStaff = await payload.findByID({
      collection: 'users',
      id: organizer.user.id,
      user: moderator.user,
      overrideAccess: false,
    })
    expect(asStaff.notificationsSeenAt).toBeUndefined()
    const asSelf = await rest.get(`/api/users/${organizer.user.id}`, { token: organizer.token })
    expect(asSelf.body.notificationsSeenAt).toEqual(expect.any(String))
  })

  it('refuses unknown query parameters and bodies with a 400', async () => {
    const query = await rest.get('/api/users/me/notifications?since=2020-01-01', {
      token: vendor.token,
    })
    expect(query.status).toBe(400)
    expect(query.body.error.message).toMatch(/since/)
    const body = await rest.post('/api/users/me/notifications/seen', {
      token: vendor.token,
      body: { seenAt: '2099-01-01T00:00:00.000Z', user: organizer.user.id },
    })
    expect(body.status).toBe(400)
    expect(body.body.success).toBe(false)
  })
})
