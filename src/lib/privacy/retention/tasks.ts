import type { TaskConfig } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { applyRetention } from './apply'

export const RETENTION_TASK = 'applyRetention'

/** Once a day, at 03:30 UTC (mid-afternoon in New Zealand, off the evening peak). */
export const retentionTasks: TaskConfig[] = [
  {
    slug: RETENTION_TASK,
    label:
      'Apply the retention periods (unconfirmed sign-ups, idle conversations, old verification documents)',
    schedule: [{ cron: '0 30 3 * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'privacy:retention', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await applyRetention(req) }),
  } as TaskConfig,
]
