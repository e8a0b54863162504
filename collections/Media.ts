import path from 'node:path'
import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { signedIn, staffOrOwner } from '@/access/rules'
import { getEnv } from '@/lib/kit/env'
import type { Media as MediaDoc } from '@/payload-types'

import { ownerField } from './fields/marketplace'
import { slugs } from './slugs'

export const MEDIA_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'application/pdf',
]

const recordUploader: CollectionBeforeChangeHook<MediaDoc> = ({ data, operation, req }) =>
  operation === 'create' && req.user ? { ...data, owner: req.user.id } : data

export const Media: CollectionConfig<'media'> = {
  slug: slugs.media,
  admin: {
    group: 'Marketplace',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'owner'],
    // Vendors browse and pick only their own uploads.
    baseListFilter: ({ req: { user } }) =>
      user && user.role === 'vendor' ? { owner: { equals: user.id } } : null,
    hideAPIURL: true,
  },
  access: {
    read: () => true,
    create: signedIn,
    update: staffOrOwner,
    delete: staffOrOwner,
  },
  hooks: {
    beforeChange: [recordUploader],
  },
  upload: {
    staticDir: path.resolve(getEnv().MEDIA_DIR),
    mimeTypes: MEDIA_MIME_TYPES,
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', width: 320, height: 240, position: 'centre' },
      { name: 'card', width: 768, height: 512, position: 'centre' },
      { name: 'hero', width: 1600, withoutEnlargement: true },
    ],
    adminThumbnail: 'thumbnail',
    formatOptions: { format: 'webp', options: { quality: 82 } },
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      maxLength: 200,
      admin: { description: 'Describe the photo for people using screen readers.' },
    },
    ownerField(),
  ],
  timestamps: true,
}
