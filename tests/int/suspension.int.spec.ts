import type { Payload } from 'payload'

import { totpCode } from '../../src/lib/auth/totp'
import { MARKETPLACE_QUEUE } from '../../src/lib/kit/email'
import type { User, Vendor } from '../../src/payload-types'
import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, postLogin, readMails, TEST_PASSWORD, TEST_TOTP_SECRET } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient
let admin: Awaited<ReturnType<typeof createUser>>
let moderator: Awaited<ReturnType<typeof createUser>>
let categoryId: number

const LOGIN_MUTATION =
  'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }'

const suspend = (id: number | string, body: unknown, token = admin.token) =>
  rest.post(`/api/users/${id}/suspend`, { token, body })
const lift = (id: number | string, token = admin.token) =>
  rest.post(`/api/users/${id}/unsuspend`, { token, body: {} })

const signedInAs = async (auth: { token?: string; apiKey?: string }) =>
  ((await rest.get('/api/users/me', auth)).body?.user?.id as number | undefined) ?? null

const runSearchJobs = () => payload.jobs.run({ queue: 'search', limit: 500 })
const runQueuedEmails = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 200 })

const searchNames = async (query: string): Promise<string[]> => {
  await runSearchJobs()
  const res = await rest.get(`/api/vendors/search?query=${encodeURIComponent(query)}`)
  expect(res.status).toBe(200)
  return res.body.data.vendors.map((vendor: { businessName: string }) => vendor.businessName)
}

const vendorStatus = async (id: number) =>
  ((await payload.findByID({ collection: 'vendors', id, depth: 0 })) as Vendor).status

const audits = async (action: string, targetId: number) =>
  (
    await payload.find({
      collection: 'audit-log',
      where: { action: { equals: action }, targetId: { equals: String(targetId) } },
      limit: 50,
    })
  ).docs

/** A vendor with a listed profile and an API key, signed in once. */
const listedVendor = async (businessName: string) => {
  const account = await createUser(payload, rest, 'vendor')
  const vendor = await createVendor(payload, account.user.id, categoryId, { businessName })
  const apiKey = `suspension-key-${account.user.id}-${Date.now()}`
  await payload.update({
    collection: 'users',
    id: account.user.id,
    data: { enableAPIKey: true, apiKey },
    overrideAccess: true,
  })
  return { ...account, vendor, apiKey }
}

beforeAll(async () => {
  ctx = await startPayload('suspension')
  payload = ctx.payload
  rest = restClient(ctx.config)
  admin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
  categoryId = (await createCategory(payload, 'Florists')).id
})

afterAll(async () => {
  await ctx?.stop()
})

describe('who may suspend', () => {
  it('refuses moderators, vendors, organizers and visitors, and changes nothing', async () => {
    const target = await createUser(payload, rest, 'organizer')
    const vendor = await createUser(payload, rest, 'vendor')
    const body = { reason: 'Abusive messages to vendors' }
    expect((await suspend(target.user.id, body, moderator.token)).status).toBe(403)
    expect((await suspend(target.user.id, body, vendor.token)).status).toBe(403)
    expect((await suspend(target.user.id, body, target.token)).status).toBe(403)
    const anonymous = await rest.post(`/api/users/${target.user.id}/suspend`, { body })
    expect(anonymous.status).toBe(401)
    expect((await lift(target.user.id, moderator.token)).status).toBe(403)
    expect(await signedInAs({ token: target.token })).toBe(target.user.id)
    expect(await audits('user.suspend', target.user.id)).toHaveLength(0)
  })

  it('answers bad requests with a 4xx that says what to fix', async () => {
    const target = await createUser(payload, rest, 'organizer')
    const missing = await suspend(target.user.id, {})
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ success: false, error: { code: 'INVALID_INPUT' } })
    expect(missing.body.error.message).toContain('reason')
    expect((await suspend(target.user.id, { reason: 'x'.repeat(1001) })).status).toBe(400)
    expect((await suspend(target.user.id, { reason: 42 })).status).toBe(400)
    const extra = await suspend(target.user.id, { reason: 'Spam listings', suspendedAt: null })
    expect(extra.status).toBe(400)
    expect(extra.body.error.message).toContain('suspendedAt')
    expect((await suspend('abc', { reason: 'Spam listings' })).status).toBe(404)
    expect((await suspend(999999, { reason: 'Spam listings' })).status).toBe(404)
    const notJson = await rest.post(`/api/users/${target.user.id}/suspend`, {
      token: admin.token,
      body: 'not an object',
    })
    expect(notJson.status).toBe(400)
    expect((await lift(target.user.id)).status).toBe(409)
    expect((await suspend(admin.user.id, { reason: 'Testing myself' })).status).toBe(409)
    const otherAdmin = await createUser(payload, rest, 'admin')
    const refused = await suspend(otherAdmin.user.id, { reason: 'Testing admins' })
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('Change its role first')
  })

  it('keeps the suspension fields out of every write but its own endpoints', async () => {
    const target = await createUser(payload, rest, 'organizer')
    await rest.patch(`/api/users/${target.user.id}`, {
      token: target.token,
      body: { suspendedAt: null, suspensionReason: 'set by myself' },
    })
    await rest.patch(`/api/users/${target.user.id}`, {
      token: admin.token,
      body: { suspendedAt: new Date().toISOString() },
    })
    const row = (await payload.findByID({ collection: 'users', id: target.user.id })) as User
    expect(row.suspendedAt ?? null).toBeNull()
    expect(row.suspensionReason ?? null).toBeNull()
    expect(await signedInAs({ token: target.token })).toBe(target.user.id)
  })
})

