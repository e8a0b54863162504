import type { Payload } from 'payload'

import {
  ACCESS_TOKEN_SECONDS,
  listSessions,
  MAX_SESSIONS,
  sessionIdOfToken,
} from '../../src/lib/auth/sessions'
import { totpCode } from '../../src/lib/auth/totp'
import { confirmEnrolment, startEnrolment } from '../../src/lib/auth/twoFactor'
import type { User } from '../../src/payload-types'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, postLogin, sessionReq } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient

beforeAll(async () => {
  ctx = await startPayload('sessions')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'

const signIn = async (email: string, userAgent = PHONE_UA) => {
  const res = await postLogin(rest, { email }, { 'User-Agent': userAgent })
  expect(res.status).toBe(200)
  return res.body as { token: string; exp: number }
}

const isSignedIn = async (token: string) =>
  (await rest.get('/api/users/me', { token })).body?.user != null

const reqFor = (user: User, token: string) => sessionReq(payload, user, token)

describe('sessions', () => {
  it('gives one-hour tokens and lists each session with its device', async () => {
    const { user, email } = await createUser(payload, rest, 'organizer')
    const { token, exp } = await signIn(email)
    expect(exp - Date.now() / 1000).toBeGreaterThan(ACCESS_TOKEN_SECONDS - 60)
    expect(exp - Date.now() / 1000).toBeLessThanOrEqual(ACCESS_TOKEN_SECONDS)
    await signIn(
      email,
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
    )
    const sessions = await listSessions(await reqFor(user, token), user.id, sessionIdOfToken(token))
    // The helper's own sign-in, and these two.
    expect(sessions).toHaveLength(3)
    expect(sessions[0]).toMatchObject({ current: true, device: 'Chrome on Android' })
    expect(sessions.map((session) => session.device)).toContain('Safari on Mac')
    sessions.forEach((session) => {
      expect(session.createdAt).toEqual(expect.any(String))
      expect(session.lastSeenAt).toEqual(expect.any(String))
    })
  })

  it('keeps at most five: the oldest ends when a sixth starts', async () => {
    const { email, token: first } = await createUser(payload, rest, 'organizer')
    const tokens = [first]
    for (let i = 1; i < MAX_SESSIONS; i += 1) tokens.push((await signIn(email)).token)
    for (const token of tokens) expect(await isSignedIn(token)).toBe(true)
    const sixth = (await signIn(email)).token
    expect(await isSignedIn(first)).toBe(false)
    for (const token of [...tokens.slice(1), sixth]) expect(await isSignedIn(token)).toBe(true)
  })

  it('signs out everywhere', async () => {
    const { email, token: a } = await createUser(payload, rest, 'organizer')
    const { token: b } = await signIn(email)
    const out = await rest.post('/api/users/logout?allSessions=true', { token: b })
    expect(out.status).toBe(200)
    expect(await isSignedIn(a)).toBe(false)
    expect(await isSignedIn(b)).toBe(false)
  })

  it('ends the other sessions when the password changes, keeping this one', async () => {
    const { user, email, token: here } = await createUser(payload, rest, 'organizer')
    const { token: elsewhere } = await signIn(email)
    const res = await rest.patch(`/api/users/${user.id}`, {
      token: here,
      body: { password: 'Another-Kiwi-Password-2026!' },
    })
    expect(res.status).toBe(200)
    expect(await isSignedIn(here)).toBe(true)
    expect(await isSignedIn(elsewhere)).toBe(false)
  })

  it('ends the other sessions when two-factor sign-in is turned on', async () => {
    const { user, email, token: here } = await createUser(payload, rest, 'vendor')
    const { token: elsewhere } = await signIn(email)
    const req = await reqFor(user, here)
    const { secret } = await startEnrolment(req, user)
    await confirmEnrolment(req, user, totpCode(secret))
    expect(await isSignedIn(here)).toBe(true)
    expect(await isSignedIn(elsewhere)).toBe(false)
  })

  it('refreshes a token for another hour, and notes the session was seen', async () => {
    const { user, token } = await createUser(payload, rest, 'organizer')
    const before = (await rest.get('/api/users/me', { token })).body.exp as number
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const refreshed = await rest.post('/api/users/refresh-token', { token })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.exp).toBeGreaterThan(before)
    expect(await isSignedIn(refreshed.body.refreshedToken)).toBe(true)
    const [session] = await listSessions(
      await reqFor(user, token),
      user.id,
      sessionIdOfToken(token),
    )
    expect(new Date(session!.lastSeenAt!).getTime()).toBeGreaterThan(
      before * 1000 - ACCESS_TOKEN_SECONDS * 1000,
    )
  })

  it('will not refresh a session signed in 30 days ago', async () => {
    const { user, token } = await createUser(payload, rest, 'organizer')
    const row = (await payload.db.findOne({
      collection: 'users',
      where: { id: { equals: user.id } },
    })) as unknown as User
    const longAgo = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000 + 30 * 60 * 1000).toISOString()
    await payload.db.updateOne({
      collection: 'users',
      id: user.id,
      data: {
        ...row,
        sessions: row.sessions!.map((session) => ({ ...session, createdAt: longAgo })),
      },
      returning: false,
    })
    const refreshed = await rest.post('/api/users/refresh-token', { token })
    expect(refreshed.status).toBe(401)
    expect(refreshed.body.errors[0].message).toContain('30 days')
    // The token itself still lives out its hour.
    expect(await isSignedIn(token)).toBe(true)
  })
})
