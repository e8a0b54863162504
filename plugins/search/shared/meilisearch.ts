import { Meilisearch, type SearchParams, type Settings, type Task } from 'meilisearch'

import { type Near, SearchEngineError } from './engine'
import { isLatitude, isLongitude } from './geo'

export type MeilisearchEngineOptions = {
  host: string
  apiKey?: string
  /** Index uids are `<prefix>_vendors` and `<prefix>_jobs`. */
  indexPrefix: string
  /** How long to wait for one Meilisearch task. @default 30000 */
  taskTimeoutMs?: number
}

type EnqueuedTask = { waitTask: (o?: { timeout?: number }) => Promise<Task> }

/** Waits for a Meilisearch task and turns a failed one into an error, so a job retries it. */
export const settleTask = async (enqueued: EnqueuedTask, what: string, timeoutMs: number) => {
  const task = await enqueued.waitTask({ timeout: timeoutMs })
  if (task.status !== 'succeeded') {
    throw new SearchEngineError(
      `Meilisearch ${what} ${task.status}: ${task.error?.message ?? 'no reason given'}`,
      task.error?.code ?? 'MEILISEARCH_TASK_FAILED',
    )
  }
  return task
}

const quote = (value: string) => JSON.stringify(value)

export const equalsFilter = (field: string, value: string) => `${field} = ${quote(value)}`

export const inFilter = (field: string, values: string[]) =>
  `${field} IN [${values.map(quote).join(', ')}]`

export const geoRadiusFilter = ({ lat, lng, radiusKm }: Near) =>
  `_geoRadius(${lat}, ${lng}, ${Math.round(radiusKm * 1000)})`

/** Nearest first; only asked for with a `_geoRadius` filter, so every hit has a `_geo`. */
export const geoPointSort = ({ lat, lng }: Near) => [`_geoPoint(${lat}, ${lng}):asc`]

/**
 * A document's point when its coordinates are real: one bad `_geo` makes Meilisearch fail the
 * whole batch, so a document with broken coordinates is indexed without a location instead.
 */
export const validPoint = (doc: {
  lat: number | null
  lng: number | null
}): { lat: number; lng: number } | null =>
  isLatitude(doc.lat) && isLongitude(doc.lng) ? { lat: doc.lat, lng: doc.lng } : null

/** A stored hit without the fields added for Meilisearch's filters and sorts. */
export const withoutFields = <T>(hit: Record<string, unknown>, fields: readonly string[]): T =>
  Object.fromEntries(
    Object.entries(hit).filter(([key]) => key !== '_geoDistance' && !fields.includes(key)),
  ) as T

export type MeiliSearchResponse = {
  hits: Record<string, unknown>[]
  total: number
  /** Counts per value of each facet asked for. */
  facets: Record<string, Record<string, number>>
}

/**
 * One index through the official client: created with its settings on first use, every write
 * awaited until Meilisearch has applied it (a failed task rejects, so the job queue retries).
 */
export const meiliIndex = <Stored extends Record<string, unknown>>(
  { host, apiKey, indexPrefix, taskTimeoutMs = 30_000 }: MeilisearchEngineOptions,
  name: string,
  settings: Settings,
) => {
  const client = new Meilisearch({ host, apiKey, timeout: 10_000 })
  const uid = `${indexPrefix}_${name}`
  const index = client.index<Stored>(uid)
  const settle = (enqueued: EnqueuedTask, what: string) => settleTask(enqueued, what, taskTimeoutMs)

  const createWithSettings = async (indexUid: string) => {
    try {
      await client.getIndex(indexUid)
    } catch {
      await settle(client.createIndex(indexUid, { primaryKey: 'id' }), `create index ${indexUid}`)
    }
    await settle(client.index(indexUid).updateSettings(settings), `settings of ${indexUid}`)
  }

  let ready: Promise<void> | undefined
  const ensureIndex = () => {
    ready ??= createWithSettings(uid).catch((error: unknown) => {
      ready = undefined
      throw error
    })
    return ready
  }

  return {
    client,
    uid,
    index,
    settle,
    ensureIndex,
    createWithSettings,
    upsert: async (documents: Stored[], what: string) => {
      if (!documents.length) return
      await ensureIndex()
      await settle(index.addDocuments(documents, { primaryKey: 'id' }), what)
    },
    delete: async (ids: number[], what: string) => {
      if (!ids.length) return
      await ensureIndex()
      await settle(index.deleteDocuments(ids), what)
    },
    search: async (text: string, params: SearchParams): Promise<MeiliSearchResponse> => {
      const response = (await index.search(text || null, params)) as {
        hits: Record<string, unknown>[]
        totalHits?: number
        facetDistribution?: Record<string, Record<string, number>>
      }
      return {
        hits: response.hits,
        total: response.totalHits ?? response.hits.length,
        facets: response.facetDistribution ?? {},
      }
    },
  }
}
