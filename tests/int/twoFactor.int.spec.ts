import type { Payload } from 'payload'

import { totpCode } from '../../src/lib/auth/totp'
import {
  confirmEnrolment,
  disableTwoFactor,
  startEnrolment,
  verifySecondFactor,
} from '../../src/lib/auth/twoFactor'
import type { User } from '../../src/payload-types'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import {
  createUser,
  postLogin,
  readMails,
  sessionReq,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
} from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient

beforeAll(async () => {
  ctx = await startPayload('two_factor')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

const now = () => Math.floor(Date.now() / 1000)

/** The request of a signed-in person: their session too, as the site's actions have it. */
const reqFor = async ({ user, token }: { user: User; token: string }) =>
  sessionReq(payload, user, token)

/** An organizer who has turned two-factor on from their account page; their secret and codes. */
const enrolledOrganizer = async () => {
  const account = await createUser(payload, rest, 'organizer')
  const req = await reqFor(account)
  const { secret, uri, qrCode } = await startEnrolment(req, account.user)
  const recoveryCodes = await confirmEnrolment(req, account.user, totpCode(secret))
  return { ...account, secret, uri, qrCode, recoveryCodes }
}

const audits = async (action: string, targetId: number) =>
  (
    await payload.find({
      collection: 'audit-log',
      where: { action: { equals: action }, targetId: { equals: String(targetId) } },
      overrideAccess: true,
    })
  ).docs

const login = (email: string, extra: Record<string, unknown> = {}) =>
  postLogin(rest, { email, ...extra })

const sessionCount = async (id: number) =>
  ((await payload.db.findOne({ collection: 'users', where: { id: { equals: id } } })) as User)
    .sessions?.length ?? 0

describe('enrolling in two-factor sign-in', () => {
  it('gives a QR code and the secret, then takes a code and returns ten recovery codes', async () => {
    const account = await createUser(payload, rest, 'organizer')
    const req = await reqFor(account)
    const { secret, uri, qrCode } = await startEnrolment(req, account.user)
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(uri).toBe(
      `otpauth://totp/Event%20Pros%20NZ:${encodeURIComponent(account.email)}?secret=${secret}&issuer=Event%20Pros%20NZ`,
    )
    expect(qrCode).toMatch(/^<svg/)

    await expect(confirmEnrolment(req, account.user, '000000')).rejects.toThrow('did not match')
    const codes = await confirmEnrolment(req, account.user, totpCode(secret))
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    codes.forEach((code) => expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/))

    const me = await rest.get('/api/users/me', { token: account.token })
    expect(me.body.user.totpEnabledAt).toEqual(expect.any(String))
    expect(await audits('user.2fa-enable', account.user.id)).toHaveLength(1)
    expect(readMails(ctx.mailDir, account.email).join('\n')).toContain(
      'Two-step sign-in is on for your Event Pros NZ account',
    )
  })

  it('never lets the secret or the recovery codes out through REST or GraphQL', async () => {
    const account = await enrolledOrganizer()
    const admin = await createUser(payload, rest, 'admin')
    for (const token of [account.token, admin.token]) {
      const own = await rest.get(`/api/users/${account.user.id}`, { token })
      expect(own.status).toBe(200)
      const text = JSON.stringify(own.body)
      expect(text).not.toContain(account.secret)
      for (const field of ['totpSecret', 'totpPendingSecret', 'recoveryCodes', 'totpLastStep'])
        expect(own.body).not.toHaveProperty(field)
    }
    const graphql = await rest.graphql(
      `query { User(id: ${account.user.id}) { email totpSecret } }`,
      {},
      { token: admin.token },
    )
    // GraphQL knows the field's name but never answers it, for anyone.
    expect(graphql.body.data?.User?.totpSecret ?? null).toBeNull()
    expect(JSON.stringify(graphql.body)).not.toContain(account.secret)
    // At rest it is sealed, not the base32 an authenticator would take.
    const row = (await payload.db.findOne({
      collection: 'users',
      where: { id: { equals: account.user.id } },
    })) as unknown as { totpSecret: string; recoveryCodes: string }
    expect(row.totpSecret).not.toContain(account.secret)
    expect(row.totpSecret).toMatch(/^v1\./)
    for (const code of account.recoveryCodes) expect(row.recoveryCodes).not.toContain(code)
  })
})

describe('signing in with a second step over REST', () => {
  it('answers a challenge instead of a token, then signs in with the code', async () => {
    const account = await enrolledOrganizer()
    const before = await sessionCount(account.user.id)
    const first = await login(account.email)
    expect(first.status).toBe(401)
    expect(first.body).toMatchObject({
      success: false,
      error: { code: 'SECOND_FACTOR_REQUIRED', details: { challenge: expect.any(String) } },
    })
    expect(first.body.token).toBeUndefined()
    expect(first.headers.get('set-cookie')).toBeNull()
    expect(await sessionCount(account.user.id)).toBe(before)
    const { challenge } = first.body.error.details

    const wrong = await rest.post('/api/users/login/2fa', { body: { challenge, code: '123456' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('SECOND_FACTOR_INVALID')

    const forged = await rest.post('/api/users/login/2fa', {
      body: { challenge: `${challenge}x`, code: totpCode(account.secret) },
    })
    expect(forged.body.error.code).toBe('CHALLENGE_INVALID')

    // Enrolment spent this step's code; the app shows the next one soon enough.
    const done = await rest.post('/api/users/login/2fa', {
      body: { challenge, code: totpCode(account.secret, now() + 30) },
    })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ token: expect.any(String), exp: expect.any(Number) })
    expect(done.body.user).toMatchObject({ id: account.user.id, email: account.email })
    expect(done.headers.get('set-cookie')).toContain('payload-token=')
    const me = await rest.get('/api/users/me', { token: done.body.token })
    expect(me.body.user.id).toBe(account.user.id)
  })

  it('refuses a code already used, accepts a clock one step off, refuses two steps off', async () => {
    const account = await enrolledOrganizer()
    // The enrolment's code spent this step; a phone running 30 s fast gives the next one.
    const replay = await login(account.email, { code: totpCode(account.secret) })
    expect(replay.status).toBe(401)
    expect(replay.body.error.code).toBe('SECOND_FACTOR_INVALID')

    const fast = await login(account.email, { code: totpCode(account.secret, now() + 30) })
    expect(fast.status).toBe(200)
    expect(fast.body.token).toEqual(expect.any(String))
    // And once more with the same code: refused.
    expect(
      (await login(account.email, { code: totpCode(account.secret, now() + 30) })).status,
    ).toBe(401)

    const req = await reqFor(account)
    const later = now() + 5 * 60
    // Five minutes on, a phone 30 s slow is fine; one 60 s slow is not.
    expect(
      await verifySecondFactor({
        req,
        userId: account.user.id,
        code: totpCode(account.secret, later - 60),
        epoch: later,
      }),
    ).toEqual({ ok: false })
    expect(
      await verifySecondFactor({
        req,
        userId: account.user.id,
        code: totpCode(account.secret, later - 30),
        epoch: later,
      }),
    ).toEqual({ ok: true, method: 'totp' })
  })

  it('takes each recovery code once, logs it and emails the account', async () => {
    const account = await enrolledOrganizer()
    const [code] = account.recoveryCodes
    const first = await login(account.email)
    const used = await rest.post('/api/users/login/2fa', {
      body: { challenge: first.body.error.details.challenge, code: code!.toLowerCase() },
    })
    expect(used.status).toBe(200)
    expect(await audits('user.2fa-recovery-code', account.user.id)).toHaveLength(1)
    expect(readMails(ctx.mailDir, account.email).join('\n')).toContain(
      'A recovery code was used on your Event Pros NZ account',
    )

    const again = await login(account.email)
    const twice = await rest.post('/api/users/login/2fa', {
      body: { challenge: again.body.error.details.challenge, code },
    })
    expect(twice.status).toBe(401)
    expect(await audits('user.2fa-recovery-code', account.user.id)).toHaveLength(1)
    // Another of the ten still works.
    const other = await login(account.email, { code: account.recoveryCodes[1] })
    expect(other.status).toBe(200)
  })

  it('stops GraphQL loginUser at the same step, and leaves API keys alone', async () => {
    const account = await enrolledOrganizer()
    const graphql = await rest.graphql(
      'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }',
      { email: account.email, password: TEST_PASSWORD },
    )
    expect(graphql.body.data?.loginUser?.token ?? null).toBeNull()
    expect(JSON.stringify(graphql.body.errors)).toContain('two-step sign-in')

    const apiKey = `2fa-integration-key-${account.user.id}`
    await payload.update({
      collection: 'users',
      id: account.user.id,
      data: { enableAPIKey: true, apiKey },
      overrideAccess: true,
    })
    const me = await rest.get('/api/users/me', { apiKey })
    expect(me.body.user?.id).toBe(account.user.id)
  })

  it('still refuses a wrong password with the plain message, before any code', async () => {
    const account = await enrolledOrganizer()
    const res = await rest.post('/api/users/login', {
      body: { email: account.email, password: 'Not-The-Password-9!' },
    })
    expect(res.status).toBe(401)
    expect(JSON.stringify(res.body)).not.toContain('challenge')
  })
})

describe('turning two-factor off', () => {
  it('takes the password and a current code, then logs and emails it', async () => {
    const account = await enrolledOrganizer()
    const req = await reqFor(account)
    const code = () => totpCode(account.secret, now() + 30)
    await expect(
      disableTwoFactor(req, account.user, { password: 'Wrong-Password-1!', code: code() }),
    ).rejects.toThrow('password is not right')
    await expect(
      disableTwoFactor(req, account.user, { password: TEST_PASSWORD, code: '999999' }),
    ).rejects.toThrow('code did not work')
    await disableTwoFactor(req, account.user, { password: TEST_PASSWORD, code: code() })
    expect(await audits('user.2fa-disable', account.user.id)).toHaveLength(1)
    expect(readMails(ctx.mailDir, account.email).join('\n')).toContain(
      'Two-step sign-in was turned off',
    )
    const plain = await login(account.email)
    expect(plain.status).toBe(200)
  })
})

describe('staff need two-factor sign-in', () => {
  const unenrolledAdmin = () =>
    createUser(payload, rest, 'admin', { totpSecret: null, totpEnabledAt: null })

  it('gives an admin without it no staff powers and no admin panel', async () => {
    const admin = await unenrolledAdmin()
    const other = await createUser(payload, rest, 'organizer')
    expect((await rest.get('/api/audit-log', { token: admin.token })).status).toBe(403)
    const users = await rest.get('/api/users?limit=100', { token: admin.token })
    expect(users.body.docs.map((doc: { id: number }) => doc.id)).toEqual([admin.user.id])
    expect((await rest.get(`/api/users/${other.user.id}`, { token: admin.token })).status).toBe(404)
    const access = await rest.get('/api/access', { token: admin.token })
    expect(access.body.canAccessAdmin ?? false).toBe(false)
    // Nor may they promote anyone (or themselves back).
    const promote = await rest.patch(`/api/users/${other.user.id}`, {
      token: admin.token,
      body: { role: 'moderator' },
    })
    expect([403, 404]).toContain(promote.status)
  })

  it('gives the same admin their powers once enrolled', async () => {
    const admin = await unenrolledAdmin()
    const req = await reqFor(admin)
    const { secret } = await startEnrolment(req, admin.user)
    await confirmEnrolment(req, admin.user, totpCode(secret))
    expect((await rest.get('/api/audit-log', { token: admin.token })).status).toBe(200)
    expect((await rest.get('/api/access', { token: admin.token })).body.canAccessAdmin).toBe(true)
  })

  it('lets a moderator made by the test helpers in with the shared secret', async () => {
    const moderator = await createUser(payload, rest, 'moderator')
    const first = await login(moderator.email)
    expect(first.body.error.code).toBe('SECOND_FACTOR_REQUIRED')
    expect((await rest.get('/api/access', { token: moderator.token })).body.canAccessAdmin).toBe(
      true,
    )
    expect(TEST_TOTP_SECRET).toHaveLength(32)
  })
})
