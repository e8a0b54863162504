import { type NextRequest, NextResponse } from 'next/server'

/**
 * Organizers have nothing to do in /admin: send them to their account page on the site.
 * This only reads the role claim to pick a friendlier page; Payload's `access.admin` still
 * refuses them on the server whatever the cookie says.
 */
export function proxy(request: NextRequest) {
  const token = request.cookies.get('payload-token')?.value
  if (!token) return NextResponse.next()
  try {
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { role?: string }
    if (claims.role === 'organizer') {
      return NextResponse.redirect(new URL('/account?notice=admin', request.url))
    }
  } catch {
    // Not a JWT we can read: let Payload decide.
  }
  return NextResponse.next()
}

export const config = { matcher: ['/admin', '/admin/:path*'] }
