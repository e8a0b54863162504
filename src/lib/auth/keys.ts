import crypto from 'node:crypto'

import type { Payload } from 'payload'

/**
 * A key of its own for each use, derived from PAYLOAD_SECRET: a sign-in challenge must never
 * verify as a session token (Payload signs those with the secret itself), and rotating the
 * secret invalidates stored TOTP secrets along with every session, as it should.
 */
export const derivedKey = (payload: Payload, purpose: string): Buffer =>
  Buffer.from(crypto.hkdfSync('sha256', payload.secret, 'event-pros-nz', purpose, 32))
