import type { TaskConfig } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { eraseDueAccounts } from './erase'

export const ERASE_DUE_ACCOUNTS_TASK = 'eraseDueAccounts'

/** Accounts past their 14-day grace period are erased within the hour. */
export const erasureTasks: TaskConfig[] = [
  {
    slug: ERASE_DUE_ACCOUNTS_TASK,
    label: 'Erase accounts whose deletion grace period has ended',
    schedule: [{ cron: '0 30 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'privacy:erasure', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await eraseDueAccounts(req.payload) }),
  } as TaskConfig,
]
