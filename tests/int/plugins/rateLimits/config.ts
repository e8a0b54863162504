import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { rateLimitsPlugin } from '../../../../plugins/rateLimits'

/**
 * The rate limits plugin alone, on a plain auth collection, with one search path and one path
 * no budget counts.
 */
export default buildConfig({
  secret: process.env.PAYLOAD_SECRET!,
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: true }),
  collections: [{ slug: 'members', auth: true, access: { create: () => true }, fields: [] }],
  typescript: { autoGenerate: false },
  plugins: [
    rateLimitsPlugin({
      authCollection: 'members',
      uncountedPaths: [/^\/api\/hooks\/incoming$/],
      searchPaths: [/^\/api\/members\/search$/],
    }),
  ],
})
