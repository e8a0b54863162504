import type { TaskConfig } from 'payload'

import { searchTask } from '../shared/tasks'
import { type SanitizedSearchPluginConfig, SYNC_JOBS_TASK, type SyncJobsInput } from '../types'
import { syncJobs } from './documents'

/** Keeping the job board equal to the published jobs. */
export const jobTasks = (options: SanitizedSearchPluginConfig): TaskConfig[] => [
  searchTask(options, {
    slug: SYNC_JOBS_TASK,
    label: 'Update jobs on the job board',
    inputSchema: [{ name: 'jobIds', type: 'json' }],
    handler: async ({ input, req }) => {
      const ids = (input as SyncJobsInput).jobIds
      return { output: { count: await syncJobs(req.payload, ids ?? undefined) } }
    },
  }),
]
