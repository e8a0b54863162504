import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { idOf } from '@/lib/kit/ids'

import { AUTO_COMPLETE_NOTE, completeFinishedBookings } from '../../src/lib/marketplace/bookings'
import { nzDay, nzMidnight } from '../../src/lib/marketplace/dates'
import { COMPLETE_BOOKINGS_TASK } from '../../src/lib/marketplace/tasks'
import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { realtimeRecorder } from '../helpers/realtimeEvents'
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
let runnerUp: Account
let otherVendor: Account
let admin: Account

const db = () => (payload.db as unknown as PostgresAdapter).drizzle
const mailTo = (email: string) => readMails(ctx.mailDir, email).join('\n')
const runQueue = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 200 })
const REASON = 'Our venue flooded and the wedding is postponed to next year.'

/**
 * A booking made as the site makes one: a job, a quote from `vendor` and one from the runner-up,
 * the first accepted (the runner-up's declined because of it). The event is `inDays` ahead.
 */
const book = async (eventInDays = 30) => {
  const jobId = await publishWeddingJob(rest, organizer.token, {
    categoryId,
    eventInDays,
    deadlineInDays: Math.max(1, eventInDays - 5),
  })
  const chosen = await sendQuote(rest, vendor.token, jobId)
  const outbid = await sendQuote(rest, runnerUp.token, jobId)
  const accepted = await rest.post(`/api/applications/${chosen}/accept`, {
    token: organizer.token,
  })
  if (accepted.status !== 200) throw new Error(JSON.stringify(accepted.body))
  return { jobId, bookingId: accepted.body.data.booking.id as number, outbid }
}

/** Moves a booking's event `days` from now (negative: it happened), as time passing would. */
const eventIn = (bookingId: number, days: number) =>
  db().execute(
    sql`UPDATE bookings SET event_date = now() + make_interval(days => ${days}) WHERE id = ${bookingId}`,
  )

const bookingRow = (id: number) =>
  payload.findByID({ collection: 'bookings', id, depth: 0, overrideAccess: true })

const complete = (who: Account | null, id: number | string) =>
  rest.post(`/api/bookings/${id}/complete`, who ? { token: who.token } : {})

const cancel = (who: Account, id: number, body: unknown) =>
  rest.post(`/api/bookings/${id}/cancel`, { token: who.token, body })

const review = (bookingId: number) =>
  rest.post('/api/reviews', {
    token: organizer.token,
    body: {
      booking: bookingId,
      ratings: { overall: 5, quality: 5, communication: 5, value: 5, professionalism: 5 },
      text: 'Wonderful on the day: calm, on time, and the photos are stunning.',
    },
  })

const feedOf = async (who: Account) =>
  (await rest.get('/api/users/me/notifications', { token: who.token })).body.data.items as {
    text: string
    href: string
  }[]

const heardSince = realtimeRecorder(() => payload)

beforeAll(async () => {
  ctx = await startPayload('bookings')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  runnerUp = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  admin = await createUser(payload, rest, 'admin')
  await createVendor(payload, vendor.user.id, categoryId, {
    businessName: 'Kōwhai Frames',
    tier: 'spotlight',
  })
  await createVendor(payload, runnerUp.user.id, categoryId, {
    businessName: 'Tūī Lens',
    tier: 'spotlight',
  })
  await createVendor(payload, otherVendor.user.id, categoryId, { businessName: 'Pōhutukawa Pix' })
})

afterAll(async () => {
  await ctx?.stop()
})

