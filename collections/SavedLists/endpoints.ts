import type { Endpoint } from 'payload'
import { z } from 'zod'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { MAX_SERIAL_ID, parseSerialId } from '@/lib/kit/ids'
import { apiJson } from '@/lib/kit/response'
import { MAX_SAVED_VENDORS } from '@/lib/saved/limits'
import { saveVendor, unsaveVendor } from '@/lib/saved/savedLists'
import { onlyFields } from '@/lib/trust/input'
import { documented, documentOf, envelope } from '@/plugins/openapi'

/** What `saveVendor` reads: the vendor's id as `parseSerialId` takes it, a number or its digits. */
export const SaveVendorRequest = z.strictObject({
  vendor: z
    .union([z.number().int().min(1).max(MAX_SERIAL_ID), z.string().regex(/^\d{1,10}$/)])
    .describe('The id of the vendor to save.'),
})

/** `POST /api/saved-lists/:id/vendors` and `DELETE …/vendors/:vendor`: one vendor in or out. */
export const savedListEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Save a vendor to a list',
      description: `Saving a vendor already on the list changes nothing. A vendor not on the site is a 404; a list holds up to ${MAX_SAVED_VENDORS} vendors (409 LIST_FULL).`,
      caller: 'organizer',
      body: SaveVendorRequest,
      response: envelope(documentOf('saved-lists')),
      example: { vendor: 12 },
    },
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
  ),
  documented(
    {
      summary: 'Take a vendor off a list',
      description:
        'Works whether or not the vendor is still on the site; one not on the list changes nothing.',
      caller: 'organizer',
      response: envelope(documentOf('saved-lists')),
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
  ),
]
