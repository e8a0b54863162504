import fs from 'node:fs'
import path from 'node:path'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { unzipSync } from 'fflate'
import { createLocalReq, type Payload } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { deleteExpiredExports, deleteExportsOf } from '../../src/lib/privacy/export/cleanup'
import { BUILD_ROOT } from '../../src/lib/privacy/export/storage'
import { DAILY_EXPORT_LIMIT } from '../../src/lib/privacy/export/requests'
import { recordAudit } from '../../src/lib/trust/audit'
import { inDays } from '../helpers/dates'
import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient, routeHandlers } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>
type Zip = Record<string, Uint8Array>

/** What staff wrote about the person for staff: never in their export. */
const STAFF_ONLY_NOTE = 'Staff only: phoned about a disputed booking'

let ctx: TestContext
let payload: Payload
let rest: RestClient
let handlers: ReturnType<typeof routeHandlers>

let organizer: Account
let vendor: Account
let stranger: Account
let otherVendor: Account
let admin: Account
let otherAdmin: Account
let moderator: Account
let vendorId: number

/** What was seeded for the organizer and the vendor: one of everything. */
const seeded = {
  jobId: 0,
  quoteId: 0,
  bookingId: 0,
  threadId: 0,
  strangerThreadId: 0,
  secretThreadId: 0,
  reviewId: 0,
  responseId: 0,
  documentId: 0,
  organizerMediaId: 0,
  vendorMediaId: 0,
  attachmentId: 0,
  subscriptionId: 0,
  paymentId: 0,
}

const ORGANIZER_SAYS = 'Kia ora! Are you free on 14 March for our garden wedding in Napier?'
const VENDOR_SAYS = 'Ngā mihi, we are free that day and would love to help.'
const STRANGER_PHONE = '027 999 8888'
const STRANGER_SAYS = `Could you call me on ${STRANGER_PHONE} about a birthday?`
const SECRET_TEXT = 'A conversation neither of them is in'
const REVIEW_TEXT = 'Aroha and her team were wonderful: on time, calm and the photos are stunning.'
const RESPONSE_TEXT = 'Thank you, Olivia: it was a joy to photograph your day.'

const db = () => (payload.db as unknown as PostgresAdapter).drizzle
/** Runs the queue until it is empty: an export's job queues its email. */
const runJobs = async () => {
  for (let round = 0; round < 5; round += 1) {
    const { noJobsRemaining } = await payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 100 })
    if (noJobsRemaining) return
  }
}
const mailsTo = (email: string) => readMails(ctx.mailDir, email)

/** `GET /api/data-exports/:id/download` through the real route handler, the raw response kept. */
const download = (id: number | string, token?: string) =>
  handlers.GET(
    new Request(`http://localhost:3000/api/data-exports/${id}/download`, {
      headers: token ? { Authorization: `JWT ${token}` } : {},
    }),
    { params: Promise.resolve({ slug: ['data-exports', String(id), 'download'] }) },
  )

const unzip = async (response: Response): Promise<Zip> =>
  unzipSync(new Uint8Array(await response.arrayBuffer()))

const text = (zip: Zip, name: string) => {
  const entry = zip[name]
  if (!entry) throw new Error(`${name} is not in the ZIP: ${Object.keys(zip).join(', ')}`)
  return new TextDecoder().decode(entry)
}
const json = (zip: Zip, name: string) => JSON.parse(text(zip, name))
const everything = (zip: Zip) =>
  Object.keys(zip)
    .filter((name) => /\.(json|txt)$/.test(name))
    .map((name) => text(zip, name))
    .join('\n')

const exportRow = (id: number) =>
  payload.findByID({ collection: 'data-exports', id, depth: 0, overrideAccess: true })

/** Asks for the person's export, runs the job, and downloads the ZIP as they would. */
const exportOf = async (who: Account): Promise<{ id: number; zip: Zip }> => {
  const asked = await rest.post('/api/users/me/export', { token: who.token })
  if (asked.status !== 202) throw new Error(JSON.stringify(asked.body))
  await runJobs()
  const response = await download(asked.body.data.id, who.token)
  if (response.status !== 200) throw new Error(await response.text())
  return { id: asked.body.data.id, zip: await unzip(response) }
}

