import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload, TaskConfig } from 'payload'

import { PEER_HEADER } from '../../plugins/rateLimits'
import { MARKETPLACE_QUEUE } from '../../src/lib/kit/email'
import { POLICY_VERSIONS } from '../../src/lib/privacy/policies'
import { RETENTION } from '../../src/lib/privacy/retention/periods'
import { RETENTION_TASK } from '../../src/lib/privacy/retention/tasks'
import type { User } from '../../src/payload-types'
import { inDays } from '../helpers/dates'
import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, SIGN_UP_CONSENT, TEST_PASSWORD } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient

beforeAll(async () => {
  ctx = await startPayload('consent')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

let signUps = 0
/** `POST /api/users` as a new visitor: each from an address of its own, under the sign-up limit. */
const signUp = (data: Record<string, unknown>) => {
  signUps += 1
  return rest.post('/api/users', {
    headers: { [PEER_HEADER]: `203.0.113.${signUps}` },
    body: {
      email: `consent-${signUps}-${Date.now().toString(36)}@example.test`,
      firstName: 'Kiri',
      lastName: 'Walker',
      password: TEST_PASSWORD,
      role: 'organizer',
      ...data,
    },
  })
}

const stored = (id: number) =>
  payload.findByID({ collection: 'users', id, depth: 0 }) as Promise<User>

const fieldErrors = (body: { errors?: { data?: { errors?: { path: string }[] } }[] }) =>
  (body.errors?.[0]?.data?.errors ?? []).map((error) => error.path)

/** The time a test step began, to tell a server-set time from a forged one. */
const since = () => Date.now() - 1000

describe('sign-up records acceptance of the terms and the privacy policy', () => {
  it.each([
    [{ acceptPrivacy: true }, ['acceptTerms'], /terms of use/],
    [{ acceptTerms: true }, ['acceptPrivacy'], /privacy policy/],
    [{}, ['acceptTerms', 'acceptPrivacy'], /accept the terms of use/],
    [{ acceptTerms: false, acceptPrivacy: true }, ['acceptTerms'], /tick the box/i],
  ])(
    'refuses a sign-up with %j, naming the missing acceptance',
    async (consent, paths, message) => {
      const email = `refused-${paths.join('-')}-${Math.random()}@example.test`
      const res = await signUp({ email, ...consent })
      expect(res.status).toBe(400)
      expect(fieldErrors(res.body).sort()).toEqual([...paths].sort())
      expect(res.body.error.details).toEqual(
        expect.arrayContaining(paths.map((field) => expect.objectContaining({ field }))),
      )
      expect(JSON.stringify(res.body)).toMatch(message)
      expect(
        (await payload.count({ collection: 'users', where: { email: { equals: email } } }))
          .totalDocs,
      ).toBe(0)
    },
  )

  it('records the versions in force and the server time, ignoring forged ones', async () => {
    const start = since()
    const res = await signUp({
      ...SIGN_UP_CONSENT,
      termsVersion: '2001-01-01',
      termsAcceptedAt: '2001-01-01T00:00:00.000Z',
      privacyVersion: '2099-01-01',
      privacyAcceptedAt: '2099-01-01T00:00:00.000Z',
      marketingEmailsChangedAt: '2001-01-01T00:00:00.000Z',
    })
    expect(res.status).toBe(201)
    const user = await stored(res.body.doc.id)
    expect(user.termsVersion).toBe(POLICY_VERSIONS.terms)
    expect(user.privacyVersion).toBe(POLICY_VERSIONS.privacy)
    for (const time of [user.termsAcceptedAt, user.privacyAcceptedAt]) {
      expect(new Date(time!).getTime()).toBeGreaterThanOrEqual(start)
      expect(new Date(time!).getTime()).toBeLessThanOrEqual(Date.now())
    }
    expect(new Date(user.marketingEmailsChangedAt!).getTime()).toBeGreaterThanOrEqual(start)
  })

  it('leaves marketing email off unless the person ticks it, as a separate choice', async () => {
    const quiet = await signUp(SIGN_UP_CONSENT)
    expect(quiet.status).toBe(201)
    expect((await stored(quiet.body.doc.id)).marketingEmails).toBe(false)

    const keen = await signUp({ ...SIGN_UP_CONSENT, marketingEmails: true })
    expect(keen.status).toBe(201)
    expect((await stored(keen.body.doc.id)).marketingEmails).toBe(true)

    // Marketing alone is no acceptance of the terms.
    const onlyMarketing = await signUp({ marketingEmails: true })
    expect(onlyMarketing.status).toBe(400)
  })

  it('asks GraphQL sign-ups for the same acceptances', async () => {
    const mutation = `mutation ($data: mutationUserInput!) { createUser(data: $data) { id termsVersion } }`
    const data = {
      email: `graphql-${Date.now()}@example.test`,
      password: TEST_PASSWORD,
      firstName: 'Kiri',
      lastName: 'Walker',
      role: 'organizer',
    }
    const refused = await rest.graphql(mutation, { data })
    expect(JSON.stringify(refused.body.errors)).toMatch(/terms of use/)
    const accepted = await rest.graphql(mutation, { data: { ...data, ...SIGN_UP_CONSENT } })
    expect(accepted.body.errors).toBeUndefined()
    expect(accepted.body.data.createUser.termsVersion).toBe(POLICY_VERSIONS.terms)
  })
})

describe('staff-created accounts', () => {
  it('record no acceptance: staff cannot accept or opt in for someone', async () => {
    const admin = await createUser(payload, rest, 'admin')
    const res = await rest.post('/api/users', {
      token: admin.token,
      body: {
        email: `by-staff-${Date.now()}@example.test`,
        password: TEST_PASSWORD,
        firstName: 'Tama',
        lastName: 'Staff-Made',
        ...SIGN_UP_CONSENT,
        marketingEmails: true,
      },
    })
    expect(res.status).toBe(201)
    const user = await stored(res.body.doc.id)
    expect(user.termsVersion ?? null).toBeNull()
    expect(user.privacyAcceptedAt ?? null).toBeNull()
    expect(user.marketingEmails).toBe(false)
  })
})

describe('the person manages their own consents', () => {
  let owner: Awaited<ReturnType<typeof createUser>>
  let other: Awaited<ReturnType<typeof createUser>>

  beforeAll(async () => {
    owner = await createUser(payload, rest, 'organizer')
    other = await createUser(payload, rest, 'vendor')
  })

  it('reads their consents on their own account', async () => {
    const signedUp = await signUp(SIGN_UP_CONSENT)
    // Until the email is confirmed there is no sign-in; read through the owner's access instead.
    const own = await payload.findByID({
      collection: 'users',
      id: signedUp.body.doc.id,
      overrideAccess: false,
      user: { ...(await stored(signedUp.body.doc.id)), collection: 'users' },
    })
    expect(own).toMatchObject({
      termsVersion: POLICY_VERSIONS.terms,
      privacyVersion: POLICY_VERSIONS.privacy,
      marketingEmails: false,
    })
  })

  it('turns marketing email on and off, and records when', async () => {
    const before = (await stored(owner.user.id)).marketingEmailsChangedAt
    const start = since()
    const on = await rest.patch(`/api/users/${owner.user.id}`, {
      token: owner.token,
      body: { marketingEmails: true },
    })
    expect(on.status).toBe(200)
    const after = await stored(owner.user.id)
    expect(after.marketingEmails).toBe(true)
    expect(after.marketingEmailsChangedAt).not.toBe(before)
    expect(new Date(after.marketingEmailsChangedAt!).getTime()).toBeGreaterThanOrEqual(start)

    // Saving other details leaves the time of the marketing choice alone.
    await rest.patch(`/api/users/${owner.user.id}`, {
      token: owner.token,
      body: { phone: '021 555 0101', marketingEmails: true },
    })
    expect((await stored(owner.user.id)).marketingEmailsChangedAt).toBe(
      after.marketingEmailsChangedAt,
    )

    const off = await rest.patch(`/api/users/${owner.user.id}`, {
      token: owner.token,
      body: { marketingEmails: false },
    })
    expect(off.status).toBe(200)
    expect((await stored(owner.user.id)).marketingEmails).toBe(false)
  })

  it("refuses another user's change to someone's marketing choice", async () => {
    const res = await rest.patch(`/api/users/${owner.user.id}`, {
      token: other.token,
      body: { marketingEmails: true },
    })
    expect(res.status).toBe(403)
    expect((await stored(owner.user.id)).marketingEmails).toBe(false)

    const viaQuery = await rest.patch(`/api/users?where[id][equals]=${owner.user.id}`, {
      token: other.token,
      body: { marketingEmails: true },
    })
    expect(viaQuery.body.docs ?? []).toHaveLength(0)
    expect((await stored(owner.user.id)).marketingEmails).toBe(false)
  })

  it('keeps the choice the person made even when an admin edits the account', async () => {
    const admin = await createUser(payload, rest, 'admin')
    const res = await rest.patch(`/api/users/${owner.user.id}`, {
      token: admin.token,
      body: { marketingEmails: true, acceptTerms: true, phone: '021 555 0102' },
    })
    expect(res.status).toBe(200)
    const after = await stored(owner.user.id)
    expect(after.phone).toBe('021 555 0102')
    expect(after.marketingEmails).toBe(false)
    expect(after.termsVersion ?? null).toBeNull()
  })

  it('reveals nothing through a filter on another person’s consents', async () => {
    await payload.update({
      collection: 'users',
      id: other.user.id,
      data: { acceptTerms: true },
    })
    const res = await rest.get(
      `/api/users?where[termsVersion][equals]=${POLICY_VERSIONS.terms}&limit=100`,
      { token: owner.token },
    )
    expect(res.status).toBe(200)
    expect(res.body.docs.map((doc: User) => doc.id)).not.toContain(other.user.id)
  })

  it('accepts a newer policy version with the server’s version and time, never a forged one', async () => {
    // An acceptance of an older version, as before the policies changed.
    await payload.db.updateOne({
      collection: 'users',
      id: owner.user.id,
      data: { termsVersion: '2025-01-01', termsAcceptedAt: '2025-01-01T00:00:00.000Z' },
      returning: false,
    })
    const forged = await rest.patch(`/api/users/${owner.user.id}`, {
      token: owner.token,
      body: { termsVersion: POLICY_VERSIONS.terms, termsAcceptedAt: new Date().toISOString() },
    })
    expect(forged.status).toBe(200)
    expect((await stored(owner.user.id)).termsVersion).toBe('2025-01-01')

    const start = since()
    const accepted = await rest.patch(`/api/users/${owner.user.id}`, {
      token: owner.token,
      body: { acceptTerms: true },
    })
    expect(accepted.status).toBe(200)
    const after = await stored(owner.user.id)
    expect(after.termsVersion).toBe(POLICY_VERSIONS.terms)
    expect(new Date(after.termsAcceptedAt!).getTime()).toBeGreaterThanOrEqual(start)

    const me = await rest.get('/api/users/me', { token: owner.token })
    expect(me.body.user).toMatchObject({
      termsVersion: POLICY_VERSIONS.terms,
      termsAcceptedAt: after.termsAcceptedAt,
      marketingEmails: false,
    })
  })

  it("refuses an acceptance sent for someone else's account", async () => {
    const res = await rest.patch(`/api/users/${other.user.id}`, {
      token: owner.token,
      body: { acceptPrivacy: true },
    })
    expect(res.status).toBe(403)
    expect((await stored(other.user.id)).privacyVersion ?? null).toBeNull()
  })
})

describe('the retention job', () => {
  /** An account made `ageDays` ago, confirmed or not, as a sign-up or an admin would make it. */
  const accountAged = async (ageDays: number, { verified = false, role = 'organizer' } = {}) => {
    const user = await payload.create({
      collection: 'users',
      data: {
        email: `aged-${ageDays}-${role}-${verified}-${Math.random()}@example.test`,
        password: TEST_PASSWORD,
        firstName: 'Aged',
        lastName: 'Account',
        role: role as User['role'],
        _verified: verified,
      },
      disableVerificationEmail: true,
      context: { seeding: true },
    })
    await payload.db.updateOne({
      collection: 'users',
      id: user.id,
      data: { createdAt: inDays(-ageDays) },
      returning: false,
    })
    return user.id
  }

  const exists = async (
    collection: 'users' | 'threads' | 'messages' | 'message-attachments',
    id: number,
  ) => (await payload.count({ collection, where: { id: { equals: id } } })).totalDocs === 1

  /** A conversation of two messages, one with a PDF attached, its last message `ageDays` ago. */
  const conversationAged = async (ageDays: number) => {
    const category = await createCategory(payload, `Caterers ${Math.random()}`)
    const organizer = await createUser(payload, rest, 'organizer')
    const vendorUser = await createUser(payload, rest, 'vendor')
    const vendor = await createVendor(payload, vendorUser.user.id, category.id)
    const started = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: { vendor: vendor.id, body: 'Kia ora, are you free on 14 March?' },
    })
    expect(started.status).toBe(201)
    const threadId: number = started.body.data.thread.id
    const form = new FormData()
    form.append(
      'file',
      new Blob([fixture('document.pdf')], { type: 'application/pdf' }),
      'menu.pdf',
    )
    form.append('_payload', JSON.stringify({ thread: threadId }))
    const uploaded = await rest.post('/api/message-attachments', {
      token: organizer.token,
      formData: form,
    })
    expect(uploaded.status).toBe(201)
    const sent = await rest.post(`/api/messages/threads/${threadId}/messages`, {
      token: organizer.token,
      body: { body: 'Here is our menu', attachments: [uploaded.body.doc.id] },
    })
    expect(sent.status).toBe(201)
    await payload.db.updateOne({
      collection: 'threads',
      id: threadId,
      data: { lastMessageAt: inDays(-ageDays) },
      returning: false,
    })
    return {
      threadId,
      attachmentId: uploaded.body.doc.id as number,
      filename: uploaded.body.doc.filename as string,
    }
  }

  const storedFiles = (): string[] => {
    const root = process.env.PRIVATE_FILES_DIR!
    if (!fs.existsSync(root)) return []
    return fs.readdirSync(root, { recursive: true }).map((entry) => path.basename(String(entry)))
  }

  const runRetention = async () => {
    await payload.jobs.queue({ task: RETENTION_TASK, queue: MARKETPLACE_QUEUE, input: {} })
    await payload.jobs.run({ queue: MARKETPLACE_QUEUE })
  }

  it('is scheduled daily on the marketplace queue', () => {
    const task = (payload.config.jobs.tasks as TaskConfig[]).find(
      (candidate) => candidate.slug === RETENTION_TASK,
    )
    expect(task?.schedule).toEqual([{ cron: '0 30 3 * * *', queue: MARKETPLACE_QUEUE }])
  })

  it('removes unconfirmed sign-ups older than 30 days and keeps every other account', async () => {
    const stale = await accountAged(RETENTION.unverifiedSignUpDays + 1)
    const staleVendor = await accountAged(RETENTION.unverifiedSignUpDays + 1, { role: 'vendor' })
    const recent = await accountAged(RETENTION.unverifiedSignUpDays - 1)
    const confirmed = await accountAged(RETENTION.unverifiedSignUpDays + 400, { verified: true })
    const staffMember = await accountAged(RETENTION.unverifiedSignUpDays + 1, { role: 'moderator' })
    // Unconfirmed but with a vendor profile (made by staff): someone must look at it, not a job.
    const withProfile = await accountAged(RETENTION.unverifiedSignUpDays + 1, { role: 'vendor' })
    const category = await createCategory(payload, 'Photographers')
    await createVendor(payload, withProfile, category.id)

    await runRetention()

    expect(await exists('users', stale)).toBe(false)
    expect(await exists('users', staleVendor)).toBe(false)
    expect(await exists('users', recent)).toBe(true)
    expect(await exists('users', confirmed)).toBe(true)
    expect(await exists('users', staffMember)).toBe(true)
    expect(await exists('users', withProfile)).toBe(true)

    const { docs } = await payload.find({
      collection: 'audit-log',
      where: { action: { equals: 'privacy.retention' } },
      sort: '-createdAt',
      limit: 1,
    })
    expect(docs[0]?.details).toMatchObject({
      unverifiedAccounts: expect.arrayContaining([stale, staleVendor]),
    })
    expect((docs[0]?.details as { unverifiedAccounts: number[] }).unverifiedAccounts).not.toContain(
      recent,
    )
  })

  it('deletes conversations idle for 3 years with their messages and files, and keeps newer ones', async () => {
    const idle = await conversationAged(3 * 365 + 2)
    const active = await conversationAged(2 * 365)
    expect(storedFiles()).toEqual(expect.arrayContaining([idle.filename, active.filename]))

    await runRetention()

    expect(await exists('threads', idle.threadId)).toBe(false)
    expect(await exists('message-attachments', idle.attachmentId)).toBe(false)
    expect(
      (
        await payload.count({
          collection: 'messages',
          where: { thread: { equals: idle.threadId } },
        })
      ).totalDocs,
    ).toBe(0)
    expect(storedFiles()).not.toContain(idle.filename)

    expect(await exists('threads', active.threadId)).toBe(true)
    expect(await exists('message-attachments', active.attachmentId)).toBe(true)
    expect(
      (
        await payload.count({
          collection: 'messages',
          where: { thread: { equals: active.threadId } },
        })
      ).totalDocs,
    ).toBe(2)
    expect(storedFiles()).toContain(active.filename)
  })

  it('deletes rejected and expired verification documents 3 years old, files too, and keeps the rest', async () => {
    const category = await createCategory(payload, `Venues ${Math.random()}`)
    const vendorUser = await createUser(payload, rest, 'vendor')
    await createVendor(payload, vendorUser.user.id, category.id)
    const upload = async (type: string) => {
      const form = new FormData()
      form.append(
        'file',
        new Blob([fixture('document.pdf')], { type: 'application/pdf' }),
        `${type}.pdf`,
      )
      form.append('_payload', JSON.stringify({ type, expiresAt: inDays(200) }))
      const res = await rest.post('/api/verification-documents', {
        token: vendorUser.token,
        formData: form,
      })
      expect(res.status).toBe(201)
      return res.body.doc as { id: number; filename: string }
    }
    /** A document's decision as it stood `ageDays` ago (the moderators' endpoint stamps today). */
    const settle = async (id: number, status: string, ageDays: number) => {
      const drizzle = (payload.db as unknown as PostgresAdapter).drizzle
      await drizzle.execute(
        sql`UPDATE verification_documents SET status = ${status}, updated_at = ${inDays(-ageDays)} WHERE id = ${id}`,
      )
    }
    const oldRejected = await upload('insurance')
    const oldExpired = await upload('insurance')
    const oldApproved = await upload('insurance')
    const recentRejected = await upload('insurance')
    const oldPending = await upload('insurance')
    await settle(oldRejected.id, 'rejected', 3 * 365 + 2)
    await settle(oldExpired.id, 'expired', 3 * 365 + 2)
    await settle(oldApproved.id, 'approved', 3 * 365 + 2)
    await settle(recentRejected.id, 'rejected', 2 * 365)
    await settle(oldPending.id, 'pending', 3 * 365 + 2)

    await runRetention()

    const left = async (doc: { id: number }) =>
      (
        await payload.count({
          collection: 'verification-documents',
          where: { id: { equals: doc.id } },
        })
      ).totalDocs === 1
    expect(await left(oldRejected)).toBe(false)
    expect(await left(oldExpired)).toBe(false)
    expect(storedFiles()).not.toContain(oldRejected.filename)
    expect(storedFiles()).not.toContain(oldExpired.filename)
    for (const kept of [oldApproved, recentRejected, oldPending]) {
      expect(await left(kept)).toBe(true)
      expect(storedFiles()).toContain(kept.filename)
    }
  })
})
