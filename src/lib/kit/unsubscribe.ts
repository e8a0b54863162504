import { errors, jwtVerify, SignJWT } from 'jose'
import { createHmac } from 'node:crypto'
import type { Payload } from 'payload'

import { RequestError } from './errors'
import { isNotificationKind, type NotificationKind } from './notifications'
import { serverUrl } from './url'

/** Long enough for an email read months later; a person can always change it on /account. */
export const UNSUBSCRIBE_TOKEN_LIFETIME_SECONDS = 365 * 24 * 60 * 60

const AUDIENCE = 'eventpros:unsubscribe'

/*
 * A key of its own, derived from PAYLOAD_SECRET: a sign-in token (signed with the secret
 * itself) is never an unsubscribe link, and an unsubscribe link never signs anyone in.
 */
const keyOf = (payload: Payload): Uint8Array =>
  createHmac('sha256', payload.secret).update('unsubscribe-links').digest()

/** A signed link token naming one account and one kind of email, valid for a year. */
export const unsubscribeToken = (
  payload: Payload,
  userId: number,
  kind: NotificationKind,
  issuedAt: Date = new Date(),
): Promise<string> => {
  const iat = Math.floor(issuedAt.getTime() / 1000)
  return new SignJWT({ kind })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(userId))
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + UNSUBSCRIBE_TOKEN_LIFETIME_SECONDS)
    .sign(keyOf(payload))
}

const INVALID =
  'This unsubscribe link is not valid. Copy the whole link from the email, or change your emails on your account page.'

/** The account and kind an unsubscribe token names, or a 400 saying why it cannot be used. */
export const readUnsubscribeToken = async (
  payload: Payload,
  token: unknown,
): Promise<{ userId: number; kind: NotificationKind }> => {
  if (typeof token !== 'string' || token === '' || token.length > 2000) {
    throw new RequestError(400, 'INVALID_TOKEN', INVALID)
  }
  try {
    const { payload: claims } = await jwtVerify(token, keyOf(payload), {
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
    })
    const userId = Number(claims.sub)
    if (!Number.isSafeInteger(userId) || userId < 1 || !isNotificationKind(claims.kind)) {
      throw new RequestError(400, 'INVALID_TOKEN', INVALID)
    }
    return { userId, kind: claims.kind }
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new RequestError(
        400,
        'EXPIRED_TOKEN',
        'This unsubscribe link is more than a year old. Change your emails on your account page, or use the link in a newer email.',
      )
    }
    if (error instanceof RequestError) throw error
    throw new RequestError(400, 'INVALID_TOKEN', INVALID)
  }
}

/** Where a mail provider posts the one-click unsubscribe (RFC 8058): the List-Unsubscribe URL. */
export const oneClickUnsubscribeUrl = (token: string): string =>
  serverUrl(`/api/unsubscribe?token=${encodeURIComponent(token)}`)

/**
 * The page a person opens from the email's footer or the List-Unsubscribe URL: it asks before
 * turning that kind off, since link scanners (Safe Links and the like) open every link in an email.
 */
export const unsubscribePageUrl = (token: string): string =>
  serverUrl(`/unsubscribe?token=${encodeURIComponent(token)}&confirm=1`)
