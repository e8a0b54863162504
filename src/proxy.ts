import { type NextRequest, NextResponse } from 'next/server'

import { cachedRouteFor, isCachedCopyPath } from '@/lib/cache/publicPages'
import { getEnv } from '@/lib/kit/env'
import {
  contentSecurityPolicy,
  createNonce,
  policySourcesFromEnv,
} from '@/lib/security/contentSecurityPolicy'
import { builtStylesheetHashes } from '@/lib/security/stylesheetHashes'

const OWN_POLICY = /^\/(offline$|serwist\/)/

/** Payload's session cookie (its default `cookiePrefix`, "payload"). */
const SESSION_COOKIE = 'payload-token'

const isAdmin = (pathname: string) => pathname === '/admin' || pathname.startsWith('/admin/')

/**
 * The role claimed by the session cookie, read only to pick a friendlier page: Payload's
 * `access.admin` and every access rule still decide on the server whatever the cookie says.
 */
const roleClaim = (request: NextRequest): string | null => {
  const token = request.cookies.get(SESSION_COOKIE)?.value
  if (!token) return null
  try {
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { role?: unknown }
    return typeof claims.role === 'string' ? claims.role : null
  } catch {
    // Not a JWT we can read: let Payload decide.
    return null
  }
}

/**
 * Organizers have nothing to do in /admin: their account page instead. Staff whom the admin
 * turned away (Payload sends them to /admin/unauthorized) lack two-factor sign-in: its setup.
 */
const friendlierPage = (request: NextRequest) => {
  const role = roleClaim(request)
  const to = (path: string) => NextResponse.redirect(new URL(path, request.url))
  if (role === 'organizer') return to('/account?notice=admin')
  if (
    (role === 'admin' || role === 'moderator') &&
    request.nextUrl.pathname === '/admin/unauthorized'
  ) {
    return to('/account/security?required=1')
  }
  return null
}

/**
 * Every page and the admin get a Content-Security-Policy with a nonce of their own. The policy
 * goes on the request as well as the response: Next reads the nonce from the request's header
 * and puts it on the scripts it renders (all pages are rendered per request).
 */
export function proxy(request: NextRequest) {
  // The service worker and the offline page bring their own policy (src/app/serwist, offline):
  // a page's policy on the worker's script would become the worker's own.
  if (OWN_POLICY.test(request.nextUrl.pathname)) return NextResponse.next()
  const admin = isAdmin(request.nextUrl.pathname)
  // Payload's own login form has no two-factor step: staff sign in on the site's, then return.
  if (request.nextUrl.pathname === '/admin/login') {
    return NextResponse.redirect(new URL('/login?next=/admin', request.url))
  }
  if (admin) {
    const redirect = friendlierPage(request)
    if (redirect) return redirect
  }
  const sources = policySourcesFromEnv(getEnv())
  const { pathname, searchParams } = request.nextUrl
  // Anonymous visitors read the public pages from Next's cache: the same copy for everyone,
  // rendered once, so no nonce can be in it (see contentSecurityPolicy.ts). The copy's own
  // path (where the rewrite lands, or asked for by name) is rendered without a nonce too.
  const cached = admin
    ? null
    : cachedRouteFor({
        method: request.method,
        pathname,
        searchParams,
        // A session cookie, or a token or API key (Payload signs a page's reader in from either).
        hasSession: request.cookies.has(SESSION_COOKIE) || request.headers.has('authorization'),
      })
  if (cached || isCachedCopyPath(pathname)) {
    const response = cached
      ? NextResponse.rewrite(new URL(`${cached}${request.nextUrl.search}`, request.url))
      : NextResponse.next()
    response.headers.set(
      'Content-Security-Policy',
      contentSecurityPolicy({ ...sources, area: 'cached', nonce: null }),
    )
    return response
  }
  const policy = contentSecurityPolicy({
    ...sources,
    stylesheetHashes: admin || sources.development ? [] : builtStylesheetHashes(),
    area: admin ? 'admin' : 'site',
    nonce: createNonce(),
  })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  return response
}

// Pages and the admin. API answers and Next's assets keep next.config.mjs's static policy.
export const config = { matcher: ['/((?!api/|_next/).*)'] }
