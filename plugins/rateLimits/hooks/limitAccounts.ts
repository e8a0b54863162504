import type {
  CollectionAfterLoginHook,
  CollectionAfterOperationHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import {
  addressKey,
  clearLimit,
  consumeLimit,
  refuseBlockedSignIn,
  refuseIfSpent,
  rewardLimit,
} from '../utilities/limit'

const SIGN_IN_KEYS = 'rateLimits.signInKeys'

const emailKey = (email: unknown) =>
  typeof email === 'string' && email.trim() ? `email:${email.trim().toLowerCase()}` : null

/** The keys an account operation counts against: the client's address and the email named. */
const accountKeys = (req: PayloadRequest, email?: unknown) => [
  addressKey(req.payload, req.headers),
  emailKey(email),
]

/**
 * Before Payload looks at a password, a reset request or an anonymous sign-up: refuse when the
 * address or email has used its allowance. Every transport reaches these operations (REST,
 * GraphQL, the forms' server actions), so they are limited alike.
 */
export const limitAccountOperations: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  const data = (args as { data?: { email?: unknown } }).data
  if (operation === 'login') {
    const keys = accountKeys(req, data?.email)
    await refuseBlockedSignIn(req.payload, keys)
    // Counted now, given back if the sign-in succeeds: only failures use the allowance.
    await consumeLimit(req.payload, 'login', keys)
    req.context[SIGN_IN_KEYS] = keys
  }
  if (operation === 'forgotPassword') {
    await consumeLimit(req.payload, 'forgotPassword', accountKeys(req, data?.email))
  }
  if (operation === 'create' && !req.user) {
    await refuseIfSpent(req.payload, 'registration', [addressKey(req.payload, req.headers)])
  }
  return args
}

/** A sign-in that succeeded does not count against the allowance. */
export const forgiveSuccessfulSignIn: CollectionAfterLoginHook = async ({ req }) => {
  const keys = req.context[SIGN_IN_KEYS] as (string | null)[] | undefined
  if (keys) await rewardLimit(req.payload, 'login', keys)
}

/**
 * After an account operation: an account created by someone not signed in counts against
 * their address's allowance; an account staff unlocked, or whose password was reset from its
 * email, may sign in again at once.
 */
export const afterAccountOperations: CollectionAfterOperationHook = async ({
  args,
  operation,
  req,
  result,
}) => {
  if (operation === 'create' && !req.user) {
    // Created already: a race past the limit is counted, not undone.
    await consumeLimit(req.payload, 'registration', [addressKey(req.payload, req.headers)]).catch(
      () => undefined,
    )
  }
  if (operation === 'unlock') {
    const email = (args as { data?: { email?: unknown } }).data?.email
    await clearLimit(req.payload, ['login', 'loginOffences'], [emailKey(email)])
  }
  if (operation === 'resetPassword') {
    const email = (result as { user?: { email?: unknown } } | undefined)?.user?.email
    await clearLimit(req.payload, ['login', 'loginOffences'], [emailKey(email)])
  }
  return result
}
