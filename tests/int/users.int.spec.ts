import type { Payload } from 'payload'

import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import {
  createUser,
  readLatestMail,
  SIGN_UP_CONSENT,
  TEST_PASSWORD,
  tokenFromMail,
} from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient

beforeAll(async () => {
  ctx = await startPayload('users')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

const countUsers = async (email: string) =>
  (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs

const signUp = (data: Record<string, unknown>) =>
  rest.post('/api/users', {
    body: {
      firstName: 'Aroha',
      lastName: 'Ngata',
      password: TEST_PASSWORD,
      role: 'organizer',
      ...SIGN_UP_CONSENT,
      ...data,
    },
  })

describe('sign-up, email verification and login', () => {
  it('signs up an organizer who must confirm their email before logging in', async () => {
    const email = 'aroha@example.test'
    const res = await signUp({ email })
    expect(res.status).toBe(201)
    expect(res.body.doc.role).toBe('organizer')
    expect(res.body.doc.hash).toBeUndefined()

    const early = await rest.post('/api/users/login', { body: { email, password: TEST_PASSWORD } })
    expect(early.status).toBe(403)
    expect(early.body.errors[0].message).toMatch(/verif/i)

    const mail = readLatestMail(ctx.mailDir, email)
    expect(mail).toContain('Confirm your email')
    const token = tokenFromMail(mail!, '/verify-email')
    expect(token).toBeTruthy()
    expect((await rest.post(`/api/users/verify/${token}`)).status).toBe(200)

    const login = await rest.post('/api/users/login', { body: { email, password: TEST_PASSWORD } })
    expect(login.status).toBe(200)
    expect(login.body.user.email).toBe(email)
  })

  it('lets people sign up as vendors', async () => {
    const res = await signUp({ email: 'wiremu@example.test', role: 'vendor' })
    expect(res.status).toBe(201)
    expect(res.body.doc.role).toBe('vendor')
  })

  it.each(['admin', 'moderator'])(
    'refuses self-registration as %s and stores nothing',
    async (role) => {
      const email = `sneaky-${role}@example.test`
      const res = await signUp({ email, role })
      expect(res.status).toBe(403)
      expect(res.body.errors[0].message).toMatch(/only an admin can grant/)
      expect(await countUsers(email)).toBe(0)
    },
  )

  it.each([
    ['short', 'Ab1!', /at least 8 characters/],
    ['no upper case', 'kiwi-events-2026!', /upper-case/],
    ['no digit', 'Kiwi-Events-Now!', /digit/],
    ['no special character', 'KiwiEvents2026', /special character/],
    ['too long', `Aa1!${'x'.repeat(130)}`, /at most 128/],
    ['containing the email', 'Priya.patel1!', /email address or name/],
  ])(
    'refuses a weak password (%s) with a clear message and stores nothing',
    async (_, password, message) => {
      const email = 'priya.patel@example.test'
      const res = await signUp({ email, password, firstName: 'Priya', lastName: 'Patel' })
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body)).toMatch(message)
      expect(await countUsers(email)).toBe(0)
    },
  )

  it('refuses a malformed email and a bad name with 400', async () => {
    const res = await signUp({ email: 'not-an-email', firstName: '<script>' })
    expect(res.status).toBe(400)
    const paths = res.body.errors[0].data.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['email', 'firstName']))
  })

  it('accepts names with macrons, hyphens and apostrophes', async () => {
    const res = await signUp({
      email: 'mere@example.test',
      firstName: 'Mere-Āni',
      lastName: "O'Connor",
    })
    expect(res.status).toBe(201)
  })

  it('refuses unknown fields at sign-up', async () => {
    const res = await signUp({ email: 'extra@example.test', isAdmin: true })
    expect(res.status).toBe(400)
    expect(await countUsers('extra@example.test')).toBe(0)
  })
})

describe('lockout', () => {
  it('blocks an account after 5 failed logins, even for the right password, until an admin unlocks it', async () => {
    const { email } = await createUser(payload, rest, 'organizer')
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await rest.post('/api/users/login', {
        body: { email, password: 'Wrong-password-1!' },
      })
      expect(res.status).toBe(401)
    }
    // The rate limit's answer, the same as for an email with no account (tests/int/rateLimits).
    const locked = await rest.post('/api/users/login', { body: { email, password: TEST_PASSWORD } })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('RATE_LIMITED')
    expect(locked.body.errors[0].message).toMatch(/too many sign-in attempts/i)

    const other = await createUser(payload, rest, 'vendor')
    const refused = await rest.post('/api/users/unlock', { token: other.token, body: { email } })
    expect(refused.status).toBe(403)

    const admin = await createUser(payload, rest, 'admin')
    expect(
      (await rest.post('/api/users/unlock', { token: admin.token, body: { email } })).status,
    ).toBe(200)
    expect(
      (await rest.post('/api/users/login', { body: { email, password: TEST_PASSWORD } })).status,
    ).toBe(200)
  })
})

