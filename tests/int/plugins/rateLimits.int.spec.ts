import type { Payload } from 'payload'

import {
  limitersOf,
  limitRequest,
  PEER_HEADER,
  RATE_LIMITS,
  RateLimitError,
} from '../../../plugins/rateLimits'
import { startPayload, type TestContext } from '../../helpers/payload'
import { restClient, type RestClient } from '../../helpers/rest'

/*
 * The rate limits plugin under a config of its own: sign-in on the auth collection it is
 * given is limited by address, and the request budgets follow the paths it is told about.
 */

let ctx: TestContext
let payload: Payload
let rest: RestClient
const account = { email: 'member@example.test', password: 'Member-password-1!' }

beforeAll(async () => {
  ctx = await startPayload('rate-limits-plugin', () => import('./rateLimits/config'))
  payload = ctx.payload
  rest = restClient(ctx.config, { rateLimited: false })
  expect((await rest.post('/api/members', { body: account })).status).toBe(201)
})

afterAll(async () => {
  await ctx?.stop()
})

let addresses = 0
/** A client address no other test uses. */
const newAddress = () => {
  addresses += 1
  return `203.0.113.${addresses}`
}

const signIn = (address: string, email: string, password: string) =>
  rest.post('/api/members/login', {
    headers: { [PEER_HEADER]: address },
    body: { email, password },
  })

const request = (address: string, pathname: string, authorization?: string) =>
  limitRequest(
    payload,
    new Request(`http://localhost:3000${pathname}`, {
      headers: { [PEER_HEADER]: address, ...(authorization ? { authorization } : {}) },
    }),
  )

describe('rate limits plugin', () => {
  it('refuses the sixth failed sign-in from one address with 429, even with the right password', async () => {
    const address = newAddress()
    for (let attempt = 1; attempt <= RATE_LIMITS.login.points; attempt++) {
      const failed = await signIn(address, `nobody${attempt}@example.test`, 'Wrong-password-1!')
      expect(failed.status).toBe(401)
    }
    const refused = await signIn(address, account.email, account.password)
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/Too many sign-in attempts/)
    expect(refused.body.token).toBeUndefined()
    expect((await signIn(newAddress(), account.email, account.password)).status).toBe(200)
  })

  it('counts the search paths against the search budget, and the uncounted paths against none', async () => {
    const address = newAddress()
    const key = `ip:${address}`
    await limitersOf(payload).searchAnonymous.penalty(key, RATE_LIMITS.searchAnonymous.points)
    await expect(request(address, '/api/members/search')).rejects.toBeInstanceOf(RateLimitError)
    await expect(request(address, '/api/members')).resolves.toBeUndefined()

    await limitersOf(payload).requests.penalty(key, RATE_LIMITS.requests.points)
    await expect(request(address, '/api/members')).rejects.toBeInstanceOf(RateLimitError)
    await expect(request(address, '/api/hooks/incoming')).resolves.toBeUndefined()
  })

  it("counts an API key of the auth collection against the key's own budget", async () => {
    const address = newAddress()
    await limitersOf(payload).requests.penalty(`ip:${address}`, RATE_LIMITS.requests.points)
    await expect(request(address, '/api/members', 'members API-Key k3y')).resolves.toBeUndefined()
    // Another collection's scheme names no key here: the address pays, and has nothing left.
    await expect(request(address, '/api/members', 'users API-Key k3y')).rejects.toBeInstanceOf(
      RateLimitError,
    )
  })
})
