import type { Endpoint, PayloadHandler } from 'payload'

import { apiError, apiJson } from '@/lib/kit/response'

import { searchConfig } from '../runtime'
import { queueSearchTask } from '../shared/queue'
import { REBUILD_TASK } from '../types'
import { indexHealth } from './health'

/** Only for those the plugin's `access.manageIndex` lets manage the index; a 403 for the rest. */
const forIndexManagers =
  (refusal: string, handler: PayloadHandler): PayloadHandler =>
  (req) =>
    searchConfig(req.payload).access.manageIndex(req.user)
      ? handler(req)
      : apiError(req, 403, 'FORBIDDEN', refusal)

/** `GET /api/vendors/search/health` */
export const searchHealthEndpoint: Endpoint = {
  path: '/search/health',
  method: 'get',
  handler: forIndexManagers('Only admins can see the search index health.', async (req) =>
    apiJson(req, { success: true, data: await indexHealth(req.payload) }),
  ),
}

/** `POST /api/vendors/search/reindex` — queues a rebuild and answers at once. */
export const searchReindexEndpoint: Endpoint = {
  path: '/search/reindex',
  method: 'post',
  handler: forIndexManagers('Only admins can rebuild the search index.', async (req) => {
    // System write on an admin's behalf: users have no access to the jobs collection.
    const job = await queueSearchTask(req.payload, REBUILD_TASK, {}, req)
    return apiJson(req, { success: true, data: { jobId: job.id, queued: true } }, { status: 202 })
  }),
}
