import crypto from 'node:crypto'

import type { Payload } from 'payload'

import { derivedKey } from './keys'

export const RECOVERY_CODE_COUNT = 10
// No 0/O or 1/I/L: a code copied from paper is read back right.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** `XXXXX-XXXXX`: 50 random bits, as easy to read aloud as to type. */
const newCode = (): string => {
  const chars = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

export const newRecoveryCodes = (): string[] => Array.from({ length: RECOVERY_CODE_COUNT }, newCode)

/** Spaces, dashes and case do not matter when someone types one in. */
export const normalizeRecoveryCode = (code: string): string =>
  code.toUpperCase().replace(/[^A-Z0-9]/g, '')

/**
 * Keyed SHA-256: the codes are random enough that a slow hash adds nothing, and the key (from
 * PAYLOAD_SECRET) keeps a leaked table from being checked offline.
 */
export const hashRecoveryCode = (payload: Payload, code: string): string =>
  crypto
    .createHmac('sha256', derivedKey(payload, 'recovery-codes'))
    .update(normalizeRecoveryCode(code))
    .digest('hex')

export const looksLikeRecoveryCode = (code: string): boolean =>
  normalizeRecoveryCode(code).length === 10
