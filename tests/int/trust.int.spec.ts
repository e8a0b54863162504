import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { recomputeFavourites } from '../../src/lib/trust/favourites'
import { publishDueReviews } from '../../src/lib/trust/reviewModeration'
import { expireDocuments } from '../../src/lib/trust/verification'
import { inDays } from '../helpers/dates'
import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let organizer: Account
let otherOrganizer: Account
let vendor: Account
let otherVendor: Account
let moderator: Account
let admin: Account
let vendorId: number
let otherVendorId: number

const db = () => (payload.db as unknown as PostgresAdapter).drizzle
const systemReq = () => createLocalReq({}, payload)
const mailTo = (email: string) => readMails(ctx.mailDir, email).join('\n')
const runQueuedEmails = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 200 })

const ratings = (overall: number, rest = overall) => ({
  overall,
  quality: rest,
  communication: rest,
  value: rest,
  professionalism: rest,
})

const GOOD_TEXT = 'Aroha and her team were wonderful: on time, calm and the photos are stunning.'

/**
 * A booking of `who` with `vendorAccount`, made the way the site makes one (job, quote,
 * accept), its event then moved `daysAgo` into the past as if it had happened.
 */
const booking = async (who: Account, vendorAccount: Account, daysAgo = 3) => {
  const created = await rest.post('/api/jobs', {
    token: who.token,
    body: {
      title: 'Photographer for our garden wedding',
      description: 'Looking for a relaxed photographer for a 120-guest garden wedding in Napier.',
      eventType: 'wedding',
      eventDate: inDays(90),
      guestCount: 120,
      budgetMin: 2000,
      budgetMax: 4500,
      location: { city: 'Napier', address: '12 Marine Parade' },
      categories: [categoryId],
      applicationDeadline: inDays(30),
    },
  })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  const jobId = created.body.doc.id
  await rest.post(`/api/jobs/${jobId}/publish`, { token: who.token })
  const quote = await rest.post(`/api/jobs/${jobId}/apply`, {
    token: vendorAccount.token,
    body: {
      message: 'We would love to photograph your day: relaxed, natural and on time.',
      lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
    },
  })
  if (quote.status !== 201) throw new Error(JSON.stringify(quote.body))
  const accepted = await rest.post(`/api/applications/${quote.body.data.id}/accept`, {
    token: who.token,
  })
  if (accepted.status !== 200) throw new Error(JSON.stringify(accepted.body))
  const { docs } = await payload.find({
    collection: 'bookings',
    where: { application: { equals: quote.body.data.id } },
    overrideAccess: true,
  })
  const bookingId = docs[0]!.id
  if (daysAgo > 0)
    await db().execute(
      sql`UPDATE bookings SET event_date = now() - make_interval(days => ${daysAgo}), status = 'completed' WHERE id = ${bookingId}`,
    )
  return bookingId
}

const writeReview = (who: Account, bookingId: number, body: Record<string, unknown> = {}) =>
  rest.post('/api/reviews', {
    token: who.token,
    body: { booking: bookingId, ratings: ratings(5), text: GOOD_TEXT, ...body },
  })

const moderate = (reviewId: number, body: Record<string, unknown>, who: Account = moderator) =>
  rest.post(`/api/reviews/${reviewId}/moderate`, { token: who.token, body })

const vendorRating = async (id = vendorId) =>
  (await payload.findByID({ collection: 'vendors', id, overrideAccess: true })).rating!

const reviewRow = (id: number) =>
  payload.findByID({ collection: 'reviews', id, overrideAccess: true })

const audits = async (action: string) =>
  (
    await payload.find({
      collection: 'audit-log',
      where: { action: { equals: action } },
      sort: 'createdAt',
      overrideAccess: true,
      limit: 100,
    })
  ).docs

beforeAll(async () => {
  ctx = await startPayload('trust')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer', {
    firstName: 'Olivia',
    lastName: 'Parata',
  })
  otherOrganizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  moderator = await createUser(payload, rest, 'moderator')
  admin = await createUser(payload, rest, 'admin')
  vendorId = (
    await createVendor(payload, vendor.user.id, categoryId, { businessName: 'Kōwhai Frames' })
  ).id
  otherVendorId = // Spotlight: this vendor quotes on more jobs than Essential's monthly allowance.
    (
      await createVendor(payload, otherVendor.user.id, categoryId, {
        businessName: 'Tūī Lens',
        tier: 'spotlight',
      })
    ).id
})

afterAll(async () => {
  await ctx?.stop()
})

