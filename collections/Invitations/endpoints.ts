import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { declineInvitation, markInvitationSeen } from '@/lib/marketplace/invitations'

/**
 * `POST /api/invitations/:id/<action>`, for the vendor invited. Sending is
 * `POST /api/jobs/:id/invitations`; answering with a quote is the job's `/apply`.
 */
export const invitationEndpoints: Endpoint[] = [
  {
    path: '/:id/seen',
    method: 'post',
    handler: guarded(async (req) => {
      const invitation = await markInvitationSeen(req, routeId(req, 'Invitation'))
      return apiJson(req, { success: true, data: invitation })
    }),
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
]
