import {
  APIError,
  type CollectionAfterLoginHook,
  type CollectionBeforeDeleteHook,
  type Endpoint,
} from 'payload'

import { checkRole } from '@/access/roles'
import { nobody } from '@/access/rules'
import { guarded, jsonBody, routeId, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { nzDate } from '@/lib/privacy/erasure/constants'
import { eraseAccount } from '@/lib/privacy/erasure/erase'
import { cancelDeletionOnSignIn, requestDeletion } from '@/lib/privacy/erasure/request'
import type { User } from '@/payload-types'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

const systemWritten = { create: nobody, update: nobody }

/**
 * `DELETE /api/users/me` `{ password, code? }`: the person asks to delete their account. It is
 * erased 14 days later unless they sign in before then; every session ends now.
 */
const requestDeletionEndpoint: Endpoint = {
  path: '/me',
  method: 'delete',
  handler: guarded(async (req) => {
    const user = signedIn(req, 'Sign in to delete your account.')
    const body = await jsonBody(req)
    const request = await requestDeletion(req, user, { password: body.password, code: body.code })
    return apiJson(req, {
      success: true,
      data: request,
      message: `Your account will be deleted on ${nzDate(request.erasureDueAt)}. Signing in before then cancels it.`,
    })
  }),
}

/**
 * `DELETE /api/users/:id`, in place of Payload's own (which nulled every reference and left an
 * ownerless vendor listed): an admin's delete erases the account at once, as the grace period's
 * end would; anyone else is refused, the account holder pointed to `/me` and its grace period.
 * The admin's Delete button calls this route.
 */
const eraseNowEndpoint: Endpoint = {
  path: '/:id',
  method: 'delete',
  handler: guarded(async (req) => {
    const id = routeId(req, 'Account')
    const user = req.user as User | null
    if (user?.id === id) {
      throw new RequestError(
        403,
        'USE_ACCOUNT_DELETION',
        'Delete your own account from your account page (DELETE /api/users/me): it is erased after 14 days, and signing in before then cancels it.',
      )
    }
    if (!checkRole(['admin'], user)) {
      throw new RequestError(403, 'FORBIDDEN', 'You are not allowed to perform this action.')
    }
    const target = await req.payload.findByID({
      collection: slugs.users,
      id,
      depth: 0,
      disableErrors: true,
      overrideAccess: false,
      user,
      req,
    })
    if (target?.role === 'admin') {
      // As with suspension: an admin is not erased by another admin's click. Their role is
      // changed first (which is audited), then the account can be erased.
      throw new RequestError(
        409,
        'ADMIN_ACCOUNT',
        'Admin accounts cannot be erased. Change their role first, then erase the account.',
      )
    }
    const report = await eraseAccount(req.payload, id, { by: user as User })
    if (!report) throw new RequestError(404, 'NOT_FOUND', 'Account not found, or already erased.')
    return apiJson(req, {
      success: true,
      data: report,
      message: `Account ${id} was erased: their profile and files are gone, and the records others need are kept without their name.`,
    })
  }),
}

/** Signing in during the grace period keeps the account (password, two-step and provider sign-ins alike). */
const cancelDeletionOnLogin: CollectionAfterLoginHook<User> = async ({ req, user }) => {
  await cancelDeletionOnSignIn(req, user)
  return user
}

/**
 * Every other way of deleting accounts over the API (the admin list's bulk delete, GraphQL's
 * `deleteUser`) would null the references to the person instead of erasing them, so it is
 * refused with the way that works. System code on the Local API (removing an unconfirmed
 * sign-up with nothing attached) may still delete.
 */
const refuseDeletingOutsideErasure: CollectionBeforeDeleteHook = ({ req }) => {
  if (req.payloadAPI === 'local') return
  throw new APIError(
    'Accounts are erased one at a time: open the account and use Delete (DELETE /api/users/:id). That ends their plan, removes their profile and files, and keeps the records others need without their name.',
    409,
    undefined,
    true,
  )
}

const dateField = (name: string, label: string, description: string) => ({
  name,
  type: 'date' as const,
  label,
  index: true,
  access: systemWritten,
  admin: {
    readOnly: true,
    position: 'sidebar' as const,
    date: { pickerAppearance: 'dayAndTime' as const },
    description,
  },
})

export const erasureFeature: UserFeature = {
  fields: [
    dateField(
      'deletionRequestedAt',
      'Deletion asked for',
      'When the person asked to delete their account. Signing in cancels it.',
    ),
    dateField('erasureDueAt', 'Erased on', 'Fourteen days after the request, unless they sign in.'),
    dateField('erasedAt', 'Erased', 'This row is a placeholder: the person’s data was erased.'),
  ],
  endpoints: [requestDeletionEndpoint, eraseNowEndpoint],
  hooks: {
    afterLogin: [cancelDeletionOnLogin],
    beforeDelete: [refuseDeletingOutsideErasure],
  },
}
