import type { Endpoint, PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/checkRole'
import { apiError, apiJson } from '@/lib/apiResponse'
import type { JobStatus } from '@/lib/constants'
import { nzDay, nzToday } from '@/lib/marketplace/dates'
import { guarded, jsonBody, routeId } from '@/lib/marketplace/errors'
import { MARKETPLACE_QUEUE } from '@/lib/marketplace/notify'
import { applyToJob, compareQuotes } from '@/lib/marketplace/quotes'
import { JOB_ALERTS_TASK } from '@/lib/marketplace/tasks'
import { transitionContext, transitionProblem } from '@/lib/marketplace/transitions'
import type { Job } from '@/payload-types'

const idOf = (value: unknown): number | null =>
  typeof value === 'object' && value ? (value as { id: number }).id : ((value as number) ?? null)

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
 * `POST /api/jobs/:id/<action>`: moves a job through the state machine on behalf of its
 * organizer (or staff), recording who and when. The job is read with the caller's own access,
 * so a job they may not see is a 404 and one they may see but do not own is a 403.
 */
const transitionEndpoint = (action: string, to: JobStatus): Endpoint => ({
  path: `/:id/${action}`,
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const { user } = req
    if (!user) return apiError(req, 401, 'UNAUTHORIZED', 'Sign in to manage your jobs.')
    const id = Number(req.routeParams?.id)
    if (!Number.isInteger(id) || id < 1) return apiError(req, 404, 'NOT_FOUND', 'Job not found.')
    const job = await req.payload.findByID({
      collection: 'jobs',
      id,
      depth: 0,
      user,
      overrideAccess: false,
      disableErrors: true,
      req,
    })
    if (!job) return apiError(req, 404, 'NOT_FOUND', 'Job not found.')
    if (!isStaffUser(user) && idOf(job.organizer) !== user.id) {
      return apiError(req, 403, 'FORBIDDEN', 'Only the organizer who posted this job can do that.')
    }
    const problem =
      transitionProblem('jobs', job.status, to) ?? (to === 'published' ? publishProblem(job) : null)
    if (problem) return apiError(req, 409, 'INVALID_TRANSITION', problem, { from: job.status, to })
    const at = new Date().toISOString()
    const updated = await req.payload.update({
      collection: 'jobs',
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
      } as never)
    }
    return apiJson(req, { success: true, data: updated })
  },
})

export const jobEndpoints: Endpoint[] = [
  transitionEndpoint('publish', 'published'),
  transitionEndpoint('close', 'closed'),
  {
    path: '/:id/apply',
    method: 'post',
    handler: guarded(async (req) => {
      const quote = await applyToJob(req, routeId(req, 'Job'), await jsonBody(req))
      return apiJson(req, { success: true, data: quote }, { status: 201 })
    }),
  },
  {
    path: '/:id/applications',
    method: 'get',
    handler: guarded(async (req) =>
      apiJson(req, { success: true, data: await compareQuotes(req, routeId(req, 'Job')) }),
    ),
  },
]
