import type { CollectionBeforeValidateHook } from 'payload'

import { slugify } from '@/lib/slugify'
import type { Vendor } from '@/payload-types'

import { slugs } from '../../slugs'

/** A profile gets a readable, unique URL from its business name unless one is given. */
export const generateVendorSlug: CollectionBeforeValidateHook<Vendor> = async ({
  data,
  originalDoc,
  req,
}) => {
  if (!data || data.slug || originalDoc?.slug || !data.businessName) return data
  const base = slugify(data.businessName) || 'vendor'
  let candidate = base
  for (let suffix = 2; suffix < 50; suffix++) {
    const taken = await req.payload.count({
      collection: slugs.vendors,
      where: { slug: { equals: candidate } },
      req,
      // System check: slugs must be unique across profiles the user cannot see.
      overrideAccess: true,
    })
    if (taken.totalDocs === 0) break
    candidate = `${base}-${suffix}`
  }
  return { ...data, slug: candidate }
}