const upload = async (
  url: string,
  who: Account,
  file: string,
  type: string,
  data: Record<string, unknown>,
) => {
  const form = new FormData()
  form.append('file', new Blob([fixture(file)], { type }), file)
  form.append('_payload', JSON.stringify(data))
  const res = await rest.post(url, { token: who.token, formData: form })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body.doc as { id: number; filename: string }
}

const SECTION_FILES = [
  'vendor-profile.json',
  'jobs.json',
  'quotes.json',
  'bookings.json',
  'conversations.json',
  'webhook-endpoints.json',
  'reviews-written.json',
  'reviews-received.json',
  'verification-documents.json',
  'media.json',
  'message-attachments.json',
  'subscriptions.json',
  'payments.json',
  'audit-log.json',
]

const SECRET_FIELDS = [
  'hash',
  'salt',
  'apiKey',
  'apiKeyIndex',
  'totpSecret',
  'totpPendingSecret',
  'recoveryCodes',
  'sessions',
  'sessionDetails',
  'resetPasswordToken',
  '_verificationToken',
]

beforeAll(async () => {
  ctx = await startPayload('data-export')
  payload = ctx.payload
  rest = restClient(ctx.config)
  handlers = routeHandlers(ctx.config)
  const categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer', {
    firstName: 'Olivia',
    lastName: 'Parata',
    phone: '021 111 2222',
  })
  vendor = await createUser(payload, rest, 'vendor', { firstName: 'Aroha', phone: '06 835 1234' })
  stranger = await createUser(payload, rest, 'organizer', { phone: STRANGER_PHONE })
  otherVendor = await createUser(payload, rest, 'vendor')
  admin = await createUser(payload, rest, 'admin')
  otherAdmin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
  vendorId = (
    await createVendor(payload, vendor.user.id, categoryId, { businessName: 'Kōwhai Frames' })
  ).id
  const otherVendorId = (await createVendor(payload, otherVendor.user.id, categoryId)).id
  // An API key on the organizer's account: it must not leave in the export.
  await payload.update({
    collection: 'users',
    id: organizer.user.id,
    data: { enableAPIKey: true, apiKey: 'organizer-api-key-0123456789' },
    overrideAccess: true,
  })

  // A job, a quote on it, and the booking that accepting it makes, as the site makes them.
  const job = await rest.post('/api/jobs', {
    token: organizer.token,
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
  seeded.jobId = job.body.doc.id
  await rest.post(`/api/jobs/${seeded.jobId}/publish`, { token: organizer.token })
  const quote = await rest.post(`/api/jobs/${seeded.jobId}/apply`, {
    token: vendor.token,
    body: {
      message: 'We would love to photograph your day: relaxed, natural and on time.',
      lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
    },
  })
  seeded.quoteId = quote.body.data.id
  const accepted = await rest.post(`/api/applications/${seeded.quoteId}/accept`, {
    token: organizer.token,
  })
  seeded.bookingId = accepted.body.data.booking.id
  await db().execute(
    sql`UPDATE bookings SET event_date = now() - interval '3 days', status = 'completed' WHERE id = ${seeded.bookingId}`,
  )

  // A review of the booking, published, and the vendor's response.
  const review = await rest.post('/api/reviews', {
    token: organizer.token,
    body: {
      booking: seeded.bookingId,
      ratings: { overall: 5, quality: 5, communication: 5, value: 5, professionalism: 5 },
      text: REVIEW_TEXT,
    },
  })
  seeded.reviewId = review.body.data.id
  await rest.post(`/api/reviews/${seeded.reviewId}/moderate`, {
    token: moderator.token,
    body: { action: 'publish' },
  })
  const response = await rest.post(`/api/reviews/${seeded.reviewId}/response`, {
    token: vendor.token,
    body: { text: RESPONSE_TEXT },
  })
  seeded.responseId = response.body.data.id

  // Their conversation, both ways, with a file the organizer sent.
  const thread = await rest.post('/api/messages/threads', {
    token: organizer.token,
    body: { vendor: vendorId, body: ORGANIZER_SAYS },
  })
  seeded.threadId = thread.body.data.thread.id
  // An admin reads one of their messages: the audit log records it, about the organizer.
  await rest.get(`/api/messages/${thread.body.data.message.id}`, { token: admin.token })
  await rest.post(`/api/messages/threads/${seeded.threadId}/messages`, {
    token: vendor.token,
    body: { body: VENDOR_SAYS },
  })
  seeded.attachmentId = (
    await upload('/api/message-attachments', organizer, 'document.pdf', 'application/pdf', {
      thread: seeded.threadId,
    })
  ).id
  await rest.post(`/api/messages/threads/${seeded.threadId}/messages`, {
    token: organizer.token,
    body: { body: 'Here is our run sheet', attachments: [seeded.attachmentId] },
  })

  // A stranger's conversation with the vendor (theirs to see), and one with another vendor.
  const strangerThread = await rest.post('/api/messages/threads', {
    token: stranger.token,
    body: { vendor: vendorId, body: STRANGER_SAYS },
  })
  seeded.strangerThreadId = strangerThread.body.data.thread.id
  const secret = await rest.post('/api/messages/threads', {
    token: stranger.token,
    body: { vendor: otherVendorId, body: SECRET_TEXT },
  })
  seeded.secretThreadId = secret.body.data.thread.id

  // Uploads: the organizer's photo, the vendor's photo and verification document.
  seeded.organizerMediaId = (
    await upload('/api/media', organizer, 'photo.png', 'image/png', { alt: 'The cake table' })
  ).id
  seeded.vendorMediaId = (
    await upload('/api/media', vendor, 'photo.png', 'image/png', { alt: 'Portfolio' })
  ).id
  await upload('/api/media', stranger, 'photo.png', 'image/png', { alt: 'Not theirs' })
  seeded.documentId = (
    await upload('/api/verification-documents', vendor, 'document.pdf', 'application/pdf', {
      type: 'insurance',
      expiresAt: inDays(200),
    })
  ).id

  // Billing rows as the Stripe webhook writes them.
  seeded.subscriptionId = (
    await payload.create({
      collection: 'subscriptions',
      data: {
        vendor: vendorId,
        owner: vendor.user.id,
        tier: 'showcase',
        status: 'active',
        stripeSubscriptionId: 'sub_export_test',
        stripeCustomerId: 'cus_export_test',
      },
      overrideAccess: true,
    })
  ).id
  seeded.paymentId = (
    await payload.create({
      collection: 'payments',
      data: {
        vendor: vendorId,
        owner: vendor.user.id,
        subscription: seeded.subscriptionId,
        status: 'paid',
        amountCents: 4_600,
        gstCents: 600,
        stripeInvoiceId: 'in_export_test',
        invoiceNumber: 'EP-0001',
      },
      overrideAccess: true,
    })
  ).id

  // An admin's note about the organizer and one about the stranger.
  const asAdmin = await createLocalReq({ user: { ...admin.user, collection: 'users' } }, payload)
  await recordAudit(asAdmin, {
    action: 'user.note',
    targetCollection: 'users',
    targetId: organizer.user.id,
    summary: `${admin.email} checked the account of ${organizer.email}`,
    details: { internalNotes: STAFF_ONLY_NOTE },
  })
  await recordAudit(asAdmin, {
    action: 'user.note',
    targetCollection: 'users',
    targetId: stranger.user.id,
    summary: `${admin.email} checked the account of ${stranger.email}`,
  })
  await runJobs()
})

