import type {
  CollectionAfterOperationHook,
  CollectionBeforeChangeHook,
  Endpoint,
  FieldAccess,
} from 'payload'
import { z } from 'zod'

import { nobody } from '@/access/rules'
import {
  completeProviderSignup,
  confirmProviderLink,
  finishProviderSignIn,
  startProviderSignIn,
  unlinkProvider,
} from '@/lib/auth/oauth/flow'
import { PROVIDER_IDS } from '@/lib/auth/oauth/providers'
import { SELF_SERVICE_ROLES } from '@/lib/constants'
import { guarded } from '@/lib/kit/endpoint'
import type { User } from '@/payload-types'
import { documented, envelope } from '@/plugins/openapi'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

/** The account's own holder only: not staff, not anyone filtering the users list by it. */
const holderOnly: FieldAccess = ({ req, doc }) =>
  Boolean(req.user && doc && (doc as { id?: unknown }).id === req.user.id)

/**
 * `POST /api/users/oauth/signup`'s body, as `completeProviderSignup` reads it. A name that is
 * not text, or blank, is taken from the provider; `marketingEmails` is on only when `true`.
 */
export const ProviderSignupRequest = z.object({
  role: z
    .enum(SELF_SERVICE_ROLES)
    .describe('Planning an event (`organizer`) or running an event business (`vendor`).'),
  firstName: z.string().optional().describe('Default: the name the provider gave.'),
  lastName: z.string().optional().describe('Default: the name the provider gave.'),
  acceptTerms: z.literal(true).describe('The terms of use in force, accepted now.'),
  acceptPrivacy: z.literal(true).describe('The privacy policy in force, accepted now.'),
  marketingEmails: z.boolean().optional().describe('News and offers by email; off unless `true`.'),
})

/** `POST /api/users/oauth/link`'s body, as `confirmProviderLink` reads it. */
export const ProviderLinkRequest = z.object({
  password: z.string().min(1).describe('The password of the existing account with that email.'),
})

/** What both confirmations answer; the session (if any) arrives as the `payload-token` cookie. */
const nextPage = envelope(
  z.object({
    next: z
      .string()
      .describe(
        "Where the browser goes now: a page of the site, or for an account with two-step sign-in the log-in page's code step (`/login?challenge=…`).",
      ),
  }),
)

const providers = PROVIDER_IDS.map((id) => `\`${id}\``).join(', ')

const redirectsTo = (description: string) => ({ contentType: 'text/html', description })

const endpoints: Endpoint[] = [
  documented(
    {
      summary: 'Finish signing up with a provider',
      description:
        'After the callback sent a new person to `/signup/provider`: makes their account from the identity the provider vouched for (its confirmed email counts as confirmed) and signs them in. Needs the sign-in cookie the callback set, which lasts half an hour (410 `SIGN_IN_EXPIRED` after). 409 `ACCOUNT_EXISTS` when the email has an account meanwhile.',
      caller: 'public',
      body: ProviderSignupRequest,
      response: nextPage,
      example: { role: 'organizer', acceptTerms: true, acceptPrivacy: true },
    },
    { path: '/oauth/signup', method: 'post', handler: guarded(completeProviderSignup) },
  ),
  documented(
    {
      summary: 'Link a provider to your existing account',
      description:
        "After the callback sent someone whose provider email has an account here to `/login/link`: the account's password proves it is theirs (wrong ones count towards the lockout; 401 `PASSWORD_INCORRECT`), then the provider is linked and they are signed in. Needs the sign-in cookie the callback set (410 `SIGN_IN_EXPIRED` after half an hour).",
      caller: 'public',
      body: ProviderLinkRequest,
      response: nextPage,
    },
    { path: '/oauth/link', method: 'post', handler: guarded(confirmProviderLink) },
  ),
  documented(
    {
      summary: 'Sign in with a provider',
      description: `For a browser: redirects to the provider (${providers}) to choose an account, which comes back to the callback within ten minutes. Signed in, it links the provider to your account instead. 404 \`PROVIDER_NOT_AVAILABLE\` for a provider not set up here; 503 \`PROVIDER_UNAVAILABLE\` when it cannot be reached.`,
      caller: 'public',
      query: z.object({
        next: z
          .string()
          .optional()
          .describe('A path on this site to go to once signed in; anything else is ignored.'),
      }),
      response: redirectsTo("Redirects to the provider's sign-in page."),
      status: 303,
    },
    { path: '/oauth/:provider', method: 'get', handler: guarded(startProviderSignIn) },
  ),
  documented(
    {
      summary: "The provider's redirect back",
      description:
        'The provider sends the browser here; not for calling directly. It must be the browser that started the sign-in (the state is checked against its cookie). A linked account is signed in; a new person goes on to `/signup/provider`, and someone whose email has an account to `/login/link`. Every refusal redirects to the log-in, sign-up or account page with `oauthError` naming it.',
      caller: 'public',
      query: z.object({
        code: z.string().optional().describe("The provider's authorization code."),
        state: z.string().optional().describe('The state sent to the provider.'),
        error: z.string().optional().describe("The provider's refusal, such as `access_denied`."),
      }),
      response: redirectsTo(
        'Redirects to the next page, signed in (the `payload-token` cookie), or to the step or refusal that follows.',
      ),
      status: 303,
    },
    { path: '/oauth/:provider/callback', method: 'get', handler: guarded(finishProviderSignIn) },
  ),
  documented(
    {
      summary: 'Unlink a provider',
      description: `Stops \`provider\` (${providers}) signing in to your account. 404 \`NOT_LINKED\` when it is not linked; 409 \`LAST_SIGN_IN_METHOD\` when it is the only way you can sign in (set a password first).`,
      caller: 'signed-in',
      response: envelope(
        z.object({
          linkedIdentities: z
            .array(
              z.object({
                provider: z.enum(PROVIDER_IDS),
                email: z.string().nullable().optional(),
                linkedAt: z.iso.datetime(),
              }),
            )
            .describe('The providers still linked.'),
        }),
      ),
    },
    { path: '/oauth/:provider', method: 'delete', handler: guarded(unlinkProvider) },
  ),
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
