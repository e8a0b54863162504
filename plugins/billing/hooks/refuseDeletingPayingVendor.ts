import { APIError, type CollectionBeforeDeleteHook } from 'payload'

import { billingSlugs } from '../collections/slugs'
import { LIVE_STATUSES } from '../utilities/vendorOf'

/**
 * A vendor profile with a subscription Stripe still bills cannot be deleted: the vendor would
 * go on paying for a profile that is gone. End the plan first.
 */
export const refuseDeletingPayingVendor: CollectionBeforeDeleteHook = async ({ id, req }) => {
  // System count: whoever deletes, the rule is about the vendor's billing.
  const live = await req.payload.count({
    collection: billingSlugs.subscriptions,
    where: { and: [{ vendor: { equals: id } }, { status: { in: LIVE_STATUSES } }] },
    overrideAccess: true,
    req,
  })
  if (live.totalDocs > 0) {
    throw new APIError(
      'This vendor has a live subscription, so Stripe would keep charging them. End it first (Billing, or DELETE /api/subscriptions/:id?immediately=true), then delete the profile.',
      409,
    )
  }
}
