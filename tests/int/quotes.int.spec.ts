import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { idOf } from '@/lib/kit/ids'

import { sendDeadlineReminders, sendJobAlerts } from '../../src/lib/marketplace/alerts'
import { inDays } from '../helpers/dates'
import { createCategory, createVendor } from '../helpers/fixtures'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readLatestMail, readMails } from '../helpers/users'

// Small enough to reach in a test; the default (8) is in src/lib/kit/env.ts and its spec.
const CAP = 3
process.env.MAX_QUOTES_PER_JOB = String(CAP)

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let organizer: Account
let otherOrganizer: Account
const vendors: Account[] = []
let vendorWithoutProfile: Account

const quoteBody = (overrides: Record<string, unknown> = {}) => ({
  message: 'We would love to photograph your day: relaxed, natural and on time.',
  lineItems: [
    { description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 },
    { description: 'Online gallery', quantity: 1, unitPriceCents: 15_000 },
  ],
  ...overrides,
})

/** A published job of `who`, as the post-a-job form and the publish button make it. */
const publishedJob = async (who: Account = organizer, overrides: Record<string, unknown> = {}) => {
  const created = await rest.post('/api/jobs', {
    token: who.token,
    body: {
      title: 'Photographer for our garden wedding',
      description: 'Looking for a relaxed photographer for a 120-guest garden wedding in Napier.',
      eventType: 'wedding',
      eventDate: inDays(120),
      guestCount: 120,
      budgetMin: 2000,
      budgetMax: 4500,
      location: { city: 'Napier', address: '12 Marine Parade' },
      categories: [categoryId],
      applicationDeadline: inDays(60),
      ...overrides,
    },
  })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  const published = await rest.post(`/api/jobs/${created.body.doc.id}/publish`, {
    token: who.token,
  })
  if (published.status !== 200) throw new Error(JSON.stringify(published.body))
  return created.body.doc.id as number
}

const apply = (who: Account, jobId: number, body: Record<string, unknown> = quoteBody()) =>
  rest.post(`/api/jobs/${jobId}/apply`, { token: who.token, body })

const countQuotes = async () => (await payload.count({ collection: 'applications' })).totalDocs

const drizzle = () => (payload.db as unknown as PostgresAdapter).drizzle

const systemReq = async (): Promise<PayloadRequest> => createLocalReq({}, payload)

/** Everything emailed to `email` so far: a batch of emails can share a millisecond, so no order. */
const mailTo = (email: string) => readMails(ctx.mailDir, email).join('\n')

/** Runs the queue until it is empty: earlier tests may leave more than one run's worth. */
const runQueuedEmails = async () => {
  for (let round = 0; round < 20; round += 1) {
    const { noJobsRemaining } = await payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 100 })
    if (noJobsRemaining) return
  }
}

beforeAll(async () => {
  ctx = await startPayload('quotes')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  for (let i = 0; i < CAP + 1; i += 1) {
    const vendor = await createUser(payload, rest, 'vendor')
    await createVendor(payload, vendor.user.id, categoryId, { businessName: `Kōwhai Frames ${i}` })
    vendors.push(vendor)
  }
  vendorWithoutProfile = await createUser(payload, rest, 'vendor')
})

afterAll(async () => {
  await ctx?.stop()
})

