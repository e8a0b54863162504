import type { CollectionConfig, Config } from 'payload'

import { gazetteerGeocoder } from '@/lib/geo/geocoder'

import { searchHealthEndpoint, searchReindexEndpoint } from './endpoints/admin'
import { placesEndpoint } from './endpoints/places'
import { searchVendorsEndpoint } from './endpoints/searchVendors'
import { searchJobsEndpoint } from './endpoints/searchJobs'
import {
  removeJobFromSearch,
  removeVendorFromSearch,
  syncCategoryVendorsToSearch,
  syncJobToSearch,
  syncVendorToSearch,
  syncVendorsOfDeletedCategory,
} from './hooks/queueSearchSync'
import { searchTasks } from './tasks'
import { REBUILD_TASK, type SanitizedSearchPluginConfig, type SearchPluginConfig } from './types'
import { rebuildSearchIndex } from './utilities/rebuildIndex'
import { syncJobs } from './utilities/jobDocuments'
import { databasePool, getJobSearchEngine, getSearchEngine } from './utilities/runtime'
import { countActiveVendors } from './utilities/vendorDocuments'

export type { SearchPluginConfig } from './types'
export {
  getJobSearchEngine,
  getSearchEngine,
  setJobSearchEngine,
  setSearchEngine,
} from './utilities/runtime'

const VENDORS = 'vendors'
const CATEGORIES = 'categories'
const JOBS = 'jobs'
/** Up to this many vendors an empty index is filled during start-up (well under a second). */
const INLINE_REBUILD_LIMIT = 5000

const withVendorSearch = (
  collection: CollectionConfig,
  options: SanitizedSearchPluginConfig,
): CollectionConfig => {
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    // Ours first: Payload's own `/:id` route would otherwise take `/search`.
    endpoints: [
      searchVendorsEndpoint,
      searchHealthEndpoint,
      searchReindexEndpoint,
      ...(collection.endpoints || []),
    ],
    hooks: options.disabled
      ? hooks
      : {
          ...hooks,
          afterChange: [...(hooks.afterChange ?? []), syncVendorToSearch],
          afterDelete: [...(hooks.afterDelete ?? []), removeVendorFromSearch],
        },
  }
}

const withCategorySync = (
  collection: CollectionConfig,
  options: SanitizedSearchPluginConfig,
): CollectionConfig => {
  if (options.disabled) return collection
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    hooks: {
      ...hooks,
      afterChange: [...(hooks.afterChange ?? []), syncCategoryVendorsToSearch],
      beforeDelete: [...(hooks.beforeDelete ?? []), syncVendorsOfDeletedCategory],
    },
  }
}

const withJobSearch = (
  collection: CollectionConfig,
  options: SanitizedSearchPluginConfig,
): CollectionConfig => {
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    // Ours first: Payload's own `/:id` route would otherwise take `/search`.
    endpoints: [searchJobsEndpoint, ...(collection.endpoints || [])],
    hooks: options.disabled
      ? hooks
      : {
          ...hooks,
          afterChange: [...(hooks.afterChange ?? []), syncJobToSearch],
          afterDelete: [...(hooks.afterDelete ?? []), removeJobFromSearch],
        },
  }
}

/**
 * Vendor discovery and the job board: an engine-backed search endpoint, place names, and an outbox (Payload's
 * Jobs Queue) that keeps the engine's index equal to the database.
 */
export const searchPlugin =
  (options: SearchPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedSearchPluginConfig = {
      engine: options.engine,
      jobEngine: options.jobEngine,
      geocoder: options.geocoder ?? gazetteerGeocoder(),
      queue: options.queue ?? 'search',
      autoRunCron: options.autoRunCron ?? '*/2 * * * * *',
      retries: options.retries ?? { attempts: 10, delayMs: 2000 },
      cache: options.cache ?? { ttlMs: 5000, maxEntries: 2000 },
      disabled: options.disabled ?? false,
    }
    const jobs = config.jobs ?? {}
    const existingAutoRun = jobs.autoRun
    const autoRun =
      sanitized.autoRunCron && !sanitized.disabled
        ? [{ cron: sanitized.autoRunCron, queue: sanitized.queue, limit: 100, silent: true }]
        : []
    return {
      ...config,
      custom: { ...config.custom, search: sanitized },
      collections: (config.collections ?? []).map((collection) =>
        collection.slug === VENDORS
          ? withVendorSearch(collection, sanitized)
          : collection.slug === CATEGORIES
            ? withCategorySync(collection, sanitized)
            : collection.slug === JOBS
              ? withJobSearch(collection, sanitized)
              : collection,
      ),
      endpoints: [...(config.endpoints ?? []), placesEndpoint],
      jobs: {
        ...jobs,
        enableConcurrencyControl: true,
        tasks: [...(jobs.tasks ?? []), ...searchTasks(sanitized)],
        autoRun:
          typeof existingAutoRun === 'function'
            ? async (payload) => [...(await existingAutoRun(payload)), ...autoRun]
            : [...(existingAutoRun ?? []), ...autoRun],
      },
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          beforeDashboard: [
            ...(config.admin?.components?.beforeDashboard ?? []),
            '@/plugins/search/components/SearchIndexPanel#SearchIndexPanel',
          ],
        },
      },
      onInit: async (payload) => {
        await config.onInit?.(payload)
        if (sanitized.disabled) return
        try {
          const engine = getSearchEngine(payload)
          await engine.ensureIndex()
          // A fresh index beside a database that has vendors (first start, seeded by SQL, or a
          // new engine): a small one is filled before the first request, a big one by a job.
          const [health, active] = await Promise.all([
            engine.health(),
            countActiveVendors(databasePool(payload)),
          ])
          if (health.ok && health.documents === 0 && active > 0) {
            if (active <= INLINE_REBUILD_LIMIT) {
              await rebuildSearchIndex(payload)
            } else {
              await payload.jobs.queue({
                task: REBUILD_TASK,
                input: {},
                queue: sanitized.queue,
              } as never)
              payload.logger.info(`Search index is empty; queued a rebuild of ${active} vendors`)
            }
          }
          // The board holds open jobs only (thousands at most): brought in line at every start.
          await getJobSearchEngine(payload).ensureIndex()
          await syncJobs(payload)
          // Loaded in the background: start-up does not wait, and searches run in SQL until it is in.
          engine.warm?.().catch((error: unknown) => {
            payload.logger.error({ err: error, msg: 'Could not load the search index into memory' })
          })
        } catch (error) {
          // The site still starts: searches answer 503 and the outbox catches up when it is back.
          payload.logger.error({ err: error, msg: 'Search engine is not reachable at start-up' })
        }
      },
    }
  }