describe('a suspended vendor', () => {
  let account: Awaited<ReturnType<typeof listedVendor>>
  const reason = 'Taking bookings off the platform after warnings'

  beforeAll(async () => {
    account = await listedVendor('Kōwhai Flowers Napier')
    expect(await searchNames('Kōwhai Flowers')).toContain('Kōwhai Flowers Napier')
    expect(await signedInAs({ apiKey: account.apiKey })).toBe(account.user.id)
    const res = await suspend(account.user.id, { reason })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      success: true,
      data: { id: account.user.id, suspendedAt: expect.any(String), vendorStatus: 'inactive' },
    })
  })

  it('cannot sign in over REST, GraphQL or the Local API, and is told why', async () => {
    const restLogin = await postLogin(rest, { email: account.email })
    expect(restLogin.status).toBe(403)
    expect(JSON.stringify(restLogin.body)).toContain('This account is suspended')
    expect(restLogin.body.token).toBeUndefined()

    const graphql = await rest.graphql(LOGIN_MUTATION, {
      email: account.email,
      password: TEST_PASSWORD,
    })
    expect(graphql.body.data?.loginUser?.token ?? null).toBeNull()
    expect(graphql.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(graphql.body.errors?.[0]?.message).toContain('This account is suspended')

    // The site's log-in form calls this operation.
    await expect(
      payload.login({
        collection: 'users',
        data: { email: account.email, password: TEST_PASSWORD },
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('still gets a 401 for a wrong password, so the refusal tells a stranger nothing', async () => {
    const res = await postLogin(rest, { email: account.email, password: 'Wrong-Password-2026!' })
    expect(res.status).toBe(401)
    expect(JSON.stringify(res.body)).not.toContain('suspended')
  })

  it('has every session ended and its API key refused', async () => {
    expect(await signedInAs({ token: account.token })).toBeNull()
    expect(await signedInAs({ apiKey: account.apiKey })).toBeNull()
    const own = await rest.get(`/api/users/${account.user.id}`, { apiKey: account.apiKey })
    expect([401, 403]).toContain(own.status)
    const row = (await payload.db.findOne({
      collection: 'users',
      where: { id: { equals: account.user.id } },
    })) as { sessions?: unknown[] }
    expect(row.sessions ?? []).toHaveLength(0)
  })

  it('leaves the site and the search index', async () => {
    expect(await vendorStatus(account.vendor.id)).toBe('inactive')
    expect(await searchNames('Kōwhai Flowers')).not.toContain('Kōwhai Flowers Napier')
    const page = await rest.get(`/api/vendors/${account.vendor.id}`)
    expect(page.status).not.toBe(200)
  })

  it('is emailed the reason, though it cannot sign in', async () => {
    await runQueuedEmails()
    const mail = readMails(ctx.mailDir, account.email).find((text) =>
      text.includes('account is suspended'),
    )
    expect(mail).toBeDefined()
    expect(mail).toContain(reason)
  })

  it('is audited once, with the reason and the vendor status, and shown to staff', async () => {
    const [entry, ...more] = await audits('user.suspend', account.user.id)
    expect(more).toHaveLength(0)
    expect(entry).toMatchObject({
      actorId: admin.user.id,
      actorRole: 'admin',
      details: {
        reason,
        vendor: { id: account.vendor.id, status: { from: 'active', to: 'inactive' } },
      },
    })
    // The vendor status change is part of that entry, not a second one.
    expect(await audits('staff.update', account.vendor.id)).toHaveLength(0)
    const seen = await rest.get(`/api/users/${account.user.id}`, { token: moderator.token })
    expect(seen.body).toMatchObject({
      suspendedAt: expect.any(String),
      suspensionReason: reason,
    })
    expect(seen.body.suspendedVendorStatus).toBeUndefined()
    const listed = await rest.get(`/api/users?where[suspendedAt][exists]=true&depth=0&limit=100`, {
      token: admin.token,
    })
    expect(listed.body.docs.map((doc: User) => doc.id)).toContain(account.user.id)
    expect((await suspend(account.user.id, { reason: 'Again, twice' })).status).toBe(409)
  })

  it('gets everything back when the suspension is lifted', async () => {
    const res = await lift(account.user.id)
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ suspendedAt: null, vendorStatus: 'active' })
    const login = await postLogin(rest, { email: account.email })
    expect(login.status).toBe(200)
    expect(await signedInAs({ token: login.body.token })).toBe(account.user.id)
    expect(await signedInAs({ apiKey: account.apiKey })).toBe(account.user.id)
    expect(await vendorStatus(account.vendor.id)).toBe('active')
    expect(await searchNames('Kōwhai Flowers')).toContain('Kōwhai Flowers Napier')
    await runQueuedEmails()
    expect(
      readMails(ctx.mailDir, account.email).some((text) => text.includes('account is restored')),
    ).toBe(true)
    expect(await audits('user.unsuspend', account.user.id)).toHaveLength(1)
  })
})

describe('restoring the vendor status', () => {
  it('gives back the status it had, and leaves one staff changed meanwhile', async () => {
    const drafted = await listedVendor('Tui Draft Florals')
    await payload.update({
      collection: 'vendors',
      id: drafted.vendor.id,
      data: { status: 'draft' },
    })
    expect((await suspend(drafted.user.id, { reason: 'Fake reviews' })).status).toBe(200)
    expect(await vendorStatus(drafted.vendor.id)).toBe('inactive')
    expect((await lift(drafted.user.id)).status).toBe(200)
    expect(await vendorStatus(drafted.vendor.id)).toBe('draft')

    const changed = await listedVendor('Rātā Blooms')
    expect((await suspend(changed.user.id, { reason: 'Fake reviews' })).status).toBe(200)
    const edit = await rest.patch(`/api/vendors/${changed.vendor.id}`, {
      token: admin.token,
      body: { status: 'draft' },
    })
    expect(edit.status).toBe(200)
    expect((await lift(changed.user.id)).status).toBe(200)
    expect(await vendorStatus(changed.vendor.id)).toBe('draft')
  })
})

describe('the second sign-in step', () => {
  it('refuses to finish a sign-in begun before the suspension', async () => {
    const staffer = await createUser(payload, rest, 'moderator')
    const first = await postLogin(rest, { email: staffer.email })
    expect(first.status).toBe(401)
    const { challenge } = first.body.error.details
    expect((await suspend(staffer.user.id, { reason: 'Leaked a vendor document' })).status).toBe(
      200,
    )
    // The code has not been used: only the suspension can refuse it.
    await payload.db.updateOne({
      collection: 'users',
      id: staffer.user.id,
      data: { totpLastStep: null },
      returning: false,
    })
    const second = await rest.post('/api/users/login/2fa', {
      body: { challenge, code: totpCode(TEST_TOTP_SECRET) },
    })
    expect(second.status).toBe(403)
    expect(JSON.stringify(second.body)).toContain('This account is suspended')
    expect(second.body.token).toBeUndefined()
  })
})
