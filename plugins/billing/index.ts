import type { CollectionConfig, Config } from 'payload'

import { BillingEvents } from './collections/BillingEvents'
import { Payments } from './collections/Payments'
import { Subscriptions } from './collections/Subscriptions'
import { overviewEndpoint, plansEndpoint, portalEndpoint } from './endpoints/billing'
import { billingWebhookEndpoint } from './endpoints/webhook'
import { auditTierChange } from './hooks/auditTierChange'
import { refuseDeletingPayingVendor } from './hooks/refuseDeletingPayingVendor'
import { billingTasks } from './tasks'
import type { BillingPluginConfig, SanitizedBillingPluginConfig } from './types'

export { actionFor, entitlementLines, priceLine } from './components/planText'
export { type BillingEnv, billingDriverFromEnv } from './drivers/fromEnv'
export { StripeBillingDriver, type StripeDriverOptions } from './drivers/stripe'
export { NOT_CONFIGURED_MESSAGE, UnconfiguredBillingDriver } from './drivers/unconfigured'
export type {
  BillingAccess,
  BillingAuditEntry,
  BillingDriver,
  BillingPluginConfig,
  BillingUser,
  SanitizedBillingPluginConfig,
} from './types'
export { type VendorBillingState, vendorBillingState } from './utilities/billingState'
export { getBilling, setBilling } from './utilities/runtime'
export { endVendorSubscriptions } from './utilities/endSubscriptions'
export { endLapsedGracePeriods } from './utilities/sync'
export {
  type Entitlements,
  entitlementsOf,
  type Tier,
  TIER_DEFINITIONS,
  type TierDefinition,
  tierDefinition,
  tierOptions,
  tierThatLifts,
} from './utilities/tiers'

/** The vendors collection with billing's hooks after the app's own. */
const withBillingHooks = (vendors: CollectionConfig): CollectionConfig => ({
  ...vendors,
  hooks: {
    ...vendors.hooks,
    beforeDelete: [...(vendors.hooks?.beforeDelete ?? []), refuseDeletingPayingVendor],
    afterChange: [...(vendors.hooks?.afterChange ?? []), auditTierChange],
  },
})

/**
 * Vendor plans paid through Stripe: the subscriptions, payments and processed-event
 * collections, Checkout and Billing Portal endpoints, the signed webhook, the grace-period
 * task, the tier audit on the vendors collection, and the Billing view in the admin. Without
 * Stripe keys the driver says billing is not configured and admins set tiers by hand.
 */
export const billingPlugin =
  (options: BillingPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedBillingPluginConfig = {
      ...options,
      slugs: { users: 'users', vendors: 'vendors', ...options.slugs },
      graceDays: options.graceDays ?? 7,
      graceCron: options.graceCron ?? '0 20 * * * *',
      disabled: options.disabled ?? false,
    }
    const jobs = config.jobs ?? {}
    return {
      ...config,
      custom: { ...config.custom, billing: sanitized },
      // Added even when disabled, so the schema and its migrations do not change.
      collections: [
        ...(config.collections ?? []).map((collection) =>
          collection.slug === sanitized.slugs.vendors ? withBillingHooks(collection) : collection,
        ),
        Subscriptions(sanitized),
        Payments(sanitized),
        BillingEvents(sanitized),
      ],
      endpoints: [
        ...(config.endpoints ?? []),
        plansEndpoint,
        portalEndpoint,
        overviewEndpoint,
        billingWebhookEndpoint,
      ],
      jobs: {
        ...jobs,
        // The grace-period task runs one at a time, which Payload's concurrency controls ensure.
        enableConcurrencyControl: true,
        tasks: [...(jobs.tasks ?? []), ...billingTasks(sanitized)],
      },
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterNavLinks: [
            ...(config.admin?.components?.afterNavLinks ?? []),
            '@/plugins/billing/components/BillingNavLink#BillingNavLink',
          ],
          views: {
            ...config.admin?.components?.views,
            billing: {
              Component: '@/plugins/billing/components/BillingView#BillingView',
              path: '/billing',
            },
          },
        },
      },
    }
  }
