import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { slugify } from '../../src/lib/slugify'
import type { Vendor } from '../../src/payload-types'

/** A category created as the system would (seed or admin). */
export const createCategory = async (payload: Payload, name: string, parent?: number) =>
  payload.create({ collection: 'categories', data: { name, slug: slugify(name), parent } })

/** A vendor profile owned by `ownerId`, created as staff would. */
export const createVendor = async (
  payload: Payload,
  ownerId: number,
  categoryId: number,
  overrides: Partial<Vendor> = {},
): Promise<Vendor> =>
  payload.create({
    collection: 'vendors',
    data: {
      businessName: `Vendor ${ownerId}`,
      owner: ownerId,
      categories: [categoryId],
      priceRange: 'moderate',
      location: { city: 'Napier', region: 'hawkes-bay', lat: -39.49, lng: 176.91 },
      contact: { email: `vendor${ownerId}@example.test`, phone: '06 835 1234' },
      internalNotes: 'Staff only',
      status: 'active',
      ...overrides,
    } as Vendor,
  })

/** The bytes of a file in `tests/fixtures`, ready to upload. */
export const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures', name)))
