import { EncryptJWT, jwtDecrypt } from 'jose'
import { type PayloadRequest, parseCookies } from 'payload'

/** What reading and writing a cookie needs of a request: a page's headers serve as well. */
type CookieRequest = Pick<PayloadRequest, 'payload' | 'headers'>

import { serverUrl } from '@/lib/kit/url'

import { derivedKey } from '../keys'

type CookieOptions = {
  /** The cookie's name after Payload's cookie prefix: `oauth-flow`. */
  name: string
  /** Where the browser sends it back: only the routes that read it. */
  path: string
  maxAgeSeconds: number
}

const cookieName = (req: CookieRequest, name: string) =>
  `${req.payload.config.cookiePrefix}-${name}`

const attributes = (path: string, maxAge: number) =>
  [
    `Path=${path}`,
    'HttpOnly',
    // Lax: the provider's redirect back to us is a top-level GET, which Lax cookies ride on.
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(serverUrl().startsWith('https:') ? ['Secure'] : []),
  ].join('; ')

/**
 * A short-lived value the browser keeps for us between two requests and cannot read or alter:
 * a JWT encrypted with AES-256-GCM (jose) under a key of its own derived from PAYLOAD_SECRET,
 * expiring with the cookie. Each use has its own key, so one cookie never opens as another.
 */
export const sealedCookie = <T extends Record<string, unknown>>({
  name,
  path,
  maxAgeSeconds,
}: CookieOptions) => {
  const key = (req: CookieRequest) => derivedKey(req.payload, `cookie:${name}`)
  return {
    /** The `Set-Cookie` value that stores `value`. */
    write: async (req: CookieRequest, value: T): Promise<string> => {
      const sealed = await new EncryptJWT(value)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(`${maxAgeSeconds}s`)
        .encrypt(key(req))
      return `${cookieName(req, name)}=${sealed}; ${attributes(path, maxAgeSeconds)}`
    },
    /** What the cookie holds, or null when it is missing, expired, forged or altered. */
    read: async (req: CookieRequest): Promise<T | null> => {
      const sealed = parseCookies(req.headers).get(cookieName(req, name))
      if (!sealed) return null
      try {
        const { payload } = await jwtDecrypt(sealed, key(req))
        return payload as unknown as T
      } catch {
        return null
      }
    },
    /** The `Set-Cookie` value that deletes it. */
    clear: (req: CookieRequest): string => `${cookieName(req, name)}=; ${attributes(path, 0)}`,
  }
}
