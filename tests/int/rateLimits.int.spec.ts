import { jest } from '@jest/globals'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { limitersOf, PEER_HEADER, RATE_LIMITS } from '../../plugins/rateLimits'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, postLogin, SIGN_UP_CONSENT, TEST_PASSWORD } from '../helpers/users'

/*
 * Every limit in the table, through the route handlers the app serves: the N-th request
 * passes, the next gets 429 with Retry-After in the error format, and nothing is done. The
 * client address is the header the app's HTTP server writes from the socket; windows pass by
 * moving the clock the limiter reads, not by waiting.
 */

let ctx: TestContext
let payload: Payload
let rest: RestClient
let clock = 0

beforeAll(async () => {
  ctx = await startPayload('rate_limits')
  payload = ctx.payload
  rest = restClient(ctx.config)
  const now = Date.now.bind(Date)
  jest.spyOn(Date, 'now').mockImplementation(() => now() + clock)
})

afterAll(async () => {
  jest.restoreAllMocks()
  await ctx?.stop()
})

let addresses = 0
/** A client address no other test uses. */
const newAddress = () => {
  addresses += 1
  return `198.51.100.${addresses}`
}
const from = (address: string) => ({ [PEER_HEADER]: address })
const later = (seconds: number) => {
  clock += seconds * 1000
}

const logIn = (address: string, email: string, password: string) =>
  postLogin(rest, { email, password }, from(address))

const expectLimited = (
  res: { status: number; body: any; headers: Headers },
  message: RegExp,
): number => {
  expect(res.status).toBe(429)
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThan(0)
  expect(res.body).toMatchObject({
    success: false,
    error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: retryAfter } },
  })
  expect(res.body.error.message).toMatch(message)
  return retryAfter
}

describe('sign-in', () => {
  it('refuses the sixth failed attempt from one address, whichever accounts it names', async () => {
    const address = newAddress()
    const { email } = await createUser(payload, rest, 'organizer')
    for (let attempt = 1; attempt <= 5; attempt++) {
      const res = await logIn(address, `nobody${attempt}@example.test`, 'Wrong-password-1!')
      expect(res.status).toBe(401)
    }
    // Even the right password: the address is blocked, and says so as for anyone else.
    const blocked = await logIn(address, email, TEST_PASSWORD)
    const retryAfter = expectLimited(blocked, /Too many sign-in attempts/)
    expect(retryAfter).toBe(RATE_LIMITS.login.durationSeconds)
    expect(blocked.body.token).toBeUndefined()
    // Another address is not affected.
    expect((await logIn(newAddress(), email, TEST_PASSWORD)).status).toBe(200)
  })

  it('does not count successful sign-ins, so an office behind one address is not locked out', async () => {
    const address = newAddress()
    const { email } = await createUser(payload, rest, 'vendor')
    for (let attempt = 0; attempt < 8; attempt++) {
      expect((await logIn(address, email, TEST_PASSWORD)).status).toBe(200)
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(address, email, 'Wrong-password-1!')).status).toBe(401)
    }
    expectLimited(await logIn(address, email, TEST_PASSWORD), /Too many sign-in attempts/)
  })

  it('refuses the sixth failure for one email from any address, alike for accounts that do not exist', async () => {
    const { email } = await createUser(payload, rest, 'organizer')
    const missing = `missing-${Date.now()}@example.test`
    for (const target of [email, missing]) {
      for (let attempt = 0; attempt < 5; attempt++) {
        expect((await logIn(newAddress(), target, 'Wrong-password-1!')).status).toBe(401)
      }
    }
    const existing = await logIn(newAddress(), email, TEST_PASSWORD)
    const unknown = await logIn(newAddress(), missing, TEST_PASSWORD)
    expectLimited(existing, /Too many sign-in attempts/)
    expectLimited(unknown, /Too many sign-in attempts/)
    expect(existing.body.error.message).toBe(unknown.body.error.message)
  })

  it('lifts the block after it, and blocks a repeat offender twice as long', async () => {
    const address = newAddress()
    const { email } = await createUser(payload, rest, 'organizer')
    const failFiveTimes = async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        expect((await logIn(address, email, 'Wrong-password-1!')).status).toBe(401)
      }
    }
    await failFiveTimes()
    expect(expectLimited(await logIn(address, email, TEST_PASSWORD), /sign-in/)).toBe(15 * 60)
    later(10 * 60)
    expect(expectLimited(await logIn(address, email, TEST_PASSWORD), /sign-in/)).toBe(5 * 60)
    later(5 * 60 + 1)
    expect((await logIn(address, email, TEST_PASSWORD)).status).toBe(200)

    await failFiveTimes()
    expect(expectLimited(await logIn(address, email, TEST_PASSWORD), /sign-in/)).toBe(30 * 60)
    later(30 * 60 + 1)
    await failFiveTimes()
    expect(expectLimited(await logIn(address, email, TEST_PASSWORD), /sign-in/)).toBe(60 * 60)
    // A day later the record of offences is gone: back to 15 minutes.
    later(25 * 3600)
    await failFiveTimes()
    expect(expectLimited(await logIn(address, email, TEST_PASSWORD), /sign-in/)).toBe(15 * 60)
  })

  it('limits GraphQL’s loginUser the same way', async () => {
    const { email } = await createUser(payload, rest, 'organizer')
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(newAddress(), email, 'Wrong-password-1!')).status).toBe(401)
    }
    const res = await rest.graphql(
      'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }',
      { email, password: TEST_PASSWORD },
    )
    expect(res.body.data?.loginUser ?? null).toBeNull()
    expect(JSON.stringify(res.body.errors)).toMatch(/Too many sign-in attempts/)
  })

  it('counts wrong two-factor codes as failed attempts, and not the password step before them', async () => {
    const address = newAddress()
    const { email } = await createUser(payload, rest, 'moderator')
    const challengeFor = async () => {
      const res = await logIn(address, email, TEST_PASSWORD)
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('SECOND_FACTOR_REQUIRED')
      return res.body.error.details.challenge as string
    }
    // Six right passwords awaiting a code: none of them a failure.
    for (let step = 0; step < 6; step++) await challengeFor()
    const challenge = await challengeFor()
    const code = (value: string) =>
      rest.post('/api/users/login/2fa', {
        headers: from(address),
        body: { challenge, code: value },
      })
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await code('000000')).status).toBe(401)
    }
    expectLimited(await code('000000'), /Too many sign-in attempts/)
  })

  it('lets an account staff unlocked sign in at once', async () => {
    const { email } = await createUser(payload, rest, 'organizer')
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(newAddress(), email, 'Wrong-password-1!')).status).toBe(401)
    }
    expectLimited(await logIn(newAddress(), email, TEST_PASSWORD), /sign-in/)
    const admin = await createUser(payload, rest, 'admin')
    const unlocked = await rest.post('/api/users/unlock', { token: admin.token, body: { email } })
    expect(unlocked.status).toBe(200)
    expect((await logIn(newAddress(), email, TEST_PASSWORD)).status).toBe(200)
  })
})

