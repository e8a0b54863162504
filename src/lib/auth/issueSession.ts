import { getFieldsToSign, jwtSign, LockedAuth, type PayloadRequest, UnverifiedEmail } from 'payload'
import { addSessionToUser } from 'payload/shared'

import { slugs } from '@/collections/slugs'
import type { User } from '@/payload-types'

import { refuseSuspended } from './suspension'

export type IssuedSession = { exp?: number; token: string; user: User }

/**
 * The end of Payload's login operation, for a person who proved the password and then the
 * second factor in two requests: a session, a token carrying its id, the `afterLogin` hooks
 * (session bookkeeping, the rate limiter) and the user as they may read themselves. The checks
 * Payload makes after the password are made again, since minutes may have passed, and a
 * suspended account is refused.
 */
export const issueSession = async (
  req: PayloadRequest,
  userId: number | string,
): Promise<IssuedSession> => {
  const { payload } = req
  const collectionConfig = payload.collections.users.config
  // System read: the stored row, with the lock and session fields no API answer has.
  let user = (await payload.db.findOne({
    collection: slugs.users,
    req,
    where: { id: { equals: userId } },
  })) as (User & { collection?: string; _strategy?: string }) | null
  if (!user) throw new LockedAuth(req.t)
  if (user.lockUntil && new Date(user.lockUntil).getTime() > Date.now()) throw new LockedAuth(req.t)
  if (collectionConfig.auth.verify && user._verified === false) {
    throw new UnverifiedEmail({ t: req.t })
  }
  // Suspended after the password step, or signing in through a provider: no session either way.
  refuseSuspended(user)
  user.collection = 'users'
  user._strategy = 'local-jwt'
  const { sid } = await addSessionToUser({ collectionConfig, payload, req, user })
  // The password step's reset of failed attempts was rolled back with its refusal; do it now.
  await payload.db.updateOne({
    collection: slugs.users,
    id: user.id,
    data: { loginAttempts: 0, lockUntil: null },
    req,
    returning: false,
  })
  const { exp, token } = await jwtSign({
    fieldsToSign: getFieldsToSign({ collectionConfig, email: user.email, sid, user }),
    secret: payload.secret,
    tokenExpiration: collectionConfig.auth.tokenExpiration,
  })
  req.user = user as PayloadRequest['user']
  for (const hook of collectionConfig.hooks.afterLogin ?? []) {
    user =
      ((await hook({ collection: collectionConfig, context: req.context, req, token, user })) as
        typeof user | undefined) || user
  }
  const readable = await payload.findByID({
    collection: slugs.users,
    id: user.id,
    depth: collectionConfig.auth.depth,
    overrideAccess: false,
    req,
  })
  return { exp, token, user: readable }
}
