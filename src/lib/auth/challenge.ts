import crypto from 'node:crypto'

import type { Payload } from 'payload'

import { derivedKey } from './keys'

/** Long enough to open an authenticator app and type a code; short enough to be no credential. */
export const CHALLENGE_SECONDS = 5 * 60

type Claims = { sub: string; exp: number; pur: 'second-factor' }

const sign = (payload: Payload, body: string) =>
  crypto.createHmac('sha256', derivedKey(payload, 'second-factor-challenge')).update(body).digest()

/**
 * What a correct password earns an account with two-factor sign-in: proof, for five minutes,
 * that the password step is done. It is signed with a key of its own, so it never passes as
 * a session token, and it grants nothing without a code.
 */
export const issueChallenge = (payload: Payload, userId: number | string): string => {
  const claims: Claims = {
    sub: String(userId),
    exp: Math.floor(Date.now() / 1000) + CHALLENGE_SECONDS,
    pur: 'second-factor',
  }
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${body}.${sign(payload, body).toString('base64url')}`
}

/** The user id a challenge was issued for, or null when it is forged, altered or expired. */
export const readChallenge = (payload: Payload, challenge: unknown): string | null => {
  if (typeof challenge !== 'string') return null
  const [body, signature] = challenge.split('.')
  if (!body || !signature) return null
  const expected = sign(payload, body)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Claims>
    if (claims.pur !== 'second-factor' || typeof claims.sub !== 'string') return null
    if (typeof claims.exp !== 'number' || claims.exp < Date.now() / 1000) return null
    return claims.sub
  } catch {
    return null
  }
}
