import {
  addDataAndFileToRequest,
  type Endpoint,
  headersWithCors,
  resetPasswordOperation,
  ValidationError,
} from 'payload'
import { generatePayloadCookie } from 'payload/shared'
import { z } from 'zod'

import {
  describePasswordProblems,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from '@/lib/auth/passwordPolicy'
import { documented, documentOf } from '@/plugins/openapi'

import { slugs } from '../../slugs'

/**
 * The body as the handler reads it. The length is the policy's; the rest of it (letters of both
 * cases, a digit, a special character, hard to guess) is checked by `passwordProblems`. Payload's
 * reset runs the `beforeLogin` hooks, so `requireSecondFactor` reads `code` from this body too.
 */
export const ResetPasswordRequest = z.object({
  token: z.string().describe('The token from the reset link in the email.'),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH)
    .max(PASSWORD_MAX_LENGTH)
    .describe(
      'The new password: upper- and lower-case letters, a digit and a special character, not easy to guess, and not built from your email or name.',
    ),
  code: z
    .string()
    .optional()
    .describe(
      'With two-step sign-in on, required: the current 6-digit code from the authenticator app or a recovery code.',
    ),
})

/**
 * Payload's own reset-password route checks only the length of the new password; this one,
 * registered first so it takes the route, applies the full password policy before resetting.
 */
export const resetPasswordWithPolicy: Endpoint = documented(
  {
    summary: 'Set a new password with a reset token',
    description:
      "The token comes from the link `POST /api/users/forgot-password` emails. The new password must meet the password policy (a 400 with Payload's `errors` naming `password` says what is missing). For an account with two-step sign-in on, the reset also needs `code`: without a valid one it answers 401 `SECOND_FACTOR_REQUIRED` or `SECOND_FACTOR_INVALID` and the password stays as it was. A suspended account gets 403 `ACCOUNT_SUSPENDED`. Signs in: the session arrives as the `payload-token` cookie.",
    caller: 'public',
    body: ResetPasswordRequest,
    response: z.object({ message: z.string(), user: documentOf('users') }),
  },
  {
    path: '/reset-password',
    method: 'post',
    handler: async (req) => {
      await addDataAndFileToRequest(req)
      const password = typeof req.data?.password === 'string' ? req.data.password : ''
      const token = typeof req.data?.token === 'string' ? req.data.token : ''
      const problems = passwordProblems(password)
      if (problems.length > 0) {
        throw new ValidationError({
          collection: slugs.users,
          errors: [{ path: 'password', message: describePasswordProblems(problems) }],
        })
      }
      const collection = req.payload.collections.users
      const result = await resetPasswordOperation({ collection, data: { password, token }, req })
      const cookie = generatePayloadCookie({
        collectionAuthConfig: collection.config.auth,
        cookiePrefix: req.payload.config.cookiePrefix,
        token: result.token ?? '',
      })
      return Response.json(
        { message: 'Your password has been reset.', user: result.user },
        { headers: headersWithCors({ headers: new Headers({ 'Set-Cookie': cookie }), req }) },
      )
    },
  },
)
