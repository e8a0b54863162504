import type { Payload } from 'payload'

import { databasePool, getSearchEngine, searchConfig } from '../runtime'
import type { SyncInput } from '../types'
import { loadVendorDocuments, vendorIdsInCategory } from './documents'

const BATCH = 500

/**
 * Brings the index in line with the database for these vendors: active ones are written with
 * their current state, the rest (draft, inactive, deleted) are removed. Reads the state at the
 * time it runs, so running it again, or late, is always right.
 */
export const syncVendors = async (payload: Payload, input: SyncInput): Promise<number> => {
  const pool = databasePool(payload)
  const config = searchConfig(payload)
  const engine = getSearchEngine(payload)
  const ids = new Set(input.vendorIds ?? [])
  if (input.categoryId)
    for (const id of await vendorIdsInCategory(pool, config, input.categoryId)) ids.add(id)
  const all = [...ids]
  for (let start = 0; start < all.length; start += BATCH) {
    const batch = all.slice(start, start + BATCH)
    const documents = await loadVendorDocuments(pool, config, batch)
    const indexed = new Set(documents.map((doc) => doc.id))
    await engine.upsert(documents)
    await engine.delete(batch.filter((id) => !indexed.has(id)))
  }
  return all.length
}
