import type { PayloadRequest } from 'payload'

import { idOf } from '@/lib/kit/ids'
import { GST_RATE_PERCENT } from '@/lib/kit/money'
import type { Vendor } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import { getBilling, vendorsSlug } from './runtime'
import { type Tier, TIER_DEFINITIONS, withGst } from './tiers'

/** The tiers as a price list: what a customer sees, and what `GET /api/billing/plans` answers. */
export const planList = (req: PayloadRequest) => ({
  configured: getBilling(req.payload).configured,
  currency: 'nzd',
  gstRate: GST_RATE_PERCENT / 100,
  tiers: TIER_DEFINITIONS.map((tier) => ({
    value: tier.value,
    label: tier.label,
    summary: tier.summary,
    monthly: withGst(tier.monthlyCents),
    entitlements: tier.entitlements,
  })),
})

/** Subscriptions counted in monthly recurring revenue: billed now, even if a payment is late. */
const RECURRING = ['active', 'past_due', 'unpaid']

export type BillingOverview = {
  tiers: { tier: Tier; label: string; vendors: number; subscriptions: number; mrrCents: number }[]
  mrrCents: number
  /**
   * Vendors billed by more than one live subscription (two Checkouts finished side by side):
   * one should be cancelled and refunded.
   */
  doubleBilled: { vendorId: number; vendorName: string; subscriptionIds: number[] }[]
  pastDue: {
    subscriptionId: number
    vendorId: number
    vendorName: string
    tier: Tier | null
    status: string
    pastDueSince: string | null
    graceEndsAt: string | null
    downgraded: boolean
  }[]
}

/**
 * Vendors and monthly recurring revenue (before GST) by tier, the subscriptions whose payment
 * is late, and any vendor paying twice. Read as the signed-in admin.
 */
export const billingOverview = async (req: PayloadRequest): Promise<BillingOverview> => {
  const access = { user: req.user, overrideAccess: false as const, req }
  const [vendorCounts, recurring, late] = await Promise.all([
    Promise.all(
      TIER_DEFINITIONS.map((tier) =>
        req.payload.count({
          collection: vendorsSlug(req.payload),
          where: { tier: { equals: tier.value } },
          ...access,
        }),
      ),
    ),
    req.payload.find({
      collection: billingSlugs.subscriptions,
      where: { status: { in: RECURRING } },
      pagination: false,
      depth: 0,
      select: { tier: true, vendor: true },
      ...access,
    }),
    req.payload.find({
      collection: billingSlugs.subscriptions,
      where: { status: { in: ['past_due', 'unpaid'] } },
      sort: 'pastDueSince',
      limit: 200,
      depth: 1,
      ...access,
    }),
  ])
  const tiers = TIER_DEFINITIONS.map((tier, index) => {
    const subscriptions = recurring.docs.filter((row) => row.tier === tier.value).length
    return {
      tier: tier.value,
      label: tier.label,
      vendors: vendorCounts[index]!.totalDocs,
      subscriptions,
      mrrCents: subscriptions * tier.monthlyCents,
    }
  })
  const byVendor = new Map<number, number[]>()
  for (const row of recurring.docs) {
    if (!row.vendor) continue
    const vendorId = idOf(row.vendor)
    byVendor.set(vendorId, [...(byVendor.get(vendorId) ?? []), row.id])
  }
  const doubled = [...byVendor].filter(([, ids]) => ids.length > 1)
  const doubledNames = doubled.length
    ? await req.payload.find({
        collection: vendorsSlug(req.payload),
        where: { id: { in: doubled.map(([vendorId]) => vendorId) } },
        pagination: false,
        depth: 0,
        select: { businessName: true },
        ...access,
      })
    : { docs: [] as Pick<Vendor, 'id' | 'businessName'>[] }
  return {
    tiers,
    doubleBilled: doubled.map(([vendorId, subscriptionIds]) => ({
      vendorId,
      vendorName:
        doubledNames.docs.find((vendor) => vendor.id === vendorId)?.businessName ??
        `Vendor ${vendorId}`,
      subscriptionIds,
    })),
    mrrCents: tiers.reduce((sum, tier) => sum + tier.mrrCents, 0),
    pastDue: late.docs.map((row) => ({
      subscriptionId: row.id,
      vendorId: idOf(row.vendor),
      vendorName:
        typeof row.vendor === 'object'
          ? (row.vendor as Vendor).businessName
          : `Vendor ${row.vendor}`,
      tier: row.tier ?? null,
      status: row.status,
      pastDueSince: row.pastDueSince ?? null,
      graceEndsAt: row.graceEndsAt ?? null,
      downgraded: Boolean(row.downgradedAt),
    })),
  }
}