describe('password reset', () => {
  it('resets a password from the emailed link, applying the password policy', async () => {
    const { email } = await createUser(payload, rest, 'organizer')
    expect((await rest.post('/api/users/forgot-password', { body: { email } })).status).toBe(200)
    const token = tokenFromMail(readLatestMail(ctx.mailDir, email)!, '/reset-password')
    expect(token).toBeTruthy()

    const weak = await rest.post('/api/users/reset-password', {
      body: { token, password: 'password' },
    })
    expect(weak.status).toBe(400)
    expect(JSON.stringify(weak.body)).toMatch(/not strong enough/)

    const newPassword = 'Fresh-Start-2027!'
    const ok = await rest.post('/api/users/reset-password', {
      body: { token, password: newPassword },
    })
    expect(ok.status).toBe(200)
    expect(
      (await rest.post('/api/users/login', { body: { email, password: TEST_PASSWORD } })).status,
    ).toBe(401)
    expect(
      (await rest.post('/api/users/login', { body: { email, password: newPassword } })).status,
    ).toBe(200)
  })

  it('refuses a made-up reset token', async () => {
    const res = await rest.post('/api/users/reset-password', {
      body: { token: 'made-up', password: 'Fresh-Start-2027!' },
    })
    expect(res.status).toBe(403)
  })
})

describe('roles', () => {
  it('never lets a user raise their own role', async () => {
    const vendor = await createUser(payload, rest, 'vendor')
    const res = await rest.patch(`/api/users/${vendor.user.id}`, {
      token: vendor.token,
      body: { role: 'admin' },
    })
    expect(res.status).toBe(403)
    expect((await payload.findByID({ collection: 'users', id: vendor.user.id })).role).toBe(
      'vendor',
    )
  })

  it('lets an admin grant the moderator role', async () => {
    const admin = await createUser(payload, rest, 'admin')
    const person = await createUser(payload, rest, 'organizer')
    const res = await rest.patch(`/api/users/${person.user.id}`, {
      token: admin.token,
      body: { role: 'moderator' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.role).toBe('moderator')
  })

  it('lets people edit their own details but not read or edit anyone else', async () => {
    const a = await createUser(payload, rest, 'organizer')
    const b = await createUser(payload, rest, 'organizer')
    expect(
      (
        await rest.patch(`/api/users/${a.user.id}`, {
          token: a.token,
          body: { phone: '021 555 0101' },
        })
      ).status,
    ).toBe(200)
    expect((await rest.get(`/api/users/${b.user.id}`, { token: a.token })).status).toBe(404)
    expect([403, 404]).toContain(
      (
        await rest.patch(`/api/users/${b.user.id}`, {
          token: a.token,
          body: { firstName: 'Hacked' },
        })
      ).status,
    )
    const list = await rest.get('/api/users', { token: a.token })
    expect(list.body.docs.map((d: { id: number }) => d.id)).toEqual([a.user.id])
  })
})

describe('API keys for integrators', () => {
  it('authenticates REST calls with a vendor API key', async () => {
    const integrator = await createUser(payload, rest, 'vendor')
    const apiKey = 'a3f1c2d4-integration-key-0001'
    const enabled = await rest.patch(`/api/users/${integrator.user.id}`, {
      token: integrator.token,
      body: { enableAPIKey: true, apiKey },
    })
    expect(enabled.status).toBe(200)
    const me = await rest.get('/api/users/me', { apiKey })
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(integrator.user.id)
    const wrong = await rest.get('/api/users/me', { apiKey: 'not-a-real-key' })
    expect(wrong.body.user).toBeNull()
  })

  it('does not give API keys to organizers, who have no admin access', async () => {
    const organizer = await createUser(payload, rest, 'organizer')
    const apiKey = 'b7e2d1c0-organizer-key-0002'
    await rest.patch(`/api/users/${organizer.user.id}`, {
      token: organizer.token,
      body: { enableAPIKey: true, apiKey },
    })
    expect((await rest.get('/api/users/me', { apiKey })).body.user).toBeNull()
  })
})