describe('completing a booking', () => {
  let bookingId: number

  beforeAll(async () => {
    ;({ bookingId } = await book())
  })

  it('is refused before the day of the event, and the review stays closed', async () => {
    const early = await complete(organizer, bookingId)
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('EVENT_NOT_HELD')
    expect((await review(bookingId)).body.error.code).toBe('EVENT_NOT_HELD')
    expect((await bookingRow(bookingId)).organizerDoneAt).toBeFalsy()
  })

  it('is nobody else’s to mark: other people, the signed-out and made-up ids are not found', async () => {
    await eventIn(bookingId, 0)
    expect((await complete(otherOrganizer, bookingId)).status).toBe(404)
    expect((await complete(otherVendor, bookingId)).status).toBe(404)
    expect((await complete(null, bookingId)).status).toBe(401)
    expect((await complete(organizer, 'abc')).status).toBe(404)
    expect((await complete(organizer, '1%2F..%2F1')).status).toBe(404)
    expect((await complete(organizer, 2_147_483_648)).status).toBe(404)
    const row = await bookingRow(bookingId)
    expect(row.status).toBe('confirmed')
    expect(row.organizerDoneAt ?? row.vendorDoneAt ?? null).toBeNull()
  })

  it('cannot be written through REST: the status and the marks are the state machine’s', async () => {
    const patched = await rest.patch(`/api/bookings/${bookingId}`, {
      token: organizer.token,
      body: { status: 'completed', organizerDoneAt: new Date().toISOString() },
    })
    expect(patched.status).toBeGreaterThanOrEqual(400)
    expect(patched.status).toBeLessThan(500)
    expect((await bookingRow(bookingId)).status).toBe('confirmed')
  })

  it('on the day, one side’s mark waits for the other, who is told live and in the bell', async () => {
    await heardSince()
    const first = await complete(organizer, bookingId)
    expect(first.status).toBe(200)
    expect(first.body.data.status).toBe('confirmed')
    expect(first.body.data.organizerDoneAt).toBeTruthy()
    const heard = await heardSince()
    expect(heard.map((h) => `${h.channel} ${h.event} ${String(h.data.status)}`).sort()).toEqual(
      [
        `private-user-${organizer.user.id} booking.status confirmed`,
        `private-user-${vendor.user.id} booking.status confirmed`,
      ].sort(),
    )
    expect(heard[0]!.data.by).toBe(organizer.user.id)
    expect((await feedOf(vendor)).map((item) => item.text)).toContain(
      "The organizer marked 'Photographer for our garden wedding' done",
    )
    // Marking twice changes nothing.
    const again = await complete(organizer, bookingId)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_MARKED_DONE')
    expect((await review(bookingId)).status).toBe(409)
  })

  it('completes when the other side marks it too, with who and when in its history, and opens the review', async () => {
    const second = await complete(vendor, bookingId)
    expect(second.status).toBe(200)
    expect(second.body.data.status).toBe('completed')
    const row = await bookingRow(bookingId)
    expect(row.history!.at(-1)).toMatchObject({
      from: 'confirmed',
      to: 'completed',
      by: vendor.user.id,
      note: 'Both sides marked it done.',
    })
    await runQueue()
    expect(mailTo(organizer.email)).toContain('Your booking of Kōwhai Frames for')
    expect((await feedOf(organizer)).map((item) => item.text)).toContain(
      "'Photographer for our garden wedding' is complete: review Kōwhai Frames",
    )
    expect((await review(bookingId)).status).toBe(201)
    // A completed booking is over: it cannot be cancelled or completed again.
    expect((await cancel(organizer, bookingId, { reason: REASON })).status).toBe(409)
    expect((await complete(vendor, bookingId)).body.error.code).toBe('INVALID_TRANSITION')
  })
})

describe('staff and the job queue', () => {
  it('staff complete a booking outright, for either side', async () => {
    const { bookingId } = await book()
    const res = await complete(admin, bookingId)
    expect(res.status).toBe(200)
    expect(res.body.data.status).toBe('completed')
    expect((await bookingRow(bookingId)).history!.at(-1)).toMatchObject({
      by: admin.user.id,
      note: 'Completed by staff.',
    })
  })

  it('only admins may run, queue or cancel jobs over REST: a party cannot run the completion as themselves', async () => {
    // Payload's run route answers a refusal with 401 whoever asks.
    for (const who of [organizer, vendor]) {
      const run = await rest.get('/api/payload-jobs/run?queue=marketplace', { token: who.token })
      expect(run.status).toBe(401)
    }
    expect((await rest.get('/api/payload-jobs/run?queue=marketplace')).status).toBe(401)
    const byAdmin = await rest.get('/api/payload-jobs/run?queue=marketplace', {
      token: admin.token,
    })
    expect(byAdmin.status).toBe(200)
  })
})

describe('the scheduled completion', () => {
  it('completes a confirmed booking once its New Zealand day has ended, not a millisecond before', async () => {
    const { bookingId } = await book()
    const day = '2026-09-26' // the day before summer time starts
    await db().execute(
      sql`UPDATE bookings SET event_date = ${nzMidnight(day).toISOString()} WHERE id = ${bookingId}`,
    )
    expect(nzDay((await bookingRow(bookingId)).eventDate)).toBe(day)
    const req = await createLocalReq({}, payload)
    const nextDay = nzMidnight('2026-09-27')
    await completeFinishedBookings(req, new Date(nextDay.getTime() - 1))
    expect((await bookingRow(bookingId)).status).toBe('confirmed')
    const { completed } = await completeFinishedBookings(req, nextDay)
    expect(completed).toBeGreaterThanOrEqual(1)
    const row = await bookingRow(bookingId)
    expect(row.status).toBe('completed')
    expect(row.history!.at(-1)).toMatchObject({ to: 'completed', note: AUTO_COMPLETE_NOTE })
    expect(row.history!.at(-1)!.by ?? null).toBeNull()
    expect((await review(bookingId)).status).toBe(201)
  })

  it('runs as the hourly task on the marketplace queue, leaving upcoming and cancelled bookings alone', async () => {
    const past = await book()
    const upcoming = await book()
    const cancelled = await book()
    expect((await cancel(organizer, cancelled.bookingId, { reason: REASON })).status).toBe(200)
    await eventIn(past.bookingId, -2)
    await eventIn(cancelled.bookingId, -2)
    await payload.jobs.queue({ task: COMPLETE_BOOKINGS_TASK, queue: MARKETPLACE_QUEUE, input: {} })
    await runQueue()
    expect((await bookingRow(past.bookingId)).status).toBe('completed')
    expect((await bookingRow(upcoming.bookingId)).status).toBe('confirmed')
    expect((await bookingRow(cancelled.bookingId)).status).toBe('cancelled')
    const task = payload.config.jobs.tasks?.find((t) => t.slug === COMPLETE_BOOKINGS_TASK)
    expect(task?.schedule?.[0]?.cron).toBe('0 5 * * * *')
  })
})

