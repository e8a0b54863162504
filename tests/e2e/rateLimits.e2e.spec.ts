import { type APIRequestContext, expect, request, test } from '@playwright/test'

import { E2E_BILLING_PORT, E2E_PORT } from '../../playwright.config'

/*
 * The limits through the real HTTP servers: two app processes on one database count
 * together, the address comes from the socket and the one proxy the servers trust, and the
 * browser's own address (127.0.0.1, exempted for the rest of the suite) is not what counts.
 */

const servers = [E2E_PORT, E2E_BILLING_PORT].map((port) => `http://127.0.0.1:${port}`)

const clientFrom = (address: string, baseURL: string) =>
  request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': address } })

test('failed sign-ins from one address are counted across both app processes', async () => {
  const address = `203.0.113.${10 + Math.floor(Math.random() * 200)}`
  const [first, second] = (await Promise.all(servers.map((url) => clientFrom(address, url)))) as [
    APIRequestContext,
    APIRequestContext,
  ]
  const attempt = (client: APIRequestContext, n: number) =>
    client.post('/api/users/login', {
      data: { email: `nobody-${Date.now()}-${n}@example.test`, password: 'Wrong-Password-1!' },
    })
  // Three misses on one process, two on the other: five in all.
  for (const [n, client] of [first, first, first, second, second].entries()) {
    expect((await attempt(client, n)).status()).toBe(401)
  }
  for (const client of [second, first]) {
    const limited = await attempt(client, 9)
    expect(limited.status()).toBe(429)
    expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0)
    const body = await limited.json()
    expect(body.error.code).toBe('RATE_LIMITED')
    expect(body.error.details.retryAfterSeconds).toBe(Number(limited.headers()['retry-after']))
  }
  // Another address, on either process, signs in as usual.
  const other = await clientFrom('203.0.113.250', servers[1]!)
  expect((await attempt(other, 10)).status()).toBe(401)
  await Promise.all([first.dispose(), second.dispose(), other.dispose()])
})

test('anonymous searches stop at 100 an hour per address, on either process', async () => {
  const address = `198.51.100.${10 + Math.floor(Math.random() * 200)}`
  const clients = await Promise.all(servers.map((url) => clientFrom(address, url)))
  for (let index = 0; index < 100; index++) {
    const res = await clients[index % 2]!.get('/api/vendors/search?q=photographer')
    expect(res.status(), `search ${index + 1}`).toBe(200)
  }
  const limited = await clients[0]!.get('/api/vendors/search?q=photographer')
  expect(limited.status()).toBe(429)
  expect((await limited.json()).error.message).toMatch(/Too many searches/)
  // The page a person browses is not this budget (README, "Rate limits").
  const page = await clients[1]!.get('/vendors?q=photographer')
  expect(page.status()).toBe(200)
  await Promise.all(clients.map((client) => client.dispose()))
})
