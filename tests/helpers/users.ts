import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import type { Role } from '../../src/lib/constants'
import type { RestClient } from './rest'

export const TEST_PASSWORD = 'Kiwi-Events-2026!'

let counter = 0

/** A verified account of the given role, made directly (as an admin would) and logged in over REST. */
export const createUser = async (payload: Payload, rest: RestClient, role: Role, extra: Record<string, unknown> = {}) => {
  counter += 1
  const email = `${role}${counter}-${Date.now().toString(36)}@example.test`
  const user = await payload.create({
    collection: 'users',
    data: { email, password: TEST_PASSWORD, firstName: 'Test', lastName: role, role, _verified: true, ...extra },
    disableVerificationEmail: true,
    // Test fixtures grant any role, as an admin could.
    context: { seeding: true },
  })
  const login = await rest.post('/api/users/login', { body: { email, password: TEST_PASSWORD } })
  if (login.status !== 200) throw new Error(`login failed for ${email}: ${JSON.stringify(login.body)}`)
  return { user, token: login.body.token as string, email }
}

/** The newest .eml written for `to`, decoded enough to find links in it. */
export const readLatestMail = (mailDir: string, to: string): string | null => {
  const files = fs
    .readdirSync(mailDir)
    .filter((file) => file.includes(to.replace(/[^a-zA-Z0-9@._-]+/g, '_')))
    .sort()
  const latest = files[files.length - 1]
  if (!latest) return null
  const raw = fs.readFileSync(path.join(mailDir, latest), 'utf8')
  // Quoted-printable soft line breaks and =XX escapes.
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

export const tokenFromMail = (mail: string, pathName: string): string | null => {
  const match = mail.match(new RegExp(`${pathName}\\?token=([A-Za-z0-9%._-]+)`))
  return match ? decodeURIComponent(match[1]!) : null
}
