import {
  APIError,
  type CollectionAfterLoginHook,
  type CollectionBeforeDeleteHook,
  type Endpoint,
} from 'payload'
import { z } from 'zod'

import { checkRole } from '@/access/roles'
import { nobody } from '@/access/rules'
import { guarded, jsonBody, routeId, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { GRACE_DAYS, nzDate } from '@/lib/privacy/erasure/constants'
import { eraseAccount } from '@/lib/privacy/erasure/erase'
import { cancelDeletionOnSignIn, requestDeletion } from '@/lib/privacy/erasure/request'
import type { User } from '@/payload-types'
import { documented, envelope } from '@/plugins/openapi'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

const systemWritten = { create: nobody, update: nobody }

/** `DELETE /api/users/me`'s body, as `requestDeletion` reads it. */
export const AccountDeletionRequest = z.object({
  password: z.string().min(1).describe('The account’s password, to confirm it is you.'),
  code: z
    .string()
    .optional()
    .describe(
      'With two-step sign-in on, required: the current 6-digit code from the authenticator app, or an unused recovery code.',
    ),
})

/**
 * `DELETE /api/users/me` `{ password, code? }`: the person asks to delete their account. It is
 * erased 14 days later unless they sign in before then; every session ends now.
 */
const requestDeletionEndpoint: Endpoint = documented(
  {
    summary: 'Delete your account',
    description: `Your account is erased ${GRACE_DAYS} days later unless you sign in before then, which cancels it; every session ends now and you are emailed the date. Asking again answers the same date. 403 \`WRONG_PASSWORD\`; with two-step sign-in on, 403 \`SECOND_FACTOR_REQUIRED\` without a \`code\` and \`SECOND_FACTOR_INVALID\` for a wrong one.`,
    caller: 'signed-in',
    body: AccountDeletionRequest,
    response: envelope(
      z.object({
        requestedAt: z.iso.datetime(),
        erasureDueAt: z.iso.datetime().describe('When the account will be erased.'),
      }),
    ).extend({ message: z.string() }),
    example: { password: 'correct horse battery staple' },
  },
  {
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
  },
)

/**
 * `DELETE /api/users/:id`, in place of Payload's own (which nulled every reference and left an
 * ownerless vendor listed): an admin's delete erases the account at once, as the grace period's
 * end would; anyone else is refused, the account holder pointed to `/me` and its grace period.
 * The admin's Delete button calls this route.
 */
const eraseNowEndpoint: Endpoint = documented(
  {
    summary: 'Erase an account now',
    description:
      "Replaces Payload's delete: the account is erased at once, as at the end of the grace period. Its plan ends, its profile and files go, and the records others need (bookings, payments, reviews, messages) are kept without the person's name; audited, and the person is emailed. 403 `USE_ACCOUNT_DELETION` for your own account (use `DELETE /api/users/me`); 409 `ADMIN_ACCOUNT` for an admin (change their role first); 404 when already erased.",
    caller: 'admin',
    response: envelope(
      z.object({
        userId: z.number().int(),
        vendorId: z.number().int().nullable().describe('Their vendor profile, if they had one.'),
        endedSubscriptions: z
          .array(z.string())
          .describe('The Stripe subscriptions cancelled with it.'),
      }),
    ).extend({ message: z.string() }),
  },
  {
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
  },
)

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