afterAll(async () => {
  await ctx?.stop()
})

describe('asking for my data', () => {
  it('refuses anonymous requests, queues one export at a time and answers 202', async () => {
    const anonymous = await rest.post('/api/users/me/export')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.message).toMatch(/Sign in to download your data/)

    const first = await rest.post('/api/users/me/export', { token: stranger.token })
    expect(first.status).toBe(202)
    expect(first.body.data).toEqual({ id: expect.any(Number), status: 'queued' })
    const again = await rest.post('/api/users/me/export', { token: stranger.token })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ code: 'EXPORT_IN_PROGRESS' })
    expect(again.body.error.message).toMatch(/already being put together/)
    // Still queued: nothing to download yet.
    const early = await download(first.body.data.id, stranger.token)
    expect(early.status).toBe(409)
    expect((await early.json()).error.code).toBe('EXPORT_NOT_READY')

    await runJobs()
    expect((await exportRow(first.body.data.id)).status).toBe('ready')
    const request = await payload.find({
      collection: 'audit-log',
      where: { action: { equals: 'data-export.request' }, actorId: { equals: stranger.user.id } },
      overrideAccess: true,
    })
    expect(request.docs).toHaveLength(1)
  })

  it(`allows ${DAILY_EXPORT_LIMIT} exports a day, then says when to try again`, async () => {
    const who = await createUser(payload, rest, 'organizer')
    for (let made = 0; made < DAILY_EXPORT_LIMIT; made += 1) {
      await payload.create({
        collection: 'data-exports',
        data: { user: who.user.id, requestedBy: who.user.id, status: 'expired' },
        overrideAccess: true,
      })
    }
    const res = await rest.post('/api/users/me/export', { token: who.token })
    expect(res.status).toBe(429)
    expect(res.body.error.message).toMatch(/try again tomorrow/)
    await db().execute(
      sql`UPDATE data_exports SET created_at = now() - interval '25 hours' WHERE user_id = ${who.user.id}`,
    )
    expect((await rest.post('/api/users/me/export', { token: who.token })).status).toBe(202)
  })
  it('lets a new export through when one has stalled, which the clean-up marks failed', async () => {
    const who = await createUser(payload, rest, 'organizer')
    const stalled = await payload.create({
      collection: 'data-exports',
      data: { user: who.user.id, requestedBy: who.user.id, status: 'queued' },
      overrideAccess: true,
    })
    expect((await rest.post('/api/users/me/export', { token: who.token })).status).toBe(409)
    await db().execute(
      sql`UPDATE data_exports SET created_at = now() - interval '2 hours' WHERE id = ${stalled.id}`,
    )
    expect((await rest.post('/api/users/me/export', { token: who.token })).status).toBe(202)
    const result = await deleteExpiredExports(await createLocalReq({}, payload))
    expect(result.stalled).toBe(1)
    expect((await exportRow(stalled.id)).status).toBe('failed')
  })

  it('sweeps the build folder a killed process left once it is an hour old, not a build under way', async () => {
    const abandoned = path.join(BUILD_ROOT, 'build-abandoned-by-a-crash')
    const current = path.join(BUILD_ROOT, 'build-under-way')
    for (const folder of [abandoned, current]) {
      fs.mkdirSync(folder, { recursive: true })
      fs.writeFileSync(path.join(folder, 'export.zip'), 'PK personal data')
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    fs.utimesSync(abandoned, twoHoursAgo, twoHoursAgo)
    const result = await deleteExpiredExports(await createLocalReq({}, payload))
    expect(result.abandonedBuilds).toBe(1)
    expect(fs.existsSync(abandoned)).toBe(false)
    expect(fs.existsSync(path.join(current, 'export.zip'))).toBe(true)
    fs.rmSync(current, { recursive: true })
  })

  it('records a failure, tells the person, leaves no half-written file and lets them ask again', async () => {
    const who = await createUser(payload, rest, 'organizer')
    const photo = await upload('/api/media', who, 'photo.png', 'image/png', { alt: 'Broken' })
    // The stored file replaced by one that is there but cannot be read (Linux answers EIO for
    // /proc/self/mem at offset 0): reading it fails half-way through the ZIP.
    const stored = path.join(process.env.MEDIA_DIR!, photo.filename)
    fs.rmSync(stored)
    fs.symlinkSync('/proc/self/mem', stored)
    const folder = path.join(process.env.PRIVATE_FILES_DIR!, 'data-exports')
    // Earlier exports finished first, so the folder holds only theirs.
    await runJobs()
    const filesBefore = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []
    const builds = () => (fs.existsSync(BUILD_ROOT) ? fs.readdirSync(BUILD_ROOT).sort() : [])
    const buildsBefore = builds()

    const asked = await rest.post('/api/users/me/export', { token: who.token })
    await runJobs()
    expect(await exportRow(asked.body.data.id)).toMatchObject({
      status: 'failed',
      storedAs: null,
    })
    expect(fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []).toEqual(filesBefore)
    // Nor a copy of the half-built ZIP where it was being put together.
    expect(builds()).toEqual(buildsBefore)
    expect(mailsTo(who.email).join('\n')).toContain('We could not prepare your Event Pros NZ data')
    const res = await download(asked.body.data.id, who.token)
    expect(res.status).toBe(409)
    expect((await res.json()).error.code).toBe('EXPORT_FAILED')
    expect((await rest.post('/api/users/me/export', { token: who.token })).status).toBe(202)
    fs.rmSync(stored)
  })
})

