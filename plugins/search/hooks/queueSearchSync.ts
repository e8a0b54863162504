import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { Category, Job, Vendor } from '@/payload-types'

import { SYNC_JOBS_TASK, SYNC_TASK, type SyncInput } from '../types'
import { databasePool, searchConfig } from '../utilities/runtime'
import { vendorIdsInCategory } from '../utilities/vendorDocuments'

/**
 * The outbox: the update is queued as a job with `req`, so it is written in the same
 * transaction as the change itself — both are saved or neither is, and the index is updated
 * after commit by the Jobs Queue, retrying while the engine is down.
 */
export const queueSearchSync = async (req: PayloadRequest, input: SyncInput): Promise<void> => {
  const { queue } = searchConfig(req.payload)
  await req.payload.jobs.queue({ task: SYNC_TASK, input, queue, req } as never)
}

export const syncVendorToSearch: CollectionAfterChangeHook<Vendor> = async ({
  doc,
  req,
  context,
}) => {
  if (!context.skipSearchSync) await queueSearchSync(req, { vendorIds: [doc.id] })
  return doc
}

export const removeVendorFromSearch: CollectionAfterDeleteHook<Vendor> = async ({ doc, req }) => {
  await queueSearchSync(req, { vendorIds: [doc.id] })
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
  if (changed) await queueSearchSync(req, { categoryId: doc.id })
  return doc
}

/** Once a category is gone its vendors cannot be found by it, so they are collected first. */
export const syncVendorsOfDeletedCategory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const vendorIds = await vendorIdsInCategory(databasePool(req.payload), Number(id))
  if (vendorIds.length) await queueSearchSync(req, { vendorIds })
}

/** A job is on the board while published: any change to one that is or was published is synced. */
export const syncJobToSearch: CollectionAfterChangeHook<Job> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (doc.status === 'published' || previousDoc?.status === 'published') {
    const { queue } = searchConfig(req.payload)
    await req.payload.jobs.queue({
      task: SYNC_JOBS_TASK,
      input: { jobIds: [doc.id] },
      queue,
      req,
    } as never)
  }
  return doc
}

export const removeJobFromSearch: CollectionAfterDeleteHook<Job> = async ({ doc, req }) => {
  const { queue } = searchConfig(req.payload)
  await req.payload.jobs.queue({
    task: SYNC_JOBS_TASK,
    input: { jobIds: [doc.id] },
    queue,
    req,
  } as never)
  return doc
}