describe('when the database store fails', () => {
  it('each instance keeps limiting on its own, in memory', async () => {
    const pool = (payload.db as unknown as PostgresAdapter).pool
    await pool.query('ALTER TABLE rate_limits.counters RENAME TO counters_away')
    try {
      const address = newAddress()
      for (let attempt = 1; attempt <= 5; attempt++) {
        const res = await logIn(address, `offline${attempt}@example.test`, 'Wrong-password-1!')
        expect(res.status).toBe(401)
      }
      expectLimited(await logIn(address, 'offline6@example.test', 'Wrong-password-1!'), /sign-in/)
    } finally {
      await pool.query('ALTER TABLE rate_limits.counters_away RENAME TO counters')
    }
  })
})

describe('sign-up and password resets', () => {
  const signUp = (address: string, email: string, password = TEST_PASSWORD) =>
    rest.post('/api/users', {
      headers: from(address),
      body: {
        firstName: 'Aroha',
        lastName: 'Ngata',
        email,
        password,
        role: 'organizer',
        ...SIGN_UP_CONSENT,
      },
    })

  it('takes three sign-ups an hour from one address, not counting refused ones', async () => {
    const address = newAddress()
    const stamp = Date.now().toString(36)
    expect((await signUp(address, `weak-${stamp}@example.test`, 'short')).status).toBe(400)
    for (let index = 1; index <= 3; index++) {
      expect((await signUp(address, `signup${index}-${stamp}@example.test`)).status).toBe(201)
    }
    const refused = await signUp(address, `signup4-${stamp}@example.test`)
    expectLimited(refused, /Too many accounts/)
    const created = await payload.count({
      collection: 'users',
      where: { email: { equals: `signup4-${stamp}@example.test` } },
    })
    expect(created.totalDocs).toBe(0)
    expect((await signUp(newAddress(), `signup5-${stamp}@example.test`)).status).toBe(201)
    later(3601)
    expect((await signUp(address, `signup6-${stamp}@example.test`)).status).toBe(201)
  })

  it('takes three reset requests an hour per address and per account', async () => {
    const forgot = (address: string, email: string) =>
      rest.post('/api/users/forgot-password', { headers: from(address), body: { email } })
    const address = newAddress()
    for (let index = 1; index <= 3; index++) {
      expect((await forgot(address, `someone${index}@example.test`)).status).toBe(200)
    }
    expectLimited(await forgot(address, 'someone4@example.test'), /password-reset/)

    const { email } = await createUser(payload, rest, 'organizer')
    for (let index = 1; index <= 3; index++) {
      expect((await forgot(newAddress(), email)).status).toBe(200)
    }
    expectLimited(await forgot(newAddress(), email), /password-reset/)
  })
})

