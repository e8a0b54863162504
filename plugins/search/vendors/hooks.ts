import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { Category, Vendor } from '@/payload-types'

import { databasePool, searchConfig } from '../runtime'
import { queueSearchTask } from '../shared/queue'
import { SYNC_TASK, type SyncInput } from '../types'
import { vendorIdsInCategory } from './documents'

/**
 * The outbox: the update is queued as a job with `req`, so it is written in the same
 * transaction as the change itself — both are saved or neither is, and the index is updated
 * after commit by the Jobs Queue, retrying while the engine is down.
 */
const queueVendorSync = async (req: PayloadRequest, input: SyncInput): Promise<void> => {
  await queueSearchTask(req.payload, SYNC_TASK, input, req)
}

/** Queues these vendors' documents to be read again (their bookings or busy days changed). */
export const syncVendorsToSearch = (req: PayloadRequest, vendorIds: number[]) =>
  vendorIds.length ? queueVendorSync(req, { vendorIds }) : Promise.resolve()

export const syncVendorToSearch: CollectionAfterChangeHook<Vendor> = async ({
  doc,
  req,
  context,
}) => {
  if (!context.skipSearchSync) await queueVendorSync(req, { vendorIds: [doc.id] })
  return doc
}

export const removeVendorFromSearch: CollectionAfterDeleteHook<Vendor> = async ({ doc, req }) => {
  await queueVendorSync(req, { vendorIds: [doc.id] })
  return doc
}

/** Category names and parents are part of vendor documents; a rename reaches every vendor in it. */
export const syncCategoryVendorsToSearch: CollectionAfterChangeHook<Category> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const parentId = (value: Category['parent']) =>
    (typeof value === 'object' ? value?.id : value) ?? null
  const changed =
    operation === 'update' &&
    (doc.name !== previousDoc?.name ||
      doc.slug !== previousDoc?.slug ||
      parentId(doc.parent) !== parentId(previousDoc?.parent))
  if (changed) await queueVendorSync(req, { categoryId: doc.id })
  return doc
}

/** Once a category is gone its vendors cannot be found by it, so they are collected first. */
export const syncVendorsOfDeletedCategory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const pool = databasePool(req.payload)
  const vendorIds = await vendorIdsInCategory(pool, searchConfig(req.payload), Number(id))
  if (vendorIds.length) await queueVendorSync(req, { vendorIds })
}
