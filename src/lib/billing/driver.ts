import { StripeBillingDriver } from '@/plugins/billing/drivers/stripe'
import { UnconfiguredBillingDriver } from '@/plugins/billing/drivers/unconfigured'
import type { BillingDriver } from '@/plugins/billing/types'

import type { Env } from '../env'

/** Stripe when its keys are set; otherwise the embedded default, which sells nothing. */
export const billingDriverFromEnv = (env: Env) => (): BillingDriver =>
  env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
    ? new StripeBillingDriver({
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        apiUrl: env.STRIPE_API_URL,
      })
    : new UnconfiguredBillingDriver()
