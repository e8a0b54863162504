import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { clientAddress, PEER_HEADER, recordPeerAddresses } from './clientAddress'

const request = (peer: string | null, forwarded?: string) => {
  const headers = new Headers()
  if (peer !== null) headers.set(PEER_HEADER, peer)
  if (forwarded !== undefined) headers.set('x-forwarded-for', forwarded)
  return headers
}

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.9'), 0)).toBe('198.51.100.7')
  })

  it('takes the entry one proxy appended, not the client’s own claims to its left', () => {
    const headers = request('10.0.0.2', '1.1.1.1, 203.0.113.9')
    expect(clientAddress(headers, 1)).toBe('203.0.113.9')
    expect(clientAddress(headers, 2)).toBe('1.1.1.1')
    // More proxies trusted than there are entries: the leftmost is the best there is.
    expect(clientAddress(headers, 5)).toBe('1.1.1.1')
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2')
  })

  it('passes over a malformed entry to the nearest proxy’s view', () => {
    expect(clientAddress(request('10.0.0.2', 'not-an-ip'), 1)).toBe('10.0.0.2')
  })

  it('groups IPv6 by /64 and unwraps IPv4-mapped addresses', () => {
    expect(clientAddress(request('2001:db8:0:12:aa::1'), 0)).toBe('2001:db8:0:12::/64')
    expect(clientAddress(request('2001:db8:0:12:bb::2'), 0)).toBe('2001:db8:0:12::/64')
    expect(clientAddress(request('2001:db8::1'), 0)).toBe('2001:db8:0:0::/64')
    expect(clientAddress(request('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1')
  })

  it('is null for calls that did not come over HTTP', () => {
    expect(clientAddress(request(null, '203.0.113.9'), 1)).toBeNull()
  })
})

describe('recordPeerAddresses', () => {
  it('writes the socket’s address over whatever a client sent under the header', async () => {
    recordPeerAddresses()
    expect(recordPeerAddresses()).toBe(false)
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const seen = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_HEADER]: '203.0.113.66' },
      }).then((res) => res.text())
      expect(seen).toBe('127.0.0.1')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
