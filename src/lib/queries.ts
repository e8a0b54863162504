import type { Where } from 'payload'
import { cache } from 'react'

import type { Category, User, Vendor } from '@/payload-types'

import { getPayloadClient } from './payload'

/**
 * Reads for the public site. Each runs with the visitor's own access (`overrideAccess: false`),
 * so the site can never show more than the API would give the same person.
 */

export const VENDORS_PER_PAGE = 12

export const topLevelCategories = async (user: User | null): Promise<Category[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: 'categories',
    where: { parent: { exists: false } },
    sort: 'name',
    limit: 50,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return docs
}

// Cached per request: generateMetadata and the page both read the same document.
export const categoryBySlug = cache(async (slug: string, user: User | null) => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: 'categories',
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 1,
    user,
    overrideAccess: false,
  })
  const category = docs[0]
  if (!category) return null
  const { docs: children } = await payload.find({
    collection: 'categories',
    where: { parent: { equals: category.id } },
    sort: 'name',
    limit: 50,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return { category, children }
})

export const featuredVendors = async (user: User | null): Promise<Vendor[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: 'vendors',
    where: { and: [{ status: { equals: 'active' } }, { tier: { in: ['spotlight', 'showcase'] } }] },
    sort: ['-tier', '-rating.average'],
    limit: 6,
    depth: 1,
    user,
    overrideAccess: false,
  })
  return docs
}

export type VendorFilters = {
  query?: string
  categoryIds?: number[]
  region?: string
  page?: number
}

export const findVendors = async (filters: VendorFilters, user: User | null) => {
  const payload = await getPayloadClient()
  const and: Where[] = [{ status: { equals: 'active' } }]
  if (filters.query) {
    and.push({
      or: [
        { businessName: { like: filters.query } },
        { tagline: { like: filters.query } },
        { 'location.city': { like: filters.query } },
      ],
    })
  }
  if (filters.categoryIds?.length) and.push({ categories: { in: filters.categoryIds } })
  if (filters.region) and.push({ 'location.region': { equals: filters.region } })
  return payload.find({
    collection: 'vendors',
    where: { and },
    sort: ['-rating.average', 'businessName'],
    limit: VENDORS_PER_PAGE,
    page: Math.max(1, filters.page ?? 1),
    depth: 1,
    user,
    overrideAccess: false,
  })
}

export const vendorBySlug = cache(
  async (slug: string, user: User | null): Promise<Vendor | null> => {
    const payload = await getPayloadClient()
    const { docs } = await payload.find({
      collection: 'vendors',
      where: { slug: { equals: slug } },
      limit: 1,
      depth: 1,
      user,
      overrideAccess: false,
    })
    return docs[0] ?? null
  },
)

export const vendorOwnedBy = async (user: User): Promise<Vendor | null> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: 'vendors',
    where: { owner: { equals: user.id } },
    limit: 1,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return docs[0] ?? null
}
