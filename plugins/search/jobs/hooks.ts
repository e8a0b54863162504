import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { Job } from '@/payload-types'

import { queueSearchTask } from '../shared/queue'
import { SYNC_JOBS_TASK, type SyncJobsInput } from '../types'

const queueJobSync = (req: PayloadRequest, jobId: number) =>
  queueSearchTask(req.payload, SYNC_JOBS_TASK, { jobIds: [jobId] } satisfies SyncJobsInput, req)

/** A job is on the board while published: any change to one that is or was published is synced. */
export const syncJobToSearch: CollectionAfterChangeHook<Job> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (doc.status === 'published' || previousDoc?.status === 'published') {
    await queueJobSync(req, doc.id)
  }
  return doc
}

export const removeJobFromSearch: CollectionAfterDeleteHook<Job> = async ({ doc, req }) => {
  await queueJobSync(req, doc.id)
  return doc
}
