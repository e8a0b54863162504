/**
 * Platform analytics (`GET /api/analytics/platform`, the admin's /admin/analytics): each week's
 * figures counted from what the marketplace holds, in New Zealand weeks, for admins only.
 *
 * The marketplace is made the way the site makes it (sign-ups, a published job, quotes, an
 * accepted quote, a review), then each row is moved to a known moment, so every figure of three
 * weeks can be stated exactly; `now` is Wednesday 2 December 2026, 1 pm in Auckland.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type * as Analytics from '@/lib/analytics/platform'

import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

const NOW = new Date('2026-12-02T00:00:00Z')

let ctx: TestContext
let payload: Payload
let rest: RestClient
let platformAnalytics: typeof Analytics.platformAnalytics
let admin: Account
let moderator: Account
let organizer: Account
let lateOrganizer: Account
let vendors: Account[]
let bookingCents: number

const db = () => payload.db.drizzle
const at = (table: string, column: string, id: number, when: string) =>
  db().execute(sql.raw(`UPDATE ${table} SET ${column} = '${when}' WHERE id = ${Number(id)}`))

beforeAll(async () => {
  ctx = await startPayload('analytics')
  payload = ctx.payload
  ;({ platformAnalytics } = await import('@/lib/analytics/platform'))
  rest = restClient(ctx.config)
  const categoryId = (await createCategory(payload, 'Photographers')).id
  admin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
  organizer = await createUser(payload, rest, 'organizer')
  lateOrganizer = await createUser(payload, rest, 'organizer')
  vendors = [
    await createUser(payload, rest, 'vendor'),
    await createUser(payload, rest, 'vendor'),
    await createUser(payload, rest, 'vendor'),
  ]
  const profiles = [
    await createVendor(payload, vendors[0]!.user.id, categoryId),
    await createVendor(payload, vendors[1]!.user.id, categoryId),
    await createVendor(payload, vendors[2]!.user.id, categoryId, { status: 'draft' }),
  ]
  await db().execute(
    sql`UPDATE vendors SET verification_status = 'verified' WHERE id = ${profiles[0]!.id}`,
  )

  // A job with two quotes, one of them accepted (a booking), and a job nobody quoted.
  const quotedJob = await publishWeddingJob(rest, organizer.token, { categoryId })
  const firstQuote = await sendQuote(rest, vendors[0]!.token, quotedJob)
  const secondQuote = await sendQuote(rest, vendors[1]!.token, quotedJob)
  const accepted = await rest.post(`/api/applications/${firstQuote}/accept`, {
    token: organizer.token,
  })
  expect(accepted.status).toBe(200)
  const bookingId = accepted.body.data.booking.id as number
  bookingCents = accepted.body.data.booking.totalCents as number
  const unquotedJob = await publishWeddingJob(rest, organizer.token, {
    categoryId,
    title: 'DJ for a 40th birthday',
  })
  // The event happened; the organizer reviews it, and a moderator publishes the review.
  await db().execute(
    sql`UPDATE bookings SET event_date = now() - interval '3 days', status = 'completed' WHERE id = ${bookingId}`,
  )
  const review = await rest.post('/api/reviews', {
    token: organizer.token,
    body: {
      booking: bookingId,
      ratings: { overall: 5, quality: 5, communication: 5, value: 5, professionalism: 5 },
      text: 'Wonderful on the day: calm, on time, and the photos are stunning. Thank you!',
    },
  })
  expect(review.status).toBe(201)
  const reviewId = review.body.data.id as number
  await db().execute(sql`UPDATE reviews SET status = 'published' WHERE id = ${reviewId}`)

  // Paid subscriptions: Showcase all along, Spotlight from the last week, one failed payment.
  const subscription = (tier: 'showcase' | 'spotlight', index: number) =>
    payload.create({
      collection: 'subscriptions',
      data: {
        vendor: profiles[index]!.id,
        owner: vendors[index]!.user.id,
        tier,
        status: 'active',
        stripeSubscriptionId: `sub_analytics_${tier}`,
        stripeCustomerId: `cus_analytics_${index}`,
      },
    })
  const showcase = await subscription('showcase', 0)
  const spotlight = await subscription('spotlight', 1)
  const payment = (
    sub: { id: number },
    index: number,
    status: 'paid' | 'failed',
    [periodStart, periodEnd]: [string, string],
    amountCents: number,
  ) =>
    payload.create({
      collection: 'payments',
      data: {
        vendor: profiles[index]!.id,
        owner: vendors[index]!.user.id,
        subscription: sub.id,
        status,
        amountCents,
        gstCents: Math.round((amountCents * 3) / 23),
        stripeInvoiceId: `in_analytics_${sub.id}_${status}`,
        periodStart,
        periodEnd,
      },
    })
  // 30-day periods: a month's worth is the net amount × 30.436875 / 30.
  await payment(showcase, 0, 'paid', ['2026-11-10T00:00:00Z', '2026-12-10T00:00:00Z'], 5_750)
  await payment(spotlight, 1, 'paid', ['2026-11-30T00:00:00Z', '2026-12-30T00:00:00Z'], 11_500)
  await payment(showcase, 0, 'failed', ['2026-10-10T00:00:00Z', '2026-12-30T00:00:00Z'], 99_999)

  // Each row at its moment. Auckland is UTC+13 in summer: 29 Nov 12:30 UTC is Monday 30 Nov
  // 1:30 am there, the last week's (the UTC date is the Sunday before).
  await at('users', 'created_at', organizer.user.id, '2026-11-17T00:00:00Z')
  await at('users', 'created_at', admin.user.id, '2026-11-18T00:00:00Z')
  await at('users', 'created_at', moderator.user.id, '2026-11-18T00:00:00Z')
  for (const vendor of vendors)
    await at('users', 'created_at', vendor.user.id, '2026-11-24T00:00:00Z')
  await at('users', 'created_at', lateOrganizer.user.id, '2026-11-29T12:30:00Z')
  for (const profile of profiles)
    await at('vendors', 'created_at', profile.id, '2026-11-24T02:00:00Z')
  await at('jobs', 'published_at', quotedJob, '2026-11-17T01:00:00Z')
  await at('jobs', 'published_at', unquotedJob, '2026-11-24T01:00:00Z')
  await at('applications', 'created_at', firstQuote, '2026-11-17T04:00:00Z')
  await at('applications', 'created_at', secondQuote, '2026-11-17T06:00:00Z')
  await at('bookings', 'created_at', bookingId, '2026-11-18T00:00:00Z')
  await at('reviews', 'created_at', reviewId, '2026-12-01T00:00:00Z')
})

afterAll(async () => {
  await ctx?.stop()
})

describe('platform analytics', () => {
  it('counts each New Zealand week from what the marketplace holds', async () => {
    const figures = await platformAnalytics(payload, admin.user, { weeks: 3, now: NOW })
    const showcaseMonthly = Math.round(5_000 * (30.436875 / 30))
    const spotlightMonthly = Math.round(10_000 * (30.436875 / 30))
    expect(figures.weeks).toEqual([
      {
        week: '2026-11-16',
        signups: { organizer: 1, vendor: 0, staff: 2 },
        vendors: { joined: 0, published: 0, verified: 0 },
        jobs: {
          posted: 1,
          quotes: 2,
          quoted: 1,
          booked: 1,
          quotesPerJob: 2,
          medianHoursToFirstQuote: 3,
        },
        bookings: { made: 1, valueCents: bookingCents },
        reviews: { submitted: 0, published: 0 },
        mrrCents: { essential: 0, showcase: showcaseMonthly, spotlight: 0, total: showcaseMonthly },
      },
      {
        week: '2026-11-23',
        signups: { organizer: 0, vendor: 3, staff: 0 },
        vendors: { joined: 3, published: 2, verified: 1 },
        jobs: {
          posted: 1,
          quotes: 0,
          quoted: 0,
          booked: 0,
          quotesPerJob: 0,
          medianHoursToFirstQuote: null,
        },
        bookings: { made: 0, valueCents: 0 },
        reviews: { submitted: 0, published: 0 },
        mrrCents: { essential: 0, showcase: showcaseMonthly, spotlight: 0, total: showcaseMonthly },
      },
      {
        week: '2026-11-30',
        signups: { organizer: 1, vendor: 0, staff: 0 },
        vendors: { joined: 0, published: 0, verified: 0 },
        jobs: {
          posted: 0,
          quotes: 0,
          quoted: 0,
          booked: 0,
          quotesPerJob: null,
          medianHoursToFirstQuote: null,
        },
        bookings: { made: 0, valueCents: 0 },
        reviews: { submitted: 1, published: 1 },
        mrrCents: {
          essential: 0,
          showcase: showcaseMonthly,
          spotlight: spotlightMonthly,
          total: showcaseMonthly + spotlightMonthly,
        },
      },
    ])
    expect(figures.funnel).toEqual({ posted: 2, quoted: 1, booked: 1 })
    expect(figures.totals).toEqual({ vendors: 3, published: 2, verified: 1, organizers: 2 })
    expect(figures.timeZone).toBe('Pacific/Auckland')
  })

  it('leaves out what had not happened yet at the moment asked about', async () => {
    const earlier = await platformAnalytics(payload, admin.user, {
      weeks: 1,
      now: new Date('2026-11-17T02:00:00Z'),
    })
    // The job was posted an hour before; its quotes and booking came later.
    expect(earlier.weeks).toEqual([
      expect.objectContaining({
        week: '2026-11-16',
        signups: { organizer: 1, vendor: 0, staff: 0 },
        jobs: expect.objectContaining({ posted: 1, quotes: 0, quoted: 0, booked: 0 }),
        bookings: { made: 0, valueCents: 0 },
      }),
    ])
    // The totals are the marketplace as it is.
    expect(earlier.totals).toEqual({ vendors: 3, published: 2, verified: 1, organizers: 2 })
  })

  it('answers admins over REST, with this week last', async () => {
    const res = await rest.get('/api/analytics/platform?weeks=4', { token: admin.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.body.success).toBe(true)
    expect(res.body.data.weeks).toHaveLength(4)
    expect(res.body.data.totals.organizers).toBe(2)
    const monday = new Date(`${res.body.data.weeks.at(-1).week}T12:00:00Z`)
    expect(monday.getUTCDay()).toBe(1)
    expect(Date.now() - monday.getTime()).toBeLessThan(8 * 86_400_000)
    expect(
      (await rest.get('/api/analytics/platform', { token: admin.token })).body.data.weeks,
    ).toHaveLength(12)
  })

  it('refuses everyone but admins, and says who is asking before what was asked', async () => {
    expect((await rest.get('/api/analytics/platform')).status).toBe(401)
    expect((await rest.get('/api/analytics/platform?weeks=abc')).status).toBe(401)
    for (const who of [organizer, vendors[0]!, moderator]) {
      // A bad query too: what may be asked is not told to those who may not ask.
      const refused = await rest.get('/api/analytics/platform?weeks=abc', { token: who.token })
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } })
      expect(JSON.stringify(refused.body)).not.toContain('weeks')
    }
    await expect(platformAnalytics(payload, moderator.user)).rejects.toMatchObject({ status: 403 })
    await expect(platformAnalytics(payload, null)).rejects.toMatchObject({ status: 401 })
  })

  it.each(['0', '105', '2.5', 'abc', '-1'])(
    'answers weeks=%s with a 400 naming it',
    async (weeks) => {
      const res = await rest.get(`/api/analytics/platform?weeks=${weeks}`, { token: admin.token })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ success: false, error: { code: 'INVALID_INPUT' } })
      expect(JSON.stringify(res.body.error.details)).toContain('weeks')
    },
  )

  it('keeps New Zealand weeks across the end of daylight saving', async () => {
    // Auckland leaves UTC+13 for UTC+12 at 3 am on Sunday 4 April 2027.
    const sundayNight = await createUser(payload, rest, 'organizer')
    const mondayMorning = await createUser(payload, rest, 'organizer')
    // 11:30 pm on Sunday at UTC+12 (at UTC+13 it would be Monday already).
    await at('users', 'created_at', sundayNight.user.id, '2027-04-04T11:30:00Z')
    // 12:30 am on Monday.
    await at('users', 'created_at', mondayMorning.user.id, '2027-04-04T12:30:00Z')
    const figures = await platformAnalytics(payload, admin.user, {
      weeks: 2,
      now: new Date('2027-04-07T00:00:00Z'),
    })
    expect(figures.weeks.map(({ week, signups }) => [week, signups.organizer])).toEqual([
      ['2027-03-29', 1],
      ['2027-04-05', 1],
    ])
  })
})
