import type { Field } from 'payload'

import { nobody } from '@/access/rules'

const systemOnly = { create: nobody, read: nobody, update: nobody }

/**
 * Two-factor sign-in and session details. The secrets are `hidden` (never in a REST, GraphQL
 * or admin answer, not even the owner's) and written only by src/lib/auth through the
 * database adapter; the TOTP secret is sealed with a key from PAYLOAD_SECRET besides.
 */
export const securityFields: Field[] = [
  {
    name: 'totpEnabledAt',
    type: 'date',
    label: 'Two-step sign-in on since',
    access: { create: nobody, update: nobody },
    admin: {
      readOnly: true,
      position: 'sidebar',
      date: { pickerAppearance: 'dayAndTime' },
      description: 'Empty: no two-step sign-in. Staff without it have no staff powers.',
    },
  },
  {
    // When the role last changed: the staff grace period counts from it (or from createdAt).
    name: 'roleChangedAt',
    type: 'date',
    access: { create: nobody, update: nobody },
    admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
  },
  { name: 'totpSecret', type: 'text', hidden: true, access: systemOnly },
  { name: 'totpPendingSecret', type: 'text', hidden: true, access: systemOnly },
  { name: 'totpLastStep', type: 'number', hidden: true, access: systemOnly },
  { name: 'recoveryCodes', type: 'text', hidden: true, access: systemOnly },
  {
    // Per session id: the browser it started in and when it was last used. Payload's own
    // `sessions` rows take no extra fields, so this sits beside them.
    name: 'sessionDetails',
    type: 'json',
    hidden: true,
    access: systemOnly,
  },
]
