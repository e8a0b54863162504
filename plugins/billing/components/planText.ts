import { formatCents } from '@/lib/kit/money'
import type { Subscription } from '@/payload-types'

import { type Tier, tierDefinition, tierRank, withGst } from '../utilities/tiers'
import type { PlanAction } from './PlanButton'

/** "$29.00 + GST $4.35 = $33.35 a month", or "Free". */
export const priceLine = (tier: Tier): string => {
  const { monthlyCents } = tierDefinition(tier)
  if (monthlyCents === 0) return 'Free'
  const price = withGst(monthlyCents)
  return `${formatCents(price.netCents)} + GST ${formatCents(price.gstCents)} = ${formatCents(price.grossCents)} a month`
}

/** What a tier gives, in the words the plan cards use. */
export const entitlementLines = (tier: Tier): string[] => {
  const { entitlements } = tierDefinition(tier)
  return [
    `${entitlements.portfolioImages} portfolio images`,
    entitlements.quotesPerMonth === null
      ? 'Unlimited quotes on jobs'
      : `${entitlements.quotesPerMonth} quotes on jobs a month`,
    ...(entitlements.badge ? [`${entitlements.badge} badge and a lift in search`] : []),
    ...(entitlements.featuredOnHome ? ['Featured on the home page'] : []),
  ]
}

/** The action a tier's card offers a vendor, given the subscription they have, if any. */
export const actionFor = (
  tier: Tier,
  current: Tier,
  live: Subscription | null | undefined,
): PlanAction | null => {
  if (tier === current || tierDefinition(tier).monthlyCents === 0) return null
  // A plan whose payment is late is paid in the Billing Portal, not bought again.
  if (live && tier === live.tier) return null
  if (!live) return { kind: 'checkout', tier }
  return tierRank(tier) > tierRank(live.tier)
    ? { kind: 'upgrade', tier, subscriptionId: live.id }
    : { kind: 'change', tier, subscriptionId: live.id }
}
