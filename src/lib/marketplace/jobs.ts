import type { PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import type { JobStatus } from '@/lib/constants'
import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { findVisible } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import type { Job } from '@/payload-types'

import { JOB_ALERTS_TASK } from './alerts'
import { nzDay, nzDayIsAhead, nzToday } from './dates'
import { withdrawOpenInvitations } from './invitations'
import { lockJob } from './jobLock'
import { restoreOutbidQuotes } from './quotes'
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
 * Why a booked job cannot take quotes again, or null: only once its booking is cancelled, and
 * only while its event is still ahead (a vendor needs at least a day).
 */
const reopenProblem = async (req: PayloadRequest, job: Job): Promise<string | null> => {
  if (!nzDayIsAhead(job.eventDate))
    return 'The event is today or has passed, so the job cannot take quotes again.'
  // System count: the organizer may see the booking anyway; staff may not be a party to it.
  const { totalDocs } = await req.payload.count({
    collection: slugs.bookings,
    where: { and: [{ job: { equals: job.id } }, { status: { in: ['confirmed', 'completed'] } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0 ? 'This job is booked: cancel the booking before reopening it.' : null
}

/**
 * Moves a job through the state machine on behalf of its organizer (or staff), recording who
 * and when. The job is read with the caller's own access, so a job they may not see is a 404
 * and one they may see but do not own is a 403. Publishing queues the matching vendors' alerts.
 */
export const moveJob = async (
  req: PayloadRequest,
  id: number,
  to: JobStatus,
  /** The state the job must be in: reopening is only for a booked job, not a draft. */
  from?: JobStatus,
): Promise<Job> => {
  const { user } = req
  if (!user) throw new RequestError(401, 'UNAUTHORIZED', 'Sign in to manage your jobs.')
  await lockJob(req, id)
  const job = await findVisible(req, slugs.jobs, id, 'Job not found.')
  if (!isStaffUser(user) && idOf(job.organizer) !== user.id) {
    throw new RequestError(403, 'FORBIDDEN', 'Only the organizer who posted this job can do that.')
  }
  const reopening = job.status === 'filled' && to === 'published'
  const problem =
    (from && job.status !== from ? `This job is ${job.status}, not ${from}.` : null) ??
    transitionProblem('jobs', job.status, to) ??
    (reopening ? await reopenProblem(req, job) : to === 'published' ? publishProblem(job) : null)
  if (problem) throw new RequestError(409, 'INVALID_TRANSITION', problem, { from: job.status, to })
  const at = new Date().toISOString()
  // A deadline that passed while the job was booked no longer holds: quotes are open until the event.
  const staleDeadline =
    reopening &&
    job.applicationDeadline &&
    new Date(job.applicationDeadline).getTime() <= Date.now()
  const updated = await req.payload.update({
    collection: slugs.jobs,
    id,
    data: {
      status: to,
      history: [
        ...(job.history ?? []),
        {
          from: job.status,
          to,
          by: user.id,
          at,
          note: reopening ? 'Reopened for quotes after the booking was cancelled.' : undefined,
        },
      ],
      ...(to === 'published' && !reopening ? { publishedAt: at } : {}),
      ...(staleDeadline ? { applicationDeadline: null } : {}),
    },
    depth: 0,
    user,
    overrideAccess: false,
    context: transitionContext,
    req,
  })
  if (reopening) await restoreOutbidQuotes(req, updated)
  if (to === 'closed') await withdrawOpenInvitations(req, id, 'The organizer closed the job.')
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
