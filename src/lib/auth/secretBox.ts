import crypto from 'node:crypto'

import type { Payload } from 'payload'

import { derivedKey } from './keys'

const VERSION = 'v1'

/** AES-256-GCM with a key from PAYLOAD_SECRET: a database dump alone does not yield the secrets. */
export const sealSecret = (payload: Payload, plain: string): string => {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', derivedKey(payload, 'totp-secret'), iv)
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), sealed].map(encode).join('.')
}

/** The plain secret, or null when it was sealed under another PAYLOAD_SECRET or tampered with. */
export const openSecret = (payload: Payload, sealed: string | null | undefined): string | null => {
  const [version, iv, tag, data] = (sealed ?? '').split('.')
  if (version !== VERSION || !iv || !tag || !data) return null
  try {
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      derivedKey(payload, 'totp-secret'),
      Buffer.from(iv, 'base64url'),
    )
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8')
  } catch {
    return null
  }
}

const encode = (part: string | Buffer) =>
  typeof part === 'string' ? part : part.toString('base64url')
