import type { Endpoint, PayloadHandler } from 'payload'
import { z } from 'zod'

import { apiError, apiJson } from '@/lib/kit/response'

import { searchConfig } from '../runtime'
import type { Contract } from '../shared/contract'
import { queueSearchTask } from '../shared/queue'
import { REBUILD_TASK } from '../types'
import { type IndexHealth, indexHealth } from './health'

/** Only for those the plugin's `access.manageIndex` lets manage the index; a 403 for the rest. */
const forIndexManagers =
  (refusal: string, handler: PayloadHandler): PayloadHandler =>
  (req) =>
    searchConfig(req.payload).access.manageIndex(req.user)
      ? handler(req)
      : apiError(req, 403, 'FORBIDDEN', refusal)

const Failure = z.object({ message: z.string(), at: z.string() })

/** `IndexHealth`. */
const IndexHealthSchema = z.object({
  engine: z.string(),
  reachable: z.boolean(),
  engineError: z.string().nullable(),
  documentsInDatabase: z.number().int().describe('Active vendors, which the index should hold.'),
  documentsInIndex: z.number().int().nullable(),
  documentsInMemory: z
    .union([z.number().int(), z.literal('loading')])
    .nullable()
    .describe(
      "Vendors in this instance's in-memory copy, or `loading` (searches then run in SQL); PostgreSQL engine only.",
    ),
  pendingJobs: z.number().int().describe('Updates waiting to be applied, or to retry.'),
  failedJobs: z
    .number()
    .int()
    .describe('Updates that ran out of retries; the recovery job applies them again.'),
  rebuildQueued: z.boolean(),
  lastError: Failure.nullable(),
  inSync: z.boolean(),
  geocoder: z.object({ name: z.string(), lastError: Failure.nullable() }),
}) satisfies z.ZodType<IndexHealth>

/** `GET /api/vendors/search/health` */
export const searchHealthEndpoint: Endpoint = {
  path: '/search/health',
  method: 'get',
  handler: forIndexManagers('Only admins can see the search index health.', async (req) =>
    apiJson(req, { success: true, data: await indexHealth(req.payload) }),
  ),
  custom: {
    openapi: {
      summary: 'Search index health',
      description:
        'Whether the vendor index is reachable and holds every active vendor, the updates waiting or failed, and the geocoder.',
      caller: 'admin',
      response: z.object({ success: z.literal(true), data: IndexHealthSchema }),
    } satisfies Contract,
  },
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
  custom: {
    openapi: {
      summary: 'Rebuild the search index',
      description:
        'Queues a rebuild of the vendor index from the database and answers at once; `GET /api/vendors/search/health` shows it queued.',
      caller: 'admin',
      status: 202,
      response: z.object({
        success: z.literal(true),
        data: z.object({
          jobId: z.union([z.number().int(), z.string()]).describe('The queued job.'),
          queued: z.literal(true),
        }),
      }),
    } satisfies Contract,
  },
}
