import type { Payload } from 'payload'

import { syncJobs } from '../jobs/documents'
import { databasePool, getSearchEngine, searchConfig } from '../runtime'
import { tableOf } from '../shared/postgres'
import { allVendorDocuments, countActiveVendors } from './documents'
import { syncVendors } from './sync'

export type RebuildProgress = { indexed: number; total: number }

/**
 * Rebuilds the whole index beside the live one and swaps it in. Vendors edited while it ran
 * were written to the old index by their sync jobs, so they are synced once more afterwards.
 * The job board's small index is brought in line too.
 */
export const rebuildSearchIndex = async (
  payload: Payload,
  { onProgress }: { onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<{ documents: number; catchUp: number; ms: number }> => {
  const started = Date.now()
  const pool = databasePool(payload)
  const config = searchConfig(payload)
  const startedAt = new Date(started - 1000)
  const total = await countActiveVendors(pool, config)
  let indexed = 0
  onProgress?.({ indexed, total })
  const { documents } = await getSearchEngine(payload).rebuild(
    allVendorDocuments(pool, config, (count) => {
      indexed += count
      onProgress?.({ indexed, total })
    }),
  )
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM ${tableOf(config.slugs.vendors)} WHERE updated_at >= $1`,
    [startedAt],
  )
  const catchUp = rows.length
    ? await syncVendors(payload, { vendorIds: rows.map((row) => row.id) })
    : 0
  const jobs = await syncJobs(payload)
  payload.logger.info({
    msg: 'Search index rebuilt',
    documents,
    catchUp,
    jobs,
    ms: Date.now() - started,
  })
  return { documents, catchUp, ms: Date.now() - started }
}