describe('the organizer’s export', () => {
  let zip: Zip
  let exportId: number

  beforeAll(async () => {
    ;({ id: exportId, zip } = await exportOf(organizer))
  })

  it('is stored under the private files folder and emailed as a link to the owner', async () => {
    const row = await exportRow(exportId)
    expect(row).toMatchObject({
      status: 'ready',
      user: organizer.user.id,
      sizeBytes: expect.any(Number),
    })
    const expiresIn = new Date(row.expiresAt!).getTime() - new Date(row.readyAt!).getTime()
    expect(expiresIn).toBe(7 * 24 * 60 * 60 * 1000)
    const stored = path.join(process.env.PRIVATE_FILES_DIR!, 'data-exports', row.storedAs!)
    expect(fs.statSync(stored).size).toBe(row.sizeBytes)
    expect(path.relative(process.env.MEDIA_DIR!, stored).startsWith('..')).toBe(true)
    const mail = mailsTo(organizer.email).join('\n')
    expect(mail).toContain('Your Event Pros NZ data is ready to download')
    expect(mail).toContain(`/account/export/${exportId}`)
  })

  it('holds a README that explains every file, and every file it explains', () => {
    const readme = text(zip, 'README.txt')
    for (const file of ['account.json', ...SECTION_FILES]) {
      expect(Object.keys(zip)).toContain(file)
      expect(readme).toContain(file)
    }
    expect(readme).toContain('Olivia Parata')
    expect(readme).toMatch(/Privacy Act 2020/)
  })

  it('has the account without any secret, and its email and consent settings', () => {
    const account = json(zip, 'account.json')
    expect(account).toMatchObject({
      id: organizer.user.id,
      email: organizer.email,
      firstName: 'Olivia',
      phone: '021 111 2222',
      messageEmails: true,
    })
    for (const field of SECRET_FIELDS) expect(account).not.toHaveProperty(field)
    expect(everything(zip)).not.toContain('organizer-api-key-0123456789')
  })

  it('has their job, the quote, the booking and the review with its response', () => {
    expect(json(zip, 'jobs.json').map((job: { id: number }) => job.id)).toEqual([seeded.jobId])
    expect(json(zip, 'quotes.json').map((quote: { id: number }) => quote.id)).toEqual([
      seeded.quoteId,
    ])
    expect(json(zip, 'bookings.json').map((b: { id: number }) => b.id)).toEqual([seeded.bookingId])
    const [review] = json(zip, 'reviews-written.json')
    expect(review).toMatchObject({ id: seeded.reviewId, text: REVIEW_TEXT })
    expect(review.response).toMatchObject({ id: seeded.responseId, text: RESPONSE_TEXT })
    expect(json(zip, 'reviews-received.json')).toEqual([])
    expect(json(zip, 'vendor-profile.json')).toEqual([])
  })

  it('has their conversation with every message from both sides, and no one else’s', () => {
    const conversations = json(zip, 'conversations.json')
    expect(conversations.map((thread: { id: number }) => thread.id)).toEqual([seeded.threadId])
    const bodies = conversations[0].messages.map((message: { body: string }) => message.body)
    expect(bodies).toEqual([ORGANIZER_SAYS, VENDOR_SAYS, 'Here is our run sheet'])
  })

  it('has their uploads with the very files stored', () => {
    const [photo] = json(zip, 'media.json')
    expect(photo.id).toBe(seeded.organizerMediaId)
    expect(Buffer.from(zip[photo.fileInZip]!)).toEqual(
      fs.readFileSync(path.join(process.env.MEDIA_DIR!, photo.filename)),
    )
    const [attachment] = json(zip, 'message-attachments.json')
    expect(attachment.id).toBe(seeded.attachmentId)
    expect(attachment.fileInZip).toMatch(/^files\/message-attachments\//)
    expect(Buffer.from(zip[attachment.fileInZip]!)).toEqual(Buffer.from(fixture('document.pdf')))
    expect(json(zip, 'verification-documents.json')).toEqual([])
  })

  it('has the audit entries about them with the staff member named by role only', () => {
    const entries = json(zip, 'audit-log.json')
    const note = entries.find((entry: { action: string }) => entry.action === 'user.note')
    expect(note).toEqual({
      at: expect.any(String),
      action: 'user.note',
      by: 'admin',
      targetCollection: 'users',
      targetId: String(organizer.user.id),
      summary: `the admin checked the account of ${organizer.email}`,
    })
    const read = entries.find((entry: { action: string }) => entry.action === 'messages.read')
    expect(read).toMatchObject({ by: 'admin', targetCollection: 'messages' })
    expect(read.summary).toMatch(/^the admin read messages \d+$/)
    // Only the allowed keys: no actor ids or emails, and no `details` (staff-only values such as
    // a profile's internal notes or who reported a review live there).
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(
        ['action', 'at', 'by', 'summary', 'targetCollection', 'targetId'].sort(),
      )
    }
    expect(everything(zip)).not.toContain(STAFF_ONLY_NOTE)
    // The stranger's note is about someone else.
    expect(
      entries.some((entry: { targetId: string }) => entry.targetId === String(stranger.user.id)),
    ).toBe(false)
    expect(
      entries.some(
        (entry: { action: string; by: string }) =>
          entry.action === 'data-export.request' && entry.by === 'you',
      ),
    ).toBe(true)
  })

  it('holds nothing of anyone else: no other email, phone or conversation', () => {
    const all = everything(zip)
    for (const email of [vendor.email, stranger.email, admin.email, otherVendor.email]) {
      expect(all).not.toContain(email)
    }
    expect(all).not.toContain(STRANGER_PHONE)
    expect(all).not.toContain(SECRET_TEXT)
    expect(all).not.toContain('Not theirs')
  })
})

