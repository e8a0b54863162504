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
  if (operation === 'login') await countSignInAttempt(req, data?.email)
  if (operation === 'forgotPassword') {
    await consumeLimit(req.payload, 'forgotPassword', accountKeys(req, data?.email))
  }
  if (operation === 'create' && !req.user) {
    await refuseIfSpent(req.payload, 'registration', [addressKey(req.payload, req.headers)])
  }
  return args
}

/**
 * One sign-in attempt for the address and email: refused if either is blocked, else counted
 * now and given back by `forgiveSignInAttempt` if it succeeds, so only failures use the
 * allowance. A second step (a two-factor code) is an attempt of its own.
 */
export const countSignInAttempt = async (req: PayloadRequest, email: unknown) => {
  const keys = accountKeys(req, email)
  await refuseBlockedSignIn(req.payload, keys)
  await consumeLimit(req.payload, 'login', keys)
  req.context[SIGN_IN_KEYS] = keys
}

/** The attempt counted for this request succeeded (once: a second call gives nothing back). */
export const forgiveSignInAttempt = async (req: PayloadRequest) => {
  const keys = req.context[SIGN_IN_KEYS] as (string | null)[] | undefined
  delete req.context[SIGN_IN_KEYS]
  if (keys) await rewardLimit(req.payload, 'login', keys)
}

/** A sign-in that succeeded does not count against the allowance. */
export const forgiveSuccessfulSignIn: CollectionAfterLoginHook = async ({ req }) => {
  await forgiveSignInAttempt(req)
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
