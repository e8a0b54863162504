import type { TaskConfig } from 'payload'

import { searchTask } from '../shared/tasks'
import {
  REBUILD_TASK,
  RECOVER_TASK,
  type SanitizedSearchPluginConfig,
  SYNC_TASK,
  type SyncInput,
} from '../types'
import { rebuildSearchIndex } from './rebuild'
import { syncVendors } from './sync'

/** Keeping the vendor index equal to the database: updates, rebuilds, and what ran out of retries. */
export const vendorTasks = (
  options: SanitizedSearchPluginConfig,
): [sync: TaskConfig, rebuild: TaskConfig, recover: TaskConfig] => [
  searchTask(options, {
    slug: SYNC_TASK,
    label: 'Update vendors in the search index',
    inputSchema: [
      { name: 'vendorIds', type: 'json' },
      { name: 'categoryId', type: 'number' },
    ],
    // One pending update per vendor is enough: each reads the vendor as it is when it runs.
    concurrency: {
      key: ({ input }) => {
        const { categoryId, vendorIds } = input as SyncInput
        return categoryId
          ? `search:category:${categoryId}`
          : `search:vendors:${[...(vendorIds ?? [])].sort((a, b) => a - b).join(',')}`
      },
      supersedes: true,
    },
    handler: async ({ input, req }) => {
      const count = await syncVendors(req.payload, input as SyncInput)
      return { output: { count } }
    },
  }),
  searchTask(options, {
    slug: REBUILD_TASK,
    label: 'Rebuild the search index',
    retries: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } },
    concurrency: { key: () => 'search:rebuild', supersedes: true },
    handler: async ({ req }) => {
      const { documents } = await rebuildSearchIndex(req.payload)
      return { output: { documents } }
    },
  }),
  searchTask(options, {
    slug: RECOVER_TASK,
    label: 'Re-apply search updates that ran out of retries',
    schedule: [{ cron: '0 */5 * * * *', queue: options.queue }],
    // It runs again on its schedule, so a failed run is not retried.
    retries: undefined,
    handler: async ({ req }) => {
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
  }),
]
