import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq, type Payload } from 'payload'

import { sessionIdOfToken } from '../../src/lib/auth/sessions'
import { totpCode } from '../../src/lib/auth/totp'
import { enrolledTwoFactorData } from '../../src/lib/auth/twoFactor'
import type { Role } from '../../src/lib/constants'
import type { User } from '../../src/payload-types'
import type { RestClient } from './rest'

export const TEST_PASSWORD = 'Kiwi-Events-2026!'
/** The authenticator secret of every staff account the tests make (staff need two-factor). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

const STAFF: readonly Role[] = ['admin', 'moderator']

/**
 * What `POST /api/users/login` takes for this account: the password and, for an account with
 * two-factor sign-in, the current code. Its replay memory is cleared first (as a test fixture
 * clears a lockout), so the same account may sign in twice within one 30-second step.
 */
export const loginBody = async (
  payload: Payload,
  user: { id: number; email: string },
  password = TEST_PASSWORD,
) => {
  const row = (await payload.db.findOne({
    collection: 'users',
    where: { id: { equals: user.id } },
  })) as { totpEnabledAt?: string | null } | null
  if (!row?.totpEnabledAt) return { email: user.email, password }
  await payload.db.updateOne({
    collection: 'users',
    id: user.id,
    data: { totpLastStep: null },
    returning: false,
  })
  return { email: user.email, password, code: totpCode(TEST_TOTP_SECRET) }
}

/** `POST /api/users/login` with these credentials: the test password unless `body` gives one. */
export const postLogin = (
  rest: RestClient,
  body: { email: string; [field: string]: unknown },
  headers?: Record<string, string>,
) => rest.post('/api/users/login', { body: { password: TEST_PASSWORD, ...body }, headers })

/** The request of a signed-in person, their session too, as the site's own actions have it. */
export const sessionReq = (payload: Payload, user: User, token: string) => {
  // `_sid` is what Payload's JWT strategy adds to the user it authenticates; the generated
  // `User` type does not declare it.
  const withSession: User & { _sid?: string } = {
    ...user,
    collection: 'users',
    _sid: sessionIdOfToken(token),
  }
  return createLocalReq({ user: withSession }, payload)
}

/** What a sign-up through `POST /api/users` must send besides the account: both acceptances. */
export const SIGN_UP_CONSENT = { acceptTerms: true, acceptPrivacy: true } as const

let counter = 0

/**
 * A verified account of the given role, made directly (as an admin would) and logged in over
 * REST. Admins and moderators come with two-factor sign-in on (secret `TEST_TOTP_SECRET`), as
 * staff must have it before any staff rule lets them through.
 */
export const createUser = async (
  payload: Payload,
  rest: RestClient,
  role: Role,
  extra: Record<string, unknown> = {},
) => {
  counter += 1
  const email = `${role}${counter}-${Date.now().toString(36)}@example.test`
  const user = await payload.create({
    collection: 'users',
    data: {
      email,
      password: TEST_PASSWORD,
      firstName: 'Test',
      lastName: role,
      role,
      _verified: true,
      ...(STAFF.includes(role) ? enrolledTwoFactorData(payload, TEST_TOTP_SECRET) : {}),
      ...extra,
    },
    disableVerificationEmail: true,
    // Test fixtures grant any role, as an admin could.
    context: { seeding: true },
  })
  const login = await postLogin(rest, await loginBody(payload, user))
  if (login.status !== 200)
    throw new Error(`login failed for ${email}: ${JSON.stringify(login.body)}`)
  return { user, token: login.body.token as string, email }
}

/** Every .eml written for `to`, oldest first, decoded enough to read its words and links. */
export const readMails = (mailDir: string, to: string): string[] => {
  if (!fs.existsSync(mailDir)) return []
  return fs
    .readdirSync(mailDir)
    .filter((file) => file.includes(to.replace(/[^a-zA-Z0-9@._-]+/g, '_')))
    .sort()
    .map((file) => {
      const raw = fs.readFileSync(path.join(mailDir, file), 'utf8').replace(/=\r?\n/g, '')
      // Quoted-printable =XX escapes, as UTF-8 bytes.
      return raw.replace(/(=[0-9A-F]{2})+/g, (run) =>
        Buffer.from(
          run
            .split('=')
            .slice(1)
            .map((hex) => parseInt(hex, 16)),
        ).toString('utf8'),
      )
    })
}

/** The newest .eml written for `to`, decoded. */
export const readLatestMail = (mailDir: string, to: string): string | null =>
  readMails(mailDir, to).at(-1) ?? null

export const tokenFromMail = (mail: string, pathName: string): string | null => {
  const match = mail.match(new RegExp(`${pathName}\\?token=([A-Za-z0-9%._-]+)`))
  return match ? decodeURIComponent(match[1]!) : null
}
