import {
  APIError,
  type CollectionAfterLoginHook,
  type CollectionAfterRefreshHook,
  type CollectionBeforeOperationHook,
} from 'payload'

import {
  recordNewSession,
  sessionIdOfToken,
  sessionTooOld,
  touchSession,
} from '@/lib/auth/sessions'
import type { User } from '@/payload-types'

/** Notes the new session's device and ends the oldest beyond the fifth. */
export const recordSignIn: CollectionAfterLoginHook<User> = async ({ req, token, user }) => {
  const sid = sessionIdOfToken(token)
  if (sid) await recordNewSession(req, user.id, sid)
  return user
}

/** A refresh keeps a session alive an hour more, but never past 30 days from its sign-in. */
export const capSessionLifetime: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  const sid = (req.user as { _sid?: string } | null)?._sid
  if (operation === 'refresh' && req.user && sid && (await sessionTooOld(req, req.user.id, sid))) {
    throw new APIError(
      'You signed in 30 days ago, so this session has ended. Please log in again.',
      401,
      undefined,
      true,
    )
  }
  return args
}

/** A refreshed token means the session is in use: its "last seen" moves on. */
export const touchRefreshedSession: CollectionAfterRefreshHook = async ({ req }) => {
  const sid = (req.user as { _sid?: string } | null)?._sid
  if (req.user && sid) await touchSession(req, req.user.id, sid)
}
