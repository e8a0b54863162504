import type { PayloadRequest } from 'payload'

import { countSignInAttempt } from '@/plugins/rateLimits'

import { readChallenge } from './challenge'
import { SecondFactorRequired } from './errors'
import { type IssuedSession, issueSession } from './issueSession'
import { loadTwoFactorRow, verifySecondFactor } from './twoFactor'

/**
 * The second sign-in step, for `POST /api/users/login/2fa` and the login form alike: the
 * challenge from the password step and a code. A code is a sign-in attempt like a password,
 * so wrong ones count against the rate limit and a blocked account or address is refused.
 * Null when the challenge is forged or expired (each caller words that its own way); a
 * wrong code throws `SecondFactorRequired` with the same challenge, to try again.
 */
export const signInWithCode = async (
  req: PayloadRequest,
  challenge: string,
  code: unknown,
): Promise<IssuedSession | null> => {
  const userId = readChallenge(req.payload, challenge)
  if (!userId) return null
  const row = await loadTwoFactorRow(req, userId)
  await countSignInAttempt(req, row?.email)
  const result = await verifySecondFactor({ req, userId, code })
  if (!result.ok) throw new SecondFactorRequired(challenge, true)
  return issueSession(req, userId)
}
