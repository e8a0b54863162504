import {
  addDataAndFileToRequest,
  type Endpoint,
  headersWithCors,
  loginOperation,
  type PayloadRequest,
} from 'payload'
import { generatePayloadCookie } from 'payload/shared'
import { z } from 'zod'

import { CHALLENGE_SECONDS } from '@/lib/auth/challenge'
import { SecondFactorRequired } from '@/lib/auth/errors'
import type { IssuedSession } from '@/lib/auth/issueSession'
import { signInWithCode } from '@/lib/auth/secondStep'
import { apiError } from '@/lib/kit/response'
import { documented, documentOf } from '@/plugins/openapi'

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
 * The login's body as the handler reads it: `email` and `password` (anything but text counts as
 * empty), and `code`, which the `requireSecondFactor` hook reads for the one-request sign-in.
 */
export const LoginRequest = z.object({
  email: z.string().describe('The account’s email address.'),
  password: z.string(),
  code: z
    .string()
    .optional()
    .describe(
      'With two-step sign-in on: the 6-digit code from the authenticator app or a recovery code, to sign in in one request.',
    ),
})

/** `POST /api/users/login/2fa`'s body, as `signInWithCode` reads it. */
export const SecondFactorRequest = z.object({
  challenge: z.string().describe('`error.details.challenge` from the login’s 401 answer.'),
  code: z
    .string()
    .describe(
      'The current 6-digit code from the authenticator app, or an unused recovery code (spaces are ignored).',
    ),
})

/** Payload's login answer (not the envelope): the token also arrives as the cookie. */
const SignedIn = z.object({
  message: z.string(),
  user: documentOf('users'),
  token: z.string().describe('Send as `Authorization: Bearer <token>`.'),
  exp: z.number().int().describe('When the token expires, in seconds since 1970.'),
})

const MINUTES = CHALLENGE_SECONDS / 60

/**
 * `POST /api/users/login`, registered before Payload's own so it takes the route: the same
 * login operation (hooks, lockout, sessions), but a correct password for an account with
 * two-factor sign-in answers 401 `SECOND_FACTOR_REQUIRED` with a challenge instead of a token.
 * A `code` sent along with the password signs in at once.
 */
export const loginWithSecondFactor: Endpoint = documented(
  {
    summary: 'Sign in with email and password',
    description: [
      "Payload's login (wrong passwords count towards a lockout of the account), answered as Payload does: `{ message, user, token, exp }`, the token also as the `payload-token` cookie. A suspended account is refused with 403 `ACCOUNT_SUSPENDED`.",
      `**Two-step sign-in.** For an account with two-step sign-in on (required for admins and moderators, optional for everyone else), a correct password answers **401 \`SECOND_FACTOR_REQUIRED\`** and no token. Its \`error.details\` holds \`challenge\`, \`challengeExpiresIn\` (seconds) and \`next\` (\`/api/users/login/2fa\`): send the challenge with the code from the authenticator app (or a recovery code) to \`POST /api/users/login/2fa\` within ${MINUTES} minutes, which answers as this does. Or send \`code\` with the password here to sign in in one request; a wrong one answers 401 \`SECOND_FACTOR_INVALID\` with a new challenge.`,
    ].join('\n\n'),
    caller: 'public',
    body: LoginRequest,
    query: z.object({
      depth: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .describe('How many levels of related documents to include in `user`.'),
    }),
    response: SignedIn,
    example: { email: 'jo@example.co.nz', password: 'correct horse battery staple' },
  },
  {
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
  },
)

/**
 * `POST /api/users/login/2fa` with `{ challenge, code }`: the second step. `code` is the
 * 6-digit code of the authenticator app or an unused recovery code. Answers as the login does.
 */
export const completeSecondFactor: Endpoint = documented(
  {
    summary: 'Finish signing in with a two-step code',
    description: `The second step after \`POST /api/users/login\` answered 401 \`SECOND_FACTOR_REQUIRED\`: its challenge (valid ${MINUTES} minutes) and the code. Answers as the login does, token and cookie. A wrong code answers 401 \`SECOND_FACTOR_INVALID\` with the same challenge to try again (codes count towards the sign-in rate limit); an expired or unknown challenge, 401 \`CHALLENGE_INVALID\`: log in with the password again.`,
    caller: 'public',
    body: SecondFactorRequest,
    response: SignedIn,
    example: { challenge: '<error.details.challenge>', code: '123456' },
  },
  {
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
  },
)
