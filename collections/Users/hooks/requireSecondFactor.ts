import type { CollectionBeforeLoginHook } from 'payload'

import { issueChallenge } from '@/lib/auth/challenge'
import { PasswordConfirmed, SecondFactorRequired } from '@/lib/auth/errors'
import { isTwoFactorEnabled, verifySecondFactor } from '@/lib/auth/twoFactor'
import type { User } from '@/payload-types'
import { forgiveSignInAttempt } from '@/plugins/rateLimits'

/**
 * Runs inside Payload's login operation once the password is right and before any token is
 * signed, so REST, GraphQL `loginUser`, the site's form and the Local API all stop here alike:
 * an account with two-factor sign-in gets a challenge instead of a session unless a valid code
 * came with the password (`code` in a REST body, `context.secondFactorCode` for the Local API).
 * Throwing rolls back the session Payload has just added. API keys never log in, so they pass.
 */
export const requireSecondFactor: CollectionBeforeLoginHook<User> = async ({ req, user }) => {
  if (req.context.confirmPasswordOnly) throw new PasswordConfirmed()
  if (!isTwoFactorEnabled(user)) return user
  const code = req.context.secondFactorCode ?? req.data?.code
  const challenge = issueChallenge(req.payload, user.id)
  if (typeof code !== 'string' || code.trim() === '') {
    // The password was right: not a failure for the rate limit. The code step counts its own.
    await forgiveSignInAttempt(req)
    throw new SecondFactorRequired(challenge)
  }
  const result = await verifySecondFactor({ req, userId: user.id, code })
  if (!result.ok) throw new SecondFactorRequired(challenge, true)
  return user
}
