import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { CONTACT_MASK } from '@/lib/messaging/rules'
import { limitersOf, RATE_LIMITS } from '@/plugins/rateLimits'

import { eraseAccount } from '../../src/lib/privacy/erasure/erase'
import { recomputeFavourites } from '../../src/lib/trust/favourites'
import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { realtimeRecorder } from '../helpers/realtimeEvents'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

// Small enough to fill in a test: an invited vendor may quote past it.
const CAP = 2
process.env.MAX_QUOTES_PER_JOB = String(CAP)

type Account = Awaited<ReturnType<typeof createUser>>
type VendorAccount = Account & { vendorId: number }

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let organizer: Account
let otherOrganizer: Account
let admin: Account
let invitee: VendorAccount
let second: VendorAccount
let outsider: VendorAccount
const crowd: VendorAccount[] = []

const db = () => (payload.db as unknown as PostgresAdapter).drizzle
const heardSince = realtimeRecorder(() => payload)
const mailsTo = async (who: Account) => {
  await payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 200 })
  return readMails(ctx.mailDir, who.email).join('\n').replace(/\s+/g, ' ')
}

const NOTE = 'We would love you for our day. Call me on 021 555 0199 or olivia@example.test.'

const vendorAccount = async (name: string, overrides = {}): Promise<VendorAccount> => {
  const account = await createUser(payload, rest, 'vendor')
  const vendor = await createVendor(payload, account.user.id, categoryId, {
    businessName: name,
    tier: 'spotlight',
    ...overrides,
  })
  return { ...account, vendorId: vendor.id }
}

const invite = (who: Account | null, jobId: number | string, body: unknown) =>
  rest.post(`/api/jobs/${jobId}/invitations`, { ...(who ? { token: who.token } : {}), body })

const row = (id: number) =>
  payload.findByID({ collection: 'invitations', id, depth: 0, overrideAccess: true })

const feedOf = async (who: Account) =>
  (await rest.get('/api/users/me/notifications', { token: who.token })).body.data.items as {
    text: string
    href: string
  }[]

beforeAll(async () => {
  ctx = await startPayload('invitations')
  payload = ctx.payload
  rest = restClient(ctx.config)
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  admin = await createUser(payload, rest, 'admin')
  invitee = await vendorAccount('Kōwhai Frames')
  second = await vendorAccount('Tūī Lens')
  outsider = await vendorAccount('Pōhutukawa Pix')
  for (const name of ['Kererū Studio', 'Weka Weddings']) crowd.push(await vendorAccount(name))
})

afterAll(async () => {
  await ctx?.stop()
})

