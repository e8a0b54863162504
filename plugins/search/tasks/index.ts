import type { TaskConfig } from 'payload'

import {
  RECOVER_TASK,
  REBUILD_TASK,
  type SanitizedSearchPluginConfig,
  SYNC_JOBS_TASK,
  SYNC_TASK,
  type SyncInput,
  type SyncJobsInput,
} from '../types'
import { syncJobs } from '../utilities/jobDocuments'
import { rebuildSearchIndex } from '../utilities/rebuildIndex'
import { syncVendors } from '../utilities/syncVendors'

export const searchTasks = (options: SanitizedSearchPluginConfig): TaskConfig[] => [
  {
    slug: SYNC_TASK,
    label: 'Update vendors in the search index',
    inputSchema: [
      { name: 'vendorIds', type: 'json' },
      { name: 'categoryId', type: 'number' },
    ],
    retries: {
      attempts: options.retries.attempts,
      backoff: { type: 'exponential', delay: options.retries.delayMs },
    },
    // One pending update per vendor is enough: each reads the vendor as it is when it runs.
    concurrency: {
      key: ({ input }: { input: SyncInput }) =>
        input.categoryId
          ? `search:category:${input.categoryId}`
          : `search:vendors:${[...(input.vendorIds ?? [])].sort((a, b) => a - b).join(',')}`,
      supersedes: true,
    },
    handler: async ({ input, req }) => {
      if (options.disabled) return { output: {} }
      const count = await syncVendors(req.payload, input as SyncInput)
      return { output: { count } }
    },
  } as TaskConfig,
  {
    slug: SYNC_JOBS_TASK,
    label: 'Update jobs on the job board',
    inputSchema: [{ name: 'jobIds', type: 'json' }],
    retries: {
      attempts: options.retries.attempts,
      backoff: { type: 'exponential', delay: options.retries.delayMs },
    },
    handler: async ({ input, req }) => {
      if (options.disabled) return { output: {} }
      const ids = (input as SyncJobsInput).jobIds
      return { output: { count: await syncJobs(req.payload, ids ?? undefined) } }
    },
  } as TaskConfig,
  {
    slug: REBUILD_TASK,
    label: 'Rebuild the search index',
    retries: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } },
    concurrency: { key: () => 'search:rebuild', supersedes: true },
    handler: async ({ req }) => {
      if (options.disabled) return { output: {} }
      const { documents } = await rebuildSearchIndex(req.payload)
      return { output: { documents } }
    },
  } as TaskConfig,
  {
    slug: RECOVER_TASK,
    label: 'Re-apply search updates that ran out of retries',
    schedule: [{ cron: '0 */5 * * * *', queue: options.queue }],
    handler: async ({ req }) => {
      if (options.disabled) return { output: {} }
      // System work: the jobs collection is not readable by users.
      const { docs } = await req.payload.find({
        collection: 'payload-jobs',
        where: { and: [{ taskSlug: { equals: SYNC_TASK } }, { hasError: { equals: true } }] },
        limit: 200,
        depth: 0,
        overrideAccess: true,
      })
      if (!docs.length) return { output: { recovered: 0 } }
      const vendorIds = docs.flatMap(
        (job) => ((job.input as SyncInput | undefined)?.vendorIds ?? []) as number[],
      )
      const categoryIds = docs
        .map((job) => (job.input as SyncInput | undefined)?.categoryId)
        .filter(Boolean)
      await syncVendors(req.payload, { vendorIds })
      for (const categoryId of categoryIds) await syncVendors(req.payload, { categoryId })
      // System work: the parked jobs are applied now, so they are removed.
      await req.payload.delete({
        collection: 'payload-jobs',
        where: { id: { in: docs.map((job) => job.id) } },
        overrideAccess: true,
      })
      return { output: { recovered: docs.length } }
    },
  } as TaskConfig,
]