describe('sending a quote', () => {
  let jobId: number

  beforeAll(async () => {
    jobId = await publishedJob()
  })

  it('stores a vendor’s quote with totals the server works out in cents, GST once on the subtotal', async () => {
    const res = await apply(vendors[0]!, jobId, {
      ...quoteBody(),
      lineItems: [
        { description: 'Second shooter', quantity: 3, unitPriceCents: 3333 },
        { description: 'Albums', quantity: 2.5, unitPriceCents: 19_999 },
      ],
    })
    expect(res.status).toBe(201)
    const quote = res.body.data
    // 3 × $33.33 = $99.99; 2.5 × $199.99 = $499.975 → $499.98; GST 15% of $599.97 = $89.9955 → $90.00.
    expect(quote.lineItems.map((line: { totalCents: number }) => line.totalCents)).toEqual([
      9999, 49_998,
    ])
    expect(quote).toMatchObject({
      subtotalCents: 59_997,
      gstCents: 9000,
      totalCents: 68_997,
      status: 'submitted',
    })
    expect(idOf(quote.job)).toBe(jobId)
    expect(idOf(quote.vendorOwner)).toBe(vendors[0]!.user.id)
    expect(idOf(quote.organizer)).toBe(organizer.user.id)
    expect(new Date(quote.validUntil).getTime()).toBeGreaterThan(Date.now())
  })

  it('tells the organizer by email that a quote came in', async () => {
    await runQueuedEmails()
    const mail = readLatestMail(ctx.mailDir, organizer.email)
    expect(mail).toContain('Kōwhai Frames 0 sent a quote')
    expect(mail).toContain(`/my-jobs/${jobId}`)
    expect(mail).toContain('$689.97')
  })

  it('refuses a second quote from the same vendor, storing nothing', async () => {
    const before = await countQuotes()
    const res = await apply(vendors[0]!, jobId)
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ success: false, error: { code: 'ALREADY_APPLIED' } })
    expect(await countQuotes()).toBe(before)
  })

  it('refuses organizers, anonymous callers and vendors without a profile', async () => {
    const before = await countQuotes()
    expect((await apply(organizer, jobId)).status).toBe(403)
    expect((await rest.post(`/api/jobs/${jobId}/apply`, { body: quoteBody() })).status).toBe(401)
    const noProfile = await apply(vendorWithoutProfile, jobId)
    expect(noProfile.status).toBe(409)
    expect(noProfile.body.error.code).toBe('NO_VENDOR_PROFILE')
    expect(await countQuotes()).toBe(before)
  })

  it('cannot be created through the collection’s own REST or GraphQL routes', async () => {
    const before = await countQuotes()
    const restCreate = await rest.post('/api/applications', {
      token: vendors[1]!.token,
      body: { ...quoteBody(), job: jobId, validUntil: inDays(30) },
    })
    expect(restCreate.status).toBe(403)
    const gql = await rest.graphql(
      `mutation { createApplication(data: { message: "A quote sent the wrong way round", validUntil: "${inDays(30)}", lineItems: [{ description: "x", quantity: 1, unitPriceCents: 100 }] }) { id } }`,
      {},
      { token: vendors[1]!.token },
    )
    expect(gql.body.errors?.[0]?.message).toBeDefined()
    expect(await countQuotes()).toBe(before)
  })

  it.each([
    [
      'a negative quantity',
      { lineItems: [{ description: 'Hours', quantity: -2, unitPriceCents: 1000 }] },
      'lineItems.0',
    ],
    [
      'a price in fractions of a cent',
      { lineItems: [{ description: 'Hours', quantity: 1, unitPriceCents: 10.5 }] },
      'lineItems.0',
    ],
    ['no lines at all', { lineItems: [] }, 'lineItems'],
    ['a line that is not an object', { lineItems: [null] }, 'lineItems'],
    ['lines that are not a list', { lineItems: 'lots' }, 'lineItems'],
    ['a one-word message', { message: 'Hi' }, 'message'],
    ['a total chosen by the client', { totalCents: 1 }, 'totalCents'],
    ['a validity date in the past', { validUntil: inDays(-2) }, 'validUntil'],
  ])('answers %s with 400 naming the field, storing nothing', async (_, overrides, field) => {
    const before = await countQuotes()
    const res = await apply(vendors[1]!, jobId, quoteBody(overrides))
    expect(res.status).toBe(400)
    expect(res.body.success).toBe(false)
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
    expect(await countQuotes()).toBe(before)
  })

  it('answers a body that is not JSON with 400', async () => {
    const { REST_POST } = await import('@payloadcms/next/routes')
    const response = await REST_POST(ctx.config)(
      new Request(`http://localhost:3000/api/jobs/${jobId}/apply`, {
        method: 'POST',
        headers: { Authorization: `JWT ${vendors[1]!.token}`, 'Content-Type': 'application/json' },
        body: '{"message": ',
      }),
      { params: Promise.resolve({ slug: ['jobs', String(jobId), 'apply'] }) },
    )
    expect(response.status).toBe(400)
    expect((await response.json()).error.code).toBe('INVALID_JSON')
  })

  it(`stops taking quotes at the cap of ${CAP}, counting only quotes still in the running`, async () => {
    for (const vendor of vendors.slice(1, CAP))
      expect((await apply(vendor, jobId)).status).toBe(201)
    const late = vendors[CAP]!
    const full = await apply(late, jobId)
    expect(full.status).toBe(409)
    expect(full.body.error.code).toBe('QUOTE_CAP_REACHED')
    // One vendor withdraws: a place opens.
    const withdrawn = await payload.find({
      collection: 'applications',
      where: {
        and: [{ job: { equals: jobId } }, { vendorOwner: { equals: vendors[1]!.user.id } }],
      },
    })
    expect(
      (
        await rest.delete(`/api/applications/${withdrawn.docs[0]!.id}`, {
          token: vendors[1]!.token,
        })
      ).status,
    ).toBe(200)
    expect((await apply(late, jobId)).status).toBe(201)
  })
})