describe('sending invitations', () => {
  let jobId: number
  let invitationId: number

  beforeAll(async () => {
    jobId = await publishWeddingJob(rest, organizer.token, { categoryId })
    await heardSince()
  })

  it('invites the chosen vendors, who hear it live, in the bell and by email', async () => {
    const res = await invite(organizer, jobId, {
      vendors: [invitee.vendorId, second.vendorId],
      message: NOTE,
    })
    expect(res.status).toBe(201)
    expect(res.body.data.invited.map((i: { vendor: number }) => i.vendor).sort()).toEqual(
      [invitee.vendorId, second.vendorId].sort(),
    )
    expect(res.body.data.skipped).toEqual([])
    invitationId = res.body.data.invited.find(
      (i: { vendor: number }) => i.vendor === invitee.vendorId,
    ).id
    const stored = await row(invitationId)
    expect(stored).toMatchObject({ status: 'sent', job: jobId, organizer: organizer.user.id })
    expect(stored.history).toHaveLength(1)

    const heard = await heardSince()
    expect(heard).toContainEqual({
      channel: `private-user-${invitee.user.id}`,
      event: 'invitation.created',
      data: { invitationId, jobId, status: 'sent' },
    })
    expect(await mailsTo(invitee)).toContain('An organizer would like a quote from')
    const feed = await feedOf(invitee)
    expect(feed).toContainEqual(
      expect.objectContaining({
        text: "An organizer invited you to quote for 'Photographer for our garden wedding'",
        href: `/jobs/${jobId}`,
      }),
    )
  })

  it('never shows the vendor the organizer’s contact details', async () => {
    const res = await rest.get(`/api/invitations/${invitationId}?depth=1`, {
      token: invitee.token,
    })
    expect(res.status).toBe(200)
    expect(res.body.message).toContain(CONTACT_MASK)
    const text = JSON.stringify(res.body)
    expect(text).not.toContain('021 555 0199')
    expect(text).not.toContain(organizer.email)
    expect(text).not.toContain('olivia@example.test')
    expect(await mailsTo(invitee)).not.toContain('021 555 0199')
    // The organizer reads their own note as written.
    const own = await rest.get(`/api/invitations/${invitationId}`, { token: organizer.token })
    expect(own.body.message).toBe(NOTE)
  })

  it('skips vendors already invited, and says so', async () => {
    const res = await invite(organizer, jobId, { vendors: [invitee.vendorId] })
    expect(res.status).toBe(201)
    expect(res.body.data).toEqual({
      invited: [],
      skipped: [{ vendor: invitee.vendorId, reason: 'ALREADY_INVITED' }],
    })
  })

  it('refuses the signed out, vendors, other organizers and closed jobs', async () => {
    const body = { vendors: [outsider.vendorId] }
    expect((await invite(null, jobId, body)).status).toBe(401)
    expect((await invite(invitee, jobId, body)).status).toBe(403)
    expect((await invite(otherOrganizer, jobId, body)).status).toBe(404)
    expect((await invite(organizer, 'abc', body)).status).toBe(404)
    expect((await invite(organizer, '1%2F..%2F1', body)).status).toBe(404)
    const closed = await publishWeddingJob(rest, organizer.token, {
      categoryId,
      title: 'Closed job',
    })
    await rest.post(`/api/jobs/${closed}/close`, { token: organizer.token })
    const refused = await invite(organizer, closed, body)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('JOB_CLOSED')
    // Quotes closing within the day an invited vendor is given to answer: too soon to ask.
    const closing = await publishWeddingJob(rest, organizer.token, {
      categoryId,
      title: 'Closing tonight',
    })
    const soon = new Date(Date.now() + 12 * 3_600_000).toISOString()
    const moved = await rest.patch(`/api/jobs/${closing}`, {
      token: organizer.token,
      body: { applicationDeadline: soon },
    })
    expect(moved.status).toBe(200)
    const tooSoon = await invite(organizer, closing, body)
    expect(tooSoon.status).toBe(409)
    expect(tooSoon.body.error.message).toMatch(/within a day/)
  })

  it('answers a bad body with what is wrong, field by field', async () => {
    for (const body of [
      {},
      { vendors: 'all' },
      { vendors: [] },
      { vendors: [1.5] },
      { vendors: Array.from({ length: 11 }, (_, i) => i + 1) },
      { vendors: [outsider.vendorId], message: 'x'.repeat(1001) },
      { vendors: [outsider.vendorId], organizer: otherOrganizer.user.id },
    ]) {
      const res = await invite(organizer, jobId, body)
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status: 400,
        code: 'INVALID_INPUT',
      })
      expect(res.body.error.details.length).toBeGreaterThan(0)
    }
    const notOnSite = await vendorAccount('Hidden Away', { status: 'inactive' })
    const missing = await invite(organizer, jobId, { vendors: [notOnSite.vendorId, 999_999] })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('VENDOR_NOT_FOUND')
    expect(
      (await payload.count({ collection: 'invitations', where: { job: { equals: jobId } } }))
        .totalDocs,
    ).toBe(2)
  })
})