describe('cancelling a booking', () => {
  it('needs a reason, and names anything else it was sent, storing nothing', async () => {
    const { bookingId } = await book()
    for (const body of [{}, { reason: 'No.' }, { reason: 42 }, { reason: 'x'.repeat(501) }]) {
      const res = await cancel(vendor, bookingId, body)
      expect(res.status).toBe(400)
      expect(res.body.error.details?.[0]?.field ?? res.body.error.message).toMatch(/reason/i)
    }
    const extra = await cancel(vendor, bookingId, { reason: REASON, status: 'completed' })
    expect(extra.status).toBe(400)
    expect(extra.body.error.message).toContain('Unknown field "status"')
    const badFlag = await cancel(organizer, bookingId, { reason: REASON, reopenJob: 'yes' })
    expect(badFlag.status).toBe(400)
    const notAnObject = await cancel(vendor, bookingId, [REASON])
    expect(notAnObject.status).toBe(400)
    expect((await bookingRow(bookingId)).status).toBe('confirmed')
  })

  it('is refused to people who are not on the booking, and reopening is the organizer’s', async () => {
    const { bookingId } = await book()
    expect((await cancel(otherOrganizer, bookingId, { reason: REASON })).status).toBe(404)
    expect((await cancel(otherVendor, bookingId, { reason: REASON })).status).toBe(404)
    const vendorReopens = await cancel(vendor, bookingId, { reason: REASON, reopenJob: true })
    expect(vendorReopens.status).toBe(403)
    expect((await bookingRow(bookingId)).status).toBe('confirmed')
  })

  it('by the vendor: the organizer is told live and by email with the reason, and may reopen the job', async () => {
    const { bookingId, jobId, outbid } = await book()
    await heardSince()
    const res = await cancel(vendor, bookingId, { reason: REASON })
    expect(res.status).toBe(200)
    expect(res.body.data.booking.status).toBe('cancelled')
    expect(res.body.data.job).toBeNull()
    const row = await bookingRow(bookingId)
    expect(row.history!.at(-1)).toMatchObject({
      from: 'confirmed',
      to: 'cancelled',
      by: vendor.user.id,
      note: REASON,
    })
    const heard = await heardSince()
    expect(heard.map((h) => h.channel)).toContain(`private-user-${organizer.user.id}`)
    await runQueue()
    const mail = mailTo(organizer.email)
    expect(mail).toContain('Kōwhai Frames cancelled the booking for')
    expect(mail).toContain(REASON)
    expect((await feedOf(organizer)).map((item) => item.text)).toContain(
      "Kōwhai Frames cancelled the booking for 'Photographer for our garden wedding'",
    )
    expect((await review(bookingId)).body.error.code).toBe('BOOKING_CANCELLED')
    // The job is still booked until its organizer reopens it; then the runner-up is back.
    const job = await payload.findByID({ collection: 'jobs', id: jobId, overrideAccess: true })
    expect(job.status).toBe('filled')
    const byVendor = await rest.post(`/api/jobs/${jobId}/reopen`, { token: vendor.token })
    expect([403, 404]).toContain(byVendor.status)
    const reopened = await rest.post(`/api/jobs/${jobId}/reopen`, { token: organizer.token })
    expect(reopened.status).toBe(200)
    expect(reopened.body.data.status).toBe('published')
    const quote = await payload.findByID({
      collection: 'applications',
      id: outbid,
      overrideAccess: true,
    })
    expect(quote.status).toBe('submitted')
    await runQueue()
    expect(mailTo(runnerUp.email)).toContain('Your quote is back in the running')
    // Cancelling twice is refused by the state machine.
    const twice = await cancel(vendor, bookingId, { reason: REASON })
    expect(twice.body.error.code).toBe('INVALID_TRANSITION')
  })

  it('by the organizer, reopening the job in the same step; the vendor is told, quotes they declined stay declined', async () => {
    const jobId = await publishWeddingJob(rest, organizer.token, { categoryId })
    const chosen = await sendQuote(rest, vendor.token, jobId)
    const turnedDown = await sendQuote(rest, runnerUp.token, jobId)
    await rest.post(`/api/applications/${turnedDown}/decline`, { token: organizer.token })
    const accepted = await rest.post(`/api/applications/${chosen}/accept`, {
      token: organizer.token,
    })
    const bookingId = accepted.body.data.booking.id as number
    const reason = 'We have found a family friend who will take the photos instead.'
    const res = await cancel(organizer, bookingId, { reason, reopenJob: true })
    expect(res.status).toBe(200)
    expect(res.body.data.job.status).toBe('published')
    const job = await payload.findByID({ collection: 'jobs', id: jobId, overrideAccess: true })
    expect(job.history!.at(-1)).toMatchObject({ from: 'filled', to: 'published' })
    const declined = await payload.findByID({
      collection: 'applications',
      id: turnedDown,
      overrideAccess: true,
    })
    expect(declined.status).toBe('declined')
    await runQueue()
    expect(mailTo(vendor.email)).toContain(reason)
    // The job takes quotes again: a new vendor can quote on it.
    expect((await sendQuote(rest, otherVendor.token, jobId)) > 0).toBe(true)
  })

  it('is refused once the event day has passed, except to staff settling a dispute', async () => {
    const { bookingId, jobId } = await book()
    await eventIn(bookingId, -2)
    const late = await cancel(organizer, bookingId, { reason: REASON })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('EVENT_PASSED')
    const byStaff = await cancel(admin, bookingId, { reason: 'Settled with both sides by phone.' })
    expect(byStaff.status).toBe(200)
    await runQueue()
    expect(mailTo(organizer.email)).toContain('Settled with both sides by phone.')
    expect(mailTo(vendor.email)).toContain('Settled with both sides by phone.')
    // A job whose event has passed cannot take quotes again.
    await db().execute(
      sql`UPDATE jobs SET event_date = now() - interval '2 days' WHERE id = ${jobId}`,
    )
    const reopen = await rest.post(`/api/jobs/${jobId}/reopen`, { token: organizer.token })
    expect(reopen.status).toBe(409)
  })

  it('on the event day, asking to reopen refuses the whole cancellation, saying why', async () => {
    const { bookingId } = await book()
    await eventIn(bookingId, 0)
    const res = await cancel(organizer, bookingId, { reason: REASON, reopenJob: true })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('REOPEN_TOO_LATE')
    expect((await bookingRow(bookingId)).status).toBe('confirmed')
    expect((await cancel(organizer, bookingId, { reason: REASON })).status).toBe(200)
  })

  it('hides the street address from the vendor once their booking is cancelled', async () => {
    const { bookingId, jobId } = await book()
    const address = async () =>
      (await rest.get(`/api/jobs/${jobId}`, { token: vendor.token })).body.location?.address
    expect(await address()).toBe('12 Marine Parade')
    expect((await cancel(vendor, bookingId, { reason: REASON })).status).toBe(200)
    expect(await address()).toBeUndefined()
  })

  it('reopening is for the job’s own organizer and a booked job only, never a draft', async () => {
    const { bookingId, jobId } = await book()
    expect((await cancel(vendor, bookingId, { reason: REASON })).status).toBe(200)
    const stranger = await rest.post(`/api/jobs/${jobId}/reopen`, {
      token: otherOrganizer.token,
    })
    expect(stranger.status).toBe(404)
    const draft = await rest.post('/api/jobs', {
      token: organizer.token,
      body: {
        title: 'A draft that stays a draft',
        description: 'Not ready to publish yet, still deciding on the venue and the date.',
        eventType: 'wedding',
        eventDate: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        guestCount: 80,
        budgetMin: 1000,
        budgetMax: 3000,
        location: { city: 'Napier' },
        categories: [categoryId],
      },
    })
    const notBooked = await rest.post(`/api/jobs/${draft.body.doc.id}/reopen`, {
      token: organizer.token,
    })
    expect(notBooked.status).toBe(409)
    const stillDraft = await payload.findByID({
      collection: 'jobs',
      id: draft.body.doc.id,
      overrideAccess: true,
    })
    expect(stillDraft.status).toBe('draft')
  })

  it('a booked job cannot be reopened while its booking stands', async () => {
    const { jobId, bookingId } = await book()
    const reopen = await rest.post(`/api/jobs/${jobId}/reopen`, { token: organizer.token })
    expect(reopen.status).toBe(409)
    expect(reopen.body.error.message).toMatch(/cancel the booking/i)
    const republish = await rest.post(`/api/jobs/${jobId}/publish`, { token: organizer.token })
    expect(republish.status).toBe(409)
    expect(idOf((await bookingRow(bookingId)).job)).toBe(jobId)
  })
})
