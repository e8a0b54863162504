import type { Config } from 'payload'

import { syncJobs } from './jobs/documents'
import { removeJobFromSearch, syncJobToSearch } from './jobs/hooks'
import { searchJobsEndpoint } from './jobs/search'
import { jobTasks } from './jobs/tasks'
import { databasePool, getJobSearchEngine, getSearchEngine } from './runtime'
import { withSearch } from './shared/collections'
import { placesEndpoint } from './shared/places'
import { queueSearchTask } from './shared/queue'
import { REBUILD_TASK, type SanitizedSearchPluginConfig, type SearchPluginConfig } from './types'
import { searchHealthEndpoint, searchReindexEndpoint } from './vendors/admin'
import { countActiveVendors } from './vendors/documents'
import {
  removeVendorFromSearch,
  syncCategoryVendorsToSearch,
  syncVendorsOfDeletedCategory,
  syncVendorToSearch,
} from './vendors/hooks'
import { rebuildSearchIndex } from './vendors/rebuild'
import { searchVendorsEndpoint } from './vendors/search'
import { vendorTasks } from './vendors/tasks'

// The public surface: the plugin and its options, the operations the app, scripts and tests
// call, the engines to choose from, and the shapes of documents, hits and answers.
export type { Geocoder, Place, SearchOption, SearchPluginConfig } from './types'
export {
  clearSearchCache,
  databasePool,
  getJobSearchEngine,
  getSearchEngine,
  searchConfig,
  setJobSearchEngine,
  setSearchEngine,
} from './runtime'
export { haversineKm, isLatitude, isLongitude } from './shared/geo'
export type { MeilisearchEngineOptions } from './shared/meilisearch'
export { type FieldProblem, SearchRequestError } from './shared/request'
export { foldText } from './shared/text'
export { matchTypos, type TypoSizes, VENDOR_TYPO_SIZES } from './shared/typos'

export { meilisearchEngine, VENDOR_INDEX_SETTINGS } from './vendors/engines/meilisearch'
export { postgresEngine, type PostgresEngineOptions } from './vendors/engines/postgres'
export { memoryIndex } from './vendors/engines/postgres/memory/changeLog'
export type { AnalyzedText } from './vendors/engines/postgres/memory/evaluate'
export { buildSearchSql } from './vendors/engines/postgres/query'
export { upsertSql } from './vendors/engines/postgres/schema'
export { syncVendorsToSearch } from './vendors/hooks'
export { rebuildSearchIndex } from './vendors/rebuild'
export { parseSearchRequest } from './vendors/request'
export {
  searchVendors,
  VENDOR_SEARCH_PARAMETERS,
  type SearchFacets,
  type VendorHit,
  type VendorSearchResponse,
} from './vendors/search'
export {
  bayesianRating,
  type EngineQuery,
  priceRankOf,
  RATING_BUCKETS,
  type SearchEngine,
  type VendorSearchDocument,
  vendorQuery,
} from './vendors/types'

export { meilisearchJobEngine } from './jobs/engines/meilisearch'
export { postgresJobEngine } from './jobs/engines/postgres'
export { syncJobs } from './jobs/documents'
export { type JobHit, type JobSearchResponse, searchJobs } from './jobs/search'
export type { JobSearchDocument, JobSearchEngine } from './jobs/types'

/** Up to this many vendors an empty index is filled during start-up (well under a second). */
const INLINE_REBUILD_LIMIT = 5000

const sanitize = (options: SearchPluginConfig): SanitizedSearchPluginConfig => ({
  engine: options.engine,
  jobEngine: options.jobEngine,
  slugs: {
    vendors: 'vendors',
    categories: 'categories',
    jobs: 'jobs',
    media: 'media',
    ...options.slugs,
  },
  regions: options.regions,
  priceRanges: options.priceRanges,
  eventTypes: options.eventTypes,
  access: {
    manageIndex: options.access?.manageIndex ?? (() => false),
    searchJobs: options.access?.searchJobs ?? ((user) => Boolean(user)),
  },
  searchBoost: options.searchBoost ?? (() => 0),
  timeZone: options.timeZone ?? 'UTC',
  busyPeriodsSql: options.busyPeriodsSql ?? null,
  geocoder: options.geocoder ?? { name: 'none', geocode: async () => null },
  unknownPlace: options.unknownPlace ?? ((place) => `"${place}" is not a place we know`),
  suggestPlaces: options.suggestPlaces,
  queue: options.queue ?? 'search',
  autoRunCron: options.autoRunCron ?? '*/2 * * * * *',
  retries: options.retries ?? { attempts: 10, delayMs: 2000 },
  cache: options.cache ?? { ttlMs: 5000, maxEntries: 2000 },
  disabled: options.disabled ?? false,
})

