import type { Config } from 'payload'

import { slugs } from '@/collections/slugs'

import { BillingEvents } from './collections/BillingEvents'
import { Payments } from './collections/Payments'
import { Subscriptions } from './collections/Subscriptions'
import { overviewEndpoint, plansEndpoint, portalEndpoint } from './endpoints/billing'
import { billingWebhookEndpoint } from './endpoints/webhook'
import { refuseDeletingPayingVendor } from './hooks/refuseDeletingPayingVendor'
import { billingTasks } from './tasks'
import type { BillingPluginConfig, SanitizedBillingPluginConfig } from './types'

export type { BillingDriver, BillingPluginConfig } from './types'
export { getBilling, setBilling } from './utilities/runtime'

/**
 * Vendor plans paid through Stripe: the subscriptions, payments and processed-event
 * collections, Checkout and Billing Portal endpoints, the signed webhook, the grace-period
 * task, and the Billing view in the admin. Without Stripe keys the driver says billing is not
 * configured and admins set tiers by hand.
 */
export const billingPlugin =
  (options: BillingPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedBillingPluginConfig = {
      ...options,
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
          collection.slug === slugs.vendors
            ? {
                ...collection,
                hooks: {
                  ...collection.hooks,
                  beforeDelete: [
                    ...(collection.hooks?.beforeDelete ?? []),
                    refuseDeletingPayingVendor,
                  ],
                },
              }
            : collection,
        ),
        Subscriptions,
        Payments,
        BillingEvents,
      ],
      endpoints: [
        ...(config.endpoints ?? []),
        plansEndpoint,
        portalEndpoint,
        overviewEndpoint,
        billingWebhookEndpoint,
      ],
      jobs: { ...jobs, tasks: [...(jobs.tasks ?? []), ...billingTasks(sanitized)] },
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
