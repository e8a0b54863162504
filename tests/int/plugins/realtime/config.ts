import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { PostgresRealtimeDriver, realtimePlugin, userChannel } from '../../../../plugins/realtime'

/**
 * The realtime plugin alone, on its embedded PostgreSQL driver: each person may hear only their
 * own channel.
 */
export default buildConfig({
  secret: process.env.PAYLOAD_SECRET!,
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: true }),
  collections: [{ slug: 'users', auth: true, access: { create: () => true }, fields: [] }],
  typescript: { autoGenerate: false },
  plugins: [
    realtimePlugin({
      driver: (payload) => new PostgresRealtimeDriver(payload),
      authorize: async ({ req, channel }) =>
        Boolean(req.user) && channel === userChannel(req.user!.id as number),
    }),
  ],
})
