import type { CollectionAfterChangeHook } from 'payload'

import { tierDefinition } from '@/lib/billing/tiers'
import { recordAudit } from '@/lib/trust/audit'
import type { Vendor } from '@/payload-types'
import { BILLING_CONTEXT_KEY, type BillingContext } from '@/plugins/billing/utilities/sync'

/**
 * Every change of tier goes in the audit log: by an admin's hand (the actor) or from Stripe
 * (the system, with the subscription that caused it).
 */
export const auditTierChange: CollectionAfterChangeHook<Vendor> = async ({
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
  await recordAudit(req, {
    action: billing ? 'vendor.tier-sync' : 'vendor.tier-set',
    targetCollection: 'vendors',
    targetId: doc.id,
    summary: `${doc.businessName}: ${from} → ${to}${billing ? ` (${billing.source})` : ' (set by hand)'}`,
    details: { from: previousDoc.tier, to: doc.tier, ...(billing && { source: billing.source }) },
  })
  return doc
}
