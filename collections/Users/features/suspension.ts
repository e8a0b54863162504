import type { CollectionBeforeLoginHook, Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { isStaffUser } from '@/access/roles'
import { nobody, staffField } from '@/access/rules'
import {
  liftSuspension,
  refuseSuspended,
  SUSPENSION_REASON_MAX,
  suspendAccount,
  type SuspensionResult,
} from '@/lib/auth/suspension'
import { VENDOR_STATUSES } from '@/lib/constants'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import type { User } from '@/payload-types'
import { documented, envelope } from '@/plugins/openapi'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

/** Staff see it; only the suspend and lift endpoints write it (through the database adapter). */
const suspensionAccess = { read: staffField, create: nobody, update: nobody }

/**
 * Runs before every other sign-in step (the password was right): a suspended account gets a
 * 403 with a sentence, and the session Payload has just added is rolled back with it.
 */
export const refuseSuspendedSignIn: CollectionBeforeLoginHook<User> = ({ user }) => {
  refuseSuspended(user)
  return user
}

const suspensionEndpoint = (
  path: string,
  act: (
    req: PayloadRequest,
    id: number,
    input: Record<string, unknown>,
  ) => Promise<SuspensionResult>,
): Endpoint => ({
  path,
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, {
      success: true,
      data: await act(req, routeId(req, 'Account'), await jsonBody(req)),
    }),
  ),
})

/**
 * `POST /api/users/:id/suspend`'s body, as `suspendAccount` reads it: the reason alone (any
 * other field is refused), 5 to `SUSPENSION_REASON_MAX` characters once trimmed. The 5 is
 * `SUSPENSION_REASON_MIN`, which src/lib/auth/suspension.ts keeps to itself.
 */
export const SuspensionRequest = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(5)
    .max(SUSPENSION_REASON_MAX)
    .describe('Why, in a few words: it is emailed to the person and kept in the audit log.'),
})

/** `POST /api/users/:id/unsuspend` takes an empty object: `liftSuspension` refuses any field. */
export const LiftSuspensionRequest = z.strictObject({})

const VendorStatus = z.enum(VENDOR_STATUSES.map(({ value }) => value))

const suspended = z.object({
  id: z.number().int().describe('The account.'),
  suspendedAt: z.iso.datetime(),
  vendorStatus: z
    .literal('inactive')
    .optional()
    .describe('Only for a vendor: their profile, now off the site.'),
})

const restored = z.object({
  id: z.number().int().describe('The account.'),
  suspendedAt: z.null(),
  vendorStatus: VendorStatus.optional().describe(
    'Only for a vendor: their profile’s status now (the one it had before, unless staff changed it meanwhile).',
  ),
})

export const suspensionFeature: UserFeature = {
  fields: [
    {
      // The admin's panel on the edit view: status, reason, and the Suspend / Lift button.
      name: 'suspension',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '@/components/admin/SuspensionPanel#SuspensionPanel' },
        condition: (_data, _siblingData, { user }) => isStaffUser(user),
      },
    },
    {
      name: 'suspendedAt',
      type: 'date',
      label: 'Suspended since',
      index: true,
      access: suspensionAccess,
      admin: {
        readOnly: true,
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'Empty: not suspended. Filter on it to list suspended accounts.',
        condition: (data) => Boolean(data?.suspendedAt),
      },
    },
    {
      name: 'suspensionReason',
      type: 'textarea',
      maxLength: SUSPENSION_REASON_MAX,
      access: suspensionAccess,
      admin: {
        readOnly: true,
        position: 'sidebar',
        condition: (data) => Boolean(data?.suspendedAt),
      },
    },
    {
      name: 'suspendedBy',
      type: 'relationship',
      relationTo: slugs.users,
      access: suspensionAccess,
      admin: {
        readOnly: true,
        position: 'sidebar',
        condition: (data) => Boolean(data?.suspendedAt),
      },
    },
    {
      // The vendor profile's status before the suspension took it off the site, to restore.
      name: 'suspendedVendorStatus',
      type: 'select',
      options: VENDOR_STATUSES.map(({ label, value }) => ({ label, value })),
      hidden: true,
      access: { read: nobody, create: nobody, update: nobody },
    },
  ],
  endpoints: [
    documented(
      {
        summary: 'Suspend an account',
        description:
          'The account can no longer sign in or use its API key and its sessions end at once; a vendor profile leaves the site and the search (its status is kept, to restore). The person is emailed the reason; audited. 409 `OWN_ACCOUNT` for your own account, `ALREADY_SUSPENDED`, or `ADMIN_ACCOUNT` for an admin (change their role first).',
        caller: 'admin',
        body: SuspensionRequest,
        response: envelope(suspended),
        example: { reason: 'Repeated fake quotes sent to organizers.' },
      },
      suspensionEndpoint('/:id/suspend', suspendAccount),
    ),
    documented(
      {
        summary: 'Lift a suspension',
        description:
          'Signing in and the API key work again, a vendor profile gets back the status it had (unless staff changed it meanwhile), and the person is emailed; audited. Send `{}`. 409 `NOT_SUSPENDED` when the account is not suspended.',
        caller: 'admin',
        body: LiftSuspensionRequest,
        response: envelope(restored),
        example: {},
      },
      suspensionEndpoint('/:id/unsuspend', liftSuspension),
    ),
  ],
  hooks: { beforeLogin: [refuseSuspendedSignIn] },
}
