import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import fs from 'node:fs'
import path from 'node:path'
import type { CollectionSlug, Payload } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { totpCode } from '../../src/lib/auth/totp'
import { enrolledTwoFactorData } from '../../src/lib/auth/twoFactor'
import {
  erasedEmail,
  FORMER_MEMBER,
  FORMER_ORGANIZER,
} from '../../src/lib/privacy/erasure/constants'
import { eraseDueAccounts } from '../../src/lib/privacy/erasure/erase'
import { ERASURE_TABLE, type ErasureSubject } from '../../src/lib/privacy/erasure/table'
import { ERASE_DUE_ACCOUNTS_TASK } from '../../src/lib/privacy/erasure/tasks'
import { setBilling, StripeBillingDriver } from '../../plugins/billing'
import { DAY_MS, inDays } from '../helpers/dates'
import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { startStripePeer, type StripePeer } from '../helpers/stripePeer'
import {
  createUser,
  loginBody,
  postLogin,
  readMails,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
  SIGN_UP_CONSENT,
} from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>
type VendorAccount = Account & { vendorId: number }
type Row = Record<string, unknown> & { id: number | string }

let ctx: TestContext
let payload: Payload
let rest: RestClient
let peer: StripePeer
let categoryId: number
let admin: Account
let moderator: Account

const db = () => (payload.db as unknown as PostgresAdapter).drizzle
const mailTo = (email: string) => readMails(ctx.mailDir, email).join('\n')
const runQueue = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 500 })
/** Runs the queue until nothing waits (a task may queue emails of its own). */
const drainQueue = async () => {
  for (let round = 0; round < 5; round += 1) {
    await runQueue()
    const waiting = await payload.count({
      collection: 'payload-jobs',
      where: {
        and: [{ queue: { equals: MARKETPLACE_QUEUE } }, { completedAt: { exists: false } }],
      },
    })
    if (waiting.totalDocs === 0) return
  }
}
const slugsOf = () =>
  payload.config.collections.map((collection) => collection.slug as CollectionSlug)
const stepOf = (slug: CollectionSlug) =>
  (ERASURE_TABLE as Record<string, (typeof ERASURE_TABLE)[keyof typeof ERASURE_TABLE]>)[slug]

let people = 0
/** A person with names and a phone number nobody else has, so any trace of them can be found. */
const person = async (role: 'organizer' | 'vendor', extra: Record<string, unknown> = {}) => {
  people += 1
  const tag = 'abcdefghijklmnopqrstuvwxyz'[people]!
  return createUser(payload, rest, role, {
    firstName: `Wikitoria${tag}`,
    lastName: `Rangipuawhe${tag}`,
    phone: `021 555 01${String(people).padStart(2, '0')}`,
    ...extra,
  })
}

const vendorPerson = async (extra: Record<string, unknown> = {}): Promise<VendorAccount> => {
  const account = await person('vendor', extra)
  const vendor = await createVendor(payload, account.user.id, categoryId, {
    businessName: `Kōwhai Studio ${account.user.lastName}`,
    tagline: `Photos by ${account.user.firstName}`,
    website: `https://${account.user.lastName.toLowerCase()}.example.test`,
  })
  return { ...account, vendorId: vendor.id }
}

const upload = async (
  slug: 'media' | 'verification-documents' | 'message-attachments',
  who: Account,
  data: Record<string, unknown>,
) => {
  const image = slug === 'media'
  const form = new FormData()
  form.append(
    'file',
    new Blob([fixture(image ? 'photo.png' : 'document.pdf')], {
      type: image ? 'image/png' : 'application/pdf',
    }),
    image ? 'photo.png' : 'document.pdf',
  )
  form.append('_payload', JSON.stringify(data))
  const res = await rest.post(`/api/${slug}`, { formData: form, token: who.token })
  if (res.status !== 201) throw new Error(`${slug}: ${JSON.stringify(res.body)}`)
  return res.body.doc as { id: number; filename: string }
}

