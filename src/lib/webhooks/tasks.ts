import type { TaskConfig } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { DISPATCH_WEBHOOKS_TASK, dispatchWebhooks } from './dispatch'

/**
 * The dispatcher runs when a change queues it (in the change's transaction), when a retry
 * falls due, and every minute besides, which takes up anything a stopped instance left claimed.
 */
export const webhookTasks: TaskConfig[] = [
  {
    slug: DISPATCH_WEBHOOKS_TASK,
    label: 'Send the webhook events that are due',
    schedule: [{ cron: '30 * * * * *', queue: MARKETPLACE_QUEUE }],
    // Failed attempts are the deliveries' own retries; a failed run is simply the next run.
    retries: { attempts: 0 },
    handler: async ({ req }) => ({ output: await dispatchWebhooks(req) }),
  } as TaskConfig,
]
