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

/**
 * The ranking rules around the words. Meilisearch applies its rules strictly in order, each one
 * only breaking the ties of those before it, and PostgreSQL orders by an explicit sort (distance,
 * price, rating, date) before anything else. So `sort` comes first: with a sort asked for, the
 * order is that sort and the words only break its ties; with none, the `sort` rule has nothing
 * to compare and the order is the words' relevance, as before (Meilisearch's default puts `sort`
 * after `attribute`, where a sort only breaks relevance ties).
 */
export const SORT_THEN_RELEVANCE = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness']

const quote = (value: string) => JSON.stringify(value)

/** Filter expressions, values quoted as Meilisearch's filter syntax wants them. */
export const meiliFilter = {
  equals: (field: string, value: string) => `${field} = ${quote(value)}`,
  in: (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`,
  geoRadius: ({ lat, lng, radiusKm }: Near) =>
    `_geoRadius(${lat}, ${lng}, ${Math.round(radiusKm * 1000)})`,
}

/**
 * Meilisearch's sort for the requested order: as listed, or nearest first for `distance`
 * (only asked for with a point, whose `_geoRadius` filter leaves only hits with a `_geo`);
 * none for an order the ranking rules give.
 */
export const sortFor = <Sort extends string>(
  orders: Partial<Record<Sort, string[]>>,
  { sort, near }: { sort: Sort; near: Near | null },
): string[] | undefined =>
  sort !== 'distance'
    ? orders[sort]
    : near
      ? [`_geoPoint(${near.lat}, ${near.lng}):asc`]
      : undefined

/**
 * A document's point when its coordinates are real: one bad `_geo` makes Meilisearch fail the
 * whole batch, so a document with broken coordinates is indexed without a location instead.
 */
export const validPoint = (doc: {
  lat: number | null
  lng: number | null
}): { lat: number; lng: number } | null =>
  isLatitude(doc.lat) && isLongitude(doc.lng) ? { lat: doc.lat, lng: doc.lng } : null

export type MeiliSearchResponse<Doc> = {
  hits: { document: Doc }[]
  total: number
  /** Counts per value of each facet asked for. */
  facets: Record<string, Record<string, number>>
}

/**
 * One index through the official client: created with its settings on first use, every write
 * awaited until Meilisearch has applied it (a failed task rejects, so the job queue retries).
 */
/** One kind of document in Meilisearch: how it is stored and what its index is called. */
export type MeiliIndexDefinition<Doc, Stored> = {
  /** The index uid is `<prefix>_<name>`. */
  name: string
  settings: Settings
  /** The document with the fields Meilisearch's filters and sorts need. */
  toStored: (doc: Doc) => Stored
  /** What `toStored` adds, taken off again before a hit is returned. */
  addedFields: readonly string[]
}

export const meiliIndex = <Doc, Stored extends Doc & Record<string, unknown>>(
  { host, apiKey, indexPrefix, taskTimeoutMs = 30_000 }: MeilisearchEngineOptions,
  { name, settings, toStored, addedFields }: MeiliIndexDefinition<Doc, Stored>,
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
    toStored,
    upsert: async (documents: Doc[], what: string) => {
      if (!documents.length) return
      await ensureIndex()
      await settle(index.addDocuments(documents.map(toStored), { primaryKey: 'id' }), what)
    },
    delete: async (ids: number[], what: string) => {
      if (!ids.length) return
      await ensureIndex()
      await settle(index.deleteDocuments(ids), what)
    },
    search: async (
      { text, page, limit }: { text: string; page: number; limit: number },
      { filter, sort, facets }: { filter: string[]; sort?: string[]; facets?: string[] },
    ): Promise<MeiliSearchResponse<Doc>> => {
      // Every word required, as PostgreSQL does: Meilisearch's default (`last`) also returns,
      // and counts in `totalHits` and the facets, documents matching only the first words.
      const params: SearchParams = { filter, page, hitsPerPage: limit, matchingStrategy: 'all' }
      if (facets) params.facets = facets
      if (sort) params.sort = sort
      const response = (await index.search(text || null, params)) as {
        hits: Record<string, unknown>[]
        totalHits?: number
        facetDistribution?: Record<string, Record<string, number>>
      }
      const removed = new Set(['_geoDistance', ...addedFields])
      return {
        hits: response.hits.map((hit) => ({
          document: Object.fromEntries(
            Object.entries(hit).filter(([key]) => !removed.has(key)),
          ) as Doc,
        })),
        total: response.totalHits ?? response.hits.length,
        facets: response.facetDistribution ?? {},
      }
    },
  }
}
