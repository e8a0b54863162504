import type { Endpoint, PayloadRequest } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'

import { moderateMessage, moderateVendor, queueCounts } from './moderation'
import { decideDocument } from './verification'

/** `POST /api/<collection>/<path>`: a moderator's decision on the document named by `:id`. */
export const decisionEndpoint = (
  path: string,
  noun: string,
  decide: (req: PayloadRequest, id: number, input: Record<string, unknown>) => Promise<unknown>,
): Endpoint => ({
  path,
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, {
      success: true,
      data: await decide(req, routeId(req, noun), await jsonBody(req)),
    }),
  ),
})

/** `POST /api/verification-documents/:id/decide` — approve or reject, with notes. */
export const decideDocumentEndpoint = decisionEndpoint('/:id/decide', 'Document', decideDocument)

/** `POST /api/messages/:id/moderate` — clear or remove a flagged message. */
export const moderateMessageEndpoint = decisionEndpoint('/:id/moderate', 'Message', moderateMessage)

/** `POST /api/vendors/:id/moderate` — approve or reject a new vendor profile. */
export const moderateVendorEndpoint = decisionEndpoint('/:id/moderate', 'Vendor', moderateVendor)

/** `GET /api/moderation/queues` — how many items wait in each moderation queue. */
export const moderationQueuesEndpoint: Endpoint = {
  path: '/moderation/queues',
  method: 'get',
  handler: guarded(async (req) => apiJson(req, { success: true, data: await queueCounts(req) })),
}
