import http from 'node:http'
import { isIP } from 'node:net'

/**
 * The header the app's own HTTP server writes with the address of the socket a request came
 * on. Next's route handlers do not see the socket, and the `X-Forwarded-For` it adds is kept as
 * the client sent it when present, so it cannot tell a proxy's header from a forged one.
 * Whatever a client sends under this name is overwritten.
 */
export const PEER_HEADER = 'x-event-pros-peer'

const INSTALLED = Symbol.for('event-pros.peer-header')

/**
 * Stamps every request that reaches this process's HTTP servers with its socket's address
 * (from `instrumentation.ts`, before Next handles anything). Returns false if already done.
 */
export const recordPeerAddresses = (): boolean => {
  const server = http.Server.prototype as http.Server & { [INSTALLED]?: true }
  if (server[INSTALLED]) return false
  const emit = server.emit as (
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) => boolean
  server.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? ''
    }
    return emit.call(this, event, ...args)
  } as typeof server.emit
  server[INSTALLED] = true
  return true
}

/** Groups IPv6 addresses by their /64, the block one customer is given; IPv4 stays itself. */
const normalise = (address: string): string | null => {
  const plain = address.trim().replace(/^\[|\]$/g, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)
  if (mapped) return mapped[1]!
  const version = isIP(plain)
  if (version === 4) return plain
  if (version !== 6) return null
  const [head = '', tail = ''] = plain.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = plain.includes('::') && tail ? tail.split(':') : []
  const groups = plain.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/**
 * The client's address: the socket's when no proxy is trusted; behind `trustedProxies`
 * proxies, the entry that many places from the right of `X-Forwarded-For` plus the socket
 * (each proxy appends the address it was reached from, so entries further left are the
 * client's own claims). Null for a request that did not come over HTTP (the Local API).
 */
export const clientAddress = (headers: Headers, trustedProxies: number): string | null => {
  const peer = headers.get(PEER_HEADER)
  if (!peer) return null
  const forwarded =
    trustedProxies > 0
      ? (headers.get('x-forwarded-for') ?? '')
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
      : []
  const chain = [...forwarded, peer]
  // A malformed entry is not trusted: fall back to the nearest proxy's view to its right.
  for (let index = Math.max(0, chain.length - 1 - trustedProxies); index < chain.length; index++) {
    const address = normalise(chain[index]!)
    if (address) return address
  }
  return null
}
