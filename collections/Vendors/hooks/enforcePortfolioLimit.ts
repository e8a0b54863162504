import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import type { Vendor } from '@/payload-types'
import { entitlementsOf, tierDefinition, tierThatLifts } from '@/plugins/billing'

import { slugs } from '../../slugs'

/** The message for a portfolio over the tier's limit, naming the tier that lifts it. */
export const portfolioLimitMessage = (tier: Vendor['tier'] | undefined) => {
  const limit = entitlementsOf(tier).portfolioImages
  const next = tierThatLifts(tier, 'portfolioImages')
  return (
    `${tierDefinition(tier).label} profiles show up to ${limit} portfolio images.` +
    (next
      ? ` Upgrade to ${next.label} to show up to ${next.entitlements.portfolioImages}.`
      : ' Remove an image to add another.')
  )
}

/**
 * Keeps the portfolio within the tier's image allowance. A vendor who moved down a tier keeps
 * the images they have (the profile shows the first ones the tier allows) but cannot add more.
 */
export const enforcePortfolioLimit: CollectionBeforeChangeHook<Vendor> = ({
  data,
  originalDoc,
  req,
}) => {
  if (!Array.isArray(data.portfolio)) return data
  const tier = data.tier ?? originalDoc?.tier
  const count = data.portfolio.length
  const before = originalDoc?.portfolio?.length ?? 0
  if (count > entitlementsOf(tier).portfolioImages && count > before) {
    throw new ValidationError(
      {
        collection: slugs.vendors,
        errors: [{ path: 'portfolio', message: portfolioLimitMessage(tier) }],
      },
      req.t,
    )
  }
  return data
}