describe('vendors and organizers acting at the same moment', () => {
  it(`keeps the cap when ${CAP + 1} vendors quote at once`, async () => {
    const jobId = await publishedJob()
    const answers = await Promise.all(vendors.map((vendor) => apply(vendor, jobId)))
    const statuses = answers.map((res) => res.status).sort()
    expect(statuses).toEqual([...Array(CAP).fill(201), 409])
    expect(answers.find((res) => res.status === 409)!.body.error.code).toBe('QUOTE_CAP_REACHED')
    expect(
      (await payload.count({ collection: 'applications', where: { job: { equals: jobId } } }))
        .totalDocs,
    ).toBe(CAP)
  })

  it('books one vendor when two quotes are accepted at once', async () => {
    const jobId = await publishedJob()
    // Vendors 2 and 3: whichever wins is booked, and later tests need 1 never to be.
    const quotes = [
      (await apply(vendors[2]!, jobId)).body.data.id,
      (await apply(vendors[3]!, jobId)).body.data.id,
    ]
    const answers = await Promise.all(
      quotes.map((id) => rest.post(`/api/applications/${id}/accept`, { token: organizer.token })),
    )
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409])
    const bookings = await payload.find({
      collection: 'bookings',
      where: { job: { equals: jobId } },
    })
    expect(bookings.totalDocs).toBe(1)
    const statuses = (
      await payload.find({ collection: 'applications', where: { job: { equals: jobId } } })
    ).docs
      .map((quote) => quote.status)
      .sort()
    expect(statuses).toEqual(['accepted', 'declined'])
  })
})

describe('jobs that take no quotes', () => {
  it('refuses a draft (not found to vendors), a closed job and one past its deadline', async () => {
    const before = await countQuotes()
    const draft = await rest.post('/api/jobs', {
      token: organizer.token,
      body: {
        title: 'Draft party job',
        description: 'A draft job that vendors must not be able to quote on yet.',
        eventType: 'party',
        eventDate: inDays(40),
        guestCount: 30,
        budgetMin: 100,
        budgetMax: 500,
        location: { city: 'Napier' },
        categories: [categoryId],
      },
    })
    expect((await apply(vendors[2]!, draft.body.doc.id)).status).toBe(404)

    const closedId = await publishedJob()
    await rest.post(`/api/jobs/${closedId}/close`, { token: organizer.token })
    const closed = await apply(vendors[2]!, closedId)
    expect(closed.status).toBe(409)
    expect(closed.body.error.code).toBe('JOB_CLOSED')

    const lateId = await publishedJob()
    // The deadline passes (set in the database: the API never lets it be set in the past).
    await drizzle().execute(
      sql`update jobs set application_deadline = now() - interval '1 hour' where id = ${lateId}`,
    )
    const late = await apply(vendors[2]!, lateId)
    expect(late.status).toBe(409)
    expect(late.body.error.message).toMatch(/deadline/)
    expect(await countQuotes()).toBe(before)
  })
})