describe('writing a review', () => {
  let bookingId: number
  let reviewId: number
  let responseId: number

  beforeAll(async () => {
    bookingId = await booking(organizer, vendor)
  })

  it('refuses anyone but the organizer of a past booking, storing nothing', async () => {
    const before = (await payload.count({ collection: 'reviews', overrideAccess: true })).totalDocs
    const anonymous = await rest.post('/api/reviews', {
      body: { booking: bookingId, ratings: ratings(5), text: GOOD_TEXT },
    })
    expect(anonymous.status).toBe(401)
    // The vendor reviewing their own booking (themselves).
    const self = await writeReview(vendor, bookingId)
    expect(self.status).toBe(403)
    expect(self.body.error.message).toMatch(/only the organizer/i)
    // Another organizer: the booking is not theirs, so it does not exist for them.
    const stranger = await writeReview(otherOrganizer, bookingId)
    expect(stranger.status).toBe(404)
    // An organizer with no booking at all.
    const none = await writeReview(otherOrganizer, 999_999)
    expect(none.status).toBe(404)
    expect((await payload.count({ collection: 'reviews', overrideAccess: true })).totalDocs).toBe(
      before,
    )
  })

  it('refuses a review before the event has been held', async () => {
    const upcoming = await booking(organizer, vendor, 0)
    await db().execute(
      sql`UPDATE bookings SET event_date = now() + interval '5 days' WHERE id = ${upcoming}`,
    )
    const res = await writeReview(organizer, upcoming)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('EVENT_NOT_HELD')
    expect(res.body.error.message).toMatch(/after your event on/)
  })

  it('names what is wrong with the ratings, the text or the fields', async () => {
    const short = await writeReview(organizer, bookingId, { text: 'Great!' })
    expect(short.status).toBe(400)
    expect(JSON.stringify(short.body.error)).toMatch(/text/i)
    const six = await writeReview(organizer, bookingId, { ratings: { ...ratings(5), quality: 6 } })
    expect(six.status).toBe(400)
    expect(six.body.error.message).toMatch(/Quality must be a whole number from 1 to 5/)
    const missing = await writeReview(organizer, bookingId, { ratings: { overall: 5 } })
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toMatch(/Rate quality/)
    const extra = await writeReview(organizer, bookingId, { status: 'published' })
    expect(extra.status).toBe(400)
    expect(extra.body.error.message).toMatch(/Unknown field "status"/)
    const long = await writeReview(organizer, bookingId, { text: 'a'.repeat(2001) })
    expect(long.status).toBe(400)
  })

  it('refuses photos that are not the author’s own uploads', async () => {
    const formData = new FormData()
    formData.append('file', new Blob([fixture('photo.png')], { type: 'image/png' }), 'theirs.png')
    formData.append('_payload', JSON.stringify({ alt: 'Not yours' }))
    const theirs = await rest.post('/api/media', { formData, token: otherVendor.token })
    expect(theirs.status).toBe(201)
    const res = await writeReview(organizer, bookingId, { photos: [theirs.body.doc.id] })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/image you uploaded yourself/)
    const tooMany = await writeReview(organizer, bookingId, { photos: [1, 2, 3, 4, 5, 6, 7] })
    expect(tooMany.status).toBe(400)
  })

  it('stores the organizer’s review as pending, with photos, and the public name as first name and initial', async () => {
    const formData = new FormData()
    formData.append('file', new Blob([fixture('photo.png')], { type: 'image/png' }), 'cake.png')
    formData.append('_payload', JSON.stringify({ alt: 'The cake table' }))
    const photo = await rest.post('/api/media', { formData, token: organizer.token })
    expect(photo.status).toBe(201)
    const res = await writeReview(organizer, bookingId, {
      ratings: { overall: 5, quality: 5, communication: 4, value: 4, professionalism: 5 },
      photos: [photo.body.doc.id],
    })
    expect(res.status).toBe(201)
    reviewId = res.body.data.id
    expect(res.body.data).toMatchObject({
      status: 'pending',
      authorName: 'Olivia P.',
      text: GOOD_TEXT,
      flags: [],
    })
    expect(new Date(res.body.data.autoPublishAt).getTime()).toBeGreaterThan(
      Date.now() + 47 * 3_600_000,
    )
  })

  it('refuses a second review of the same booking', async () => {
    const res = await writeReview(organizer, bookingId)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ALREADY_REVIEWED')
  })

  it('keeps a pending review off the vendor’s page and out of everyone else’s reach', async () => {
    const page = await rest.get(`/api/reviews/vendor/${vendorId}`)
    expect(page.status).toBe(200)
    expect(page.body.data.docs).toHaveLength(0)
    expect((await rest.get(`/api/reviews/${reviewId}`)).status).toBe(404)
    expect((await rest.get(`/api/reviews/${reviewId}`, { token: otherVendor.token })).status).toBe(
      404,
    )
    expect(
      (await rest.get(`/api/reviews/${reviewId}`, { token: otherOrganizer.token })).status,
    ).toBe(404)
    // The vendor reviewed sees what waits about them, to report it within the 48 hours.
    expect((await rest.get(`/api/reviews/${reviewId}`, { token: vendor.token })).status).toBe(200)
    const own = await rest.get(`/api/reviews/${reviewId}`, { token: organizer.token })
    expect(own.status).toBe(200)
    expect(own.body.status).toBe('pending')
  })

  it('refuses plain REST and GraphQL writes: reviews change only through the rules', async () => {
    const forged = await rest.patch(`/api/reviews/${reviewId}`, {
      token: organizer.token,
      body: { status: 'published' },
    })
    expect(forged.status).toBe(403)
    const gql = await rest.graphql(
      `mutation { updateReview(id: ${reviewId}, data: { status: published }) { id status } }`,
      {},
      { token: organizer.token },
    )
    expect(JSON.stringify(gql.body)).toMatch(/not allowed/i)
    expect((await reviewRow(reviewId)).status).toBe('pending')
  })

  it('lets only moderators publish, and then shows it with the vendor’s new averages', async () => {
    for (const who of [vendor, organizer, otherVendor]) {
      const res = await moderate(reviewId, { action: 'publish' }, who)
      expect(res.status).toBe(403)
      expect(res.body.error.message).toMatch(/only moderators/i)
    }
    expect((await reviewRow(reviewId)).status).toBe('pending')
    const res = await moderate(reviewId, { action: 'publish' })
    expect(res.status).toBe(200)
    expect(res.body.data.status).toBe('published')
    expect(await vendorRating()).toMatchObject({
      average: 5,
      count: 1,
      quality: 5,
      communication: 4,
      value: 4,
      professionalism: 5,
    })
    const page = await rest.get(`/api/reviews/vendor/${vendorId}`)
    expect(page.body.data.docs).toHaveLength(1)
    expect(page.body.data.docs[0]).toMatchObject({
      id: reviewId,
      text: GOOD_TEXT,
      authorName: 'Olivia P.',
    })
    // The author's account, the booking and the moderators' notes stay private.
    expect(page.body.data.docs[0].organizer).toBeUndefined()
    expect(page.body.data.docs[0].booking).toBeUndefined()
    expect(page.body.data.docs[0].reports ?? []).toEqual([])
    expect(page.body.data.docs[0].moderatedBy).toBeUndefined()
    expect(page.body.data.vendor.rating.count).toBe(1)
  })

  it('emails the author and the vendor, and records the decision in the audit log', async () => {
    await runQueuedEmails()
    expect(mailTo(organizer.email)).toContain('Your review is live')
    expect(mailTo(vendor.email)).toMatch(/New 5-star review from Olivia P\./)
    const entries = await audits('review.publish')
    expect(
      entries.some((e) => e.targetId === String(reviewId) && e.actorId === moderator.user.id),
    ).toBe(true)
  })

  it('pushes the new rating to the search index', async () => {
    await payload.jobs.run({ queue: 'search', limit: 500 })
    const res = await rest.get('/api/vendors/search?q=Kowhai')
    const hit = res.body.data.vendors.find((v: { id: number }) => v.id === vendorId)
    expect(hit).toMatchObject({ rating: { average: 5, count: 1 } })
  })

  it('lets the author edit within 30 days, and the averages follow', async () => {
    const other = await rest.put(`/api/reviews/${reviewId}`, {
      token: otherOrganizer.token,
      body: { text: GOOD_TEXT },
    })
    expect(other.status).toBe(403)
    const res = await rest.put(`/api/reviews/${reviewId}`, {
      token: organizer.token,
      body: { ratings: { overall: 4, value: 3 } },
    })
    expect(res.status).toBe(200)
    expect(res.body.data.status).toBe('published')
    expect(res.body.data.ratings).toMatchObject({ overall: 4, quality: 5, value: 3 })
    expect(await vendorRating()).toMatchObject({ average: 4, value: 3, count: 1 })
  })

  it('refuses an edit after 30 days', async () => {
    await db().execute(
      sql`UPDATE reviews SET created_at = now() - interval '31 days' WHERE id = ${reviewId}`,
    )
    const res = await rest.put(`/api/reviews/${reviewId}`, {
      token: organizer.token,
      body: { ratings: { overall: 1 } },
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('EDIT_WINDOW_CLOSED')
    expect(await vendorRating()).toMatchObject({ average: 4 })
    await db().execute(sql`UPDATE reviews SET created_at = now() WHERE id = ${reviewId}`)
  })

  describe('the vendor’s response', () => {
    it('refuses a response by anyone but the vendor reviewed', async () => {
      for (const who of [otherVendor, organizer, moderator]) {
        const res = await rest.post(`/api/reviews/${reviewId}/response`, {
          token: who.token,
          body: { text: 'Thank you!' },
        })
        expect(res.status).toBe(403)
      }
    })

    it('posts the vendor’s one public response and tells the author', async () => {
      const res = await rest.post(`/api/reviews/${reviewId}/response`, {
        token: vendor.token,
        body: { text: 'Ngā mihi, Olivia — it was a joy.' },
      })
      expect(res.status).toBe(201)
      responseId = res.body.data.id
      const again = await rest.post(`/api/reviews/${reviewId}/response`, {
        token: vendor.token,
        body: { text: 'And again' },
      })
      expect(again.status).toBe(409)
      const page = await rest.get(`/api/reviews/vendor/${vendorId}`)
      expect(page.body.data.docs[0].response.text).toBe('Ngā mihi, Olivia — it was a joy.')
      expect((await rest.get(`/api/review-responses/${responseId}`)).status).toBe(200)
      await runQueuedEmails()
      expect(mailTo(organizer.email)).toContain(
        'Kōwhai Frames posted a public response to your review',
      )
    })

    it('lets only its vendor edit it, for 30 days', async () => {
      const other = await rest.put(`/api/review-responses/${responseId}`, {
        token: otherVendor.token,
        body: { text: 'Hijacked' },
      })
      expect(other.status).toBe(403)
      const ok = await rest.put(`/api/review-responses/${responseId}`, {
        token: vendor.token,
        body: { text: 'Ngā mihi nui, Olivia.' },
      })
      expect(ok.status).toBe(200)
      expect(ok.body.text).toBeUndefined()
      expect(
        (await payload.findByID({ collection: 'review-responses', id: responseId })).text,
      ).toBe('Ngā mihi nui, Olivia.')
      await db().execute(
        sql`UPDATE review_responses SET created_at = now() - interval '31 days' WHERE id = ${responseId}`,
      )
      const late = await rest.put(`/api/review-responses/${responseId}`, {
        token: vendor.token,
        body: { text: 'Too late' },
      })
      expect(late.status).toBe(409)
      const deleteOther = await rest.delete(`/api/review-responses/${responseId}`, {
        token: otherVendor.token,
      })
      expect(deleteOther.status).toBe(403)
    })
  })

  describe('reports and hiding', () => {
    it('takes one report per person with a reason, and counts it in the moderators’ queue', async () => {
      expect(
        (await rest.post(`/api/reviews/${reviewId}/report`, { body: { reason: 'Fake' } })).status,
      ).toBe(401)
      const noReason = await rest.post(`/api/reviews/${reviewId}/report`, {
        token: otherVendor.token,
        body: {},
      })
      expect(noReason.status).toBe(400)
      const own = await rest.post(`/api/reviews/${reviewId}/report`, {
        token: organizer.token,
        body: { reason: 'Changed my mind' },
      })
      expect(own.status).toBe(409)
      const res = await rest.post(`/api/reviews/${reviewId}/report`, {
        token: otherVendor.token,
        body: { reason: 'This looks like a fake review.' },
      })
      expect(res.status).toBe(200)
      const twice = await rest.post(`/api/reviews/${reviewId}/report`, {
        token: otherVendor.token,
        body: { reason: 'Reporting again.' },
      })
      expect(twice.status).toBe(409)
      const queues = await rest.get('/api/moderation/queues', { token: moderator.token })
      expect(queues.status).toBe(200)
      expect(queues.body.data.reportedReviews.count).toBe(1)
      expect((await rest.get('/api/moderation/queues', { token: vendor.token })).status).toBe(403)
    })

    it('needs a reason to hide, then hides it, drops it from the averages and tells the author why', async () => {
      const noReason = await moderate(reviewId, { action: 'hide' })
      expect(noReason.status).toBe(400)
      const res = await moderate(reviewId, { action: 'hide', reason: 'Mentions a private matter.' })
      expect(res.status).toBe(200)
      expect(res.body.data.status).toBe('hidden')
      expect(await vendorRating()).toMatchObject({ average: 0, count: 0 })
      expect((await rest.get(`/api/reviews/vendor/${vendorId}`)).body.data.docs).toHaveLength(0)
      // Its response is hidden with it, except from its vendor.
      expect((await rest.get(`/api/review-responses/${responseId}`)).status).toBe(404)
      expect(
        (await rest.get(`/api/review-responses/${responseId}`, { token: vendor.token })).status,
      ).toBe(200)
      await runQueuedEmails()
      expect(mailTo(organizer.email)).toContain('Mentions a private matter.')
      const queues = await rest.get('/api/moderation/queues', { token: moderator.token })
      expect(queues.body.data.reportedReviews.count).toBe(0)
    })

    it('publishes it again, and the averages come back', async () => {
      const res = await moderate(reviewId, { action: 'publish' })
      expect(res.status).toBe(200)
      expect(await vendorRating()).toMatchObject({ average: 4, count: 1 })
    })
  })
})

describe('automatic publishing after 48 hours', () => {
  it('publishes clean reviews, holds flagged and reported ones for a moderator', async () => {
    const clean = (await writeReview(organizer, await booking(organizer, otherVendor))).body.data.id
    const phone = await writeReview(organizer, await booking(organizer, otherVendor), {
      text: 'Great service, text me on 021 555 0199 if you want details of the day.',
    })
    expect(phone.body.data.flags).toEqual(['contact'])
    const link = await writeReview(organizer, await booking(organizer, otherVendor), {
      text: 'See the full story at www.example.co.nz/our-wedding, it was amazing.',
    })
    expect(link.body.data.flags).toEqual(['link'])
    const rude = await writeReview(organizer, await booking(organizer, otherVendor), {
      text: 'The food was sh1t and the staff were rude to my guests all night.',
    })
    expect(rude.body.data.flags).toEqual(['profanity'])
    const reported = (await writeReview(organizer, await booking(organizer, otherVendor))).body.data
      .id
    expect(
      (
        await rest.post(`/api/reviews/${reported}/report`, {
          token: otherVendor.token,
          body: { reason: 'I know this organizer, not a real event.' },
        })
      ).status,
    ).toBe(200)
    // Not yet 48 hours: nothing moves.
    expect((await publishDueReviews(await systemReq())).published).toBe(0)
    await db().execute(
      sql`UPDATE reviews SET auto_publish_at = now() - interval '1 minute' WHERE vendor_id = ${otherVendorId}`,
    )
    expect((await publishDueReviews(await systemReq())).published).toBe(1)
    expect((await reviewRow(clean)).status).toBe('published')
    for (const held of [phone.body.data.id, link.body.data.id, rude.body.data.id, reported]) {
      expect((await reviewRow(held)).status).toBe('pending')
    }
    expect(await vendorRating(otherVendorId)).toMatchObject({ average: 5, count: 1 })
  })

  it('sends a flagged published review back to the moderators when an edit trips a check', async () => {
    const id = (await writeReview(organizer, await booking(organizer, otherVendor))).body.data.id
    await moderate(id, { action: 'publish' })
    expect(await vendorRating(otherVendorId)).toMatchObject({ count: 2 })
    const res = await rest.put(`/api/reviews/${id}`, {
      token: organizer.token,
      body: { text: 'Lovely people. Email me at olivia@example.com for the playlist they used.' },
    })
    expect(res.body.data).toMatchObject({ status: 'pending', flags: ['contact'] })
    expect(await vendorRating(otherVendorId)).toMatchObject({ count: 1 })
  })

  it('rejects with a reason, and lets the author delete their review', async () => {
    const id = (await writeReview(organizer, await booking(organizer, otherVendor))).body.data.id
    expect((await moderate(id, { action: 'reject' })).status).toBe(400)
    const rejected = await moderate(id, {
      action: 'reject',
      reason: 'Describes a different business.',
    })
    expect(rejected.body.data.status).toBe('rejected')
    expect(
      (await rest.put(`/api/reviews/${id}`, { token: organizer.token, body: { text: GOOD_TEXT } }))
        .status,
    ).toBe(409)
    expect((await rest.delete(`/api/reviews/${id}`, { token: otherOrganizer.token })).status).toBe(
      404,
    )
    const deleted = await rest.delete(`/api/reviews/${id}`, { token: organizer.token })
    expect(deleted.status).toBe(200)
    expect(
      (
        await payload.count({
          collection: 'reviews',
          where: { id: { equals: id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe('verification documents', () => {
  const uploadDocument = (
    who: Account | null,
    data: Record<string, unknown>,
    file = 'document.pdf',
  ) => {
    const formData = new FormData()
    formData.append(
      'file',
      new Blob([fixture(file)], { type: 'application/pdf' }),
      `${String(data.type)}.pdf`,
    )
    formData.append('_payload', JSON.stringify(data))
    return rest.post('/api/verification-documents', { formData, token: who?.token })
  }
  let nzbnDoc: { id: number; filename: string }
  let insuranceId: number

  it('checks the NZBN before anyone looks at it', async () => {
    const wrongDigit = await uploadDocument(vendor, { type: 'nzbn', nzbn: '9429041234568' })
    expect(wrongDigit.status).toBe(400)
    expect(JSON.stringify(wrongDigit.body)).toMatch(/last digit does not match/)
    const short = await uploadDocument(vendor, { type: 'nzbn', nzbn: '942904123456' })
    expect(short.status).toBe(400)
    expect(JSON.stringify(short.body)).toMatch(/13 digits/)
    const expired = await uploadDocument(vendor, { type: 'insurance', expiresAt: inDays(-1) })
    expect(expired.status).toBe(400)
    expect(
      (await payload.count({ collection: 'verification-documents', overrideAccess: true }))
        .totalDocs,
    ).toBe(0)
  })

  it('takes a vendor’s documents as pending, and only from vendors', async () => {
    expect((await uploadDocument(null, { type: 'nzbn', nzbn: '9429041234563' })).status).toBe(403)
    expect((await uploadDocument(organizer, { type: 'nzbn', nzbn: '9429041234563' })).status).toBe(
      403,
    )
    const noProfile = await uploadDocument(await createUser(payload, rest, 'vendor'), {
      type: 'nzbn',
      nzbn: '9429041234563',
    })
    expect(noProfile.status).toBe(409)
    expect(JSON.stringify(noProfile.body)).toMatch(/Create your vendor profile/)
    const res = await uploadDocument(vendor, {
      type: 'nzbn',
      nzbn: '9429 0412 3456 3',
      status: 'approved',
    })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ status: 'pending', nzbn: '9429041234563' })
    nzbnDoc = res.body.doc
    const insurance = await uploadDocument(vendor, { type: 'insurance', expiresAt: inDays(200) })
    expect(insurance.status).toBe(201)
    insuranceId = insurance.body.doc.id
    expect(
      (await payload.findByID({ collection: 'vendors', id: vendorId, overrideAccess: true }))
        .verificationStatus,
    ).toBe('pending')
  })

  it('serves the file to the owner and staff only, also by direct URL, and audits staff reads', async () => {
    const url = `/api/verification-documents/file/${nzbnDoc.filename}`
    expect((await rest.get(url)).status).toBe(403)
    expect((await rest.get(url, { token: otherVendor.token })).status).toBe(403)
    expect((await rest.get(url, { token: organizer.token })).status).toBe(403)
    expect((await rest.get(url, { token: vendor.token })).status).toBe(200)
    expect((await rest.get(url, { token: moderator.token })).status).toBe(200)
    expect(
      (await rest.get(`/api/verification-documents/${nzbnDoc.id}`, { token: otherVendor.token }))
        .status,
    ).toBe(404)
    const list = await rest.get('/api/verification-documents', { token: otherVendor.token })
    expect(list.body.docs).toHaveLength(0)
    const fileReads = await audits('verification-documents.file-read')
    expect(fileReads.map((e) => e.actorId)).toEqual([moderator.user.id])
    expect((await audits('verification-documents.read')).length).toBe(0)
    await rest.get(`/api/verification-documents/${nzbnDoc.id}`, { token: admin.token })
    const reads = await audits('verification-documents.read')
    expect(reads.map((e) => [e.actorId, e.targetId])).toEqual([[admin.user.id, String(nzbnDoc.id)]])
  })

  it('lets only moderators decide, needs notes to reject, and emails the vendor', async () => {
    const byVendor = await rest.post(`/api/verification-documents/${nzbnDoc.id}/decide`, {
      token: vendor.token,
      body: { decision: 'approve' },
    })
    expect(byVendor.status).toBe(403)
    const forged = await rest.patch(`/api/verification-documents/${nzbnDoc.id}`, {
      token: vendor.token,
      body: { status: 'approved' },
    })
    expect(forged.status).toBe(403)
    const noNotes = await rest.post(`/api/verification-documents/${insuranceId}/decide`, {
      token: moderator.token,
      body: { decision: 'reject' },
    })
    expect(noNotes.status).toBe(400)
    const approved = await rest.post(`/api/verification-documents/${nzbnDoc.id}/decide`, {
      token: moderator.token,
      body: { decision: 'approve' },
    })
    expect(approved.status).toBe(200)
    expect(
      (await payload.findByID({ collection: 'vendors', id: vendorId, overrideAccess: true }))
        .verificationStatus,
    ).toBe('pending')
  })

  it('gives the Verified badge for approved registration plus current insurance, filterable in search', async () => {
    const res = await rest.post(`/api/verification-documents/${insuranceId}/decide`, {
      token: moderator.token,
      body: { decision: 'approve', notes: 'Cover to $2m confirmed.' },
    })
    expect(res.status).toBe(200)
    expect(
      (await payload.findByID({ collection: 'vendors', id: vendorId, overrideAccess: true }))
        .verificationStatus,
    ).toBe('verified')
    await runQueuedEmails()
    expect(mailTo(vendor.email)).toContain('Your profile now shows the Verified badge')
    expect((await audits('verification.approve')).length).toBe(2)
    await payload.jobs.run({ queue: 'search', limit: 500 })
    const verified = await rest.get('/api/vendors/search?verified=true')
    expect(verified.body.data.vendors.map((v: { id: number }) => v.id)).toEqual([vendorId])
  })

  it('rejects with the reason emailed', async () => {
    const licence = await uploadDocument(vendor, { type: 'licence', description: 'Liquor licence' })
    const res = await rest.post(`/api/verification-documents/${licence.body.doc.id}/decide`, {
      token: moderator.token,
      body: { decision: 'reject', notes: 'The scan is unreadable; please upload a clearer copy.' },
    })
    expect(res.status).toBe(200)
    await runQueuedEmails()
    expect(mailTo(vendor.email)).toContain('The scan is unreadable')
  })

  it('reminds 30 days before insurance expires, once, and expires it on its date with the badge', async () => {
    await db().execute(
      sql`UPDATE verification_documents SET expires_at = now() + interval '10 days' WHERE id = ${insuranceId}`,
    )
    expect(await expireDocuments(await systemReq())).toEqual({ expired: 0, reminded: 1 })
    expect(await expireDocuments(await systemReq())).toEqual({ expired: 0, reminded: 0 })
    await runQueuedEmails()
    expect(mailTo(vendor.email)).toMatch(/expires on/)
    await db().execute(
      sql`UPDATE verification_documents SET expires_at = now() - interval '1 minute' WHERE id = ${insuranceId}`,
    )
    // The scheduled task itself, through the Jobs Queue.
    await payload.jobs.queue({
      task: 'expireVerificationDocuments',
      queue: MARKETPLACE_QUEUE,
      input: {},
    })
    await runQueuedEmails()
    expect(
      (
        await payload.findByID({
          collection: 'verification-documents',
          id: insuranceId,
          overrideAccess: true,
        })
      ).status,
    ).toBe('expired')
    expect(
      (await payload.findByID({ collection: 'vendors', id: vendorId, overrideAccess: true }))
        .verificationStatus,
    ).not.toBe('verified')
    await runQueuedEmails()
    expect(mailTo(vendor.email)).toContain('has expired')
  })
})

describe('moderation queues: messages and vendor profiles', () => {
  it('clears or removes flagged messages, moderators only, emailing the sender the reason', async () => {
    const started = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: { vendor: otherVendorId, body: 'Kia ora, can you call me on 027 123 4567?' },
    })
    expect(started.status).toBe(201)
    const { docs } = await payload.find({
      collection: 'messages',
      where: { flagged: { equals: true } },
      overrideAccess: true,
    })
    const flagged = docs[0]!
    const queues = await rest.get('/api/moderation/queues', { token: moderator.token })
    expect(queues.body.data.flaggedMessages.count).toBe(1)
    const byVendor = await rest.post(`/api/messages/${flagged.id}/moderate`, {
      token: otherVendor.token,
      body: { action: 'clear' },
    })
    expect([403, 404]).toContain(byVendor.status)
    const removed = await rest.post(`/api/messages/${flagged.id}/moderate`, {
      token: moderator.token,
      body: { action: 'remove', reason: 'Please keep contact on the platform until you book.' },
    })
    expect(removed.status).toBe(200)
    const stored = await payload.findByID({
      collection: 'messages',
      id: flagged.id,
      overrideAccess: true,
    })
    expect(stored).toMatchObject({ moderation: 'removed', body: null })
    expect(stored.deletedAt).toBeTruthy()
    await runQueuedEmails()
    expect(mailTo(organizer.email)).toContain('keep contact on the platform')
    const entry = (await audits('message.remove'))[0]!
    expect((entry.details as { body: string }).body).toContain('027 123 4567')
    expect(
      (await rest.get('/api/moderation/queues', { token: moderator.token })).body.data
        .flaggedMessages.count,
    ).toBe(0)
  })

  it('audits an admin reading private messages, not the people in the conversation', async () => {
    const before = (await audits('messages.read')).length
    await rest.get('/api/messages', { token: organizer.token })
    expect((await audits('messages.read')).length).toBe(before)
    const res = await rest.get('/api/messages', { token: admin.token })
    expect(res.status).toBe(200)
    const after = await audits('messages.read')
    expect(after.length).toBe(before + 1)
    expect(after.at(-1)).toMatchObject({ actorId: admin.user.id })
  })

  it('queues new vendor profiles; a rejection takes the profile down and says why', async () => {
    const newcomer = await createUser(payload, rest, 'vendor')
    const created = await rest.post('/api/vendors', {
      token: newcomer.token,
      body: {
        businessName: 'Brand New Bouncy Castles',
        categories: [categoryId],
        priceRange: 'budget',
        location: { city: 'Napier', region: 'hawkes-bay' },
        status: 'active',
      },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const queues = await rest.get('/api/moderation/queues', { token: moderator.token })
    expect(queues.body.data.newVendors.count).toBeGreaterThanOrEqual(1)
    expect(
      (
        await rest.post(`/api/vendors/${id}/moderate`, {
          token: newcomer.token,
          body: { action: 'approve' },
        })
      ).status,
    ).toBe(403)
    const rejected = await rest.post(`/api/vendors/${id}/moderate`, {
      token: moderator.token,
      body: { action: 'reject', reason: 'Add photos of your own castles, not stock images.' },
    })
    expect(rejected.status).toBe(200)
    const stored = await payload.findByID({ collection: 'vendors', id, overrideAccess: true })
    expect(stored).toMatchObject({ status: 'inactive', profileReview: 'rejected' })
    await runQueuedEmails()
    expect(mailTo(newcomer.email)).toContain('not stock images')
    // Fixing the profile asks for another look: it is back in the queue.
    const fixed = await rest.patch(`/api/vendors/${id}`, {
      token: newcomer.token,
      body: { tagline: 'Our own castles, photographed by us', profileReview: 'approved' },
    })
    expect(fixed.status).toBe(200)
    expect(
      (await payload.findByID({ collection: 'vendors', id, overrideAccess: true })).profileReview,
    ).toBe('new')
  })
})

describe('the audit log', () => {
  it('records role changes made by an admin', async () => {
    const person = await createUser(payload, rest, 'organizer')
    const res = await rest.patch(`/api/users/${person.user.id}`, {
      token: admin.token,
      body: { role: 'moderator' },
    })
    expect(res.status).toBe(200)
    const entry = (await audits('user.role-change')).find(
      (e) => e.targetId === String(person.user.id),
    )
    expect(entry).toMatchObject({
      actorId: admin.user.id,
      details: { from: 'organizer', to: 'moderator' },
    })
  })

  it('is for admins only, and append-only through the API and in the database', async () => {
    const asModerator = await rest.get('/api/audit-log', { token: moderator.token })
    expect(asModerator.status).toBe(403)
    const asAdmin = await rest.get('/api/audit-log?limit=1', { token: admin.token })
    expect(asAdmin.status).toBe(200)
    const entry = asAdmin.body.docs[0]
    expect(
      (
        await rest.patch(`/api/audit-log/${entry.id}`, {
          token: admin.token,
          body: { summary: 'x' },
        })
      ).status,
    ).toBe(403)
    expect((await rest.delete(`/api/audit-log/${entry.id}`, { token: admin.token })).status).toBe(
      403,
    )
    expect(
      (
        await rest.post('/api/audit-log', {
          token: admin.token,
          body: { action: 'x', targetCollection: 'x', summary: 'x' },
        })
      ).status,
    ).toBe(403)
    const refusal = (statement: ReturnType<typeof sql>) =>
      db()
        .execute(statement)
        .then(
          () => 'allowed',
          (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message),
        )
    expect(
      await refusal(sql`UPDATE audit_log SET summary = 'rewritten' WHERE id = ${entry.id}`),
    ).toMatch(/append-only: UPDATE/)
    expect(await refusal(sql`DELETE FROM audit_log WHERE id = ${entry.id}`)).toMatch(
      /append-only: DELETE/,
    )
    expect(await refusal(sql`TRUNCATE audit_log CASCADE`)).toMatch(/append-only: TRUNCATE/)
  })
})

describe('Event Pros Favourite and response figures', () => {
  it('is earned with 4.8+ over 5 reviews in a year and 75 % of first messages answered within 24 hours', async () => {
    const star = await createUser(payload, rest, 'vendor')
    const starId = (
      await createVendor(payload, star.user.id, categoryId, { businessName: 'Pōhutukawa Sound' })
    ).id
    for (let i = 0; i < 5; i += 1) {
      const organizerAccount = await createUser(payload, rest, 'organizer')
      const id = (await writeReview(organizerAccount, await booking(organizerAccount, star))).body
        .data.id
      await moderate(id, { action: 'publish' })
      // Four organizers ask a question; the vendor answers three within the hour, one after two days.
      if (i < 4) {
        const thread = await rest.post('/api/messages/threads', {
          token: organizerAccount.token,
          body: { vendor: starId, body: 'Are you free for a follow-up event next year?' },
        })
        const threadId = thread.body.data.thread.id
        await rest.post(`/api/messages/threads/${threadId}/messages`, {
          token: star.token,
          body: { body: 'Yes!' },
        })
        const replyDelay = i === 3 ? '2 days' : '30 minutes'
        await db().execute(
          sql`UPDATE messages SET created_at = now() - interval '3 days' WHERE thread_id = ${threadId} AND sender_id = ${organizerAccount.user.id}`,
        )
        await db().execute(
          sql`UPDATE messages SET created_at = now() - interval '3 days' + ${replyDelay}::interval WHERE thread_id = ${threadId} AND sender_id = ${star.user.id}`,
        )
      }
    }
    const result = await recomputeFavourites(await systemReq())
    expect(result.favourites).toContain(starId)
    const stored = await payload.findByID({
      collection: 'vendors',
      id: starId,
      overrideAccess: true,
    })
    expect(stored.favourite).toBe(true)
    expect(stored.responseStats).toMatchObject({
      responseRate: 75,
      conversations: 4,
      medianResponseHours: 0.5,
    })
    // The reviewed vendor from above has one review: no badge.
    expect(
      (await payload.findByID({ collection: 'vendors', id: vendorId, overrideAccess: true }))
        .favourite,
    ).toBe(false)
    // One review drops to 3 stars: the average falls under 4.8 and the badge goes at the next run.
    const { docs } = await payload.find({
      collection: 'reviews',
      where: { vendor: { equals: starId } },
      overrideAccess: true,
      limit: 1,
    })
    await db().execute(sql`UPDATE reviews SET ratings_overall = 3 WHERE id = ${docs[0]!.id}`)
    await recomputeFavourites(await systemReq())
    expect(
      (await payload.findByID({ collection: 'vendors', id: starId, overrideAccess: true }))
        .favourite,
    ).toBe(false)
  })
})

describe('hidden fields are no oracle', () => {
  it("lets nobody find whose reviews are whose by filtering or sorting on a review's people", async () => {
    const bookingId = await booking(organizer, vendor)
    const written = await writeReview(organizer, bookingId)
    expect(written.status).toBe(201)
    const reviewId = written.body.data.id
    expect((await moderate(reviewId, { action: 'publish' })).status).toBe(200)
    const byOrganizer = `where[organizer][equals]=${organizer.user.id}`
    const ids = (response: { body: { docs?: { id: number }[] } }) =>
      (response.body.docs ?? []).map((doc) => doc.id)

    // The review is public; who wrote it is not.
    expect(ids(await rest.get('/api/reviews?limit=100'))).toContain(reviewId)
    expect((await rest.get(`/api/reviews?${byOrganizer}`)).status).toBe(400)
    for (const outsider of [otherOrganizer, otherVendor]) {
      const filtered = await rest.get(`/api/reviews?${byOrganizer}&limit=100`, {
        token: outsider.token,
      })
      // Only reviews they are a side of (the other vendor's own) can match.
      expect(filtered.status).toBe(200)
      expect(ids(filtered)).not.toContain(reviewId)
      const nested = await rest.get(
        `/api/reviews?where[booking.organizer][equals]=${organizer.user.id}`,
        {
          token: outsider.token,
        },
      )
      expect(ids(nested)).not.toContain(reviewId)
      for (const sort of ['organizer', '-vendorOwner', 'moderationNote']) {
        expect(
          (await rest.get(`/api/reviews?sort=${sort}`, { token: outsider.token })).status,
        ).toBe(400)
      }
      const gql = await rest.graphql(
        `query ($id: JSON) { Reviews(where: { organizer: { equals: $id } }) { docs { id } } }`,
        { id: organizer.user.id },
        { token: outsider.token },
      )
      expect(gql.body.data.Reviews.docs.map((doc: { id: number }) => doc.id)).not.toContain(
        reviewId,
      )
    }
    // The two sides and staff still filter on it.
    for (const party of [organizer, vendor, moderator]) {
      const own = await rest.get(`/api/reviews?${byOrganizer}&limit=100`, { token: party.token })
      expect([party.email, ids(own)]).toEqual([party.email, expect.arrayContaining([reviewId])])
    }
  })

  it('shows the ids of the people behind photos and responses to no anonymous reader', async () => {
    const photo = await payload.create({
      collection: 'media',
      data: { alt: 'Our tent', owner: vendor.user.id },
      file: {
        data: fixture('photo.png') as Buffer,
        mimetype: 'image/png',
        name: 'tent.png',
        size: fixture('photo.png').length,
      },
    })
    const anonymous = await rest.get(`/api/media/${photo.id}`)
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.owner).toBeUndefined()
    expect((await rest.get(`/api/media?where[owner][equals]=${vendor.user.id}`)).status).toBe(400)
    expect((await rest.get(`/api/media/${photo.id}`, { token: vendor.token })).body.owner).toEqual(
      expect.objectContaining({ id: vendor.user.id }),
    )
    const bookingId = await booking(otherOrganizer, vendor)
    const written = await writeReview(otherOrganizer, bookingId)
    expect((await moderate(written.body.data.id, { action: 'publish' })).status).toBe(200)
    const reply = await rest.post(`/api/reviews/${written.body.data.id}/response`, {
      token: vendor.token,
      body: { text: 'Thank you so much, it was a joy to be part of your day.' },
    })
    expect(reply.status).toBe(201)
    const anonymousReply = await rest.get(`/api/review-responses/${reply.body.data.id}`)
    expect(anonymousReply.status).toBe(200)
    expect(anonymousReply.body.text).toMatch(/joy/)
    expect(anonymousReply.body.vendorOwner).toBeUndefined()
    const ownReply = await rest.get(`/api/review-responses/${reply.body.data.id}`, {
      token: vendor.token,
    })
    expect(ownReply.body.vendorOwner).toEqual(expect.objectContaining({ id: vendor.user.id }))
  })
})
