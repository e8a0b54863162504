import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import {
  billingDriverFromEnv,
  billingPlugin,
  type BillingUser,
  tierOptions,
} from '../../../../plugins/billing'
import { recorded } from './recorded'

const hasRole =
  (...roles: string[]) =>
  (user: BillingUser) =>
    Boolean(user && roles.includes(user.role))

/**
 * Billing on its own: users, vendors with just the fields billing reads, and the plugin with
 * the driver the app would choose from the environment (Stripe when the spec points it at the
 * local Stripe peer).
 */
export default buildConfig({
  secret: process.env.PAYLOAD_SECRET!,
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: true }),
  collections: [
    {
      slug: 'users',
      auth: true,
      fields: [
        {
          name: 'role',
          type: 'select',
          required: true,
          defaultValue: 'vendor',
          options: ['admin', 'moderator', 'vendor'],
        },
      ],
    },
    {
      slug: 'vendors',
      fields: [
        { name: 'businessName', type: 'text', required: true },
        { name: 'owner', type: 'relationship', relationTo: 'users' },
        {
          name: 'tier',
          type: 'select',
          required: true,
          defaultValue: 'essential',
          options: tierOptions,
        },
      ],
      hooks: {
        afterChange: [
          ({ doc }) => {
            recorded.savedVendorIds.push(doc.id)
            return doc
          },
        ],
      },
    },
  ],
  plugins: [
    billingPlugin({
      driver: billingDriverFromEnv({
        STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET,
        STRIPE_API_URL: process.env.STRIPE_API_URL,
      }),
      access: {
        isAdmin: hasRole('admin'),
        isStaff: hasRole('admin', 'moderator'),
        isVendor: hasRole('vendor'),
      },
      ownVendor: async (payload, user, req) =>
        (
          await payload.find({
            collection: 'vendors',
            where: { owner: { equals: user.id } },
            limit: 1,
            depth: 0,
            user,
            overrideAccess: false,
            req,
          })
        ).docs[0] ?? null,
      recordAudit: async (_req, entry) => {
        recorded.audited.push(entry)
      },
      graceCron: false,
    }),
  ],
})