describe('who sees an invitation', () => {
  let jobId: number
  let invitationId: number

  beforeAll(async () => {
    jobId = await publishWeddingJob(rest, organizer.token, { categoryId, title: 'Office party' })
    invitationId = (await invite(organizer, jobId, { vendors: [invitee.vendorId] })).body.data
      .invited[0].id
  })

  it('shows it to its organizer, its vendor and staff, and to nobody else', async () => {
    for (const who of [organizer, invitee, admin]) {
      const res = await rest.get(`/api/invitations/${invitationId}`, { token: who.token })
      expect(res.status).toBe(200)
    }
    for (const who of [otherOrganizer, second]) {
      const res = await rest.get(`/api/invitations/${invitationId}`, { token: who.token })
      expect(res.status).toBe(404)
      const list = await rest.get('/api/invitations?limit=100', { token: who.token })
      expect(list.body.docs.map((doc: { id: number }) => doc.id)).not.toContain(invitationId)
    }
    expect((await rest.get(`/api/invitations/${invitationId}`)).status).toBe(403)
  })

  it('is no oracle: filtering on someone else’s id finds nothing', async () => {
    const res = await rest.get(
      `/api/invitations?where[organizer][equals]=${organizer.user.id}&limit=100`,
      { token: otherOrganizer.token },
    )
    expect(res.body.docs ?? []).toEqual([])
    const byVendor = await rest.get(
      `/api/invitations?where[vendorOwner][equals]=${invitee.user.id}&limit=100`,
      { token: second.token },
    )
    expect(byVendor.body.docs ?? []).toEqual([])
  })

  it('is no oracle for the note either: a vendor filtering on its stored text finds nothing', async () => {
    const withNote = await publishWeddingJob(rest, organizer.token, {
      categoryId,
      title: 'Noted job',
    })
    await invite(organizer, withNote, { vendors: [invitee.vendorId], message: NOTE })
    for (const filter of ['where[message][contains]=021', 'where[message][like]=olivia']) {
      const res = await rest.get(`/api/invitations?${filter}&limit=100`, { token: invitee.token })
      expect({ filter, docs: res.body.docs ?? [] }).toEqual({ filter, docs: [] })
    }
    const own = await rest.get('/api/invitations?where[message][contains]=021&limit=100', {
      token: organizer.token,
    })
    expect(own.body.docs.length).toBeGreaterThan(0)
  })

  it('is written only by the site’s own actions: REST create and PATCH are refused', async () => {
    const created = await rest.post('/api/invitations', {
      token: organizer.token,
      body: { job: jobId, vendor: outsider.vendorId, vendorOwner: outsider.user.id },
    })
    expect(created.status).toBe(403)
    for (const who of [organizer, invitee]) {
      const patched = await rest.patch(`/api/invitations/${invitationId}`, {
        token: who.token,
        body: { status: 'quoted', seenAt: '2020-01-01T00:00:00.000Z' },
      })
      expect(patched.status).toBe(403)
    }
    expect((await row(invitationId)).status).toBe('sent')
    expect((await row(invitationId)).seenAt ?? null).toBeNull()
    const gql = await rest.graphql(
      'mutation ($id: Int!) { updateInvitation(id: $id, data: { declineNote: "hacked" }) { id } }',
      { id: invitationId },
      { token: invitee.token },
    )
    expect(gql.body.errors?.length).toBeGreaterThan(0)
    expect((await row(invitationId)).declineNote ?? null).toBeNull()
  })

  it('is marked seen by its vendor only, once, and the organizer hears it', async () => {
    expect(
      (await rest.post(`/api/invitations/${invitationId}/seen`, { token: second.token })).status,
    ).toBe(404)
    expect(
      (await rest.post(`/api/invitations/${invitationId}/seen`, { token: organizer.token })).status,
    ).toBe(403)
    await heardSince()
    const seen = await rest.post(`/api/invitations/${invitationId}/seen`, { token: invitee.token })
    expect(seen.status).toBe(200)
    const at = seen.body.data.seenAt
    expect(at).toBeTruthy()
    expect(await heardSince()).toContainEqual(
      expect.objectContaining({
        channel: `private-user-${organizer.user.id}`,
        event: 'invitation.status',
      }),
    )
    const again = await rest.post(`/api/invitations/${invitationId}/seen`, {
      token: invitee.token,
    })
    expect(again.body.data.seenAt).toBe(at)
  })
})

