import type { CollectionAfterChangeHook } from 'payload'

import type { Vendor } from '@/payload-types'

import { billingConfig } from '../utilities/runtime'
import { BILLING_CONTEXT_KEY, type BillingContext } from '../utilities/sync'
import { tierDefinition } from '../utilities/tiers'

/**
 * Every change of tier goes in the audit log: by an admin's hand (the actor) or from Stripe
 * (the system, with the subscription that caused it).
 */
export const auditTierChange: CollectionAfterChangeHook<Vendor> = async ({
  collection,
  doc,
  previousDoc,
  operation,
  req,
  context,
}) => {
  if (operation !== 'update' || !previousDoc || previousDoc.tier === doc.tier) return doc
  const billing = context[BILLING_CONTEXT_KEY] as BillingContext | undefined
  const from = tierDefinition(previousDoc.tier).label
  const to = tierDefinition(doc.tier).label
  await billingConfig(req.payload).recordAudit(req, {
    action: billing ? 'vendor.tier-sync' : 'vendor.tier-set',
    targetCollection: collection.slug,
    targetId: doc.id,
    summary: `${doc.businessName}: ${from} → ${to}${billing ? ` (${billing.source})` : ' (set by hand)'}`,
    details: { from: previousDoc.tier, to: doc.tier, ...(billing && { source: billing.source }) },
  })
  return doc
}
