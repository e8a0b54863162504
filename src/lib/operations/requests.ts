import { randomUUID } from 'node:crypto'
import http from 'node:http'

import { jwtVerify } from 'jose'
import { createHash } from 'node:crypto'

import { getEnv } from '@/lib/kit/env'

import { logger } from './logger'
import { metrics } from './metrics'
import { routeOf } from '@/lib/kit/routes'

export const REQUEST_ID_HEADER = 'x-request-id'

/** An id a trusted proxy passed on: short and plain, so it cannot forge a log line. */
const FORWARDED_ID = /^[\w.-]{8,100}$/

/** Polled every few seconds by load balancers and Docker: logged only at debug level. */
const PROBES = new Set(['/api/health', '/api/ready'])

/** What this process's HTTP servers are doing: shutdown waits on it (`shutdown.ts`). */
export type HttpState = {
  servers: Set<http.Server>
  inFlight: Set<http.ServerResponse>
  draining: boolean
}

const STATE = Symbol.for('event-pros.http-state')

export const httpState = (): HttpState => {
  const store = globalThis as typeof globalThis & { [STATE]?: HttpState }
  store[STATE] ??= { servers: new Set(), inFlight: new Set(), draining: false }
  return store[STATE]
}

/** Payload's signing key, derived from PAYLOAD_SECRET as Payload derives it. */
let signingKey: Uint8Array | undefined
const key = () =>
  (signingKey ??= new TextEncoder().encode(
    createHash('sha256').update(getEnv().PAYLOAD_SECRET).digest('hex').slice(0, 32),
  ))

const SESSION_COOKIE = /(?:^|;\s*)payload-token=([^;]+)/

/**
 * Who made a request, for the log: the user id in a session token Payload signed (verified
 * here, not trusted), `apiKey` for an API key (its holder is not looked up per request), or
 * nobody. The token itself is never logged.
 */
const callerOf = async (
  request: http.IncomingMessage,
): Promise<{ auth: 'session' | 'apiKey' | 'none'; userId: string | null }> => {
  const authorization = request.headers.authorization ?? ''
  if (/ API-Key /i.test(authorization)) return { auth: 'apiKey', userId: null }
  const token =
    /^(?:JWT|Bearer) (.+)$/i.exec(authorization)?.[1] ??
    SESSION_COOKIE.exec(request.headers.cookie ?? '')?.[1]
  if (!token) return { auth: 'none', userId: null }
  try {
    const { payload: claims } = await jwtVerify(token, key())
    return claims.id === undefined
      ? { auth: 'none', userId: null }
      : { auth: 'session', userId: String(claims.id) }
  } catch {
    return { auth: 'none', userId: null }
  }
}

const observe = (request: http.IncomingMessage, response: http.ServerResponse) => {
  const started = process.hrtime.bigint()
  const forwarded = request.headers[REQUEST_ID_HEADER]
  const requestId =
    getEnv().TRUSTED_PROXIES > 0 && typeof forwarded === 'string' && FORWARDED_ID.test(forwarded)
      ? forwarded
      : randomUUID()
  // The app's own code (the route guard's error log) reads it from the request.
  request.headers[REQUEST_ID_HEADER] = requestId
  response.setHeader('X-Request-Id', requestId)
  const state = httpState()
  state.inFlight.add(response)
  // Keep-alive connections would bring more requests to a server that is going away.
  if (state.draining) response.setHeader('Connection', 'close')

  let done = false
  const finish = () => {
    if (done) return
    done = true
    state.inFlight.delete(response)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const method = request.method ?? 'GET'
    const pathname = (request.url ?? '/').split('?')[0] ?? '/'
    const route = routeOf(pathname)
    // A client that went away before the answer was complete.
    const status = response.writableFinished ? response.statusCode : 499
    const { requests, requestDuration } = metrics()
    requests.inc({ method, route, status: String(status) })
    requestDuration.observe({ method, route }, seconds)
    void callerOf(request).then(({ auth, userId }) => {
      const line = {
        msg: 'request',
        requestId,
        method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        auth,
        userId,
      }
      if (PROBES.has(pathname)) logger().debug(line)
      else if (status >= 500) logger().error(line)
      else logger().info(line)
    })
  }
  response.once('finish', finish)
  response.once('close', finish)
}

const INSTALLED = Symbol.for('event-pros.request-observer')

/**
 * Gives every request to this process's HTTP servers an id (answered as `X-Request-Id`), one
 * log line when it ends, and its place in the request metrics; and notes the servers and the
 * requests in flight, which a graceful shutdown waits for. Installed from `instrumentation.ts`
 * before Next handles anything. Returns false if already installed.
 */
export const observeRequests = (): boolean => {
  const server = http.Server.prototype as http.Server & { [INSTALLED]?: true }
  if (server[INSTALLED]) return false
  const emit = server.emit as (
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) => boolean
  server.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      httpState().servers.add(this)
      observe(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)
    }
    return emit.call(this, event, ...args)
  } as typeof server.emit
  server[INSTALLED] = true
  return true
}
