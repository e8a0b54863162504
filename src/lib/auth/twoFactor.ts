import { AuthenticationError, type Payload, type PayloadRequest, type Where } from 'payload'
import QRCode from 'qrcode'

import { slugs } from '@/collections/slugs'
import type { User } from '@/payload-types'

import { PasswordConfirmed, TwoFactorRefusal } from './errors'
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from './recoveryCodes'
import { openSecret, sealSecret } from './secretBox'
import { recordSecurityEvent } from './securityNotice'
import { acceptedTimeStep, newTotpSecret, totpUri } from './totp'

/** The stored row, hidden fields included: only this module and the login hook read it. */
export type TwoFactorRow = Pick<User, 'id' | 'email' | 'firstName' | 'role'> & {
  updatedAt?: string | null
  totpSecret?: string | null
  totpPendingSecret?: string | null
  totpLastStep?: number | null
  recoveryCodes?: string | null
  totpEnabledAt?: string | null
  sessions?: { id: string; createdAt?: string | null; expiresAt: string }[] | null
}

export type SecondFactorResult =
  | { ok: true; method: 'totp' }
  | { ok: true; method: 'recovery'; recoveryCodesLeft: number }
  | { ok: false }

export const isTwoFactorEnabled = (user: { totpEnabledAt?: string | null } | null | undefined) =>
  Boolean(user?.totpEnabledAt)

// System reads and writes: these fields are hidden from every API, the account's own included.
export const loadTwoFactorRow = async (
  req: PayloadRequest,
  id: number | string,
): Promise<TwoFactorRow | null> =>
  (await req.payload.db.findOne({
    collection: slugs.users,
    req,
    where: { id: { equals: id } },
  })) as TwoFactorRow | null

const writeRow = async (req: PayloadRequest, id: number | string, data: Partial<TwoFactorRow>) => {
  await req.payload.db.updateOne({ collection: slugs.users, id, data, req, returning: false })
}

/** Writes `data` only if `guard` still holds: two requests with one code cannot both win. */
const claimRow = async (
  req: PayloadRequest,
  id: number | string,
  guard: Where,
  data: Partial<TwoFactorRow>,
): Promise<boolean> =>
  Boolean(
    await req.payload.db.updateOne({
      collection: slugs.users,
      where: { and: [{ id: { equals: id } }, guard] },
      data,
      options: { atomic: true },
      req,
      returning: false,
    }),
  )

const splitHashes = (stored: string | null | undefined): string[] =>
  (stored ?? '').split(',').filter(Boolean)

/**
 * The one check of a second factor, for sign-in and for turning two-factor off: a current
 * authenticator code (this step or one either side, each step accepted once) or an unused
 * recovery code, which is then spent, logged and emailed about. Wrong codes change nothing
 * here; counting them as failed sign-in attempts is the caller's (the rate limiter's) part.
 */
export const verifySecondFactor = async ({
  req,
  userId,
  code,
  epoch,
}: {
  req: PayloadRequest
  userId: number | string
  code: unknown
  /** Seconds since 1970; tests move the clock with it. */
  epoch?: number
}): Promise<SecondFactorResult> => {
  if (typeof code !== 'string' || code.trim() === '') return { ok: false }
  const row = await loadTwoFactorRow(req, userId)
  const secret = openSecret(req.payload, row?.totpSecret)
  if (!row || !secret) return { ok: false }

  const digits = code.replace(/\s+/g, '')
  if (/^\d{6}$/.test(digits)) {
    const step = acceptedTimeStep(secret, digits, row.totpLastStep, epoch)
    if (step === null) return { ok: false }
    const claimed = await claimRow(
      req,
      row.id,
      { or: [{ totpLastStep: { less_than: step } }, { totpLastStep: { exists: false } }] },
      { totpLastStep: step },
    )
    return claimed ? { ok: true, method: 'totp' } : { ok: false }
  }

  if (!looksLikeRecoveryCode(digits)) return { ok: false }
  const hashes = splitHashes(row.recoveryCodes)
  const hash = hashRecoveryCode(req.payload, digits)
  if (!hashes.includes(hash)) return { ok: false }
  const left = hashes.filter((entry) => entry !== hash)
  const claimed = await claimRow(
    req,
    row.id,
    { recoveryCodes: { equals: row.recoveryCodes } },
    { recoveryCodes: left.join(',') },
  )
  if (!claimed) return { ok: false }
  await recordSecurityEvent(req, row, 'user.2fa-recovery-code', { recoveryCodesLeft: left.length })
  return { ok: true, method: 'recovery', recoveryCodesLeft: left.length }
}

export type Enrolment = { secret: string; uri: string; qrCode: string }

/**
 * Step one: a new secret, kept sealed as pending until a code from it proves the app has it.
 * Asking again replaces the pending secret, so an abandoned attempt leaves nothing behind.
 */
