import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { strictInputPlugin } from '../../../../plugins/strictInput'

/** The strict input plugin alone, over one plain collection anyone may read and write. */
export default buildConfig({
  secret: process.env.PAYLOAD_SECRET!,
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: true }),
  collections: [
    { slug: 'users', auth: true, fields: [] },
    {
      slug: 'notes',
      access: { read: () => true, create: () => true },
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'guests', type: 'number' },
        { name: 'eventDate', type: 'date' },
      ],
    },
  ],
  typescript: { autoGenerate: false },
  plugins: [strictInputPlugin()],
})