describe('the vendor’s export', () => {
  let zip: Zip

  beforeAll(async () => {
    ;({ zip } = await exportOf(vendor))
  })

  it('has the profile, quotes, bookings, the review received, billing and documents', () => {
    const [profile] = json(zip, 'vendor-profile.json')
    expect(profile).toMatchObject({ id: vendorId, businessName: 'Kōwhai Frames' })
    expect(json(zip, 'quotes.json').map((q: { id: number }) => q.id)).toEqual([seeded.quoteId])
    expect(json(zip, 'bookings.json').map((b: { id: number }) => b.id)).toEqual([seeded.bookingId])
    expect(json(zip, 'jobs.json')).toEqual([])
    const [review] = json(zip, 'reviews-received.json')
    expect(review).toMatchObject({ id: seeded.reviewId, text: REVIEW_TEXT })
    expect(review.response.text).toBe(RESPONSE_TEXT)
    expect(json(zip, 'subscriptions.json')).toMatchObject([
      { id: seeded.subscriptionId, status: 'active', stripeSubscriptionId: 'sub_export_test' },
    ])
    expect(json(zip, 'payments.json')).toMatchObject([
      { id: seeded.paymentId, amountCents: 4_600, invoiceNumber: 'EP-0001' },
    ])
  })

  it('has the verification document and photo with their files', async () => {
    const [document] = json(zip, 'verification-documents.json')
    expect(document).toMatchObject({ id: seeded.documentId, type: 'insurance', status: 'pending' })
    expect(document.fileInZip).toMatch(/^files\/verification-documents\//)
    expect(Buffer.from(zip[document.fileInZip]!)).toEqual(Buffer.from(fixture('document.pdf')))
    const [photo] = json(zip, 'media.json')
    expect(photo.id).toBe(seeded.vendorMediaId)
    expect(zip[photo.fileInZip]!.length).toBeGreaterThan(0)
  })

  it('has both conversations, the stranger’s contact details masked as the site masks them', () => {
    const conversations = json(zip, 'conversations.json')
    expect(conversations.map((thread: { id: number }) => thread.id).sort()).toEqual(
      [seeded.threadId, seeded.strangerThreadId].sort(),
    )
    const withStranger = conversations.find(
      (thread: { id: number }) => thread.id === seeded.strangerThreadId,
    )
    expect(withStranger.messages).toHaveLength(1)
    expect(withStranger.messages[0].body).toMatch(/Could you call me on .* about a birthday/)
    const all = everything(zip)
    expect(all).not.toContain(STRANGER_PHONE)
    expect(all).not.toContain(SECRET_TEXT)
    for (const email of [organizer.email, stranger.email, otherVendor.email, admin.email]) {
      expect(all).not.toContain(email)
    }
  })
})

describe('downloading', () => {
  let exportId: number

  beforeAll(async () => {
    ;({ id: exportId } = await exportOf(organizer))
  })

  it('sends the ZIP to its owner as an attachment nobody caches', async () => {
    const res = await download(exportId, organizer.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/zip')
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="event-pros-nz-data-\d{4}-\d{2}-\d{2}\.zip"$/,
    )
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    expect(Object.keys(await unzip(res))).toContain('README.txt')
  })

  it('is a 404 for anyone else, an admin who did not make it included, and 401 signed out', async () => {
    for (const who of [stranger, vendor, otherAdmin, moderator]) {
      const res = await download(exportId, who.token)
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('NOT_FOUND')
    }
    expect((await download(exportId)).status).toBe(401)
    expect((await download(999_999, organizer.token)).status).toBe(404)
    expect((await download('abc', organizer.token)).status).toBe(404)
  })

  it('shows the export to its owner only, never where it is stored, and nobody writes it', async () => {
    const own = await rest.get(`/api/data-exports/${exportId}`, { token: organizer.token })
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ id: exportId, status: 'ready' })
    expect(own.body).not.toHaveProperty('storedAs')
    expect(
      (await rest.get(`/api/data-exports/${exportId}`, { token: stranger.token })).status,
    ).toBe(404)
    const theirs = await rest.get('/api/data-exports?limit=100&depth=0', { token: stranger.token })
    expect(theirs.body.docs.length).toBeGreaterThan(0)
    expect(new Set(theirs.body.docs.map((row: { user: number }) => row.user))).toEqual(
      new Set([stranger.user.id]),
    )
    // Filtering on the stored name must not tell the owner anything about it.
    const probe = await rest.get(
      `/api/data-exports?where[storedAs][like]=a&where[id][equals]=${exportId}`,
      { token: organizer.token },
    )
    expect(probe.status).toBe(400)
    expect(probe.body.error.message).toMatch(/storedAs/)
    expect(
      (
        await rest.post('/api/data-exports', {
          token: organizer.token,
          body: { user: organizer.user.id, status: 'ready' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await rest.patch(`/api/data-exports/${exportId}`, {
          token: organizer.token,
          body: { expiresAt: inDays(365) },
        })
      ).status,
    ).toBe(403)
    expect(
      (await rest.delete(`/api/data-exports/${exportId}`, { token: organizer.token })).status,
    ).toBe(403)
  })

  it('is 410 Gone after 7 days, and the daily clean-up deletes the file', async () => {
    const row = await exportRow(exportId)
    const stored = path.join(process.env.PRIVATE_FILES_DIR!, 'data-exports', row.storedAs!)
    await payload.update({
      collection: 'data-exports',
      id: exportId,
      data: { expiresAt: inDays(-0.01) },
      overrideAccess: true,
    })
    const gone = await download(exportId, organizer.token)
    expect(gone.status).toBe(410)
    expect((await gone.json()).error.message).toMatch(/expired/)
    expect(fs.existsSync(stored)).toBe(true)

    const result = await deleteExpiredExports(await createLocalReq({}, payload))
    expect(result.expired).toBeGreaterThanOrEqual(1)
    expect(fs.existsSync(stored)).toBe(false)
    expect(await exportRow(exportId)).toMatchObject({ status: 'expired', storedAs: null })
    expect((await download(exportId, organizer.token)).status).toBe(410)
    // Exports still in their 7 days are left alone.
    const live = await payload.find({
      collection: 'data-exports',
      where: { status: { equals: 'ready' } },
      overrideAccess: true,
    })
    expect(live.docs.length).toBeGreaterThan(0)
    for (const kept of live.docs) {
      expect(
        fs.existsSync(path.join(process.env.PRIVATE_FILES_DIR!, 'data-exports', kept.storedAs!)),
      ).toBe(true)
    }
  })
})

describe('an export made by staff for a request received by email', () => {
  it('is for admins only, about an account that exists', async () => {
    for (const who of [stranger, vendor, moderator]) {
      const res = await rest.post(`/api/users/${organizer.user.id}/export`, { token: who.token })
      expect(res.status).toBe(403)
      expect(res.body.error.message).toMatch(/Only admins/)
    }
    expect((await rest.post(`/api/users/${organizer.user.id}/export`)).status).toBe(401)
    expect((await rest.post('/api/users/999999/export', { token: admin.token })).status).toBe(404)
    expect((await rest.post('/api/users/abc/export', { token: admin.token })).status).toBe(404)
    const badReason = await rest.post(`/api/users/${organizer.user.id}/export`, {
      token: admin.token,
      body: { reason: 42 },
    })
    expect(badReason.status).toBe(400)
    expect(badReason.body.error.details[0].field).toBe('reason')
  })

  it('is audited, emailed to the admin and not the person, and its downloads are audited', async () => {
    const mailsBefore = mailsTo(organizer.email).length
    const res = await rest.post(`/api/users/${vendor.user.id}/export`, {
      token: admin.token,
      body: { reason: 'Emailed request of 1 December' },
    })
    expect(res.status).toBe(202)
    const exportId = res.body.data.id
    const requested = await payload.find({
      collection: 'audit-log',
      where: { action: { equals: 'data-export.request' }, actorId: { equals: admin.user.id } },
      overrideAccess: true,
    })
    expect(requested.docs).toHaveLength(1)
    expect(requested.docs[0]).toMatchObject({
      targetCollection: 'users',
      targetId: String(vendor.user.id),
      details: { exportId, reason: 'Emailed request of 1 December' },
    })
    const vendorMails = mailsTo(vendor.email).length
    await runJobs()
    expect(await exportRow(exportId)).toMatchObject({
      status: 'ready',
      requestedBy: admin.user.id,
    })
    const adminMail = mailsTo(admin.email).join('\n')
    expect(adminMail).toContain(`The data export for account ${vendor.user.id} is ready`)
    expect(adminMail).toContain(`/account/export/${exportId}`)
    expect(mailsTo(vendor.email)).toHaveLength(vendorMails)
    expect(mailsTo(organizer.email)).toHaveLength(mailsBefore)

    expect((await download(exportId, otherAdmin.token)).status).toBe(404)
    const got = await download(exportId, admin.token)
    expect(got.status).toBe(200)
    const zip = await unzip(got)
    expect(json(zip, 'account.json').email).toBe(vendor.email)
    expect(text(zip, 'README.txt')).toMatch(/prepared by our team/)
    const downloads = await payload.find({
      collection: 'audit-log',
      where: { action: { equals: 'data-export.download' } },
      overrideAccess: true,
    })
    expect(downloads.docs).toHaveLength(1)
    expect(downloads.docs[0]).toMatchObject({
      actorId: admin.user.id,
      targetId: String(vendor.user.id),
    })
    // The person it is about may download their own data too; that is not a staff read.
    expect((await download(exportId, vendor.token)).status).toBe(200)
    expect(
      (
        await payload.count({
          collection: 'audit-log',
          where: { action: { equals: 'data-export.download' } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(1)
  })
})

describe('erasing an account', () => {
  it('deletes every export of the person and its file, and no one else’s', async () => {
    const who = await createUser(payload, rest, 'organizer')
    const { id } = await exportOf(who)
    const stored = path.join(
      process.env.PRIVATE_FILES_DIR!,
      'data-exports',
      (await exportRow(id)).storedAs!,
    )
    const othersBefore = (
      await payload.count({
        collection: 'data-exports',
        where: { user: { not_equals: who.user.id } },
        overrideAccess: true,
      })
    ).totalDocs
    expect(await deleteExportsOf(await createLocalReq({}, payload), who.user.id)).toEqual({
      deleted: 1,
    })
    expect(fs.existsSync(stored)).toBe(false)
    expect(
      (await payload.count({ collection: 'data-exports', overrideAccess: true })).totalDocs,
    ).toBe(othersBefore)
  })

  it('goes with the account when an admin erases it, files included', async () => {
    const who = await createUser(payload, rest, 'organizer')
    const { id } = await exportOf(who)
    const stored = path.join(
      process.env.PRIVATE_FILES_DIR!,
      'data-exports',
      (await exportRow(id)).storedAs!,
    )
    const othersBefore =
      (await payload.count({ collection: 'data-exports', overrideAccess: true })).totalDocs - 1
    // The person deletes through the grace period (DELETE /api/users/me); an admin's delete
    // erases at once, and erasure takes the exports with it.
    const res = await rest.delete(`/api/users/${who.user.id}`, { token: admin.token })
    expect(res.status).toBe(200)
    expect(fs.existsSync(stored)).toBe(false)
    expect(
      (await payload.count({ collection: 'data-exports', overrideAccess: true })).totalDocs,
    ).toBe(othersBefore)
  })
})
