import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { parseSerialId } from '@/lib/kit/ids'
import { apiJson } from '@/lib/kit/response'
import { saveVendor, unsaveVendor } from '@/lib/saved/savedLists'
import { onlyFields } from '@/lib/trust/input'

/** `POST /api/saved-lists/:id/vendors` and `DELETE …/vendors/:vendor`: one vendor in or out. */
export const savedListEndpoints: Endpoint[] = [
  {
    path: '/:id/vendors',
    method: 'post',
    handler: guarded(async (req) => {
      const id = routeId(req, 'List')
      const body = await jsonBody(req)
      onlyFields(body, ['vendor'])
      return apiJson(req, { success: true, data: await saveVendor(req, id, body.vendor) })
    }),
  },
  {
    path: '/:id/vendors/:vendor',
    method: 'delete',
    handler: guarded(async (req) => {
      const id = routeId(req, 'List')
      const vendor = parseSerialId(req.routeParams?.vendor)
      if (vendor === null) throw new RequestError(404, 'NOT_FOUND', 'Vendor not found.')
      return apiJson(req, { success: true, data: await unsaveVendor(req, id, vendor) })
    }),
  },
]
