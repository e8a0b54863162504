import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import {
  isTwoFactorEnabled,
  loadTwoFactorRow,
  passwordMatches,
  verifySecondFactor,
} from '@/lib/auth/twoFactor'
import { queueEmail } from '@/lib/kit/email'
import { RequestError, invalidInput } from '@/lib/kit/errors'
import { inTransaction } from '@/lib/kit/transaction'
import { recordAudit } from '@/lib/trust/audit'
import type { User } from '@/payload-types'

import { erasureDueFrom, GRACE_DAYS, nzDate } from './constants'

/** The stored fields of a deletion request, as the database adapter reads and writes them. */
type DeletionRow = {
  id: number
  email: string
  deletionRequestedAt?: string | null
  erasureDueAt?: string | null
  sessions?: unknown[] | null
  sessionDetails?: unknown
  updatedAt?: string | null
}

// System reads and writes: the request fields and the sessions are not writable through the API.
const loadRow = async (req: PayloadRequest, id: number) =>
  (await req.payload.db.findOne({
    collection: slugs.users,
    req,
    where: { id: { equals: id } },
  })) as DeletionRow | null

export type DeletionRequest = { requestedAt: string; erasureDueAt: string }

/**
 * The person asks to delete their account (`DELETE /api/users/me`): the password again and,
 * with two-step sign-in on, a current code, so a borrowed laptop cannot do it. The account is
 * erased 14 days later unless they sign in before then; every session ends now, so signing in
 * is a deliberate act. Asking again changes nothing and answers the same date.
 */
export const requestDeletion = async (
  req: PayloadRequest,
  user: User,
  { password, code }: { password: unknown; code: unknown },
): Promise<DeletionRequest> => {
  if (typeof password !== 'string' || password === '') {
    throw invalidInput('password', 'Enter your password to confirm it is you.')
  }
  const row = await loadRow(req, user.id)
  if (!row) throw new RequestError(404, 'NOT_FOUND', 'This account no longer exists.')
  if (row.deletionRequestedAt && row.erasureDueAt) {
    return { requestedAt: row.deletionRequestedAt, erasureDueAt: row.erasureDueAt }
  }
  if (!(await passwordMatches(req, row.email, password))) {
    throw new RequestError(
      403,
      'WRONG_PASSWORD',
      'That password is not right. Nothing was changed.',
    )
  }
  if (isTwoFactorEnabled(await loadTwoFactorRow(req, user.id))) {
    if (typeof code !== 'string' || code.trim() === '') {
      throw new RequestError(
        403,
        'SECOND_FACTOR_REQUIRED',
        'Your account uses two-step sign-in: enter the code from your authenticator app (or a recovery code) too.',
      )
    }
    if (!(await verifySecondFactor({ req, userId: user.id, code })).ok) {
      throw new RequestError(
        403,
        'SECOND_FACTOR_INVALID',
        'That code did not work. Enter the current code from your authenticator app or a recovery code. Nothing was changed.',
      )
    }
  }
  const requestedAt = new Date()
  const dueAt = erasureDueFrom(requestedAt)
  return inTransaction(req, async () => {
    const fresh = (await loadRow(req, user.id))!
    // With `sessions` in it the whole row is written, so it goes back whole (see sessions.ts).
    await req.payload.db.updateOne({
      collection: slugs.users,
      id: user.id,
      data: {
        ...fresh,
        updatedAt: null,
        deletionRequestedAt: requestedAt.toISOString(),
        erasureDueAt: dueAt.toISOString(),
        sessions: [],
        sessionDetails: {},
      },
      req,
      returning: false,
    })
    await recordAudit(req, {
      action: 'user.deletion-request',
      targetCollection: slugs.users,
      targetId: user.id,
      summary: `Account ${user.id} asked to be deleted; erasure is due on ${nzDate(dueAt)}`,
      details: { erasureDueAt: dueAt.toISOString() },
    })
    await queueEmail(req, {
      userId: user.id,
      subject: `Your Event Pros NZ account will be deleted on ${nzDate(dueAt)}`,
      intro: `You asked us to delete your account. We will erase it on ${nzDate(dueAt)}, ${GRACE_DAYS} days from now: your profile, files and personal details go, and the bookings, payments, reviews and messages others need are kept without your name. You have been signed out everywhere.`,
      actionLabel: 'Sign in to keep my account',
      actionPath: '/login',
      outro:
        'Changed your mind? Signing in before then cancels the deletion and leaves everything as it was.',
    })
    return { requestedAt: requestedAt.toISOString(), erasureDueAt: dueAt.toISOString() }
  })
}

/**
 * Signing in during the grace period keeps the account: the request is withdrawn, the person
 * is told, and nothing else changes. Runs in the login's own transaction.
 */
export const cancelDeletionOnSignIn = async (
  req: PayloadRequest,
  user: Pick<User, 'id' | 'email' | 'role'>,
): Promise<boolean> => {
  const userId = user.id
  const row = await loadRow(req, userId)
  if (!row?.deletionRequestedAt) return false
  await req.payload.db.updateOne({
    collection: slugs.users,
    id: userId,
    data: { updatedAt: null, deletionRequestedAt: null, erasureDueAt: null },
    req,
    returning: false,
  })
  // The person is the actor, whether or not the sign-in path has put them on the request yet.
  const actor = req.user
  req.user = { ...user, collection: slugs.users } as PayloadRequest['user']
  try {
    await recordAudit(req, {
      action: 'user.deletion-cancel',
      targetCollection: slugs.users,
      targetId: userId,
      summary: `Account ${userId} signed in during the grace period, so it will not be deleted`,
    })
  } finally {
    req.user = actor
  }
  await queueEmail(req, {
    userId,
    subject: 'Your Event Pros NZ account will not be deleted',
    intro:
      'You signed in, so we have cancelled the deletion of your account. Everything is as it was: your profile, jobs, quotes, bookings and messages.',
    actionLabel: 'Open your account',
    actionPath: '/account',
    outro: 'Still want to go? You can ask again from your account page at any time.',
  })
  return true
}
