import type { Endpoint } from 'payload'

import { checkRole } from '@/access/checkRole'
import { apiError, apiJson } from '@/lib/apiResponse'

import { REBUILD_TASK } from '../types'
import { indexHealth } from '../utilities/indexHealth'
import { searchConfig } from '../utilities/runtime'

/** `GET /api/vendors/search/health` — admins only. */
export const searchHealthEndpoint: Endpoint = {
  path: '/search/health',
  method: 'get',
  handler: async (req) => {
    if (!checkRole(['admin'], req.user))
      return apiError(req, 403, 'FORBIDDEN', 'Only admins can see the search index health.')
    return apiJson(req, { success: true, data: await indexHealth(req.payload) })
  },
}

/** `POST /api/vendors/search/reindex` — admins only; queues a rebuild and answers at once. */
export const searchReindexEndpoint: Endpoint = {
  path: '/search/reindex',
  method: 'post',
  handler: async (req) => {
    if (!checkRole(['admin'], req.user))
      return apiError(req, 403, 'FORBIDDEN', 'Only admins can rebuild the search index.')
    const { queue } = searchConfig(req.payload)
    // System write on an admin's behalf: users have no access to the jobs collection.
    const job = await req.payload.jobs.queue({ task: REBUILD_TASK, input: {}, queue, req } as never)
    return apiJson(
      req,
      { success: true, data: { jobId: (job as { id: number | string }).id, queued: true } },
      { status: 202 },
    )
  },
}
