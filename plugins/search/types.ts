import type { Payload } from 'payload'

import type { Geocoder } from '@/lib/geo/geocoder'

import type { JobSearchEngine } from './engines/jobs/types'
import type { SearchEngine } from './engines/types'

export type SearchPluginConfig = {
  /**
   * Creates the engine once Payload has started (the PostgreSQL engine needs Payload's pool).
   * Called once per Payload instance.
   */
  engine: (payload: Payload) => SearchEngine
  /**
   * Creates the job board's engine (`GET /api/jobs/search`), the same kind as `engine`.
   * Called once per Payload instance.
   */
  jobEngine: (payload: Payload) => JobSearchEngine
  /**
   * Turns place names into coordinates for `location.place` / `near`.
   * @default the built-in New Zealand gazetteer
   */
  geocoder?: Geocoder
  /**
   * Jobs Queue queue that carries index updates.
   * @default 'search'
   */
  queue?: string
  /**
   * How often this app instance applies queued index updates; false when a separate worker
   * runs `payload jobs:run --queue search`.
   * @default '*\/2 * * * * *' (every two seconds)
   */
  autoRunCron?: string | false
  /**
   * Retries for an index update while the engine is unreachable, with exponential backoff.
   * When they run out the update is parked and retried by the recovery job every five minutes.
   * @default { attempts: 10, delayMs: 2000 }
   */
  retries?: { attempts: number; delayMs: number }
  /**
   * Short-lived cache of search results in each app instance, cleared by every index write the
   * instance makes; false to turn it off.
   * @default { ttlMs: 5000, maxEntries: 2000 }
   */
  cache?: { ttlMs: number; maxEntries: number } | false
  /**
   * Keeps the tasks and endpoints in the config (so migrations stay stable) but stops syncing
   * and answers searches with 503.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedSearchPluginConfig = Required<Omit<SearchPluginConfig, 'geocoder'>> & {
  geocoder: Geocoder
}

export const SYNC_TASK = 'searchSyncVendors'
export const REBUILD_TASK = 'searchRebuild'
export const RECOVER_TASK = 'searchRecover'
export const SYNC_JOBS_TASK = 'searchSyncJobs'

/** Input of the job sync task: the jobs to refresh, or none to rebuild the whole board. */
export type SyncJobsInput = { jobIds?: number[] | null }

/** Input of the sync task: the vendors to refresh, or a category whose vendors all changed. */
export type SyncInput = { vendorIds?: number[] | null; categoryId?: number | null }
