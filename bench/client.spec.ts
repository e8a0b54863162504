import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { benchFetch, requestCounts, tryBenchFetch } from './client'

/**
 * A server that closes the connection under the first `resets` requests it reads, without an
 * answer — as a server closing a keep-alive connection just as a request arrives — then answers.
 */
const server = http.createServer((req, res) => {
  if (resets > 0) {
    resets -= 1
    req.socket.destroy()
    return
  }
  res.end('ok')
})
let resets = 0
let origin = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
beforeEach(() => {
  requestCounts.retried = 0
  requestCounts.failed = 0
})

describe('benchFetch', () => {
  it('sends a GET again after a reset connection, and counts it', async () => {
    resets = 2
    const response = await benchFetch(`${origin}/search`)
    expect(await response.text()).toBe('ok')
    expect(requestCounts).toEqual({ retried: 2, failed: 0 })
  })

  it('does not repeat a POST unless told it is harmless', async () => {
    resets = 1
    await expect(benchFetch(`${origin}/messages`, { method: 'POST', body: 'hi' })).rejects.toThrow()
    expect(requestCounts).toEqual({ retried: 0, failed: 1 })
    resets = 1
    const login = await benchFetch(
      `${origin}/login`,
      { method: 'POST', body: '{}' },
      { idempotent: true },
    )
    expect(login.status).toBe(200)
    expect(requestCounts).toEqual({ retried: 1, failed: 1 })
  })
})

describe('tryBenchFetch', () => {
  it('answers null and counts a request that kept failing, instead of throwing', async () => {
    resets = 3
    expect(await tryBenchFetch(`${origin}/search`)).toBeNull()
    expect(requestCounts).toEqual({ retried: 2, failed: 1 })
  })

  it('still throws what is not a reset connection', async () => {
    await expect(tryBenchFetch('http://127.0.0.1:1/')).rejects.toThrow()
  })
})
