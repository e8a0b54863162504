import type { Endpoint } from 'payload'

import { apiJson } from '@/lib/apiResponse'
import { guarded, jsonBody, routeId } from '@/lib/marketplace/errors'

import { moderateMessage, moderateVendor, queueCounts } from './moderation'
import { decideDocument } from './verification'

/** `POST /api/verification-documents/:id/decide` — approve or reject, with notes. */
export const decideDocumentEndpoint: Endpoint = {
  path: '/:id/decide',
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, {
      success: true,
      data: await decideDocument(req, routeId(req, 'Document'), await jsonBody(req)),
    }),
  ),
}

/** `POST /api/messages/:id/moderate` — clear or remove a flagged message. */
export const moderateMessageEndpoint: Endpoint = {
  path: '/:id/moderate',
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, {
      success: true,
      data: await moderateMessage(req, routeId(req, 'Message'), await jsonBody(req)),
    }),
  ),
}

/** `POST /api/vendors/:id/moderate` — approve or reject a new vendor profile. */
export const moderateVendorEndpoint: Endpoint = {
  path: '/:id/moderate',
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, {
      success: true,
      data: await moderateVendor(req, routeId(req, 'Vendor'), await jsonBody(req)),
    }),
  ),
}

/** `GET /api/moderation/queues` — how many items wait in each moderation queue. */
export const moderationQueuesEndpoint: Endpoint = {
  path: '/moderation/queues',
  method: 'get',
  handler: guarded(async (req) => apiJson(req, { success: true, data: await queueCounts(req) })),
}
