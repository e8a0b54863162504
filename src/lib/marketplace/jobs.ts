import type { PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import type { JobStatus } from '@/lib/constants'
import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { findVisible } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import type { Job } from '@/payload-types'

import { nzDay, nzToday } from './dates'
import { JOB_ALERTS_TASK } from './tasks'
import { transitionContext, transitionProblem } from './transitions'

/** Why a draft cannot be opened for quotes yet, in words the organizer can act on; or null. */
const publishProblem = (job: Job): string | null => {
  if (nzDay(job.eventDate) < nzToday())
    return 'The event date has passed: change it before publishing.'
  if (job.applicationDeadline && new Date(job.applicationDeadline).getTime() <= Date.now()) {
    return 'The quote deadline has passed: set a later one before publishing.'
  }
  return null
}

/**
 * Moves a job through the state machine on behalf of its organizer (or staff), recording who
 * and when. The job is read with the caller's own access, so a job they may not see is a 404
 * and one they may see but do not own is a 403. Publishing queues the matching vendors' alerts.
 */
export const moveJob = async (req: PayloadRequest, id: number, to: JobStatus): Promise<Job> => {
  const { user } = req
  if (!user) throw new RequestError(401, 'UNAUTHORIZED', 'Sign in to manage your jobs.')
  const job = await findVisible(req, slugs.jobs, id, 'Job not found.')
  if (!isStaffUser(user) && idOf(job.organizer) !== user.id) {
    throw new RequestError(403, 'FORBIDDEN', 'Only the organizer who posted this job can do that.')
  }
  const problem =
    transitionProblem('jobs', job.status, to) ?? (to === 'published' ? publishProblem(job) : null)
  if (problem) throw new RequestError(409, 'INVALID_TRANSITION', problem, { from: job.status, to })
  const at = new Date().toISOString()
  const updated = await req.payload.update({
    collection: slugs.jobs,
    id,
    data: {
      status: to,
      history: [...(job.history ?? []), { from: job.status, to, by: user.id, at }],
      ...(to === 'published' ? { publishedAt: at } : {}),
    },
    depth: 0,
    user,
    overrideAccess: false,
    context: transitionContext,
    req,
  })
  if (to === 'published') {
    await req.payload.jobs.queue({
      task: JOB_ALERTS_TASK,
      queue: MARKETPLACE_QUEUE,
      input: {},
      req,
    })
  }
  return updated
}
