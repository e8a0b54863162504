import {
  addDataAndFileToRequest,
  type Endpoint,
  headersWithCors,
  loginOperation,
  type PayloadRequest,
} from 'payload'
import { generatePayloadCookie } from 'payload/shared'

import { CHALLENGE_SECONDS } from '@/lib/auth/challenge'
import { SecondFactorRequired } from '@/lib/auth/errors'
import type { IssuedSession } from '@/lib/auth/issueSession'
import { signInWithCode } from '@/lib/auth/secondStep'
import { apiError } from '@/lib/kit/response'

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** Payload's login answer, cookie and all, as its own `POST /api/users/login` sends it. */
const loggedIn = (req: PayloadRequest, result: Partial<IssuedSession>) => {
  const { auth } = req.payload.collections.users.config
  const cookie = generatePayloadCookie({
    collectionAuthConfig: auth,
    cookiePrefix: req.payload.config.cookiePrefix,
    token: result.token ?? '',
  })
  const body = { message: req.t('authentication:passed'), ...result }
  if (auth.removeTokenFromResponses) delete body.token
  return Response.json(body, {
    headers: headersWithCors({ headers: new Headers({ 'Set-Cookie': cookie }), req }),
  })
}

/**
 * The second step asked for, in the error format plus Payload's `errors` (which its admin shows),
 * with what the client sends next.
 */
const secondFactorNeeded = (req: PayloadRequest, error: SecondFactorRequired) => {
  const { code, challenge } = error.data
  return Response.json(
    {
      success: false,
      error: {
        code,
        message: error.message,
        details: { challenge, challengeExpiresIn: CHALLENGE_SECONDS, next: '/api/users/login/2fa' },
      },
      errors: [{ message: error.message }],
    },
    { status: 401, headers: headersWithCors({ headers: new Headers(), req }) },
  )
}

/**
 * `POST /api/users/login`, registered before Payload's own so it takes the route: the same
 * login operation (hooks, lockout, sessions), but a correct password for an account with
 * two-factor sign-in answers 401 `SECOND_FACTOR_REQUIRED` with a challenge instead of a token.
 * A `code` sent along with the password signs in at once.
 */
export const loginWithSecondFactor: Endpoint = {
  path: '/login',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const depth = Number(req.searchParams.get('depth'))
    try {
      const result = await loginOperation({
        collection: req.payload.collections.users,
        data: { email: text(req.data?.email), password: text(req.data?.password) },
        depth: Number.isInteger(depth) && req.searchParams.has('depth') ? depth : undefined,
        req,
      })
      return loggedIn(req, result as Partial<IssuedSession>)
    } catch (error) {
      if (error instanceof SecondFactorRequired) return secondFactorNeeded(req, error)
      throw error
    }
  },
}

/**
 * `POST /api/users/login/2fa` with `{ challenge, code }`: the second step. `code` is the
 * 6-digit code of the authenticator app or an unused recovery code. Answers as the login does.
 */
export const completeSecondFactor: Endpoint = {
  path: '/login/2fa',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const challenge = text(req.data?.challenge)
    try {
      const session = await signInWithCode(req, challenge, req.data?.code)
      if (session) return loggedIn(req, session)
    } catch (error) {
      if (error instanceof SecondFactorRequired) return secondFactorNeeded(req, error)
      throw error
    }
    return apiError(
      req,
      401,
      'CHALLENGE_INVALID',
      'This sign-in step has expired or is not valid. Log in with your password again.',
    )
  },
}
