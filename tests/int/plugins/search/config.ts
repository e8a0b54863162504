import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type CollectionConfig, type Field } from 'payload'
import sharp from 'sharp'

import {
  databasePool,
  postgresEngine,
  postgresJobEngine,
  searchPlugin,
} from '../../../../plugins/search'

/**
 * The search plugin on its own: the few fields of a vendor and a job it indexes, categories
 * and media, and the PostgreSQL engines. Anyone signed in may search jobs (the default).
 */
const REGIONS = [
  { value: 'north', label: 'The North' },
  { value: 'south', label: 'The South' },
]
const PRICE_RANGES = [
  { value: 'low', label: 'Low' },
  { value: 'high', label: 'High' },
]
const EVENT_TYPES = [
  { value: 'party', label: 'Party' },
  { value: 'wedding', label: 'Wedding' },
]

const place: Field = {
  name: 'location',
  type: 'group',
  fields: [
    { name: 'city', type: 'text' },
    { name: 'region', type: 'select', options: REGIONS },
    { name: 'lat', type: 'number' },
    { name: 'lng', type: 'number' },
  ],
}
const categories: Field = {
  name: 'categories',
  type: 'relationship',
  relationTo: 'categories',
  hasMany: true,
}
const selectOf = (name: string, options: string[], defaultValue: string): Field => ({
  name,
  type: 'select',
  options,
  defaultValue,
})

const Vendors: CollectionConfig = {
  slug: 'vendors',
  fields: [
    { name: 'businessName', type: 'text', required: true },
    { name: 'slug', type: 'text' },
    { name: 'tagline', type: 'text' },
    { name: 'description', type: 'richText' },
    categories,
    { name: 'priceRange', type: 'select', options: PRICE_RANGES, defaultValue: 'low' },
    place,
    { name: 'serviceRegions', type: 'select', options: REGIONS, hasMany: true },
    { name: 'portfolio', type: 'upload', relationTo: 'media', hasMany: true },
    {
      name: 'unavailableDates',
      type: 'array',
      fields: [
        { name: 'from', type: 'date' },
        { name: 'to', type: 'date' },
      ],
    },
    selectOf('status', ['draft', 'active'], 'active'),
    selectOf('tier', ['essential', 'spotlight'], 'essential'),
    selectOf('verificationStatus', ['unverified', 'verified'], 'unverified'),
    {
      name: 'rating',
      type: 'group',
      fields: [
        { name: 'average', type: 'number', defaultValue: 0 },
        { name: 'count', type: 'number', defaultValue: 0 },
      ],
    },
  ],
}

const Jobs: CollectionConfig = {
  slug: 'jobs',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'description', type: 'textarea', defaultValue: '' },
    { name: 'eventType', type: 'select', options: EVENT_TYPES, required: true },
    { name: 'eventDate', type: 'date', required: true },
    { name: 'guestCount', type: 'number', defaultValue: 50 },
    { name: 'budgetMin', type: 'number', defaultValue: 0 },
    { name: 'budgetMax', type: 'number', defaultValue: 1000 },
    place,
    categories,
    { name: 'isUrgent', type: 'checkbox' },
    { name: 'publishedAt', type: 'date' },
    { name: 'applicationDeadline', type: 'date' },
    selectOf('status', ['draft', 'published'], 'draft'),
  ],
}

type Options = Parameters<typeof searchPlugin>[0]

/** The config, with other engines where a test needs them (one that fails, say). */
export const searchTestConfig = (
  engine: Options['engine'] = (payload) => postgresEngine({ pool: databasePool(payload) }),
  jobEngine: Options['jobEngine'] = (payload) => postgresJobEngine({ pool: databasePool(payload) }),
) =>
  buildConfig({
    secret: process.env.PAYLOAD_SECRET!,
    editor: lexicalEditor(),
    sharp,
    db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: true }),
    collections: [
      { slug: 'users', auth: true, fields: [] },
      {
        slug: 'categories',
        // Facets name categories as the visitor may read them.
        access: { read: () => true },
        fields: [
          { name: 'name', type: 'text', required: true },
          { name: 'slug', type: 'text', required: true },
          { name: 'parent', type: 'relationship', relationTo: 'categories' },
        ],
      },
      {
        slug: 'media',
        upload: { staticDir: process.env.MEDIA_DIR, imageSizes: [{ name: 'card', width: 400 }] },
        fields: [{ name: 'alt', type: 'text' }],
      },
      Vendors,
      Jobs,
    ],
    plugins: [
      searchPlugin({
        engine,
        jobEngine,
        regions: REGIONS,
        priceRanges: PRICE_RANGES,
        eventTypes: EVENT_TYPES,
        searchBoost: ({ tier }) => (tier === 'spotlight' ? 2 : 0),
        // The tests apply queued index updates themselves.
        autoRunCron: false,
      }),
    ],
  })

export default searchTestConfig()
