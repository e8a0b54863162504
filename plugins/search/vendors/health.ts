import type { Payload } from 'payload'

import { databasePool, getSearchEngine, searchConfig } from '../runtime'
import { REBUILD_TASK, SYNC_TASK } from '../types'
import { countActiveVendors } from './documents'

export type IndexHealth = {
  engine: string
  reachable: boolean
  engineError: string | null
  documentsInDatabase: number
  documentsInIndex: number | null
  /** Vendors in this instance's in-memory copy, or 'loading' (searches then run in SQL); PostgreSQL engine only. */
  documentsInMemory: number | 'loading' | null
  /** Updates waiting to be applied (including ones waiting to retry). */
  pendingJobs: number
  /** Updates that ran out of retries; the recovery job applies them again. */
  failedJobs: number
  rebuildQueued: boolean
  lastError: { message: string; at: string } | null
  inSync: boolean
  /** The place-name geocoder, and its last failure when it calls an outside service. */
  geocoder: { name: string; lastError: { message: string; at: string } | null }
}

export const indexHealth = async (payload: Payload): Promise<IndexHealth> => {
  const config = searchConfig(payload)
  const engine = getSearchEngine(payload)
  const [engineHealth, documentsInDatabase, pending, failed, rebuilds, lastFailure] =
    await Promise.all([
      engine.health(),
      countActiveVendors(databasePool(payload), config),
      // System reads for an admin-only view: the jobs collection has no public access.
      payload.count({
        collection: 'payload-jobs',
        where: {
          and: [
            // The recovery job waits for its next slot; only updates count as waiting.
            { taskSlug: { in: [SYNC_TASK, REBUILD_TASK] } },
            { completedAt: { exists: false } },
            { hasError: { not_equals: true } },
          ],
        },
        overrideAccess: true,
      }),
      payload.count({
        collection: 'payload-jobs',
        where: { and: [{ taskSlug: { equals: SYNC_TASK } }, { hasError: { equals: true } }] },
        overrideAccess: true,
      }),
      payload.count({
        collection: 'payload-jobs',
        where: {
          and: [
            { taskSlug: { equals: REBUILD_TASK } },
            { completedAt: { exists: false } },
            { hasError: { not_equals: true } },
          ],
        },
        overrideAccess: true,
      }),
      payload.find({
        collection: 'payload-jobs',
        where: {
          and: [{ queue: { equals: config.queue } }, { 'log.state': { equals: 'failed' } }],
        },
        sort: '-updatedAt',
        limit: 1,
        depth: 0,
        overrideAccess: true,
      }),
    ])
  const failedLog = lastFailure.docs[0]?.log?.filter((entry) => entry.state === 'failed').at(-1)
  const errorValue = failedLog?.error as { message?: string } | string | undefined
  const lastError = failedLog
    ? {
        message:
          typeof errorValue === 'string' ? errorValue : (errorValue?.message ?? 'Unknown error'),
        at: failedLog.completedAt,
      }
    : null
  return {
    engine: engine.name,
    reachable: engineHealth.ok,
    engineError: engineHealth.error ?? null,
    documentsInDatabase,
    documentsInIndex: engineHealth.documents,
    documentsInMemory: engineHealth.memory
      ? engineHealth.memory.ready
        ? engineHealth.memory.documents
        : 'loading'
      : null,
    pendingJobs: pending.totalDocs,
    failedJobs: failed.totalDocs,
    rebuildQueued: rebuilds.totalDocs > 0,
    lastError,
    inSync:
      engineHealth.documents === documentsInDatabase &&
      pending.totalDocs === 0 &&
      failed.totalDocs === 0,
    geocoder: { name: config.geocoder.name, lastError: config.geocoder.lastError?.() ?? null },
  }
}
