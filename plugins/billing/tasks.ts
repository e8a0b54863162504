import type { TaskConfig } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import type { SanitizedBillingPluginConfig } from './types'
import { endLapsedGracePeriods } from './utilities/sync'

export const GRACE_TASK = 'endBillingGracePeriods'

/** Hourly: a vendor whose grace period ran out moves to Essential within the hour. */
export const billingTasks = (config: SanitizedBillingPluginConfig): TaskConfig[] => [
  {
    slug: GRACE_TASK,
    label: 'Move vendors whose payment grace period ran out to Essential',
    ...(config.graceCron && { schedule: [{ cron: config.graceCron, queue: MARKETPLACE_QUEUE }] }),
    concurrency: { key: () => 'billing:grace', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await endLapsedGracePeriods(req) }),
  } as TaskConfig,
]
