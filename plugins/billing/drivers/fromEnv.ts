import type { BillingDriver } from '../types'
import { StripeBillingDriver } from './stripe'
import { UnconfiguredBillingDriver } from './unconfigured'

/** The Stripe settings of the environment, as the app validated them. */
export type BillingEnv = {
  STRIPE_SECRET_KEY?: string
  STRIPE_WEBHOOK_SECRET?: string
  STRIPE_API_URL?: string
}

/** Stripe when its keys are set; otherwise the embedded default, which sells nothing. */
export const billingDriverFromEnv = (env: BillingEnv) => (): BillingDriver =>
  env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
    ? new StripeBillingDriver({
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        apiUrl: env.STRIPE_API_URL,
      })
    : new UnconfiguredBillingDriver()