describe('who sees which quotes', () => {
  let jobId: number
  let quoteIds: number[]

  beforeAll(async () => {
    jobId = await publishedJob()
    quoteIds = []
    for (const vendor of vendors.slice(0, 2))
      quoteIds.push((await apply(vendor, jobId)).body.data.id)
  })

  it('lists a job’s quotes side by side for its organizer only', async () => {
    const res = await rest.get(`/api/jobs/${jobId}/applications`, { token: organizer.token })
    expect(res.status).toBe(200)
    const quotes = res.body.data.quotes
    expect(quotes).toHaveLength(2)
    expect(quotes[0]).toMatchObject({
      totalCents: 247_250,
      gstCents: 32_250,
      vendor: {
        businessName: expect.stringContaining('Kōwhai Frames'),
        verified: false,
        distanceKm: expect.any(Number),
      },
    })
    expect(quotes[0].vendor.distanceKm).toBeLessThan(5)
    expect(
      (await rest.get(`/api/jobs/${jobId}/applications`, { token: otherOrganizer.token })).status,
    ).toBe(404)
    const asVendor = await rest.get(`/api/jobs/${jobId}/applications`, { token: vendors[0]!.token })
    expect(asVendor.status).toBe(403)
    expect((await rest.get(`/api/jobs/${jobId}/applications`)).status).toBe(401)
  })

  it('shows a vendor only their own quotes, through REST and GraphQL, with no id guessing', async () => {
    const mine = await rest.get('/api/applications?limit=100', { token: vendors[0]!.token })
    expect(mine.status).toBe(200)
    expect(mine.body.docs.length).toBeGreaterThan(0)
    for (const quote of mine.body.docs) expect(idOf(quote.vendorOwner)).toBe(vendors[0]!.user.id)
    expect(
      (await rest.get(`/api/applications/${quoteIds[1]}`, { token: vendors[0]!.token })).status,
    ).toBe(404)
    const gql = await rest.graphql(
      '{ Applications(limit: 100) { docs { id } } }',
      {},
      { token: vendors[0]!.token },
    )
    const ids = gql.body.data.Applications.docs.map((doc: { id: number }) => doc.id)
    expect(ids).toContain(quoteIds[0])
    expect(ids).not.toContain(quoteIds[1])
  })

  it('shows other organizers and anonymous callers none of them', async () => {
    const other = await rest.get('/api/applications?limit=100', { token: otherOrganizer.token })
    expect(other.body.docs).toEqual([])
    expect(
      (await rest.get(`/api/applications/${quoteIds[0]}`, { token: otherOrganizer.token })).status,
    ).toBe(404)
    expect((await rest.get('/api/applications')).status).toBe(403)
    const local = await payload.find({
      collection: 'applications',
      user: otherOrganizer.user,
      overrideAccess: false,
    })
    expect(local.docs).toEqual([])
  })

  it('lets the vendor change their quote, recomputing the totals, and nobody else', async () => {
    const res = await rest.put(`/api/applications/${quoteIds[0]}`, {
      token: vendors[0]!.token,
      body: {
        lineItems: [{ description: 'Photography, full day', quantity: 1, unitPriceCents: 200_000 }],
      },
    })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({
      subtotalCents: 200_000,
      gstCents: 30_000,
      totalCents: 230_000,
    })
    const byOther = await rest.put(`/api/applications/${quoteIds[0]}`, {
      token: vendors[1]!.token,
      body: { message: 'Trying to change somebody else’s quote here.' },
    })
    expect(byOther.status).toBe(404)
    const byOrganizer = await rest.put(`/api/applications/${quoteIds[0]}`, {
      token: organizer.token,
      body: { message: 'An organizer rewriting the vendor’s quote.' },
    })
    expect(byOrganizer.status).toBe(403)
  })

  it('does not let a status be written through REST or GraphQL', async () => {
    await rest.patch(`/api/applications/${quoteIds[0]}`, {
      token: vendors[0]!.token,
      body: { status: 'accepted' },
    })
    await rest.graphql(
      `mutation { updateApplication(id: ${quoteIds[0]}, data: { status: accepted }) { status } }`,
      {},
      { token: organizer.token },
    )
    expect((await payload.findByID({ collection: 'applications', id: quoteIds[0]! })).status).toBe(
      'submitted',
    )
  })
})

