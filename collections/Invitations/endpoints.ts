import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import {
  declineInvitation,
  DeclineRequest,
  markInvitationSeen,
} from '@/lib/marketplace/invitations'
import { documented, documentOf, envelope } from '@/plugins/openapi'

/**
 * `POST /api/invitations/:id/<action>`, for the vendor invited. Sending is
 * `POST /api/jobs/:id/invitations`; answering with a quote is the job's `/apply`.
 */
export const invitationEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Mark an invitation seen',
      description: 'The organizer sees “seen” from then on. Only the first call changes anything.',
      caller: 'vendor',
      response: envelope(documentOf('invitations')),
    },
    {
      path: '/:id/seen',
      method: 'post',
      handler: guarded(async (req) => {
        const invitation = await markInvitationSeen(req, routeId(req, 'Invitation'))
        return apiJson(req, { success: true, data: invitation })
      }),
    },
  ),
  documented(
    {
      summary: 'Decline an invitation',
      description:
        'The organizer reads the reason and note, live and by email (contact details in the note are masked for them). 409 INVALID_TRANSITION when the invitation can no longer be declined.',
      caller: 'vendor',
      body: DeclineRequest,
      response: envelope(documentOf('invitations')),
      example: { reason: 'unavailable', note: 'Booked elsewhere that weekend.' },
    },
    {
      path: '/:id/decline',
      method: 'post',
      handler: guarded(async (req) => {
        const id = routeId(req, 'Invitation')
        const invitation = await declineInvitation(req, id, await jsonBody(req))
        return apiJson(req, { success: true, data: invitation })
      }),
    },
  ),
]
