import {
  addDataAndFileToRequest,
  type Endpoint,
  headersWithCors,
  resetPasswordOperation,
  ValidationError,
} from 'payload'
import { generatePayloadCookie } from 'payload/shared'

import { describePasswordProblems, passwordProblems } from '@/lib/auth/passwordPolicy'

import { slugs } from '../../slugs'

/**
 * Payload's own reset-password route checks only the length of the new password; this one,
 * registered first so it takes the route, applies the full password policy before resetting.
 */
export const resetPasswordWithPolicy: Endpoint = {
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
}