describe('answering an invitation', () => {
  let jobId: number
  let invitedId: number
  let declinedId: number

  beforeAll(async () => {
    jobId = await publishWeddingJob(rest, organizer.token, { categoryId, title: 'Garden party' })
    const res = await invite(organizer, jobId, { vendors: [invitee.vendorId, second.vendorId] })
    const idFor = (vendorId: number) =>
      res.body.data.invited.find((i: { vendor: number }) => i.vendor === vendorId).id
    invitedId = idFor(invitee.vendorId)
    declinedId = idFor(second.vendorId)
    // The public cap fills up with quotes from vendors nobody asked.
    for (const vendor of crowd) await sendQuote(rest, vendor.token, jobId)
  })

  it('lets an invited vendor quote past the full cap, and nobody else', async () => {
    const uninvited = await rest.post(`/api/jobs/${jobId}/apply`, {
      token: outsider.token,
      body: {
        message: 'We would love to photograph your day: relaxed, natural and on time.',
        lineItems: [{ description: 'Photography', quantity: 1, unitPriceCents: 100_000 }],
      },
    })
    expect(uninvited.status).toBe(409)
    expect(uninvited.body.error.code).toBe('QUOTE_CAP_REACHED')
    const quoteId = await sendQuote(rest, invitee.token, jobId)
    const stored = await row(invitedId)
    expect(stored).toMatchObject({ status: 'quoted', quote: quoteId })
    expect(stored.respondedAt).toBeTruthy()
    expect(stored.seenAt).toBeTruthy()
  })

  it('declines with a reason the organizer reads, live, in the bell and by email', async () => {
    const url = `/api/invitations/${declinedId}/decline`
    for (const body of [{}, { reason: 'busy' }, { reason: 'unavailable', note: 5 }]) {
      const bad = await rest.post(url, { token: second.token, body })
      expect({ body, status: bad.status }).toEqual({ body, status: 400 })
    }
    expect((await rest.post(url, { token: invitee.token, body: { reason: 'other' } })).status).toBe(
      404,
    )
    expect(
      (await rest.post(url, { token: organizer.token, body: { reason: 'other' } })).status,
    ).toBe(403)
    await heardSince()
    const res = await rest.post(url, {
      token: second.token,
      body: { reason: 'unavailable', note: 'Booked for another wedding that day, sorry!' },
    })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ status: 'declined', declineReason: 'unavailable' })
    expect(await heardSince()).toContainEqual(
      expect.objectContaining({
        channel: `private-user-${organizer.user.id}`,
        event: 'invitation.declined',
      }),
    )
    expect(await mailsTo(organizer)).toContain('declined your invitation to quote')
    expect(await mailsTo(organizer)).toContain('not available on the date')
    expect(await feedOf(organizer)).toContainEqual(
      expect.objectContaining({ text: "Tūī Lens can’t quote for 'Garden party'" }),
    )
    const again = await rest.post(url, { token: second.token, body: { reason: 'other' } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('INVALID_TRANSITION')
  })

  it('shows the organizer the vendor’s contact details masked in a decline note', async () => {
    const jobId = await publishWeddingJob(rest, organizer.token, {
      categoryId,
      title: 'Masked note',
    })
    const sent = await invite(organizer, jobId, { vendors: [outsider.vendorId] })
    const id = sent.body.data.invited[0].id
    await rest.post(`/api/invitations/${id}/decline`, {
      token: outsider.token,
      body: { reason: 'budget', note: 'Text me on 027 555 0142 and we can talk price.' },
    })
    const read = await rest.get(`/api/invitations/${id}`, { token: organizer.token })
    expect(read.body.declineNote).toContain(CONTACT_MASK)
    expect(JSON.stringify(read.body)).not.toContain('027 555 0142')
    expect(await mailsTo(organizer)).not.toContain('027 555 0142')
  })

  it('withdraws the invitations still waiting when the job is booked or closed', async () => {
    const closing = await publishWeddingJob(rest, organizer.token, {
      categoryId,
      title: 'Charity gala',
    })
    const res = await invite(organizer, closing, { vendors: [outsider.vendorId] })
    const waiting = res.body.data.invited[0].id
    expect((await rest.post(`/api/jobs/${closing}/close`, { token: organizer.token })).status).toBe(
      200,
    )
    const stored = await row(waiting)
    expect(stored.status).toBe('withdrawn')
    expect(stored.closedAt).toBeTruthy()
    const late = await rest.post(`/api/invitations/${waiting}/decline`, {
      token: outsider.token,
      body: { reason: 'other' },
    })
    expect(late.status).toBe(409)
    // The vendor's bell says so, beside the invitation it came with.
    const news = (await feedOf(outsider)).map((item) => item.text)
    expect(news).toContain(
      "The request to quote for 'Charity gala' was withdrawn: the job closed or was booked",
    )
    expect(news).toContain("An organizer invited you to quote for 'Charity gala'")

    const booked = await publishWeddingJob(rest, organizer.token, {
      categoryId,
      title: 'Winter ball',
    })
    const both = await invite(organizer, booked, {
      vendors: [invitee.vendorId, outsider.vendorId],
    })
    const quote = await sendQuote(rest, invitee.token, booked)
    expect(
      (await rest.post(`/api/applications/${quote}/accept`, { token: organizer.token })).status,
    ).toBe(200)
    const left = both.body.data.invited.find(
      (i: { vendor: number }) => i.vendor === outsider.vendorId,
    ).id
    expect((await row(left)).status).toBe('withdrawn')
  })
})