describe('shortlisting, declining and accepting', () => {
  let jobId: number
  let quotes: number[]

  beforeAll(async () => {
    jobId = await publishedJob()
    quotes = []
    for (const vendor of vendors.slice(0, 3)) quotes.push((await apply(vendor, jobId)).body.data.id)
  })

  it('refuses status changes by anyone but the job’s organizer', async () => {
    expect(
      (await rest.post(`/api/applications/${quotes[0]}/shortlist`, { token: vendors[0]!.token }))
        .status,
    ).toBe(403)
    expect(
      (await rest.post(`/api/applications/${quotes[0]}/accept`, { token: otherOrganizer.token }))
        .status,
    ).toBe(404)
    expect(
      (await rest.post(`/api/applications/${quotes[0]}/withdraw`, { token: organizer.token }))
        .status,
    ).toBe(403)
    expect((await payload.findByID({ collection: 'applications', id: quotes[0]! })).status).toBe(
      'submitted',
    )
  })

  it('shortlists and declines with an email to the vendor, recording who and when', async () => {
    const shortlisted = await rest.post(`/api/applications/${quotes[0]}/shortlist`, {
      token: organizer.token,
    })
    expect(shortlisted.status).toBe(200)
    expect(shortlisted.body.data.application.history.at(-1)).toMatchObject({
      from: 'submitted',
      to: 'shortlisted',
      by: organizer.user.id,
    })
    const declined = await rest.post(`/api/applications/${quotes[1]}/decline`, {
      token: organizer.token,
    })
    expect(declined.body.data.application.status).toBe('declined')
    await runQueuedEmails()
    expect(mailTo(vendors[0]!.email)).toMatch(/shortlisted your quote/)
    expect(mailTo(vendors[1]!.email)).toMatch(/went another way/)
  })

  it('refuses to accept a declined or withdrawn quote', async () => {
    const declined = await rest.post(`/api/applications/${quotes[1]}/accept`, {
      token: organizer.token,
    })
    expect(declined.status).toBe(409)
    expect(declined.body.error.code).toBe('INVALID_TRANSITION')
    expect(
      (await rest.post(`/api/applications/${quotes[2]}/withdraw`, { token: vendors[2]!.token }))
        .status,
    ).toBe(200)
    const withdrawn = await rest.post(`/api/applications/${quotes[2]}/accept`, {
      token: organizer.token,
    })
    expect(withdrawn.status).toBe(409)
    expect(withdrawn.body.error.message).toMatch(/withdrawn quote cannot be accepted/)
    expect(
      (await payload.find({ collection: 'bookings', where: { job: { equals: jobId } } })).totalDocs,
    ).toBe(0)
  })

  it('accepting books the vendor, fills the job and declines the rest with a notice', async () => {
    const extraVendor = vendors[3]!
    const extraQuote = (await apply(extraVendor, jobId)).body.data.id
    const res = await rest.post(`/api/applications/${quotes[0]}/accept`, { token: organizer.token })
    expect(res.status).toBe(200)
    const booking = res.body.data.booking
    expect(booking).toMatchObject({ status: 'confirmed', totalCents: 247_250 })
    expect(idOf(booking.vendorOwner)).toBe(vendors[0]!.user.id)
    expect((await payload.findByID({ collection: 'jobs', id: jobId })).status).toBe('filled')
    const other = await payload.findByID({ collection: 'applications', id: extraQuote })
    expect(other.status).toBe('declined')
    expect(other.history?.at(-1)?.note).toMatch(/Another quote was accepted/)
    await runQueuedEmails()
    expect(mailTo(vendors[0]!.email)).toMatch(/accepted your quote/)
    expect(mailTo(extraVendor.email)).toMatch(/went another way/)
  })

  it('shows the booking to both sides and to nobody else', async () => {
    const asOrganizer = await rest.get('/api/bookings', { token: organizer.token })
    const asVendor = await rest.get('/api/bookings', { token: vendors[0]!.token })
    const asOtherVendor = await rest.get('/api/bookings', { token: vendors[1]!.token })
    const asOtherOrganizer = await rest.get('/api/bookings', { token: otherOrganizer.token })
    expect(asOrganizer.body.docs.map((b: { job: number }) => idOf(b.job))).toContain(jobId)
    expect(asVendor.body.docs.map((b: { job: number }) => idOf(b.job))).toContain(jobId)
    expect(asOtherVendor.body.docs).toEqual([])
    expect(asOtherOrganizer.body.docs).toEqual([])
    expect((await rest.get('/api/bookings')).status).toBe(403)
  })

  it('refuses a second accept and any change once the job is booked', async () => {
    const again = await rest.post(`/api/applications/${quotes[0]}/accept`, {
      token: organizer.token,
    })
    expect(again.status).toBe(409)
    const edit = await rest.put(`/api/applications/${quotes[0]}`, {
      token: vendors[0]!.token,
      body: { message: 'Changing the price after being booked, sneakily.' },
    })
    expect(edit.status).toBe(409)
    const booking = await rest.post('/api/bookings', {
      token: organizer.token,
      body: { job: jobId, application: quotes[1], vendor: 1, eventDate: inDays(5), totalCents: 1 },
    })
    expect(booking.status).toBe(403)
  })
})