describe('search, messages, reviews and every other request', () => {
  const search = (address: string, token?: string) =>
    rest.get('/api/vendors/search?q=photographer', { headers: from(address), token })

  it('takes 100 anonymous searches an hour from one address, and more once signed in', async () => {
    const address = newAddress()
    for (let index = 1; index <= 100; index++) {
      const res = await search(address)
      if (res.status !== 200) throw new Error(`search ${index} answered ${res.status}`)
    }
    expectLimited(await search(address), /Too many searches/)
    const { token } = await createUser(payload, rest, 'organizer')
    expect((await search(address, token)).status).toBe(200)
  })

  it('counts every other request per user, per address and per API key', async () => {
    const { requests, apiKeyRequests } = limitersOf(payload)
    const address = newAddress()
    // Spent up to the last one in the store, as 999 earlier requests would have.
    await requests.penalty(`ip:${address}`, RATE_LIMITS.requests.points - 1)
    expect((await rest.get('/api/categories', { headers: from(address) })).status).toBe(200)
    expectLimited(
      await rest.get('/api/categories', { headers: from(address) }),
      /Too many requests/,
    )

    const person = await createUser(payload, rest, 'organizer')
    await requests.penalty(`user:${person.user.id}`, RATE_LIMITS.requests.points)
    expectLimited(
      await rest.get('/api/users/me', { headers: from(newAddress()), token: person.token }),
      /Too many requests/,
    )
    // A forged token is counted by address, not as the person it names.
    const forged = `${person.token.slice(0, -4)}AAAA`
    expect(
      (await rest.get('/api/categories', { headers: from(newAddress()), token: forged })).status,
    ).toBe(200)

    const integrator = await createUser(payload, rest, 'vendor')
    const apiKey = `rate-limit-key-${Date.now()}`
    const enabled = await rest.patch(`/api/users/${integrator.user.id}`, {
      token: integrator.token,
      body: { enableAPIKey: true, apiKey },
    })
    expect(enabled.status).toBe(200)
    const { createHash } = await import('node:crypto')
    const keyId = `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`
    await apiKeyRequests.penalty(keyId, RATE_LIMITS.apiKeyRequests.points - 1)
    const withKey = () => rest.get('/api/users/me', { headers: from(newAddress()), apiKey })
    const last = await withKey()
    expect(last.status).toBe(200)
    expect(last.body.user.id).toBe(integrator.user.id)
    expectLimited(await withKey(), /API key has used its hourly allowance/)
  })

  it('does not count exempted addresses or in-process calls', async () => {
    const { requests } = limitersOf(payload)
    await requests.penalty('ip:198.51.100.250', RATE_LIMITS.requests.points)
    expect((await rest.get('/api/categories')).status).toBe(200)
    const exempt = ctx.config.custom.rateLimits.exempt as string[]
    exempt.push('198.51.100.250')
    try {
      expect((await rest.get('/api/categories', { headers: from('198.51.100.250') })).status).toBe(
        200,
      )
    } finally {
      exempt.pop()
    }
    expectLimited(
      await rest.get('/api/categories', { headers: from('198.51.100.250') }),
      /Too many requests/,
    )
  })

  it('takes 10 reviews an hour per person, counting those written', async () => {
    const organizer = await createUser(payload, rest, 'organizer')
    const key = `user:${organizer.user.id}`
    const write = () =>
      rest.post('/api/reviews', {
        headers: from(newAddress()),
        token: organizer.token,
        body: {
          booking: 999_999,
          ratings: { overall: 5, quality: 5, communication: 5, value: 5, professionalism: 5 },
          text: 'Wonderful from start to end, and on time.',
        },
      })
    // A review that could not be written (no such booking) is not counted.
    expect((await write()).status).toBe(404)
    expect(await limitersOf(payload).reviews.get(key)).toBeNull()
    // Nine written this hour, as the store would have counted them: the tenth is still taken
    // as far as the limit goes (here refused for its booking), the eleventh is not looked at.
    await limitersOf(payload).reviews.penalty(key, 9)
    expect((await write()).status).toBe(404)
    await limitersOf(payload).reviews.penalty(key, 1)
    expectLimited(await write(), /10 reviews in the last hour/)
  })
})
