import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { isWritingAs } from '@/access/writers'
import type { Application } from '@/payload-types'

import { slugs } from '../../slugs'

/**
 * A vendor may sharpen a quote while the job is open; once the organizer has closed or booked
 * the job, the quotes are a record of what was offered.
 */
export const keepQuoteEditsToOpenJobs: CollectionBeforeChangeHook<Application> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || isWritingAs(req, 'stateMachine')) return data
  const jobId = typeof originalDoc?.job === 'object' ? originalDoc.job.id : originalDoc?.job
  if (!jobId) return data
  // System read: the job's status decides, whoever is editing.
  const job = await req.payload.findByID({
    collection: slugs.jobs,
    id: jobId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (job?.status !== 'published') {
    throw new APIError(
      'This job is no longer taking quotes, so the quote cannot change.',
      409,
      undefined,
      true,
    )
  }
  return data
}
