import type {
  CollectionAfterOperationHook,
  CollectionBeforeChangeHook,
  Endpoint,
  FieldAccess,
} from 'payload'

import { nobody } from '@/access/rules'
import {
  completeProviderSignup,
  confirmProviderLink,
  finishProviderSignIn,
  startProviderSignIn,
  unlinkProvider,
} from '@/lib/auth/oauth/flow'
import { PROVIDER_IDS } from '@/lib/auth/oauth/providers'
import { guarded } from '@/lib/kit/endpoint'
import type { User } from '@/payload-types'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

/** The account's own holder only: not staff, not anyone filtering the users list by it. */
const holderOnly: FieldAccess = ({ req, doc }) =>
  Boolean(req.user && doc && (doc as { id?: unknown }).id === req.user.id)

const endpoints: Endpoint[] = [
  { path: '/oauth/signup', method: 'post', handler: guarded(completeProviderSignup) },
  { path: '/oauth/link', method: 'post', handler: guarded(confirmProviderLink) },
  { path: '/oauth/:provider', method: 'get', handler: guarded(startProviderSignIn) },
  { path: '/oauth/:provider/callback', method: 'get', handler: guarded(finishProviderSignIn) },
  { path: '/oauth/:provider', method: 'delete', handler: guarded(unlinkProvider) },
]

/**
 * Whether the person knows a password for the account. One made through Google or Facebook
 * starts with a random one; choosing a password (a reset, or a change on the account) sets it.
 */
const trackPasswordKnown: CollectionBeforeChangeHook<User> = ({ data, operation, req }) => {
  if (operation === 'create') data.hasPassword = !req.context.providerSignup
  else if (typeof (data as { password?: unknown }).password === 'string') data.hasPassword = true
  return data
}

/** Payload's password reset writes the row without the change hooks; record it here. */
const markPasswordResetKnown: CollectionAfterOperationHook<'users'> = async (args) => {
  if (args.operation !== 'resetPassword') return args.result
  const userId = (args.result as { user?: { id?: number } } | undefined)?.user?.id
  if (userId) {
    // System write: `hasPassword` is ours; the person has just proved the email and set one.
    await args.req.payload.db.updateOne({
      collection: slugs.users,
      id: userId,
      data: { hasPassword: true },
      req: args.req,
      returning: false,
    })
  }
  return args.result
}

/** Sign in with Google or Facebook (src/lib/auth/oauth): the linked identities and the routes. */
export const oauthFeature: UserFeature = {
  fields: [
    {
      name: 'hasPassword',
      type: 'checkbox',
      defaultValue: true,
      access: { create: nobody, update: nobody },
      admin: {
        readOnly: true,
        position: 'sidebar',
        description:
          'Off: the account was made through Google or Facebook and has no password yet.',
      },
    },
    {
      name: 'linkedIdentities',
      type: 'array',
      label: 'Signs in with',
      // Written only by src/lib/auth/oauth after the provider or the password proved who it is.
      access: { read: holderOnly, create: nobody, update: nobody },
      admin: { readOnly: true },
      fields: [
        {
          name: 'provider',
          type: 'select',
          required: true,
          options: PROVIDER_IDS.map((id) => ({
            label: id[0]!.toUpperCase() + id.slice(1),
            value: id,
          })),
        },
        { name: 'subject', type: 'text', required: true },
        { name: 'key', type: 'text', required: true, unique: true, hidden: true },
        { name: 'email', type: 'text' },
        { name: 'linkedAt', type: 'date', required: true },
      ],
    },
  ],
  endpoints,
  hooks: {
    beforeChange: [trackPasswordKnown],
    afterOperation: [markPasswordResetKnown],
  },
}