describe('the daily limit', () => {
  it('refuses a request that would go over, whole, and lets one that fits through', async () => {
    const jobId = await publishWeddingJob(rest, otherOrganizer.token, { categoryId })
    const { points } = RATE_LIMITS.invitations
    // Earlier today they invited all but two vendors' worth.
    await limitersOf(payload).invitations.consume(`user:${otherOrganizer.user.id}`, points - 2)
    const over = await invite(otherOrganizer, jobId, {
      vendors: [invitee.vendorId, second.vendorId, outsider.vendorId],
    })
    expect(over.status).toBe(429)
    expect(over.body.error.code).toBe('RATE_LIMITED')
    expect(
      (await payload.count({ collection: 'invitations', where: { job: { equals: jobId } } }))
        .totalDocs,
    ).toBe(0)
    const fits = await invite(otherOrganizer, jobId, {
      vendors: [invitee.vendorId, second.vendorId],
    })
    expect(fits.status).toBe(201)
    expect(fits.body.data.invited).toHaveLength(2)
    const spent = await invite(otherOrganizer, jobId, { vendors: [outsider.vendorId] })
    expect(spent.status).toBe(429)
  })
})

describe('the response rate', () => {
  it('counts invitations answered within 24 hours, and unanswered ones once a day has passed', async () => {
    const measured = await vendorAccount('Measured Moments')
    const ask = async (title: string) => {
      const jobId = await publishWeddingJob(rest, organizer.token, { categoryId, title })
      return (await invite(organizer, jobId, { vendors: [measured.vendorId] })).body.data.invited[0]
        .id as number
    }
    const quickly = await ask('Answered in an hour')
    const never = await ask('Never answered')
    const fresh = await ask('Asked a moment ago')
    await rest.post(`/api/invitations/${quickly}/decline`, {
      token: measured.token,
      body: { reason: 'too-far' },
    })
    await db().execute(
      sql`UPDATE invitations SET created_at = now() - interval '3 days', responded_at = now() - interval '3 days' + interval '1 hour' WHERE id = ${quickly}`,
    )
    await db().execute(
      sql`UPDATE invitations SET created_at = now() - interval '2 days' WHERE id = ${never}`,
    )
    expect(fresh).toBeGreaterThan(0)
    await recomputeFavourites(await createLocalReq({}, payload))
    const vendor = await payload.findByID({
      collection: 'vendors',
      id: measured.vendorId,
      overrideAccess: true,
    })
    // The fresh one has under 24 hours left to run: not counted yet.
    expect(vendor.responseStats).toMatchObject({
      conversations: 2,
      responseRate: 50,
      medianResponseHours: 1,
    })
  })
})

describe('erasing an organizer', () => {
  it('ends only the invitations still waiting, and leaves the answered ones as they were', async () => {
    const leaving = await createUser(payload, rest, 'organizer')
    const open = await publishWeddingJob(rest, leaving.token, { categoryId, title: 'Open job' })
    const answered = await publishWeddingJob(rest, leaving.token, {
      categoryId,
      title: 'Quoted job',
    })
    const waiting = (
      await invite(leaving, open, { vendors: [invitee.vendorId, second.vendorId], message: NOTE })
    ).body.data.invited
    const quotedId = (await invite(leaving, answered, { vendors: [outsider.vendorId] })).body.data
      .invited[0].id
    await sendQuote(rest, outsider.token, answered)
    const declinedId = (await invite(leaving, answered, { vendors: [invitee.vendorId] })).body.data
      .invited[0].id
    await rest.post(`/api/invitations/${declinedId}/decline`, {
      token: invitee.token,
      body: { reason: 'unavailable' },
    })
    expect(await eraseAccount(payload, leaving.user.id, { by: null })).not.toBeNull()
    for (const { id } of waiting) {
      const stored = await row(id)
      expect(stored).toMatchObject({ status: 'withdrawn', message: null })
      expect(stored.history?.map((step) => step.to)).toEqual(['sent', 'withdrawn'])
    }
    const quoted = await row(quotedId)
    expect(quoted.status).toBe('quoted')
    expect(quoted.history?.map((step) => step.to)).toEqual(['sent', 'quoted'])
    expect((await row(declinedId)).status).toBe('declined')
  })
})