/**
 * Vendor discovery and the job board: an engine-backed search endpoint for each, place names,
 * and an outbox (Payload's Jobs Queue) that keeps each engine's index equal to the database.
 */
export const searchPlugin =
  (options: SearchPluginConfig) =>
  (config: Config): Config => {
    const sanitized = sanitize(options)
    const { slugs, disabled } = sanitized
    const jobs = config.jobs ?? {}
    const [syncVendorsTask, ...vendorUpkeep] = vendorTasks(sanitized)
    const existingAutoRun = jobs.autoRun
    const autoRun =
      sanitized.autoRunCron && !disabled
        ? [{ cron: sanitized.autoRunCron, queue: sanitized.queue, limit: 100, silent: true }]
        : []
    return {
      ...config,
      custom: { ...config.custom, search: sanitized },
      collections: (config.collections ?? []).map((collection) => {
        switch (collection.slug) {
          case slugs.vendors:
            return withSearch(
              collection,
              {
                endpoints: [searchVendorsEndpoint, searchHealthEndpoint, searchReindexEndpoint],
                afterChange: syncVendorToSearch,
                afterDelete: removeVendorFromSearch,
              },
              disabled,
            )
          case slugs.categories:
            return withSearch(
              collection,
              {
                afterChange: syncCategoryVendorsToSearch,
                beforeDelete: syncVendorsOfDeletedCategory,
              },
              disabled,
            )
          case slugs.jobs:
            return withSearch(
              collection,
              {
                endpoints: [searchJobsEndpoint],
                afterChange: syncJobToSearch,
                afterDelete: removeJobFromSearch,
              },
              disabled,
            )
          default:
            return collection
        }
      }),
      endpoints: [
        ...(config.endpoints ?? []),
        ...(sanitized.suggestPlaces ? [placesEndpoint(sanitized.suggestPlaces)] : []),
      ],
      jobs: {
        ...jobs,
        enableConcurrencyControl: true,
        // In the order the migrations' task enum has them: vendor sync, job sync, rebuild, recover.
        tasks: [...(jobs.tasks ?? []), syncVendorsTask, ...jobTasks(sanitized), ...vendorUpkeep],
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
        if (disabled) return
        // Each step on its own: a settings task stuck behind Meilisearch's queue (a reindex after
        // a deploy changed the ranking rules) must not keep the job board from being set up.
        const step = async (what: string, work: () => Promise<void>) => {
          try {
            await work()
          } catch (error) {
            // The site still starts: searches answer 503 and the outbox catches up when it is back.
            payload.logger.error({ err: error, msg: `Search at start-up: could not ${what}` })
          }
        }
        const engine = getSearchEngine(payload)
        await step('prepare the vendor index', async () => {
          await engine.ensureIndex()
          // A fresh index beside a database that has vendors (first start, seeded by SQL, or a
          // new engine): a small one is filled before the first request, a big one by a job.
          const [health, active] = await Promise.all([
            engine.health(),
            countActiveVendors(databasePool(payload), sanitized),
          ])
          if (health.ok && health.documents === 0 && active > 0) {
            if (active <= INLINE_REBUILD_LIMIT) {
              await rebuildSearchIndex(payload)
            } else {
              await queueSearchTask(payload, REBUILD_TASK, {})
              payload.logger.info(`Search index is empty; queued a rebuild of ${active} vendors`)
            }
          }
        })
        // The board holds open jobs only (thousands at most): brought in line at every start.
        await step('prepare the job board', async () => {
          await getJobSearchEngine(payload).ensureIndex()
          await syncJobs(payload)
        })
        // Loaded in the background: start-up does not wait, and searches run in SQL until it is in.
        engine.warm?.().catch((error: unknown) => {
          payload.logger.error({ err: error, msg: 'Could not load the search index into memory' })
        })
      },
    }
  }
