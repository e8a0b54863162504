import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig } from 'payload'

import { filesPlugin } from '../../../../plugins/files'

/**
 * The files plugin alone: a public upload collection and a private one whose files only
 * signed-in people may read.
 */
export default buildConfig({
  secret: process.env.PAYLOAD_SECRET!,
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: true }),
  collections: [
    { slug: 'users', auth: true, access: { create: () => true }, fields: [] },
    {
      slug: 'media',
      access: { read: () => true, create: () => true },
      upload: { staticDir: process.env.MEDIA_DIR },
      fields: [],
    },
    {
      slug: 'documents',
      access: { read: ({ req }) => Boolean(req.user), create: () => true },
      upload: { mimeTypes: ['application/pdf'] },
      fields: [],
    },
  ],
  typescript: { autoGenerate: false },
  plugins: [
    filesPlugin({ privateCollections: ['documents'], privateDir: process.env.PRIVATE_FILES_DIR! }),
  ],
})
