import { RequestError } from '@/lib/kit/errors'

import type { BillingDriver } from '../types'

export const NOT_CONFIGURED_MESSAGE =
  'Billing is not configured on this site yet, so plans cannot be bought here. An admin can set your tier.'

const notConfigured = (): never => {
  throw new RequestError(503, 'BILLING_NOT_CONFIGURED', NOT_CONFIGURED_MESSAGE)
}

/**
 * The embedded default: no payment provider. Tiers are still shown and admins set them by
 * hand; anything that would take or return money says billing is not configured.
 */
export class UnconfiguredBillingDriver implements BillingDriver {
  readonly name = 'unconfigured'
  readonly configured = false
  createCheckout = notConfigured
  createPortal = notConfigured
  retrieveSubscription = notConfigured
  changeTier = notConfigured
  setCancelAtPeriodEnd = notConfigured
  cancelNow = notConfigured
  retrieveInvoice = notConfigured
  refund = notConfigured
  returnCredit = notConfigured
  verifyWebhook = notConfigured
  ensureCatalog = notConfigured
}
