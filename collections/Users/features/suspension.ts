import type { CollectionBeforeLoginHook, Endpoint, PayloadRequest } from 'payload'

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
    suspensionEndpoint('/:id/suspend', suspendAccount),
    suspensionEndpoint('/:id/unsuspend', liftSuspension),
  ],
  hooks: { beforeLogin: [refuseSuspendedSignIn] },
}
