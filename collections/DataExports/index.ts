import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import { nobody } from '@/access/rules'
import { DATA_EXPORT_STATUSES } from '@/lib/privacy/export/statuses'

import { slugs } from '../slugs'
import { canReadDataExport } from './access'
import { downloadDataExport } from './endpoints'

const systemOnly = { create: nobody, update: nobody }

/**
 * A "Download my data" file: who it is about, who asked (the person, or an admin answering a
 * request received by email), and where the job got to. Only the export endpoints and the job
 * write these; the ZIP itself lives in the file store (PRIVATE_FILES_DIR, or the bucket's
 * `private/data-exports/`) and leaves only through `GET /api/data-exports/:id/download`.
 */
export const DataExports: CollectionConfig<'data-exports'> = {
  slug: slugs.dataExports,
  labels: { singular: 'Data export', plural: 'Data exports' },
  admin: {
    useAsTitle: 'fileName',
    defaultColumns: ['user', 'requestedBy', 'status', 'expiresAt', 'createdAt'],
    group: 'People',
    hidden: ({ user }) => !checkRole(['admin'], user),
    description: 'Made by "Download my data" and POST /api/users/:id/export; kept for 7 days.',
  },
  access: {
    read: canReadDataExport,
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  endpoints: [downloadDataExport],
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'user',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: systemOnly,
      admin: { readOnly: true, description: 'Whose data is in the file.' },
    },
    {
      name: 'requestedBy',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: systemOnly,
      admin: {
        readOnly: true,
        description: 'The person themselves, or the admin who made it for them.',
      },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: DATA_EXPORT_STATUSES.map((value) => ({
        label: value[0]!.toUpperCase() + value.slice(1),
        value,
      })),
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'readyAt',
      type: 'date',
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'expiresAt',
      type: 'date',
      index: true,
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar', description: '7 days after it was ready.' },
    },
    { name: 'fileName', type: 'text', access: systemOnly, admin: { readOnly: true } },
    {
      name: 'sizeBytes',
      type: 'number',
      access: systemOnly,
      admin: { readOnly: true, description: 'The size of the ZIP file in bytes.' },
    },
    {
      // The ZIP's name in the file store: nobody's business but the download route's.
      name: 'storedAs',
      type: 'text',
      access: { read: nobody, ...systemOnly },
      admin: { hidden: true },
    },
    {
      name: 'failureReason',
      type: 'text',
      access: systemOnly,
      admin: { readOnly: true, condition: (data) => data?.status === 'failed' },
    },
  ],
  timestamps: true,
}
