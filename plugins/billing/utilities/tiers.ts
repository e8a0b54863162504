import { gstOn } from '@/lib/kit/money'
import type { Vendor } from '@/payload-types'

export type Tier = NonNullable<Vendor['tier']>

/** What a tier gives a vendor. The one table every limit in the app is read from. */
export type Entitlements = {
  /** Images shown in the portfolio. */
  portfolioImages: number
  /** Quotes a vendor may send in a New Zealand calendar month; `null` for no limit. */
  quotesPerMonth: number | null
  /** Added to the search ranking: results of equal relevance list higher tiers first. */
  searchBoost: number
  /** The badge shown on cards and the profile, or null. */
  badge: string | null
  /** Listed in the home page's featured vendors. */
  featuredOnHome: boolean
}

export type TierDefinition = {
  value: Tier
  label: string
  /** Monthly price in NZ cents before GST; 0 for the free tier. */
  monthlyCents: number
  /** The Stripe price's lookup key: `npm run stripe:setup` creates it, checkout finds it. */
  lookupKey: string | null
  summary: string
  entitlements: Entitlements
}

export const TIER_DEFINITIONS: readonly TierDefinition[] = [
  {
    value: 'essential',
    label: 'Essential',
    monthlyCents: 0,
    lookupKey: null,
    summary: 'A verified profile, search listing and quotes on jobs.',
    entitlements: {
      portfolioImages: 5,
      quotesPerMonth: 5,
      searchBoost: 0,
      badge: null,
      featuredOnHome: false,
    },
  },
  {
    value: 'showcase',
    label: 'Showcase',
    monthlyCents: 2900,
    lookupKey: 'event_pros_showcase_monthly',
    summary: 'More photos, more quotes, a badge and a lift in search.',
    entitlements: {
      portfolioImages: 20,
      quotesPerMonth: 30,
      searchBoost: 1,
      badge: 'Showcase',
      featuredOnHome: false,
    },
  },
  {
    value: 'spotlight',
    label: 'Spotlight',
    monthlyCents: 9900,
    lookupKey: 'event_pros_spotlight_monthly',
    summary: 'Everything, unlimited quotes, the top lift in search and a place on the home page.',
    entitlements: {
      portfolioImages: 60,
      quotesPerMonth: null,
      searchBoost: 2,
      badge: 'Spotlight',
      featuredOnHome: true,
    },
  },
]

/** The tiers as a select field's options, for every field that holds a tier. */
export const tierOptions = TIER_DEFINITIONS.map(({ label, value }) => ({ label, value }))

export const PAID_TIERS = TIER_DEFINITIONS.filter((tier) => tier.monthlyCents > 0).map(
  (tier) => tier.value,
)

export const isTier = (value: unknown): value is Tier =>
  TIER_DEFINITIONS.some((tier) => tier.value === value)

export const tierDefinition = (tier: Tier | null | undefined): TierDefinition =>
  TIER_DEFINITIONS.find((definition) => definition.value === tier) ?? TIER_DEFINITIONS[0]!

export const entitlementsOf = (tier: Tier | null | undefined): Entitlements =>
  tierDefinition(tier).entitlements

/** Tiers in order of price: `rank('spotlight') > rank('showcase')`. */
export const tierRank = (tier: Tier | null | undefined): number =>
  TIER_DEFINITIONS.indexOf(tierDefinition(tier))

export const tierForLookupKey = (key: string | null | undefined): Tier | null =>
  TIER_DEFINITIONS.find((tier) => tier.lookupKey && tier.lookupKey === key)?.value ?? null

/** The cheapest tier that gives more of `entitlement` than `tier` does, for "upgrade to …". */
export const tierThatLifts = (
  tier: Tier | null | undefined,
  entitlement: 'portfolioImages' | 'quotesPerMonth',
): TierDefinition | null => {
  const current = entitlementsOf(tier)[entitlement]
  if (current === null) return null
  return (
    TIER_DEFINITIONS.find((definition) => {
      const offered = definition.entitlements[entitlement]
      return tierRank(definition.value) > tierRank(tier) && (offered === null || offered > current)
    }) ?? null
  )
}

export type TierPrice = { netCents: number; gstCents: number; grossCents: number }

/**
 * A monthly price with GST added: prices are quoted before GST, like most B2B plans, and GST is
 * the quotes' own rule (15%, half up to the cent), which is also how Stripe rounds an exclusive
 * tax rate.
 */
export const withGst = (netCents: number): TierPrice => {
  const gstCents = gstOn(netCents)
  return { netCents, gstCents, grossCents: netCents + gstCents }
}
