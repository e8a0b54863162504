import { jwtVerify } from 'jose'
import { createHash } from 'node:crypto'
import type { Payload } from 'payload'
import { parseCookies } from 'payload/shared'

import type { LimitName } from '../limits'
import { addressKey, consumeLimit } from './limit'
import { rateLimitsConfig } from './runtime'

type Caller = { kind: 'apiKey' | 'user' | 'anonymous'; key: string }

/**
 * Who a request counts against. A token is verified (a forged one counts as anonymous) but
 * not looked up: the budget only needs a name, and Payload still authenticates the request.
 */
const callerOf = async (payload: Payload, headers: Headers, address: string): Promise<Caller> => {
  const authorization = headers.get('authorization') ?? ''
  // Payload's API-key scheme names the auth collection: `users API-Key <key>`.
  const scheme = `${rateLimitsConfig(payload).authCollection} API-Key `.toLowerCase()
  const apiKey =
    authorization.slice(0, scheme.length).toLowerCase() === scheme
      ? authorization.slice(scheme.length)
      : ''
  if (apiKey) {
    const digest = createHash('sha256').update(apiKey).digest('hex').slice(0, 32)
    return { kind: 'apiKey', key: `key:${digest}` }
  }
  const token =
    /^(?:JWT|Bearer) (.+)$/i.exec(authorization)?.[1] ??
    parseCookies(headers).get(`${payload.config.cookiePrefix}-token`)
  if (token) {
    try {
      const { payload: claims } = await jwtVerify(token, new TextEncoder().encode(payload.secret))
      if (claims.id !== undefined) return { kind: 'user', key: `user:${String(claims.id)}` }
    } catch {
      // Expired or forged: counted by address like any anonymous request.
    }
  }
  return { kind: 'anonymous', key: address }
}

/**
 * The budgets every REST and GraphQL request counts against, before Payload handles it: one
 * for everything (per user, API key or address) and a smaller one for the search paths. Calls
 * that did not come over HTTP, the uncounted paths, and exempted addresses are not counted.
 */
export const limitRequest = async (payload: Payload, request: Request): Promise<void> => {
  const { pathname } = new URL(request.url)
  const { uncountedPaths, searchPaths } = rateLimitsConfig(payload)
  if (request.method === 'OPTIONS' || uncountedPaths.some((path) => path.test(pathname))) return
  const address = addressKey(payload, request.headers)
  if (!address) return
  const caller = await callerOf(payload, request.headers, address)
  const budget: LimitName = caller.kind === 'apiKey' ? 'apiKeyRequests' : 'requests'
  await consumeLimit(payload, budget, [caller.key])
  if (searchPaths.some((path) => path.test(pathname))) {
    await consumeLimit(
      payload,
      caller.kind === 'anonymous' ? 'searchAnonymous' : 'searchSignedIn',
      [caller.key],
    )
  }
}
