import type { Endpoint } from 'payload'

import type { JobStatus } from '@/lib/constants'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { inTransaction } from '@/lib/kit/transaction'
import { inviteVendors } from '@/lib/marketplace/invitations'
import { moveJob } from '@/lib/marketplace/jobs'
import { applyToJob, compareQuotes } from '@/lib/marketplace/quotes'

/** `POST /api/jobs/:id/<action>`: the state machine, on behalf of the job's organizer or staff. */
const transitionEndpoint = (action: string, to: JobStatus, from?: JobStatus): Endpoint => ({
  path: `/:id/${action}`,
  method: 'post',
  handler: guarded(async (req) => {
    const id = routeId(req, 'Job')
    const job = await inTransaction(req, () => moveJob(req, id, to, from))
    return apiJson(req, { success: true, data: job })
  }),
})

export const jobEndpoints: Endpoint[] = [
  transitionEndpoint('publish', 'published'),
  transitionEndpoint('close', 'closed'),
  // A filled job whose booking was cancelled takes quotes again (moveJob says when it may).
  transitionEndpoint('reopen', 'published', 'filled'),
  {
    path: '/:id/apply',
    method: 'post',
    handler: guarded(async (req) => {
      const quote = await applyToJob(req, routeId(req, 'Job'), await jsonBody(req))
      return apiJson(req, { success: true, data: quote }, { status: 201 })
    }),
  },
  {
    path: '/:id/invitations',
    method: 'post',
    handler: guarded(async (req) => {
      const outcome = await inviteVendors(req, routeId(req, 'Job'), await jsonBody(req))
      return apiJson(req, { success: true, data: outcome }, { status: 201 })
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
