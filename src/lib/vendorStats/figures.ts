import type { Payload, Where } from 'payload'

import { slugs } from '@/collections/slugs'
import { ownVendor } from '@/lib/marketplace/ownVendor'
import type { User } from '@/payload-types'
import { type Entitlements, tierDefinition } from '@/plugins/billing'

import { profileViewsOf } from './profileViews'

/** What a vendor's admin dashboard shows them about their own business. */
export type VendorFigures = {
  vendorId: number
  businessName: string
  slug: string | null
  /** Views of their public page in the last `PROFILE_VIEW_DAYS` days. */
  profileViews: number
  enquiries: number
  quotesSent: number
  quotesWon: number
  bookingsUpcoming: number
  bookingsCompleted: number
  responseRate: number | null
  medianResponseHours: number | null
  ratingAverage: number
  reviewCount: number
  plan: { label: string; entitlements: Entitlements }
}

/**
 * The signed-in vendor's figures, every count read with their own access, so a vendor can only
 * ever count their own threads, quotes and bookings. Null when they have no profile yet.
 */
export const vendorFigures = async (
  payload: Payload,
  user: User,
): Promise<VendorFigures | null> => {
  const vendor = await ownVendor(payload, user)
  if (!vendor) return null
  const mine: Where = { vendor: { equals: vendor.id } }
  const count = async (collection: 'threads' | 'applications' | 'bookings', where?: Where) =>
    (
      await payload.count({
        collection: slugs[collection],
        where: where ? { and: [mine, where] } : mine,
        user,
        overrideAccess: false,
      })
    ).totalDocs
  const now = new Date().toISOString()
  const [profileViews, enquiries, quotesSent, quotesWon, bookingsUpcoming, bookingsCompleted] =
    await Promise.all([
      profileViewsOf(payload, user, vendor.id),
      count('threads'),
      count('applications'),
      count('applications', { status: { equals: 'accepted' } }),
      count('bookings', {
        and: [{ status: { equals: 'confirmed' } }, { eventDate: { greater_than_equal: now } }],
      }),
      count('bookings', { status: { equals: 'completed' } }),
    ])
  const tier = tierDefinition(vendor.tier)
  return {
    vendorId: vendor.id,
    businessName: vendor.businessName,
    slug: vendor.slug ?? null,
    profileViews,
    enquiries,
    quotesSent,
    quotesWon,
    bookingsUpcoming,
    bookingsCompleted,
    responseRate: vendor.responseStats?.responseRate ?? null,
    medianResponseHours: vendor.responseStats?.medianResponseHours ?? null,
    ratingAverage: vendor.rating?.average ?? 0,
    reviewCount: vendor.rating?.count ?? 0,
    plan: { label: tier.label, entitlements: tier.entitlements },
  }
}
