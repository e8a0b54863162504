import type { CollectionConfig, Where } from 'payload'

import { isStaffUser } from '@/access/roles'
import { admins, staff } from '@/access/rules'
import { slugify } from '@/lib/slugify'

import { slugs } from './slugs'
import { refreshAfterCategoryChange } from '@/lib/cache/publicPages'

/** Event categories in two levels: "Catering" → "Food trucks". */
export const Categories: CollectionConfig<'categories'> = {
  slug: slugs.categories,
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'parent', 'slug'],
    group: 'Marketplace',
    // Vendors pick categories on their profile; only staff edit the list.
    hidden: ({ user }) => !isStaffUser(user),
    hideAPIURL: true,
  },
  access: {
    read: () => true,
    create: staff,
    update: staff,
    delete: admins,
  },
  hooks: {
    beforeValidate: [
      ({ data }) => (data?.name && !data.slug ? { ...data, slug: slugify(data.name) } : data),
    ],
    afterChange: [refreshAfterCategoryChange],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 90,
      admin: { position: 'sidebar' },
      validate: (value: unknown) =>
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(String(value ?? ''))
          ? true
          : 'Use lower-case letters, digits and hyphens.',
    },
    {
      name: 'icon',
      type: 'text',
      maxLength: 16,
      admin: { description: 'An emoji shown on the category tile, e.g. 📷' },
    },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: slugs.categories,
      index: true,
      // Two levels only: a parent must itself be top-level.
      filterOptions: ({ id }) => {
        const topLevel: Where[] = [{ parent: { exists: false } }]
        return { and: id ? [...topLevel, { id: { not_equals: id } }] : topLevel }
      },
      admin: { position: 'sidebar' },
    },
    { name: 'description', type: 'textarea', maxLength: 500 },
  ],
  timestamps: true,
}