const postJob = async (who: Account, title: string) => {
  const res = await rest.post('/api/jobs', {
    token: who.token,
    body: {
      title,
      description: 'A relaxed photographer for a 120-guest garden wedding in Napier, please.',
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
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body.doc.id as number
}

const quote = async (vendor: Account, jobId: number) => {
  const res = await rest.post(`/api/jobs/${jobId}/apply`, {
    token: vendor.token,
    body: {
      message: 'We would love to photograph your day: relaxed, natural and on time.',
      lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
    },
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body.data.id as number
}

/**
 * One of everything between an organizer and a vendor, as the site makes it: uploads, an
 * avatar, a portfolio, a verification document, a booking held three days ago with a review,
 * its photo and the vendor's response, an open job with an open quote, a draft, a
 * conversation both ways with a file each, and an admin preference each.
 */
const seedEverything = async (organizer: Account, vendor: VendorAccount) => {
  const avatar = await upload('media', organizer, { alt: 'Me' })
  await rest.patch(`/api/users/${organizer.user.id}`, {
    token: organizer.token,
    body: { avatar: avatar.id },
  })
  const portfolio = await upload('media', vendor, { alt: 'A wedding' })
  const patched = await rest.patch(`/api/vendors/${vendor.vendorId}`, {
    token: vendor.token,
    body: { portfolio: [portfolio.id] },
  })
  if (patched.status !== 200) throw new Error(JSON.stringify(patched.body))
  await upload('verification-documents', vendor, {
    type: 'insurance',
    expiresAt: inDays(200),
  })

  const bookedJob = await postJob(organizer, 'Photographer for our garden wedding')
  await rest.post(`/api/jobs/${bookedJob}/publish`, { token: organizer.token })
  const bookedQuote = await quote(vendor, bookedJob)
  const accepted = await rest.post(`/api/applications/${bookedQuote}/accept`, {
    token: organizer.token,
  })
  if (accepted.status !== 200) throw new Error(JSON.stringify(accepted.body))
  const bookingId = accepted.body.data.booking.id as number
  await db().execute(
    sql`UPDATE bookings SET event_date = now() - make_interval(days => 3), status = 'completed' WHERE id = ${bookingId}`,
  )
  const photo = await upload('media', organizer, { alt: 'Our first dance' })
  const review = await rest.post('/api/reviews', {
    token: organizer.token,
    body: {
      booking: bookingId,
      ratings: { overall: 5, quality: 5, communication: 5, value: 5, professionalism: 5 },
      text: 'Calm, kind and on time: the photos of our garden wedding are stunning.',
      photos: [photo.id],
    },
  })
  if (review.status !== 201) throw new Error(JSON.stringify(review.body))
  const reviewId = review.body.data.id as number
  await rest.post(`/api/reviews/${reviewId}/moderate`, {
    token: moderator.token,
    body: { action: 'publish' },
  })
  const response = await rest.post(`/api/reviews/${reviewId}/response`, {
    token: vendor.token,
    body: { text: 'Thank you, it was a joy to be there.' },
  })
  if (response.status !== 201) throw new Error(JSON.stringify(response.body))

  const openJob = await postJob(organizer, 'Photographer for our engagement party')
  await rest.post(`/api/jobs/${openJob}/publish`, { token: organizer.token })
  const openQuote = await quote(vendor, openJob)
  const draftJob = await postJob(organizer, 'Photographer for the christening')

  const thread = await rest.post('/api/messages/threads', {
    token: organizer.token,
    body: { vendor: vendor.vendorId, body: 'Kia ora! Could you also do the rehearsal dinner?' },
  })
  if (thread.status !== 201) throw new Error(JSON.stringify(thread.body))
  const threadId = thread.body.data.thread.id as number
  const reply = await rest.post(`/api/messages/threads/${threadId}/messages`, {
    token: vendor.token,
    body: { body: 'Yes, happily. I will send the details.' },
  })
  if (reply.status !== 201) throw new Error(JSON.stringify(reply.body))
  await upload('message-attachments', organizer, { thread: threadId })
  await upload('message-attachments', vendor, { thread: threadId })

  for (const who of [organizer, vendor]) {
    const saved = await rest.post('/api/payload-preferences/vendors-list', {
      token: who.token,
      body: { value: { columns: [] } },
    })
    if (saved.status !== 200) throw new Error(JSON.stringify(saved.body))
  }
  return { bookingId, reviewId, openJob, openQuote, draftJob, bookedJob, threadId }
}

/** The vendor starts Checkout and Stripe reports the payment, as in the billing tests. */
const subscribe = async (vendor: VendorAccount) => {
  const started = await rest.post('/api/subscriptions', {
    token: vendor.token,
    body: { tier: 'showcase' },
  })
  if (started.status !== 200) throw new Error(JSON.stringify(started.body))
  const done = peer.completeCheckout(started.body.sessionId)
  for (const event of [
    peer.event('checkout.session.completed', done.session),
    peer.event('invoice.paid', done.invoice),
  ]) {
    const delivered = await rest.post('/api/billing/webhook', {
      body: event,
      headers: { 'Stripe-Signature': peer.signed(event).signature },
    })
    if (delivered.status !== 200) throw new Error(JSON.stringify(delivered.body))
  }
  return done.subscription.id as string
}

const subjectOf = (account: Account, vendorId: number | null = null): ErasureSubject => ({
  id: account.user.id,
  vendorId,
})

/** Every collection's rows about the person, as the erasure table names them. */
const rowsAbout = async (subject: ErasureSubject) => {
  const rows: Record<string, Row[]> = {}
  for (const slug of slugsOf()) {
    const step = stepOf(slug)
    if (!step || !('rows' in step)) continue
    const { docs } = await payload.find({
      collection: slug,
      where: step.rows(subject),
      pagination: false,
      depth: 0,
      sort: 'id',
      overrideAccess: true,
    })
    rows[slug] = docs as unknown as Row[]
  }
  return rows
}

/** Every row of every collection, to look for any trace of a person. */
const everything = async () => {
  const all: Record<string, Row[]> = {}
  for (const slug of slugsOf()) {
    const { docs } = await payload.find({
      collection: slug,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    all[slug] = docs as unknown as Row[]
  }
  return all
}

const filesOnDisk = (): string[] => {
  const walk = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((entry) =>
            entry.isDirectory() ? walk(path.join(dir, entry.name)) : [entry.name],
          )
      : []
  return [...walk(process.env.MEDIA_DIR!), ...walk(process.env.PRIVATE_FILES_DIR!)]
}

const filesOf = async (userId: number) => {
  const names: string[] = []
  for (const [slug, field] of [
    ['media', 'owner'],
    ['verification-documents', 'owner'],
    ['message-attachments', 'uploader'],
  ] as const) {
    const { docs } = await payload.find({
      collection: slug,
      where: { [field]: { equals: userId } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    for (const doc of docs as {
      filename?: string | null
      sizes?: Record<string, { filename?: string | null }>
    }[]) {
      if (doc.filename) names.push(doc.filename)
      for (const size of Object.values(doc.sizes ?? {}))
        if (size.filename) names.push(size.filename)
    }
  }
  return names
}

const requestDeletion = (
  who: Account,
  body: Record<string, unknown> = { password: TEST_PASSWORD },
) => rest.delete('/api/users/me', { token: who.token, body })

const storedRow = async (id: number) =>
  (await payload.db.findOne({ collection: 'users', where: { id: { equals: id } } })) as Row & {
    email: string
    deletionRequestedAt?: string | null
    erasureDueAt?: string | null
    erasedAt?: string | null
    sessions?: unknown[]
  }

/** The grace period has passed: the due date is moved back, as 14 days would. */
const fastForward = async (id: number) => {
  await payload.db.updateOne({
    collection: 'users',
    id,
    data: { erasureDueAt: new Date(Date.now() - 60_000).toISOString() },
    returning: false,
  })
}

const runErasureTask = async () => {
  await payload.jobs.queue({ task: ERASE_DUE_ACCOUNTS_TASK, queue: MARKETPLACE_QUEUE, input: {} })
  await runQueue()
}

const signedInAs = async (token: string) =>
  (await rest.get('/api/users/me', { token })).body?.user?.id ?? null

beforeAll(async () => {
  ctx = await startPayload('erasure')
  payload = ctx.payload
  rest = restClient(ctx.config)
  peer = await startStripePeer()
  const driver = new StripeBillingDriver({
    secretKey: peer.secretKey,
    webhookSecret: peer.webhookSecret,
    apiUrl: peer.url,
  })
  await driver.ensureCatalog()
  setBilling(payload, driver)
  categoryId = (await createCategory(payload, 'Photographers')).id
  admin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
})

afterAll(async () => {
  await peer?.close()
  await ctx?.stop()
})

afterEach(() => {
  expect(peer.refused).toEqual([])
})

describe('the erasure table', () => {
  it('names every collection of the config, each with a fate and what happens', () => {
    const missing = slugsOf().filter((slug) => !stepOf(slug))
    expect(missing).toEqual([])
    for (const slug of slugsOf()) {
      const step = stepOf(slug)!
      expect(['deleted', 'anonymised', 'kept', 'untouched']).toContain(step.fate)
      expect(step.what.length).toBeGreaterThan(10)
      // Whatever is about someone says which of their rows it is; what is kept says how long.
      if (step.fate !== 'untouched') expect('rows' in step).toBe(true)
      if (step.fate === 'kept' || step.fate === 'anonymised') expect(step.retention).toBeTruthy()
    }
  })
})

describe('DELETE /api/users/me', () => {
  it('needs a signed-in person', async () => {
    const res = await rest.delete('/api/users/me', { body: { password: TEST_PASSWORD } })
    expect(res.status).toBe(401)
    expect(res.body.success).toBe(false)
  })

  it('refuses a missing or wrong password and changes nothing', async () => {
    const who = await person('organizer')
    const before = await storedRow(who.user.id)
    const missing = await requestDeletion(who, {})
    expect(missing.status).toBe(400)
    expect(missing.body.error.details[0].field).toBe('password')
    const wrong = await requestDeletion(who, { password: 'Not-the-password-1!' })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD')
    const after = await storedRow(who.user.id)
    expect(after.deletionRequestedAt ?? null).toBeNull()
    expect(after.erasureDueAt ?? null).toBeNull()
    expect(after.sessions).toEqual(before.sessions)
    expect(await signedInAs(who.token)).toBe(who.user.id)
  })

  it('asks for the code of an account with two-step sign-in, and refuses a wrong one', async () => {
    const who = await person('organizer', enrolledTwoFactorData(payload, TEST_TOTP_SECRET))
    const missing = await requestDeletion(who)
    expect(missing.status).toBe(403)
    expect(missing.body.error.code).toBe('SECOND_FACTOR_REQUIRED')
    const wrong = await requestDeletion(who, { password: TEST_PASSWORD, code: '000000' })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe('SECOND_FACTOR_INVALID')
    expect((await storedRow(who.user.id)).erasureDueAt ?? null).toBeNull()
    expect(await signedInAs(who.token)).toBe(who.user.id)

    // The sign-in spent this step's code; the next request brings a fresh one.
    await payload.db.updateOne({
      collection: 'users',
      id: who.user.id,
      data: { totpLastStep: null },
      returning: false,
    })
    const right = await requestDeletion(who, {
      password: TEST_PASSWORD,
      code: totpCode(TEST_TOTP_SECRET),
    })
    expect(right.status).toBe(200)
  })

  it('answers the date 14 days on, ends every session and emails when and how to cancel', async () => {
    const who = await person('vendor')
    const res = await requestDeletion(who)
    expect(res.status).toBe(200)
    const due = new Date(res.body.data.erasureDueAt).getTime()
    expect(Math.abs(due - (Date.now() + 14 * DAY_MS))).toBeLessThan(60_000)
    expect(res.body.message).toMatch(/Signing in before then cancels it/)
    expect(await signedInAs(who.token)).toBeNull()
    expect((await storedRow(who.user.id)).sessions).toEqual([])

    // The person reads the dates on themselves; nobody writes them through the API.
    const self = await payload.findByID({
      collection: 'users',
      id: who.user.id,
      user: who.user,
      overrideAccess: false,
    })
    expect(self.erasureDueAt).toBe(res.body.data.erasureDueAt)
    expect(self.deletionRequestedAt).toEqual(expect.any(String))
    const login = await postLogin(rest, { email: who.email })
    await rest.patch(`/api/users/${who.user.id}`, {
      token: login.body.token,
      body: { erasureDueAt: inDays(-1), erasedAt: inDays(-1) },
    })
    // Signing in cancelled the request; the PATCH set neither date back.
    const row = await storedRow(who.user.id)
    expect(row.erasedAt ?? null).toBeNull()
    expect(row.erasureDueAt ?? null).toBeNull()

    await runQueue()
    const mail = mailTo(who.email)
    expect(mail).toMatch(/will be deleted on/)
    expect(mail).toMatch(/Signing in before then cancels the deletion/)
  })
})

describe('signing in during the grace period', () => {
  it('cancels the deletion and leaves every row of both people as it was', async () => {
    const organizer = await person('organizer')
    const vendor = await vendorPerson(enrolledTwoFactorData(payload, TEST_TOTP_SECRET))
    await seedEverything(organizer, vendor)
    await drainQueue()
    const subjects = [subjectOf(organizer), subjectOf(vendor, vendor.vendorId)]
    const before = await Promise.all(subjects.map(rowsAbout))
    const filesBefore = filesOnDisk()

    expect((await requestDeletion(organizer)).status).toBe(200)
    await payload.db.updateOne({
      collection: 'users',
      id: vendor.user.id,
      data: { totpLastStep: null },
      returning: false,
    })
    expect(
      (await requestDeletion(vendor, { password: TEST_PASSWORD, code: totpCode(TEST_TOTP_SECRET) }))
        .status,
    ).toBe(200)
    // The password alone, and the password with the code (two-step sign-in) both cancel.
    for (const who of [organizer, vendor]) {
      const login = await postLogin(rest, await loginBody(payload, who.user))
      expect(login.status).toBe(200)
      expect((await storedRow(who.user.id)).erasureDueAt ?? null).toBeNull()
    }
    await drainQueue()
    // Past the date the request would have been due: nothing is erased.
    const run = await eraseDueAccounts(payload, new Date(Date.now() + 15 * DAY_MS))
    expect(run.erased).not.toContain(organizer.user.id)
    expect(run.erased).not.toContain(vendor.user.id)

    const after = await Promise.all(subjects.map(rowsAbout))
    const comparable = (rows: Record<string, Row[]>) =>
      Object.fromEntries(
        Object.entries(rows).map(([slug, docs]) => [
          slug,
          slug === 'audit-log'
            ? docs.filter((doc) => !String(doc.action).startsWith('user.deletion-'))
            : docs.map((doc) =>
                // Sessions ended with the request; signing in made a new one.
                slug === 'users' ? { ...doc, updatedAt: undefined, sessions: undefined } : doc,
              ),
        ]),
      )
    expect(comparable(after[0]!)).toEqual(comparable(before[0]!))
    expect(comparable(after[1]!)).toEqual(comparable(before[1]!))
    expect((await storedRow(organizer.user.id)).erasedAt ?? null).toBeNull()
    expect(filesOnDisk().sort()).toEqual(filesBefore.sort())
    for (const who of [organizer, vendor]) {
      expect(mailTo(who.email)).toMatch(/will not be deleted/)
      const { docs } = await payload.find({
        collection: 'audit-log',
        where: {
          and: [
            { action: { equals: 'user.deletion-cancel' } },
            { targetId: { equals: String(who.user.id) } },
          ],
        },
        overrideAccess: true,
      })
      expect(docs).toHaveLength(1)
    }
  })
})

describe('erasure after the grace period', () => {
  let organizer: Account
  let vendor: VendorAccount
  let otherOrganizer: Account
  let otherVendor: VendorAccount
  let organizerSide: Awaited<ReturnType<typeof seedEverything>>
  let vendorSide: Awaited<ReturnType<typeof seedEverything>>
  let stripeSubscription: string
  const before: Record<'organizer' | 'vendor', Record<string, Row[]>> = {
    organizer: {},
    vendor: {},
  }
  let othersBefore: Record<string, Row[]>[]
  let theirFiles: string[]
  let othersFiles: string[]
  let traces: string[]
  let auditBefore: number

  beforeAll(async () => {
    organizer = await person('organizer')
    vendor = await vendorPerson()
    otherOrganizer = await person('organizer')
    otherVendor = await vendorPerson()
    // Each erased person deals with someone who stays.
    organizerSide = await seedEverything(organizer, otherVendor)
    vendorSide = await seedEverything(otherOrganizer, vendor)
    stripeSubscription = await subscribe(vendor)
    await runQueue()

    before.organizer = await rowsAbout(subjectOf(organizer))
    before.vendor = await rowsAbout(subjectOf(vendor, vendor.vendorId))
    othersBefore = await Promise.all([
      rowsAbout(subjectOf(otherOrganizer)),
      rowsAbout(subjectOf(otherVendor, otherVendor.vendorId)),
    ])
    theirFiles = [...(await filesOf(organizer.user.id)), ...(await filesOf(vendor.user.id))]
    othersFiles = [
      ...(await filesOf(otherOrganizer.user.id)),
      ...(await filesOf(otherVendor.user.id)),
    ]
    const vendorDoc = await payload.findByID({ collection: 'vendors', id: vendor.vendorId })
    traces = [
      ...[organizer, vendor].flatMap(({ user }) => [
        user.email,
        user.firstName,
        user.lastName,
        user.phone!,
      ]),
      vendorDoc.businessName,
      vendorDoc.contact!.email!,
      vendorDoc.website!,
      ...theirFiles,
    ]
    auditBefore = (await payload.count({ collection: 'audit-log', overrideAccess: true })).totalDocs

    await payload.jobs.run({ queue: 'search', limit: 500 })
    const found = await rest.get(
      `/api/vendors/search?query=${encodeURIComponent(vendorDoc.businessName)}`,
    )
    expect(found.body.data.vendors.map((hit: { id: number }) => hit.id)).toContain(vendor.vendorId)

    for (const who of [organizer, vendor]) {
      expect((await requestDeletion(who)).status).toBe(200)
      await fastForward(who.user.id)
    }
    await runErasureTask()
    await payload.jobs.run({ queue: 'search', limit: 500 })
  })

  it('leaves no trace of either person outside the append-only audit log', async () => {
    const all = await everything()
    for (const [slug, rows] of Object.entries(all)) {
      if (slug === 'audit-log') continue
      const text = JSON.stringify(rows)
      for (const trace of traces) {
        expect({ slug, trace, found: text.includes(trace) }).toEqual({ slug, trace, found: false })
      }
    }
  })

  it('erases both accounts: no sign-in, the email free to sign up again', async () => {
    for (const who of [organizer, vendor]) {
      const row = await storedRow(who.user.id)
      expect(row.erasedAt).toEqual(expect.any(String))
      expect(row.email).toBe(erasedEmail(who.user.id))
      expect(row).toMatchObject({
        firstName: 'Former',
        lastName: 'member',
        phone: null,
        avatar: null,
        hash: null,
        salt: null,
        apiKey: null,
        totpSecret: null,
        sessions: [],
        jobAlerts: false,
        messageEmails: false,
        role: who.user.role,
      })
      expect((await postLogin(rest, { email: who.email })).status).toBe(401)
      expect((await postLogin(rest, { email: erasedEmail(who.user.id) })).status).toBe(401)
    }
    const again = await rest.post('/api/users', {
      body: {
        email: organizer.email,
        password: TEST_PASSWORD,
        firstName: 'Wikitoria',
        lastName: 'Anew',
        ...SIGN_UP_CONSENT,
      },
    })
    expect(again.status).toBe(201)
  })

  it('ended the subscription in Stripe', async () => {
    expect(peer.subscriptions.get(stripeSubscription)!.status).toBe('canceled')
    const { docs } = await payload.find({
      collection: 'subscriptions',
      where: { stripeSubscriptionId: { equals: stripeSubscription } },
      overrideAccess: true,
    })
    expect(docs[0]!.status).toBe('canceled')
  })

  it('leaves in every collection exactly what the table says', async () => {
    const after = {
      organizer: await rowsAbout(subjectOf(organizer)),
      vendor: await rowsAbout(subjectOf(vendor, vendor.vendorId)),
    }
    const seededDeletes = new Set(['media', 'message-attachments', 'payload-preferences'])
    for (const slug of slugsOf()) {
      const step = stepOf(slug)!
      for (const side of ['organizer', 'vendor'] as const) {
        const was = before[side][slug] ?? []
        const now = after[side][slug] ?? []
        if (step.fate === 'deleted') {
          expect({ slug, side, left: now.length }).toEqual({ slug, side, left: 0 })
          if (seededDeletes.has(slug))
            expect({ slug, side, had: was.length > 0 }).toEqual({ slug, side, had: true })
        } else if (step.fate === 'untouched') {
          expect('rows' in step).toBe(false)
        } else {
          // Kept and anonymised rows stay, the same rows (the audit log gains the erasure entry).
          const ids = (rows: Row[]) => rows.map((row) => row.id)
          if (slug === 'audit-log') expect(ids(now)).toEqual(expect.arrayContaining(ids(was)))
          else expect({ slug, side, ids: ids(now) }).toEqual({ slug, side, ids: ids(was) })
        }
      }
    }
    expect(before.vendor['verification-documents']!.length).toBeGreaterThan(0)
    expect(before.vendor['review-responses']!.length).toBeGreaterThan(0)
    expect(before.organizer.bookings!.length).toBeGreaterThan(0)
  })

  it('deletes their files from storage and keeps everyone else’s', () => {
    expect(theirFiles.length).toBeGreaterThanOrEqual(8)
    const onDisk = new Set(filesOnDisk())
    expect(theirFiles.filter((name) => onDisk.has(name))).toEqual([])
    expect(othersFiles.filter((name) => !onDisk.has(name))).toEqual([])
  })

  it('takes the vendor profile off the site and out of search', async () => {
    const profile = await payload.findByID({
      collection: 'vendors',
      id: vendor.vendorId,
      depth: 0,
      overrideAccess: true,
    })
    expect(profile).toMatchObject({
      status: 'inactive',
      businessName: FORMER_MEMBER,
      portfolio: [],
    })
    expect(profile.owner).toBe(vendor.user.id)
    const res = await rest.get(`/api/vendors/search?query=${encodeURIComponent('Kōwhai Studio')}`)
    const ids = res.body.data.vendors.map((hit: { id: number }) => hit.id)
    expect(ids).not.toContain(vendor.vendorId)
    expect(ids).toContain(otherVendor.vendorId)
    expect((await rest.get(`/api/vendors/${vendor.vendorId}`)).status).toBe(404)
  })

  it('cancels open quotes and unbooked jobs through the state machine', async () => {
    const quoteOf = (id: number) =>
      payload.findByID({ collection: 'applications', id, overrideAccess: true })
    const jobOf = (id: number) =>
      payload.findByID({ collection: 'jobs', id, depth: 0, overrideAccess: true })
    // The erased vendor's open quote is withdrawn; the quote on the erased organizer's job declined.
    expect((await quoteOf(vendorSide.openQuote)).status).toBe('withdrawn')
    expect((await quoteOf(organizerSide.openQuote)).status).toBe('declined')
    const open = await jobOf(organizerSide.openJob)
    expect(open.status).toBe('closed')
    expect(open.history!.at(-1)).toMatchObject({
      from: 'published',
      to: 'closed',
      by: organizer.user.id,
    })
    expect((await jobOf(organizerSide.draftJob)).status).toBe('closed')
    expect((await jobOf(organizerSide.bookedJob)).status).toBe('filled')
    // The other organizer's jobs are theirs: still open.
    expect((await jobOf(vendorSide.openJob)).status).toBe('published')
    await runQueue()
    expect(mailTo(otherVendor.email)).toMatch(/went another way/)
  })

  it('keeps the booking, review and conversation for the other person, without the name', async () => {
    const booking = await rest.get(`/api/bookings/${organizerSide.bookingId}`, {
      token: otherVendor.token,
    })
    expect(booking.status).toBe(200)
    const review = await payload.findByID({
      collection: 'reviews',
      id: organizerSide.reviewId,
      overrideAccess: true,
    })
    expect(review.authorName).toBe(FORMER_ORGANIZER)
    expect(review.photos).toEqual([])
    const thread = await rest.get(`/api/messages/threads/${organizerSide.threadId}`, {
      token: otherVendor.token,
    })
    expect(thread.status).toBe(200)
    expect(JSON.stringify(thread.body)).toContain(FORMER_MEMBER)
    const messages = await rest.get(`/api/messages/threads/${organizerSide.threadId}/messages`, {
      token: otherVendor.token,
    })
    expect(messages.body.data.messages.map((m: { body: string }) => m.body)).toEqual(
      expect.arrayContaining(['Kia ora! Could you also do the rehearsal dinner?']),
    )
    // The pages: the inbox and the conversation name the erased side "Former member". Loaded
    // here: the module reads the config, which must see the test's environment first.
    const { conversation, inboxOf } = await import('../../src/lib/messaging/queries')
    const vendorsView = await conversation(organizerSide.threadId, otherVendor.user)
    expect(vendorsView!.otherName).toBe(FORMER_MEMBER)
    const organizersView = await conversation(vendorSide.threadId, otherOrganizer.user)
    expect(organizersView!.otherName).toBe(FORMER_MEMBER)
    expect(organizersView!.messages.map((m) => m.body)).toContain(
      'Yes, happily. I will send the details.',
    )
    const inbox = await inboxOf(otherOrganizer.user)
    expect(inbox.find((thread) => thread.id === vendorSide.threadId)!.otherName).toBe(FORMER_MEMBER)
  })

  it('leaves everyone else’s rows as they were', async () => {
    const now = await Promise.all([
      rowsAbout(subjectOf(otherOrganizer)),
      rowsAbout(subjectOf(otherVendor, otherVendor.vendorId)),
    ])
    // Their rows shared with an erased person changed only where the table says.
    const own = (rows: Record<string, Row[]>) =>
      Object.fromEntries(
        ['users', 'vendors', 'media', 'verification-documents', 'payments', 'subscriptions'].map(
          (slug) => [slug, rows[slug]],
        ),
      )
    expect(own(now[0]!)).toEqual(own(othersBefore[0]!))
    expect(own(now[1]!)).toEqual(own(othersBefore[1]!))
  })

  it('writes one audit entry each and sends the farewell to the address they had', async () => {
    for (const who of [organizer, vendor]) {
      const { docs } = await payload.find({
        collection: 'audit-log',
        where: {
          and: [
            { action: { equals: 'user.erase' } },
            { targetId: { equals: String(who.user.id) } },
          ],
        },
        overrideAccess: true,
      })
      expect(docs).toHaveLength(1)
      expect(JSON.stringify(docs[0])).not.toContain(who.email)
      expect(mailTo(who.email)).toMatch(/has been deleted/)
    }
    const total = (await payload.count({ collection: 'audit-log', overrideAccess: true })).totalDocs
    // Nothing was removed: the log only grew.
    expect(total).toBeGreaterThan(auditBefore)
  })
})

describe('deleting an account through Payload’s own routes', () => {
  it('refuses the person deleting themselves with DELETE /api/users/:id', async () => {
    const who = await vendorPerson()
    const res = await rest.delete(`/api/users/${who.user.id}`, { token: who.token })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toMatch(/DELETE \/api\/users\/me/)
    expect((await storedRow(who.user.id)).erasedAt ?? null).toBeNull()
    const profile = await payload.findByID({ collection: 'vendors', id: who.vendorId, depth: 0 })
    expect(profile).toMatchObject({ status: 'active', owner: who.user.id })
    const graphql = await rest.graphql(
      `mutation { deleteUser(id: ${who.user.id}) { id } }`,
      {},
      { token: who.token },
    )
    expect(graphql.body.errors?.[0]?.message).toBeTruthy()
    expect(await storedRow(who.user.id)).not.toBeNull()
  })

  it('refuses other people, and an admin’s bulk or GraphQL delete, leaving the account', async () => {
    const target = await vendorPerson()
    const stranger = await person('organizer')
    expect(
      (await rest.delete(`/api/users/${target.user.id}`, { token: stranger.token })).status,
    ).toBe(403)
    expect((await rest.delete(`/api/users/${target.user.id}`)).status).toBe(403)
    const bulk = await rest.delete(`/api/users?where[id][equals]=${target.user.id}`, {
      token: admin.token,
    })
    expect(bulk.status).toBeGreaterThanOrEqual(400)
    const graphql = await rest.graphql(
      `mutation { deleteUser(id: ${target.user.id}) { id } }`,
      {},
      { token: admin.token },
    )
    expect(graphql.body.errors?.[0]?.message).toMatch(/erased one at a time/)
    const row = await storedRow(target.user.id)
    expect(row.email).toBe(target.email)
  })

  it('erases at once when an admin deletes the account: no ownerless vendor stays listed', async () => {
    const target = await vendorPerson()
    const res = await rest.delete(`/api/users/${target.user.id}`, { token: admin.token })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ userId: target.user.id, vendorId: target.vendorId })
    expect((await storedRow(target.user.id)).erasedAt).toEqual(expect.any(String))
    const profile = await payload.findByID({
      collection: 'vendors',
      id: target.vendorId,
      depth: 0,
      overrideAccess: true,
    })
    expect(profile).toMatchObject({ status: 'inactive', owner: target.user.id })
    const { docs } = await payload.find({
      collection: 'audit-log',
      where: {
        and: [
          { action: { equals: 'user.erase' } },
          { targetId: { equals: String(target.user.id) } },
        ],
      },
      overrideAccess: true,
    })
    expect(docs[0]).toMatchObject({ actorId: admin.user.id })
    expect(mailTo(target.email)).toMatch(/has been deleted/)
    expect((await rest.delete(`/api/users/${target.user.id}`, { token: admin.token })).status).toBe(
      404,
    )
  })

  it('does not erase another admin at one click: their role is changed first', async () => {
    const other = await createUser(payload, rest, 'admin')
    const res = await rest.delete(`/api/users/${other.user.id}`, { token: admin.token })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ADMIN_ACCOUNT')
    const row = await storedRow(other.user.id)
    expect(row.email).toBe(other.email)
    expect(row.erasedAt ?? null).toBeNull()
  })
})
