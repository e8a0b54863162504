import type { Payload } from 'payload'

import { UnconfiguredBillingDriver } from '../drivers/unconfigured'
import type { BillingDriver, SanitizedBillingPluginConfig } from '../types'

const drivers = new WeakMap<Payload, BillingDriver>()

export const billingConfig = (payload: Payload): SanitizedBillingPluginConfig => {
  const config = (payload.config.custom as { billing?: SanitizedBillingPluginConfig } | undefined)
    ?.billing
  if (!config) throw new Error('The billing plugin is not in this Payload config')
  return config
}

/**
 * The slug of the vendors collection the plugin was given, typed as the app's vendors: the
 * Local API then types its rows, whose `owner`, `tier` and `businessName` billing reads.
 */
export const vendorsSlug = (payload: Payload) => billingConfig(payload).slugs.vendors as 'vendors'

/** The driver of this Payload instance, created on first use; the unconfigured one if disabled. */
export const getBilling = (payload: Payload): BillingDriver => {
  let driver = drivers.get(payload)
  if (!driver) {
    const config = billingConfig(payload)
    driver = config.disabled ? new UnconfiguredBillingDriver() : config.driver(payload)
    drivers.set(payload, driver)
  }
  return driver
}

/** Replaces the driver of a running instance (tests drive Stripe against a local peer). */
export const setBilling = (payload: Payload, driver: BillingDriver): void => {
  drivers.set(payload, driver)
}