describe('reminders and job alerts', () => {
  it('reminds the organizer once when quotes close within a day', async () => {
    const jobId = await publishedJob(otherOrganizer, { title: 'Caterer for a 40th' })
    await drizzle().execute(
      sql`update jobs set application_deadline = now() + interval '6 hours' where id = ${jobId}`,
    )
    const req = await systemReq()
    expect((await sendDeadlineReminders(req)).emails).toBe(1)
    expect((await sendDeadlineReminders(req)).emails).toBe(0)
    await runQueuedEmails()
    const mail = readLatestMail(ctx.mailDir, otherOrganizer.email)
    expect(mail).toMatch(/close within a day/)
    expect(mail).toContain(`/my-jobs/${jobId}`)
  })

  it('emails matching vendors one digest a day, and none to those who opted out or do not match', async () => {
    const near = await createUser(payload, rest, 'vendor')
    await createVendor(payload, near.user.id, categoryId, { businessName: 'Napier Light' })
    const optedOut = await createUser(payload, rest, 'vendor', { jobAlerts: false })
    await createVendor(payload, optedOut.user.id, categoryId, { businessName: 'Quiet Photos' })
    const far = await createUser(payload, rest, 'vendor')
    await createVendor(payload, far.user.id, categoryId, {
      businessName: 'Far South Photos',
      location: { city: 'Invercargill', region: 'southland', lat: -46.41, lng: 168.35 },
      serviceRegions: ['southland'],
    })
    const digests = (email: string) =>
      readMails(ctx.mailDir, email).filter((mail) =>
        mail.includes('New jobs that match your categories'),
      )

    // Publishing queues the alerts: the next run of the queue sends them.
    await publishedJob(organizer, { title: 'Wedding in Napier, March' })
    await runQueuedEmails()
    await runQueuedEmails()
    expect(digests(near.email)).toHaveLength(1)
    expect(digests(near.email)[0]).toContain('Wedding in Napier, March')
    expect(readMails(ctx.mailDir, optedOut.email)).toEqual([])
    expect(readMails(ctx.mailDir, far.email)).toEqual([])

    // A second job the same day waits for tomorrow's digest.
    await publishedJob(organizer, { title: 'Another wedding the same week' })
    await sendJobAlerts(await systemReq())
    await runQueuedEmails()
    expect(digests(near.email)).toHaveLength(1)
  })

  it('sends one digest to an account whose saved data no longer passes validation, and goes on to the next', async () => {
    // Accounts written in bulk (the seed) or before a rule tightened: a digit in the name.
    const stale = await createUser(payload, rest, 'vendor')
    await createVendor(payload, stale.user.id, categoryId, { businessName: 'Stale Name Photos' })
    await drizzle().execute(
      sql`update users set last_name = 'Vendor 3' where id = ${stale.user.id}`,
    )
    const next = await createUser(payload, rest, 'vendor')
    await createVendor(payload, next.user.id, categoryId, { businessName: 'After Stale Photos' })
    const digests = (email: string) =>
      readMails(ctx.mailDir, email).filter((mail) =>
        mail.includes('New jobs that match your categories'),
      )

    await publishedJob(organizer, { title: 'Engagement party in Hastings' })
    await runQueuedEmails()
    const req = await systemReq()
    expect((await sendJobAlerts(req)).emails).toBe(0)
    await runQueuedEmails()
    expect(digests(stale.email)).toHaveLength(1)
    expect(digests(next.email)).toHaveLength(1)
    const marked = await payload.findByID({ collection: 'users', id: stale.user.id, depth: 0 })
    expect(marked.jobAlertsSentAt).toBeTruthy()
    expect(marked.lastName).toBe('Vendor 3')
  })
})
