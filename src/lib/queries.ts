import { cache } from 'react'

import { slugs } from '@/collections/slugs'
import { ownVendor } from '@/lib/marketplace/ownVendor'
import type { Category, User, Vendor } from '@/payload-types'
import { TIER_DEFINITIONS } from '@/plugins/billing'

import { getPayloadClient } from './payload'

/**
 * Reads for the public site. Each runs with the visitor's own access (`overrideAccess: false`),
 * so the site can never show more than the API would give the same person.
 */

export const VENDORS_PER_PAGE = 12

export const topLevelCategories = async (user: User | null): Promise<Category[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.categories,
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
    collection: slugs.categories,
    where: { slug: { equals: slug } },
    limit: 1,
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
  })
  const category = docs[0]
  if (!category) return null
  const { docs: children } = await payload.find({
    collection: slugs.categories,
    where: { parent: { equals: category.id } },
    sort: 'name',
    limit: 50,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return { category, children }
})

/** Vendors whose tier puts them on the home page (Spotlight), best rated first. */
const FEATURED_COUNT = 6

export const featuredVendors = async (user: User | null): Promise<Vendor[]> => {
  const payload = await getPayloadClient()
  const featuredTiers = TIER_DEFINITIONS.filter((tier) => tier.entitlements.featuredOnHome)
  const featured = (reviewed: boolean, limit: number) =>
    payload.find({
      collection: slugs.vendors,
      where: {
        and: [
          { status: { equals: 'active' } },
          { tier: { in: featuredTiers.map((tier) => tier.value) } },
          reviewed
            ? { 'rating.count': { greater_than: 0 } }
            : {
                or: [{ 'rating.count': { equals: 0 } }, { 'rating.count': { exists: false } }],
              },
        ],
      },
      sort: ['-rating.score', '-rating.average', 'id'],
      limit,
      depth: 1,
      user,
      overrideAccess: false,
    })
  // Reviewed vendors first (PostgreSQL sorts a missing score first when descending); new ones
  // fill any places left.
  const { docs } = await featured(true, FEATURED_COUNT)
  if (docs.length >= FEATURED_COUNT) return docs
  return [...docs, ...(await featured(false, FEATURED_COUNT - docs.length)).docs]
}

/** Active vendors in any of these categories, best rated first (category pages). */
export const vendorsInCategories = async (
  categoryIds: number[],
  page: number,
  user: User | null,
) => {
  const payload = await getPayloadClient()
  return payload.find({
    collection: slugs.vendors,
    where: { and: [{ status: { equals: 'active' } }, { categories: { in: categoryIds } }] },
    sort: ['-rating.average', 'businessName'],
    limit: VENDORS_PER_PAGE,
    page: Math.max(1, page),
    depth: 1,
    user,
    overrideAccess: false,
  })
}

export const vendorBySlug = cache(
  async (slug: string, user: User | null): Promise<Vendor | null> => {
    const payload = await getPayloadClient()
    const { docs } = await payload.find({
      collection: slugs.vendors,
      where: { slug: { equals: slug } },
      limit: 1,
      pagination: false,
      depth: 1,
      user,
      overrideAccess: false,
    })
    return docs[0] ?? null
  },
)

export const vendorOwnedBy = async (user: User): Promise<Vendor | null> =>
  ownVendor(await getPayloadClient(), user)
