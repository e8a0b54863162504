import type { Payload, PayloadRequest } from 'payload'

import type { Vendor } from '@/payload-types'

import type { JobSearchEngine } from './jobs/types'
import type { SearchEngine } from './vendors/types'

/** A value of a select field with the label people read, as filters and facets list them. */
export type SearchOption = { readonly value: string; readonly label: string }

/** A place a search can be near: a point and the radius that covers it. */
export type Place = {
  name: string
  kind: 'town' | 'region' | 'address'
  region: string | null
  lat: number
  lng: number
  /** A sensible search radius around the place when the person did not choose one. */
  radiusKm: number
}

export interface Geocoder {
  readonly name: string
  /** The place a search names, or null when nothing matches. */
  geocode(query: string): Promise<Place | null>
  /** The last failure of an outside geocoding service, cleared by its next answer. */
  lastError?(): { message: string; at: string } | null
}

type User = PayloadRequest['user']

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
   * The collections the plugin indexes and reads. The vendor documents are read from the
   * vendors collection's tables in one SQL statement, so it must have the vendor fields.
   * @default { vendors: 'vendors', categories: 'categories', jobs: 'jobs', media: 'media' }
   */
  slugs?: Partial<SearchSlugs>
  /** The regions vendors and jobs are in: what `region` may be, and the labels of its facet. */
  regions: readonly SearchOption[]
  /** Vendors' price ranges, cheapest first: what `priceRange` may be, and how price sorts. */
  priceRanges: readonly SearchOption[]
  /** The kinds of event a job is for: what `eventTypes` may be, and their labels. */
  eventTypes: readonly SearchOption[]
  /** Who may do what beyond searching vendors, which anyone may. */
  access?: {
    /**
     * May see the index's health and queue a rebuild (endpoints and the dashboard panel).
     * @default () => false
     */
    manageIndex?: (user: User) => boolean
    /**
     * May search the job board; someone signed out is always refused.
     * @default (user) => Boolean(user)
     */
    searchJobs?: (user: User) => boolean
  }
  /**
   * How far up a vendor's paid plan moves it in the results: 0 for none, each step one tier.
   * @default () => 0
   */
  searchBoost?: (vendor: Pick<Vendor, 'tier'>) => number
  /**
   * The time zone whose calendar days the index stores (a job's event day, a vendor's closed days).
   * @default 'UTC'
   */
  timeZone?: string
  /**
   * More days a vendor is taken, beside their own closed periods (bookings, outside calendars):
   * SQL giving rows of `"from"` and `"to"` days as `YYYY-MM-DD` text, for the vendor row
   * aliased `vendor`; `$1` is `timeZone`. The app queues a vendor's sync when these change
   * (`syncVendorsToSearch`).
   * @default none
   */
  busyPeriodsSql?: ((vendor: string) => string) | null
  /**
   * Turns place names into coordinates for `location.place` / `near`.
   * @default a geocoder that knows no place (only lat/lng searches work)
   */
  geocoder?: Geocoder
  /**
   * What a search for a place the geocoder does not know is told (a 400 naming the field).
   * @default (place) => `"${place}" is not a place we know`
   */
  unknownPlace?: (place: string) => string
  /**
   * Place names for "near" autocomplete, served as `GET /api/places?q=`.
   * @default none, and no `/api/places` endpoint
   */
  suggestPlaces?: (query: string, limit: number) => Place[]
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

export type SearchSlugs = { vendors: string; categories: string; jobs: string; media: string }

export type SanitizedSearchPluginConfig = Required<
  Omit<SearchPluginConfig, 'slugs' | 'access' | 'suggestPlaces'>
> & {
  slugs: SearchSlugs
  access: Required<NonNullable<SearchPluginConfig['access']>>
  suggestPlaces: SearchPluginConfig['suggestPlaces']
}

export const SYNC_TASK = 'searchSyncVendors'
export const REBUILD_TASK = 'searchRebuild'
export const RECOVER_TASK = 'searchRecover'
export const SYNC_JOBS_TASK = 'searchSyncJobs'

/** Input of the job sync task: the jobs to refresh, or none to rebuild the whole board. */
export type SyncJobsInput = { jobIds?: number[] | null }

/** Input of the sync task: the vendors to refresh, or a category whose vendors all changed. */
export type SyncInput = { vendorIds?: number[] | null; categoryId?: number | null }
