import type { TaskConfig } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { buildDataExport } from './build'
import { deleteExpiredExports } from './cleanup'
import { BUILD_DATA_EXPORT_TASK } from './requests'

export const EXPIRE_DATA_EXPORTS_TASK = 'deleteExpiredDataExports'

/** "Download my data": building each requested ZIP, and deleting them after their 7 days. */
export const exportTasks: TaskConfig[] = [
  {
    slug: BUILD_DATA_EXPORT_TASK,
    label: 'Build a "Download my data" file',
    inputSchema: [{ name: 'exportId', type: 'number', required: true }],
    // A failure is recorded on the export and the person asks again; no silent retries.
    retries: 0,
    handler: async ({ input, req }) => ({
      output: await buildDataExport(req, (input as { exportId: number }).exportId),
    }),
  } as TaskConfig,
  {
    slug: EXPIRE_DATA_EXPORTS_TASK,
    label: 'Delete data export files after their 7 days',
    schedule: [{ cron: '0 15 3 * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'privacy:expire-data-exports', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await deleteExpiredExports(req) }),
  } as TaskConfig,
]