export const startEnrolment = async (req: PayloadRequest, user: User): Promise<Enrolment> => {
  if (isTwoFactorEnabled(await loadTwoFactorRow(req, user.id))) {
    throw new TwoFactorRefusal('Two-step sign-in is already on for this account.', 409)
  }
  const secret = newTotpSecret()
  await writeRow(req, user.id, { totpPendingSecret: sealSecret(req.payload, secret) })
  const uri = totpUri(secret, user.email)
  const qrCode = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, uri, qrCode }
}

/**
 * Step two: a code from the app turns two-factor on, ends every other session (someone who
 * had the password may be signed in elsewhere) and returns ten recovery codes, shown once.
 */
export const confirmEnrolment = async (
  req: PayloadRequest,
  user: User,
  code: string,
): Promise<string[]> => {
  const currentSid = (req.user as { _sid?: string } | null)?._sid
  const row = await loadTwoFactorRow(req, user.id)
  if (!row) throw new TwoFactorRefusal('This account no longer exists.', 404)
  if (isTwoFactorEnabled(row)) {
    throw new TwoFactorRefusal('Two-step sign-in is already on for this account.', 409)
  }
  const pending = openSecret(req.payload, row.totpPendingSecret)
  if (!pending) {
    throw new TwoFactorRefusal('Start again: scan the new QR code, then enter the code it shows.')
  }
  const step = acceptedTimeStep(pending, code.replace(/\s+/g, ''))
  if (step === null) {
    throw new TwoFactorRefusal(
      'That code did not match. Check the time on your phone is set automatically, then enter the code your app shows now.',
    )
  }
  const codes = newRecoveryCodes()
  // With `sessions` in it the whole row is written, so it goes back whole (see sessions.ts).
  await writeRow(req, row.id, {
    ...row,
    updatedAt: null,
    totpSecret: row.totpPendingSecret,
    totpPendingSecret: null,
    totpLastStep: step,
    recoveryCodes: codes.map((entry) => hashRecoveryCode(req.payload, entry)).join(','),
    totpEnabledAt: new Date().toISOString(),
    sessions: (row.sessions ?? []).filter((session) => session.id === currentSid),
  })
  await recordSecurityEvent(req, row, 'user.2fa-enable')
  return codes
}

/** Fresh recovery codes replace the old set (all of it: a lost sheet of paper is void). */
export const replaceRecoveryCodes = async (req: PayloadRequest, user: User): Promise<string[]> => {
  const row = await loadTwoFactorRow(req, user.id)
  if (!isTwoFactorEnabled(row)) throw new TwoFactorRefusal('Two-step sign-in is not on.')
  const codes = newRecoveryCodes()
  await writeRow(req, user.id, {
    recoveryCodes: codes.map((entry) => hashRecoveryCode(req.payload, entry)).join(','),
  })
  return codes
}

/**
 * Whether `password` is the account's, through Payload's own login operation (so a wrong one
 * counts towards the lockout) stopped before it makes a session.
 */
export const passwordMatches = async (
  req: PayloadRequest,
  email: string,
  password: string,
): Promise<boolean> => {
  try {
    await req.payload.login({
      collection: slugs.users,
      data: { email, password },
      req: { headers: req.headers, context: { confirmPasswordOnly: true } },
    })
  } catch (error) {
    if (error instanceof PasswordConfirmed) return true
    if (error instanceof AuthenticationError) return false
    throw error
  }
  return false
}

/** Turning it off takes the password and a current code (or a recovery code). */
export const disableTwoFactor = async (
  req: PayloadRequest,
  user: User,
  { password, code }: { password: string; code: string },
): Promise<void> => {
  const row = await loadTwoFactorRow(req, user.id)
  if (!row || !isTwoFactorEnabled(row)) throw new TwoFactorRefusal('Two-step sign-in is not on.')
  if (!(await passwordMatches(req, row.email, password))) {
    throw new TwoFactorRefusal('That password is not right.')
  }
  const result = await verifySecondFactor({ req, userId: user.id, code })
  if (!result.ok) {
    throw new TwoFactorRefusal(
      'That code did not work. Enter the current code from your authenticator app or a recovery code.',
    )
  }
  await writeRow(req, user.id, {
    totpSecret: null,
    totpPendingSecret: null,
    totpLastStep: null,
    recoveryCodes: null,
    totpEnabledAt: null,
  })
  await recordSecurityEvent(req, row, 'user.2fa-disable', { confirmedWith: result.method })
}

export const recoveryCodesLeft = async (req: PayloadRequest, id: number | string) =>
  splitHashes((await loadTwoFactorRow(req, id))?.recoveryCodes).length

/**
 * Two-factor already on, with a known secret: the demo seed's and the tests' staff accounts,
 * which must reach staff tools without someone scanning a code first.
 */
export const enrolledTwoFactorData = (payload: Payload, secret: string) => ({
  totpSecret: sealSecret(payload, secret),
  totpEnabledAt: new Date().toISOString(),
})
