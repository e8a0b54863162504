import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { deleteResponse, editResponse } from '@/lib/trust/responses'

/** Responses are posted at `POST /api/reviews/:id/response`; these change or remove one. */
export const reviewResponseEndpoints: Endpoint[] = [
  {
    path: '/:id',
    method: 'put',
    handler: guarded(async (req) =>
      apiJson(req, {
        success: true,
        data: await editResponse(req, routeId(req, 'Response'), await jsonBody(req)),
      }),
    ),
  },
  {
    path: '/:id',
    method: 'delete',
    handler: guarded(async (req) =>
      apiJson(req, { success: true, data: await deleteResponse(req, routeId(req, 'Response')) }),
    ),
  },
]
